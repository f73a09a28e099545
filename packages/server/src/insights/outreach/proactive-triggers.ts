/**
 * Which customers should get a proactive in-app message, and why, from what their own product
 * reported about them (account events, sent through the widget's `track` or a snapshot). The
 * triggers are those spec/service-levels.md names for in-app: an error the app reports, signs of
 * confusion with a feature, long inactivity; plus onboarding and feature-adoption guidance for new
 * customers. Pure: the store gathers the events, this decides; the responder drafts the message and
 * an agent sends it (nothing here sends).
 *
 * An event's type names its feature before the first dot ("export.failed" is about "export"); an
 * event whose last part is one of `failureWords` is an error, one of `successWords` a success.
 */

export type AccountEventFact = { id: string; at: Date; type: string; data?: Record<string, unknown> | null };

export type CustomerActivity = {
  customerId: string;
  /** The customer's account events, any order. */
  events: readonly AccountEventFact[];
  /** Features the customer already has an open ticket about: no proactive message about those. */
  featuresInOpenTickets?: readonly string[];
};

export type ProactiveTriggerKind = "app_error" | "feature_confusion" | "inactivity" | "onboarding";

export type ProactiveTrigger = {
  customerId: string;
  kind: ProactiveTriggerKind;
  /** The feature the message is about; absent for inactivity. */
  feature?: string;
  /** Why, in words an agent can check against the evidence. */
  reason: string;
  /** The account events that set the trigger off. */
  evidence: AccountEventFact[];
  /** Words to look the knowledge base up with for the draft. */
  searchText: string;
};

export const proactiveRules = {
  /** An error counts while it is this recent. */
  errorWithinHours: 24,
  /** The same feature tried at least this many times… */
  confusionAttempts: 3,
  /** …within this many minutes, with no success after the first try. */
  confusionWithinMinutes: 15,
  /** No account event for this many days after earlier activity is long inactivity. */
  inactiveDays: 14,
  /** A customer whose first account event is this recent is new. */
  newCustomerDays: 14,
  /** Features used by at least this share of the workspace's active customers are worth adopting. */
  adoptionShare: 0.5,
};

export const failureWords = new Set(["failed", "failure", "error", "errored", "crashed", "timeout", "timed_out"]);
export const successWords = new Set(["completed", "succeeded", "success", "done", "finished", "saved"]);

const hour = 3_600_000;
const day = 24 * hour;

export function featureOf(type: string): string {
  return type.split(".")[0]?.trim().toLowerCase() ?? "";
}

const outcomeOf = (type: string): string => type.split(".").at(-1)?.trim().toLowerCase() ?? "";
const isFailure = (event: AccountEventFact) => event.type.includes(".") && failureWords.has(outcomeOf(event.type));
const isSuccess = (event: AccountEventFact) => event.type.includes(".") && successWords.has(outcomeOf(event.type));
const byTime = (left: AccountEventFact, right: AccountEventFact) =>
  left.at.getTime() - right.at.getTime() || (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);
const words = (feature: string) => feature.replaceAll(/[_-]+/g, " ");

/**
 * The features at least `adoptionShare` of the customers have used (any event about them), by how
 * many use them, most used first: what a new customer is guided towards.
 */
export function commonlyAdoptedFeatures(customers: readonly CustomerActivity[]): string[] {
  const users = new Map<string, number>();
  let active = 0;
  for (const customer of customers) {
    const features = new Set(customer.events.map((event) => featureOf(event.type)).filter(Boolean));
    if (features.size > 0) active++;
    for (const feature of features) users.set(feature, (users.get(feature) ?? 0) + 1);
  }
  return [...users.entries()]
    .filter(([, count]) => active > 0 && count / active >= proactiveRules.adoptionShare)
    .sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
    .map(([feature]) => feature);
}

/** The proactive messages one customer needs now, with the events behind each. */
export function proactiveTriggers(
  customer: CustomerActivity,
  now: Date,
  adoptedFeatures: readonly string[] = [],
): ProactiveTrigger[] {
  const events = customer.events.filter((event) => event.at.getTime() <= now.getTime()).sort(byTime);
  if (events.length === 0) return [];
  const covered = new Set((customer.featuresInOpenTickets ?? []).map((feature) => feature.toLowerCase()));
  const triggers: ProactiveTrigger[] = [];
  const byFeature = new Map<string, AccountEventFact[]>();
  for (const event of events) {
    const feature = featureOf(event.type);
    if (!feature) continue;
    const list = byFeature.get(feature);
    if (list) list.push(event);
    else byFeature.set(feature, [event]);
  }

  for (const [feature, featureEvents] of byFeature) {
    if (covered.has(feature)) continue;
    const recentErrors = featureEvents.filter(
      (event) => isFailure(event) && now.getTime() - event.at.getTime() <= proactiveRules.errorWithinHours * hour,
    );
    const lastError = recentErrors.at(-1);
    // An error the customer got past on their own (a success after it) needs no message.
    if (lastError && !featureEvents.some((event) => isSuccess(event) && event.at > lastError.at)) {
      triggers.push({
        customerId: customer.customerId,
        kind: "app_error",
        feature,
        reason: `${recentErrors.length} ${feature} error${recentErrors.length === 1 ? "" : "s"} reported by the app in the last ${proactiveRules.errorWithinHours} h, none followed by a success`,
        evidence: recentErrors,
        searchText: `${words(feature)} ${outcomeOf(lastError.type)} error`,
      });
      continue;
    }
    const confusion = confusedAttempts(featureEvents);
    if (confusion) {
      triggers.push({
        customerId: customer.customerId,
        kind: "feature_confusion",
        feature,
        reason: `${feature} tried ${confusion.length} times within ${proactiveRules.confusionWithinMinutes} minutes without success`,
        evidence: confusion,
        searchText: `how to ${words(feature)}`,
      });
    }
  }

  const first = events[0] as AccountEventFact;
  const last = events.at(-1) as AccountEventFact;
  const idleDays = (now.getTime() - last.at.getTime()) / day;
  if (idleDays >= proactiveRules.inactiveDays) {
    triggers.push({
      customerId: customer.customerId,
      kind: "inactivity",
      reason: `no activity for ${Math.floor(idleDays)} days (last: ${last.type} on ${last.at.toISOString().slice(0, 10)})`,
      evidence: [last],
      searchText: "getting started",
    });
  } else if ((now.getTime() - first.at.getTime()) / day <= proactiveRules.newCustomerDays) {
    const unused = adoptedFeatures.filter((feature) => !byFeature.has(feature) && !covered.has(feature));
    if (unused.length > 0) {
      triggers.push({
        customerId: customer.customerId,
        kind: "onboarding",
        feature: unused[0] as string,
        reason: `new customer (first activity ${first.at.toISOString().slice(0, 10)}) who has not used ${unused.join(", ")}, which most customers use`,
        evidence: [first],
        searchText: `getting started ${unused.map(words).join(" ")}`,
      });
    }
  }
  return triggers;
}

/**
 * The latest run of at least `confusionAttempts` events about one feature within
 * `confusionWithinMinutes`, none of them a success and no success after them; null when there is none.
 */
function confusedAttempts(featureEvents: readonly AccountEventFact[]): AccountEventFact[] | null {
  const window = proactiveRules.confusionWithinMinutes * 60_000;
  for (let end = featureEvents.length - 1; end >= proactiveRules.confusionAttempts - 1; end--) {
    const last = featureEvents[end] as AccountEventFact;
    if (isSuccess(last)) return null;
    let start = end;
    while (start > 0) {
      const previous = featureEvents[start - 1] as AccountEventFact;
      if (isSuccess(previous) || last.at.getTime() - previous.at.getTime() > window) break;
      start--;
    }
    if (end - start + 1 >= proactiveRules.confusionAttempts) return featureEvents.slice(start, end + 1);
  }
  return null;
}
