import {
  type ChannelName,
  type Priority,
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotAccountEvent,
  type SnapshotCustomer,
  type SnapshotMessage,
  type SnapshotTicket,
  type SnapshotTicketEvent,
  type TicketStatus,
} from "../core/snapshot/snapshot-schema.ts";
import {
  createRandom,
  hour,
  itemAt,
  minute,
  mixSeed,
  type Random,
  type WeightedEntries,
} from "../testing/snapshot-generator.ts";
import { createCalendar, nextStaffedInstant } from "./demo-calendar.ts";
import {
  customerCompanies,
  customerNames,
  type DemoAgent,
  demoAgents,
  demoStaffedHours,
  demoTeams,
  demoTimeZone,
  demoWorkspaceSettings,
  findDemoAgent,
  personalEmailDomains,
  snapshotAgent,
} from "./demo-cast.ts";
import { everydayTopics } from "./demo-everyday-topics.ts";
import { demoArticles, demoKnownIssues, knownIssueIds } from "./demo-knowledge-base.ts";
import {
  creditPackagesTopic,
  exportLinkTopic,
  exportTimeoutTopic,
  passwordResetEmailTopic,
  safariLoginTopic,
} from "./demo-story-topics.ts";
import type { AccountEventDraft, DemoTopic, Scene, TicketScript } from "./demo-topic-kit.ts";
import {
  languageStyles,
  type TranslatedLanguage,
  type TranslatedScript,
  translatedLanguages,
  writeTranslatedScript,
} from "./demo-translations.ts";

const storySeed = 20_260_327;
const calendar = createCalendar(demoTimeZone);

/** The two calendar months the demo covers, in the workspace's time zone, and the moment the story stops. */
export const demoPeriods = {
  previous: { start: calendar.instantAt(2026, 2, 1), end: calendar.instantAt(2026, 3, 1) },
  current: { start: calendar.instantAt(2026, 3, 1), end: calendar.instantAt(2026, 4, 1) },
  now: calendar.instantAt(2026, 3, 27, 10, 45),
} as const;

type MonthName = "previous" | "current";

/** What the story aims for in each month; the builder tunes first responses, FCR and CSAT to land on these. */
const monthTargets: Record<MonthName, { firstResponseHours: number; fcrShare: number; csatMean: number }> = {
  previous: { firstResponseHours: 1.55, fcrShare: 0.845, csatMean: 4.52 },
  current: { firstResponseHours: 1.4, fcrShare: 0.82, csatMean: 4.6 },
};

const topicVolumes: readonly (readonly [DemoTopic, number, number])[] = [
  [exportTimeoutTopic, 0, 27],
  [exportLinkTopic, 4, 0],
  [safariLoginTopic, 0, 19],
  [passwordResetEmailTopic, 2, 0],
  [creditPackagesTopic, 11, 15],
  [everydayTopics.dashboardSetup, 15, 14],
  [everydayTopics.scheduledReports, 9, 13],
  [everydayTopics.duplicateReportEmails, 9, 0],
  [everydayTopics.googleSheets, 14, 13],
  [everydayTopics.salesforce, 9, 10],
  [everydayTopics.slackAlerts, 8, 9],
  [everydayTopics.trackingDiscrepancy, 16, 14],
  [everydayTopics.missingEvents, 11, 12],
  [everydayTopics.twoFactor, 14, 13],
  [everydayTopics.singleSignOn, 8, 9],
  [everydayTopics.teammates, 15, 14],
  [everydayTopics.invoiceRequest, 17, 14],
  [everydayTopics.failedPayment, 10, 11],
  [everydayTopics.planUpgrade, 13, 13],
  [everydayTopics.seatChanges, 9, 10],
  [everydayTopics.featureRequest, 18, 14],
  [everydayTopics.dataDeletion, 9, 10],
  [everydayTopics.dataAccess, 6, 7],
  [everydayTopics.apiRateLimits, 10, 12],
  [everydayTopics.webhookFailures, 9, 11],
  [everydayTopics.slowDashboards, 14, 13],
  [everydayTopics.csvImport, 10, 11],
  [everydayTopics.embeddedDashboards, 8, 9],
  [everydayTopics.complaint, 9, 8],
  [everydayTopics.cancellation, 9, 8],
  [everydayTopics.accountLocked, 9, 8],
];

type FinalState = "solved" | "new" | "open" | "pending" | "on_hold";
type ResolutionPath = "direct" | "clarify" | "escalated" | "reopened";

type CustomerRecord = {
  snapshot: SnapshotCustomer;
  firstName: string;
  language: string;
  domain: string;
};

type TicketPlan = {
  topic: DemoTopic;
  month: MonthName;
  createdAt: number;
  channel: ChannelName;
  priority: Priority;
  state: FinalState;
  path: ResolutionPath;
  /** Set by the story; tuning leaves it alone. */
  pathFixed: boolean;
  seed: number;
  language?: TranslatedLanguage;
  maya?: "star" | "earlier";
  id: string;
  customer?: CustomerRecord;
  agent?: DemoAgent;
  script?: TicketScript;
  translated?: TranslatedScript;
  firstReplyAt: number;
  wantsCsat: boolean;
  csatScore?: 1 | 2 | 3 | 4 | 5;
};

type TimelineEntry = { at: number; order: number; message?: SnapshotMessage; event?: SnapshotTicketEvent };

type RenderedTicket = {
  plan: TicketPlan;
  ticket: SnapshotTicket;
  solvedTimes: number[];
  publicReplies: number;
  escalated: boolean;
  reopened: boolean;
  csatAt?: number;
};

const weekdayWeight = (instant: number): number => {
  const weekday = calendar.localTime(instant).weekday;
  return weekday === 0 || weekday === 6 ? 0.4 : 1;
};

const hourWeights = [
  0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 1.2, 2.6, 3.6, 4, 4, 3.6, 3.8, 3.8, 3.6, 3.2, 2.6, 2, 1.6, 1.3, 1, 0.7, 0.4,
] as const;

const liveChannels = new Set<ChannelName>(["chat", "phone"]);

const drawCreatedAt = (
  random: Random,
  month: MonthName,
  channel: ChannelName,
  window: { firstDay: number; lastDay: number; ramp?: boolean },
): number => {
  const [year, monthNumber] = month === "previous" ? [2026, 2] : [2026, 3];
  const dayEntries: [number, number][] = [];
  for (let dayOfMonth = window.firstDay; dayOfMonth <= window.lastDay; dayOfMonth++) {
    const noon = calendar.instantAt(year, monthNumber, dayOfMonth, 12);
    const ramp = window.ramp ? 0.4 + (dayOfMonth - window.firstDay) / (window.lastDay - window.firstDay + 1) : 1;
    dayEntries.push([dayOfMonth, weekdayWeight(noon) * ramp]);
  }
  const dayOfMonth = random.weighted(dayEntries);
  const weekend = weekdayWeight(calendar.instantAt(year, monthNumber, dayOfMonth, 12)) < 1;
  const hourEntries: [number, number][] = hourWeights.map((weight, hourOfDay) => {
    if (liveChannels.has(channel)) {
      const [opening, closing] = weekend ? demoStaffedHours.weekends : demoStaffedHours.weekdays;
      return [hourOfDay, hourOfDay >= opening && hourOfDay < closing ? weight : 0];
    }
    return [hourOfDay, weight];
  });
  const lastHour = month === "current" && dayOfMonth === 26 ? 19 : 24;
  let hourOfDay = random.weighted(hourEntries);
  while (hourOfDay >= lastHour) hourOfDay = random.weighted(hourEntries);
  return calendar.instantAt(year, monthNumber, dayOfMonth, hourOfDay, random.integer(0, 59), random.integer(0, 59));
};

const creationWindow = (topic: DemoTopic, month: MonthName) => {
  if (month === "previous") {
    return topic === everydayTopics.duplicateReportEmails
      ? { firstDay: 11, lastDay: 17 }
      : { firstDay: 1, lastDay: 28 };
  }
  if (topic === exportTimeoutTopic) return { firstDay: 3, lastDay: 26, ramp: true };
  if (topic === safariLoginTopic) return { firstDay: 5, lastDay: 26, ramp: true };
  return { firstDay: 1, lastDay: 26 };
};

const local = (monthNumber: number, dayOfMonth: number, hourOfDay: number, minutes: number, seconds = 0) =>
  calendar.instantAt(2026, monthNumber, dayOfMonth, hourOfDay, minutes, seconds);

const planTickets = (random: Random): TicketPlan[] => {
  const plans: TicketPlan[] = [];
  for (const [topic, previousCount, currentCount] of topicVolumes) {
    for (const [month, count] of [
      ["previous", previousCount],
      ["current", currentCount],
    ] as const) {
      for (let index = 0; index < count; index++) {
        const channel = random.weighted(topic.channels);
        const languages = translatedLanguages(topic.key);
        const plan: TicketPlan = {
          topic,
          month,
          createdAt: drawCreatedAt(random, month, channel, creationWindow(topic, month)),
          channel,
          priority: random.weighted(topic.priorities),
          state: "solved",
          path: "direct",
          pathFixed: false,
          seed: mixSeed(storySeed, plans.length + 1),
          id: "",
          firstReplyAt: 0,
          wantsCsat: random.chance(0.46),
        };
        if (languages.length > 0 && random.chance(0.3)) {
          plan.language = random.pick(languages);
          plan.pathFixed = true;
          if (plan.channel === "phone") plan.channel = "email";
        }
        plans.push(plan);
      }
    }
  }
  plans.push({
    topic: exportTimeoutTopic,
    month: "current",
    createdAt: local(3, 26, 19, 52, 37),
    channel: "email",
    priority: "high",
    state: "new",
    path: "direct",
    pathFixed: true,
    seed: mixSeed(storySeed, plans.length + 1),
    maya: "star",
    id: "",
    firstReplyAt: 0,
    wantsCsat: false,
  });
  return plans;
};

const update = (plan: TicketPlan, changes: Partial<TicketPlan>): void => {
  Object.assign(plan, changes);
};

const byCreation = (left: TicketPlan, right: TicketPlan) => left.createdAt - right.createdAt || left.seed - right.seed;

/** Decides which tickets are still open at the end of the story and how the others were resolved. */
const shapeStory = (plans: TicketPlan[], random: Random): void => {
  const current = plans.filter((plan) => plan.month === "current" && !plan.maya).sort(byCreation);
  const earlier = plans.find((plan) => plan.topic === everydayTopics.dashboardSetup && plan.month === "previous");
  if (earlier) {
    update(earlier, {
      maya: "earlier",
      createdAt: local(2, 12, 14, 20, 5),
      channel: "chat",
      pathFixed: true,
      wantsCsat: true,
      csatScore: 5,
    });
    delete earlier.language;
  }

  const exports = current.filter((plan) => plan.topic === exportTimeoutTopic);
  const newestExport = itemAt(exports, exports.length - 1);
  update(newestExport, { createdAt: local(3, 27, 8, 52, 10), channel: "in_app", state: "new", pathFixed: true });
  const holdCandidates = exports.filter(
    (plan) => plan !== newestExport && plan.createdAt >= local(3, 17, 0, 0) && plan.createdAt < local(3, 26, 0, 0),
  );
  for (const plan of random.shuffle(holdCandidates).slice(0, 4)) {
    update(plan, { state: "on_hold", path: "escalated", pathFixed: true });
  }
  const escalatedCandidates = exports.filter((plan) => plan.state === "solved" && plan.createdAt < local(3, 24, 0, 0));
  for (const plan of random.shuffle(escalatedCandidates).slice(0, 7)) {
    update(plan, { path: "escalated", pathFixed: true });
  }

  const logins = current.filter((plan) => plan.topic === safariLoginTopic);
  for (const plan of logins.slice(-2)) {
    update(plan, {
      state: "pending",
      pathFixed: true,
      ...(plan.channel === "phone" ? { channel: "email" as const } : {}),
    });
  }
  const loginEscalations = logins.filter((plan) => plan.state === "solved" && plan.createdAt < local(3, 24, 0, 0));
  for (const plan of random.shuffle(loginEscalations).slice(0, 2)) {
    update(plan, { path: "escalated", pathFixed: true });
  }

  const deletions = current.filter(
    (plan) =>
      plan.topic === everydayTopics.dataDeletion &&
      plan.language === undefined &&
      plan.createdAt >= local(3, 10, 0, 0) &&
      plan.createdAt < local(3, 24, 0, 0),
  );
  const waitingDeletion = deletions.at(-1);
  if (waitingDeletion) update(waitingDeletion, { state: "on_hold", path: "escalated", pathFixed: true });

  const storyTopics = new Set<DemoTopic>([exportTimeoutTopic, safariLoginTopic]);
  const pinnable = current.filter(
    (plan) => !storyTopics.has(plan.topic) && plan.state === "solved" && !plan.pathFixed && plan.language === undefined,
  );
  const pinned: readonly [number, number, number, FinalState][] = [
    [26, 16, 20, "pending"],
    [26, 17, 45, "pending"],
    [26, 21, 10, "pending"],
    [27, 7, 35, "open"],
    [27, 8, 20, "open"],
    [27, 8, 58, "open"],
    [27, 9, 31, "new"],
    [27, 10, 4, "new"],
    [27, 10, 27, "new"],
  ];
  const chosen = random.shuffle(pinnable).slice(0, pinned.length);
  pinned.forEach(([dayOfMonth, hourOfDay, minutes, state], index) => {
    const plan = itemAt(chosen, index);
    update(plan, {
      createdAt: local(3, dayOfMonth, hourOfDay, minutes, random.integer(0, 59)),
      state,
      pathFixed: true,
    });
    const offline = liveChannels.has(plan.channel) && (hourOfDay < 8 || hourOfDay >= 20);
    if (offline || (plan.channel === "phone" && state === "pending")) plan.channel = "email";
  });

  const lastComplexStart = local(3, 24, 0, 0);
  for (const plan of plans) {
    if (plan.pathFixed || plan.state !== "solved") continue;
    if (plan.month === "current" && plan.createdAt >= lastComplexStart) continue;
    if (plan.topic.canEscalate && random.chance(plan.topic.escalationRate)) plan.path = "escalated";
    else if (plan.channel !== "phone" && random.chance(0.12)) plan.path = "clarify";
  }

  for (const [month, count] of [
    ["previous", 3],
    ["current", 4],
  ] as const) {
    const candidates = plans.filter(
      (plan) =>
        plan.month === month &&
        !plan.pathFixed &&
        plan.state === "solved" &&
        plan.path === "direct" &&
        plan.topic.canReopen &&
        plan.createdAt < lastComplexStart,
    );
    for (const plan of random.shuffle(candidates).slice(0, count)) update(plan, { path: "reopened", pathFixed: true });
  }
};

const socialProviders: WeightedEntries<string> = [
  ["x", 35],
  ["whatsapp", 25],
  ["instagram", 20],
  ["messenger", 20],
];

const phonePrefixes: Record<string, string> = { en: "+1", de: "+49", es: "+34", fr: "+33", zh: "+86" };

const asciiSlug = (text: string): string =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z]/g, "");

const createCustomerBook = (random: Random) => {
  const records: CustomerRecord[] = [];
  const emails = new Set<string>();
  let maya: CustomerRecord | undefined;

  const phoneFor = (language: string): string => {
    const prefix = phonePrefixes[language] ?? "+1";
    if (prefix === "+1")
      return `+1${random.pick(["617", "212", "415", "312", "512", "206", "303"])}555${random.integer(1000, 9999)}`;
    return `${prefix}${random.integer(100, 999)}${random.integer(1_000_000, 9_999_999)}`;
  };

  const ensureChannelContact = (record: CustomerRecord, channel: ChannelName): void => {
    const customer = record.snapshot;
    if (channel === "phone" && customer.phone === undefined) customer.phone = phoneFor(record.language);
    if (channel === "social" && customer.handles === undefined) {
      const provider = random.weighted(socialProviders);
      const handle =
        provider === "whatsapp"
          ? (customer.phone ?? phoneFor(record.language))
          : provider === "messenger"
            ? customer.name
            : `@${asciiSlug(record.firstName)}${asciiSlug(customer.name.split(" ").at(-1) ?? "").slice(0, 4)}${random.integer(1, 99)}`;
      customer.handles = { [provider]: handle };
    }
  };

  const create = (language: string, planName: string): CustomerRecord => {
    const names = customerNames[language] ?? customerNames.en;
    if (!names) throw new Error("customer names missing");
    const firstName = random.pick(names.first);
    const lastName = random.pick(names.last);
    const companies = customerCompanies[language] ?? customerCompanies.en ?? [];
    const withCompany = planName !== "free" || random.chance(0.3);
    const [company, domain] = withCompany ? random.pick(companies) : [undefined, random.pick(personalEmailDomains)];
    let email = `${asciiSlug(firstName)}.${asciiSlug(lastName)}@${domain}`;
    for (let suffix = 2; emails.has(email); suffix++)
      email = `${asciiSlug(firstName)}.${asciiSlug(lastName)}${suffix}@${domain}`;
    emails.add(email);
    const snapshot: SnapshotCustomer = { id: "", name: `${firstName} ${lastName}`, email };
    if (random.chance(0.25)) snapshot.phone = phoneFor(language);
    if (company) snapshot.company = company;
    snapshot.plan = planName;
    snapshot.language = language;
    const seats =
      planName === "free" ? random.integer(1, 3) : planName === "pro" ? random.integer(3, 40) : random.integer(40, 400);
    snapshot.attributes = { accountId: `NW-${random.integer(10_000, 99_999)}`, seats };
    const record: CustomerRecord = { snapshot, firstName, language, domain };
    records.push(record);
    return record;
  };

  const findMaya = (): CustomerRecord => {
    if (maya) return maya;
    maya = {
      snapshot: {
        id: "",
        name: "Maya Chen",
        email: "maya.chen@brightleafstudio.com",
        phone: "+16175550148",
        company: "Brightleaf Studio",
        plan: "pro",
        language: "en",
        attributes: { accountId: "NW-20417", seats: 12, role: "Head of Growth" },
      },
      firstName: "Maya",
      language: "en",
      domain: "brightleafstudio.com",
    };
    emails.add("maya.chen@brightleafstudio.com");
    records.push(maya);
    return maya;
  };

  const forTicket = (plan: TicketPlan): CustomerRecord => {
    let record: CustomerRecord;
    if (plan.maya) {
      record = findMaya();
    } else if (plan.language) {
      const speakers = records.filter((candidate) => candidate.language === plan.language);
      record =
        speakers.length > 0 && random.chance(0.3)
          ? random.pick(speakers)
          : create(plan.language, random.weighted(plan.topic.plans));
    } else {
      const allowedPlans = new Set(plan.topic.plans.map(([name]) => name));
      const returning = records.filter(
        (candidate) =>
          candidate !== maya && candidate.language === "en" && allowedPlans.has(candidate.snapshot.plan ?? ""),
      );
      if (returning.length > 0 && random.chance(0.38)) {
        record = random.pick(returning);
      } else {
        const language = random.weighted<string>([
          ["en", 95],
          ["de", 2],
          ["es", 1],
          ["fr", 1],
          ["zh", 1],
        ]);
        record = create(language, random.weighted(plan.topic.plans));
      }
    }
    ensureChannelContact(record, plan.channel);
    return record;
  };

  return { records, forTicket };
};

const agentWeights: Record<string, WeightedEntries<string>> = {
  support: [
    ["priya-raman", 1],
    ["daniel-okafor", 3],
    ["sofia-martinez", 3],
    ["lukas-becker", 3],
  ],
  "technical-support": [
    ["hannah-kim", 1],
    ["wei-zhang", 1],
  ],
  billing: [["aisha-thompson", 1]],
  privacy: [["claire-dubois", 1]],
};

const chooseAgent = (plan: TicketPlan, random: Random): DemoAgent => {
  if (plan.maya === "earlier") return findDemoAgent("daniel-okafor");
  const language = plan.language;
  if (language) {
    const speaker = demoAgents.find((agent) => agent.id !== "priya-raman" && agent.languages.includes(language));
    if (speaker) return speaker;
  }
  return findDemoAgent(random.weighted(agentWeights[plan.topic.teamId] ?? agentWeights.support ?? []));
};

const rawReplyDelay = (plan: TicketPlan, random: Random): number => {
  switch (plan.channel) {
    case "chat":
      return (random.chance(0.85) ? random.integer(15, 58) : random.integer(60, 240)) * 1000;
    case "phone":
      return random.integer(4, 40) * 1000;
    case "social":
      return random.integer(6, 50) * minute;
    default: {
      const urgency = plan.priority === "high" || plan.priority === "urgent" ? 0.6 : 1;
      return Math.round((6 + 140 * random.next() ** 1.8) * urgency * minute);
    }
  }
};

const scalableChannels = new Set<ChannelName>(["email", "api", "in_app"]);

/** First replies: a wait for the team to be at work, then a delay scaled so the month's mean lands on its target. */
const scheduleFirstReplies = (plans: TicketPlan[]): void => {
  const delays = new Map<TicketPlan, number>();
  for (const plan of plans) delays.set(plan, rawReplyDelay(plan, createRandom(mixSeed(plan.seed, 3))));
  for (const month of ["previous", "current"] as const) {
    const answered = plans.filter((plan) => plan.month === month && plan.state !== "new");
    let fixed = 0;
    let scalable = 0;
    for (const plan of answered) {
      const wait = nextStaffedInstant(calendar, plan.createdAt, demoStaffedHours) - plan.createdAt;
      const delay = delays.get(plan) ?? 0;
      fixed += wait;
      if (scalableChannels.has(plan.channel)) scalable += delay;
      else fixed += delay;
    }
    const goal = monthTargets[month].firstResponseHours * hour * answered.length;
    const factor = Math.max(0.3, (goal - fixed) / scalable);
    for (const plan of answered) {
      const delay = delays.get(plan) ?? 0;
      const scaled = scalableChannels.has(plan.channel) ? Math.round((delay * factor) / 1000) * 1000 : delay;
      const latest = demoPeriods.now - (12 + (plan.seed % 20)) * minute;
      const reply = nextStaffedInstant(calendar, plan.createdAt, demoStaffedHours) + scaled;
      plan.firstReplyAt = Math.max(plan.createdAt + 2 * minute, Math.min(reply, latest));
      if (plan.channel === "chat" || plan.channel === "phone") plan.firstReplyAt = Math.min(reply, latest);
    }
  }
};

const englishGreetings = [
  (name: string) => `Hi ${name},`,
  (name: string) => `Hello ${name},`,
  (name: string) => `Hi ${name},`,
] as const;
const resolvedClosings = [
  "Let me know if there's anything else I can do.",
  "Just reply here if any questions come up.",
  "Hope that helps — I'm here if you need anything else.",
  "If anything is unclear, just reply to this email.",
  "Happy to help if anything else comes up.",
] as const;
const signOffs = [
  (agent: DemoAgent) => `Best,\n${agent.firstName}`,
  (agent: DemoAgent) => `Cheers,\n${agent.firstName}`,
  (agent: DemoAgent) => `Thanks,\n${agent.firstName}`,
  (agent: DemoAgent) => `Best regards,\n${agent.name}\nNorthwind Analytics Support`,
  (agent: DemoAgent) => `Warm regards,\n${agent.firstName}`,
] as const;
const resolutionPrefixes = [
  "Thanks, that helps.",
  "Thanks for checking — that's what I needed.",
  "Got it, thank you.",
  "Perfect, thanks for the details.",
] as const;
const thanksMessages = [
  (agent: DemoAgent) => `That did it, thanks ${agent.firstName}!`,
  () => "Thanks, that worked!",
  () => "Perfect — all sorted now. Thank you!",
  () => "Great, appreciate the quick help.",
  () => "Yes, that fixed it. Thanks a lot!",
  () => "Works now. Cheers!",
  () => "Thank you, that's exactly what I needed.",
] as const;
const customerSignatures = [
  (record: CustomerRecord) => `\n\nThanks,\n${record.firstName}`,
  (record: CustomerRecord) => `\n\n${record.firstName}`,
  (record: CustomerRecord) =>
    `\n\nBest,\n${record.snapshot.name}${record.snapshot.company ? `\n${record.snapshot.company}` : ""}`,
  () => "",
] as const;
const customerGreetings = ["Hi,\n\n", "Hello,\n\n", "Hi there,\n\n", "Hi Northwind team,\n\n", "", ""] as const;

const csatComments: Record<number, readonly ((agent: DemoAgent) => string)[]> = {
  1: [() => "Took far too long and I had to explain everything twice.", () => "Still not fixed."],
  2: [() => "Slow, and the first answer didn't help.", () => "Workaround is clumsy. Please fix the actual bug."],
  3: [() => "Solved in the end.", () => "Fine, but the answer could have been clearer."],
  4: [(agent) => `Good help from ${agent.firstName}, thanks.`, () => "Solved, would have liked a faster first answer."],
  5: [
    (agent) => `${agent.firstName} was great — quick and clear.`,
    () => "Super fast and friendly!",
    () => "Exactly what I needed, thank you.",
    () => "Really helpful, explained everything.",
    (agent) => `Thank you ${agent.firstName}, sorted in minutes.`,
  ],
};

const starOpening = `Hello,

I've been trying to export our data since Monday and it has failed every single time. This is now the third day. I tried again tonight and got the same "Export failed (EXPORT_TIMEOUT)" error after a couple of minutes.

We need this data for our quarterly board report. I'm paying for a Pro plan and I can't get my own data out of your product. This is unacceptable.

Please fix this, or at least tell me what is going on.

Maya Chen
Head of Growth, Brightleaf Studio`;

const writeScript = (plan: TicketPlan): void => {
  const customer = plan.customer;
  if (!customer) throw new Error(`ticket ${plan.id} has no customer`);
  const random = createRandom(mixSeed(plan.seed, 1));
  const scene: Scene = {
    customer: customer.firstName,
    company: customer.snapshot.company,
    domain: customer.domain,
    agent: plan.agent?.firstName ?? "the team",
    channel: plan.channel,
    createdAt: plan.createdAt,
    calendar,
  };
  plan.script = plan.topic.write(random, scene);
  if (plan.maya === "star") {
    plan.script = {
      ...plan.script,
      subject: "Data export failing for the third day — this is unacceptable",
      opening: starOpening,
      accountEvents: [],
    };
  }
  if (plan.language) {
    const translated = writeTranslatedScript(plan.topic.key, plan.language, random, scene);
    if (translated) plan.translated = translated;
  }
};

const staffed = (instant: number): number => nextStaffedInstant(calendar, instant, demoStaffedHours);

const renderTicket = (plan: TicketPlan): RenderedTicket => {
  const random = createRandom(mixSeed(plan.seed, 2));
  const script = plan.script;
  const customer = plan.customer;
  const agent = plan.agent ?? findDemoAgent("priya-raman");
  if (!script || !customer) throw new Error(`ticket ${plan.id} is not written yet`);
  const entries: TimelineEntry[] = [];
  const add = (entry: Omit<TimelineEntry, "order">) => entries.push({ ...entry, order: entries.length });
  const message = (at: number, author: string, body: string, isPublic = true) =>
    add({ at, message: { at: new Date(at).toISOString(), author, public: isPublic, body } });
  const event = (at: number, details: Pick<SnapshotTicketEvent, "type" | "actor" | "from" | "to" | "data">) =>
    add({ at, event: { at: new Date(at).toISOString(), ...details } });
  const agentAuthor = `agent:${agent.id}`;
  const status = (at: number, from: TicketStatus, to: TicketStatus, actor = agentAuthor) =>
    event(at, { type: "status_changed", actor, from, to });
  const translatedStyle = plan.language && plan.translated ? languageStyles[plan.language] : undefined;
  let replies = 0;
  const reply = (at: number, body: string, kind: "answer" | "other") => {
    replies++;
    const name = customer.firstName;
    let text: string;
    if (translatedStyle) {
      text = `${translatedStyle.greeting(name)}\n\n${body}\n\n${translatedStyle.closing}\n\n${translatedStyle.signOff(agent.name)}`;
    } else if (plan.channel === "chat") {
      text = replies === 1 ? `${random.pick(["Hi", "Hello", "Hey"])} ${name}! ${body}` : body;
    } else if (plan.channel === "social") {
      text = `${replies === 1 ? `Hi ${name}! ` : ""}${body}\n— ${agent.firstName}`;
    } else if (plan.channel === "phone" && replies === 1) {
      text = `Thanks for calling, ${name}. As promised, here's a written summary of our call:\n\n${body}\n\n${agent.name}\nNorthwind Analytics Support`;
    } else {
      const closing = kind === "answer" ? `\n\n${random.pick(resolvedClosings)}` : "";
      text = `${random.pick(englishGreetings)(name)}\n\n${body}${closing}\n\n${random.pick(signOffs)(agent)}`;
    }
    message(at, agentAuthor, text);
  };
  const note = (at: number, body: string, author = agentAuthor) => message(at, author, body, false);

  const created = plan.createdAt;
  const writtenChannel = plan.channel === "email" || plan.channel === "api" || plan.channel === "in_app";
  const openingBody = plan.translated
    ? plan.translated.opening
    : writtenChannel && plan.maya !== "star"
      ? `${/^[A-Z]/.test(script.opening) ? random.pick(customerGreetings) : ""}${script.opening}${random.pick(customerSignatures)(customer)}`
      : script.opening;
  message(created, "customer", openingBody);
  const outsideHours = staffed(created) > created;
  if (plan.channel === "email" && (outsideHours || plan.maya === "star")) {
    message(
      created + random.integer(20, 90) * 1000,
      "system",
      "Thanks for contacting Northwind Analytics Support. We've received your message and will reply within 2 business hours (Mon–Fri, 8:00–20:00 ET).",
    );
  }

  const solvedTimes: number[] = [];
  let escalated = false;
  let reopened = false;
  let teamId = plan.topic.teamId;
  const result = (): RenderedTicket => {
    entries.sort((left, right) => left.at - right.at || left.order - right.order);
    const kept = entries.filter((entry) => entry.at <= demoPeriods.now);
    const messages = kept.flatMap((entry) => (entry.message ? [entry.message] : []));
    const events = kept.flatMap((entry) => (entry.event ? [entry.event] : []));
    const lastStatus = events.filter((entry) => entry.type === "status_changed").at(-1)?.to ?? "new";
    const csatEvent = kept.find((entry) => entry.event?.type === "csat_received");
    const ticket: SnapshotTicket = {
      id: plan.id,
      customerId: customer.snapshot.id,
      channel: plan.channel,
      ...(plan.topic.knownIssueId === undefined ? {} : { knownIssueId: plan.topic.knownIssueId }),
      subject: plan.translated?.subject ?? script.subject,
      status: lastStatus as TicketStatus,
      priority: plan.priority,
      tags: [
        ...plan.topic.tags,
        ...(customer.snapshot.plan === "enterprise" ? ["enterprise"] : []),
        ...(escalated ? ["escalated"] : []),
      ],
      topic: plan.topic.topic,
      ...(plan.state === "new" ? {} : { assigneeId: agent.id }),
      teamId,
      createdAt: new Date(created).toISOString(),
      messages,
      events,
    };
    if (csatEvent && plan.csatScore) {
      ticket.csat = { score: plan.csatScore, at: new Date(csatEvent.at).toISOString() };
      const comments = csatComments[plan.csatScore] ?? [];
      const commentRandom = createRandom(mixSeed(plan.seed, 4));
      if (plan.maya === "earlier") ticket.csat.comment = "Quick and clear, thanks Daniel!";
      else if (commentRandom.chance(0.4) && comments.length > 0)
        ticket.csat.comment = commentRandom.pick(comments)(agent);
    }
    const attributes = channelAttributes(plan, random);
    if (attributes) ticket.attributes = attributes;
    return {
      plan,
      ticket,
      solvedTimes: solvedTimes.filter((time) => time <= demoPeriods.now),
      publicReplies: replies,
      escalated: escalated && kept.some((entry) => entry.event?.type === "escalated"),
      reopened,
      ...(csatEvent ? { csatAt: csatEvent.at } : {}),
    };
  };

  if (plan.state === "new") return result();

  const replyAt = plan.firstReplyAt;
  const routedAt = Math.max(created + 5_000, replyAt - random.integer(1, 6) * minute);
  event(Math.min(routedAt, created + Math.floor((replyAt - created) / 2000) * 1000), {
    type: "assigned",
    actor: "system",
    to: agent.id,
  });
  const maybeNote = (after: number) => {
    if (script.note && !plan.translated && random.chance(0.35))
      note(after + random.integer(1, 8) * minute, script.note);
  };

  const escalate = (after: number): number => {
    const escalation = script.escalation;
    if (!escalation) throw new Error(`topic ${plan.topic.key} cannot escalate`);
    const at = after + random.integer(6, 40) * minute;
    note(at, escalation.note);
    event(at, {
      type: "escalated",
      actor: agentAuthor,
      from: teamId,
      to: escalation.teamId,
      data: { reason: escalation.reason },
    });
    status(at, "open", "on_hold");
    event(at, { type: "follow_up_scheduled", actor: agentAuthor, data: { dueInHours: 24 } });
    escalated = true;
    teamId = escalation.teamId;
    return at;
  };

  if (plan.state === "open") {
    reply(replyAt, script.holding, "other");
    status(replyAt, "new", "open");
    return result();
  }
  if (plan.state === "pending") {
    if (plan.topic === safariLoginTopic) {
      reply(replyAt, `${script.answer}\n\nCould you let me know whether that gets you in?`, "other");
    } else {
      reply(replyAt, script.question, "other");
    }
    status(replyAt, "new", "pending");
    return result();
  }

  const escalationPlan = script.escalation;
  if (plan.path === "escalated" && escalationPlan) {
    reply(replyAt, escalationPlan.holding, "other");
    status(replyAt, "new", "open");
    const escalatedAt = escalate(replyAt);
    const technician = findDemoAgent(random.pick(["hannah-kim", "wei-zhang"]));
    if (plan.state === "on_hold") {
      const updateAt = staffed(escalatedAt + 24 * hour + random.integer(0, 90) * minute);
      if (updateAt < demoPeriods.now - hour) {
        event(updateAt, { type: "follow_up_done", actor: agentAuthor });
        reply(updateAt, escalationPlan.update, "other");
        event(updateAt, { type: "follow_up_scheduled", actor: agentAuthor, data: { dueInHours: 48 } });
      }
      return result();
    }
    const outcomeAt = staffed(escalatedAt + random.integer(4, 30) * hour);
    note(outcomeAt, escalationPlan.outcomeNote, `agent:${technician.id}`);
    const answerAt = outcomeAt + random.integer(10, 50) * minute;
    reply(answerAt, escalationPlan.answer, "answer");
    status(answerAt, "on_hold", "solved");
    event(answerAt, { type: "follow_up_done", actor: agentAuthor });
    solvedTimes.push(answerAt);
  } else if (plan.path === "clarify") {
    reply(replyAt, script.question, "other");
    status(replyAt, "new", "pending");
    const clarifiedAt = replyAt + random.integer(15, 480) * minute;
    message(clarifiedAt, "customer", script.clarification);
    status(clarifiedAt, "pending", "open", "system");
    const answerAt = staffed(clarifiedAt + random.integer(10, 90) * minute);
    reply(answerAt, `${random.pick(resolutionPrefixes)}\n\n${script.answer}`, "answer");
    status(answerAt, "open", "solved");
    solvedTimes.push(answerAt);
  } else {
    const answer = plan.translated?.answer ?? script.answer;
    reply(replyAt, answer, "answer");
    status(replyAt, "new", "solved");
    solvedTimes.push(replyAt);
    maybeNote(replyAt);
    if (plan.path === "reopened" && script.reopen) {
      const complaintAt = replyAt + random.integer(6, 40) * hour;
      message(complaintAt, "customer", script.reopen.complaint);
      event(complaintAt, { type: "reopened", actor: "customer" });
      status(complaintAt, "solved", "open", "system");
      reopened = true;
      const againAt = staffed(complaintAt + random.integer(15, 120) * minute);
      reply(againAt, script.reopen.answer, "answer");
      status(againAt, "open", "solved");
      solvedTimes.push(againAt);
    }
  }

  const finalSolve = solvedTimes.at(-1) ?? replyAt;
  if (random.chance(0.35)) {
    const confirmedAt = finalSolve + random.integer(10, 1200) * minute;
    const thanks = plan.translated?.thanks ?? random.pick(thanksMessages)(agent);
    message(confirmedAt, "customer", thanks);
    status(confirmedAt, "solved", "closed", "system");
  } else {
    status(finalSolve + 72 * hour, "solved", "closed", "system");
  }
  if (plan.wantsCsat) {
    const csatAt = finalSolve + random.integer(20, 1800) * minute;
    event(csatAt, { type: "csat_received", actor: "customer" });
  }
  return result();
};

const channelAttributes = (plan: TicketPlan, random: Random): Record<string, unknown> | undefined => {
  switch (plan.channel) {
    case "social":
      return { provider: Object.keys(plan.customer?.snapshot.handles ?? {})[0] ?? "x" };
    case "in_app":
      return { page: plan.topic.page, appVersion: plan.month === "current" ? "4.12.1" : "4.11.3" };
    case "phone":
      return { callDurationSeconds: random.integer(150, 900) };
    case "api":
      return { source: "contact-form" };
    default:
      return undefined;
  }
};

const monthOf = (instant: number): MonthName | undefined => {
  if (instant >= demoPeriods.previous.start && instant < demoPeriods.previous.end) return "previous";
  if (instant >= demoPeriods.current.start && instant < demoPeriods.current.end) return "current";
  return undefined;
};

const isFirstContactResolution = (rendered: RenderedTicket): boolean =>
  rendered.publicReplies === 1 && !rendered.escalated && !rendered.reopened;

/** Moves tickets between one-touch answers and clarifying exchanges until each month's FCR matches its target. */
const tuneFirstContactResolution = (plans: TicketPlan[], random: Random): void => {
  for (const month of ["previous", "current"] as const) {
    const period = demoPeriods[month];
    const rendered = plans.map(renderTicket);
    const solvedInMonth = rendered.filter((ticket) => ticket.solvedTimes.some((time) => monthOf(time) === month));
    const goal = Math.round(monthTargets[month].fcrShare * solvedInMonth.length);
    let resolvedFirst = solvedInMonth.filter(isFirstContactResolution).length;
    const adjustable = random.shuffle(
      plans.filter(
        (plan) =>
          !plan.pathFixed &&
          plan.state === "solved" &&
          plan.createdAt >= period.start + 24 * hour &&
          plan.createdAt < Math.min(period.end - 3 * 24 * hour, demoPeriods.now - 3 * 24 * hour) &&
          plan.channel !== "phone" &&
          (plan.path === "direct" || plan.path === "clarify"),
      ),
    );
    for (const plan of adjustable) {
      if (resolvedFirst > goal && plan.path === "direct") {
        plan.path = "clarify";
        resolvedFirst--;
      } else if (resolvedFirst < goal && plan.path === "clarify") {
        plan.path = "direct";
        resolvedFirst++;
      }
      if (resolvedFirst === goal) break;
    }
  }
};

/** Gives each satisfaction survey a score, lower where the customer had to work harder, so each month's mean lands on target. */
const scoreSatisfaction = (plans: TicketPlan[], random: Random): void => {
  const rendered = plans.map(renderTicket);
  for (const month of ["previous", "current"] as const) {
    const surveyed = rendered.filter((ticket) => ticket.csatAt !== undefined && monthOf(ticket.csatAt) === month);
    if (surveyed.length === 0) continue;
    for (const ticket of surveyed) {
      const smooth = isFirstContactResolution(ticket);
      const complaint = ticket.plan.topic.key === "complaint";
      const weights: WeightedEntries<1 | 2 | 3 | 4 | 5> = complaint
        ? [
            [5, 35],
            [4, 35],
            [3, 20],
            [2, 7],
            [1, 3],
          ]
        : smooth
          ? [
              [5, 80],
              [4, 16],
              [3, 3],
              [2, 1],
            ]
          : [
              [5, 52],
              [4, 30],
              [3, 11],
              [2, 4],
              [1, 3],
            ];
      ticket.plan.csatScore = ticket.plan.maya === "earlier" ? 5 : random.weighted(weights);
    }
    const goal = Math.round(monthTargets[month].csatMean * surveyed.length);
    let total = surveyed.reduce((sum, ticket) => sum + (ticket.plan.csatScore ?? 0), 0);
    const order = random.shuffle(surveyed.filter((ticket) => ticket.plan.maya === undefined));
    for (const ticket of order) {
      const score = ticket.plan.csatScore ?? 5;
      if (total > goal && score >= 4 && !isFirstContactResolution(ticket)) {
        ticket.plan.csatScore = (score - 1) as 3 | 4;
        total--;
      } else if (total < goal && score === 4) {
        ticket.plan.csatScore = 5;
        total++;
      }
      if (total === goal) break;
    }
    for (const ticket of order) {
      if (total === goal) break;
      const score = ticket.plan.csatScore ?? 5;
      if (total > goal && score === 5) {
        ticket.plan.csatScore = 4;
        total--;
      } else if (total < goal && score < 5) {
        ticket.plan.csatScore = (score + 1) as 2 | 3 | 4 | 5;
        total++;
      }
    }
  }
};

const mayaAccountEvents = (): AccountEventDraft[] => {
  const failure = {
    sizeMb: 780,
    limitMb: 500,
    timeoutSeconds: 120,
    errorCode: "EXPORT_TIMEOUT",
    durationSeconds: 120,
    format: "csv",
  };
  return [
    { at: local(2, 9, 15, 2, 41), type: "plan.changed", data: { from: "free", to: "pro", seats: 12 } },
    {
      at: local(2, 27, 16, 20, 3),
      type: "export.completed",
      data: { sizeMb: 712, durationSeconds: 164, format: "csv" },
    },
    { at: local(3, 23, 10, 12, 26), type: "export.failed", data: { ...failure } },
    { at: local(3, 24, 14, 5, 51), type: "export.failed", data: { ...failure } },
    { at: local(3, 25, 9, 31, 8), type: "export.failed", data: { ...failure } },
    { at: local(3, 26, 19, 41, 17), type: "export.failed", data: { ...failure } },
  ];
};

/** The demo workspace: two months of a SaaS analytics company's support desk, ending on the day of the brief's story. */
export const buildDemoWorkspace = (): Snapshot => {
  const planRandom = createRandom(storySeed);
  const plans = planTickets(planRandom);
  shapeStory(plans, createRandom(mixSeed(storySeed, 101)));
  plans.sort(byCreation);
  plans.forEach((plan, index) => {
    plan.id = `ticket-${1001 + index}`;
  });

  const customerBook = createCustomerBook(createRandom(mixSeed(storySeed, 102)));
  const agentRandom = createRandom(mixSeed(storySeed, 103));
  for (const plan of plans) {
    plan.customer = customerBook.forTicket(plan);
    if (plan.state !== "new") plan.agent = chooseAgent(plan, agentRandom);
    writeScript(plan);
  }
  customerBook.records.forEach((record, index) => {
    record.snapshot.id = `customer-${String(index + 1).padStart(4, "0")}`;
  });

  scheduleFirstReplies(plans);
  tuneFirstContactResolution(plans, createRandom(mixSeed(storySeed, 104)));
  scoreSatisfaction(plans, createRandom(mixSeed(storySeed, 105)));
  const rendered = plans.map(renderTicket);

  for (const ticket of rendered) {
    const expected = ticket.plan.state === "solved" ? ["solved", "closed"] : [ticket.plan.state];
    if (!expected.includes(ticket.ticket.status)) {
      throw new Error(`ticket ${ticket.plan.id} ended ${ticket.ticket.status}, the story needs ${ticket.plan.state}`);
    }
  }

  const tickets = rendered.map(({ ticket }) => ticket);

  const accountEventDrafts: { customerId: string; draft: AccountEventDraft }[] = [];
  for (const plan of plans) {
    const customerId = plan.customer?.snapshot.id ?? "";
    if (plan.maya === "star") {
      for (const draft of mayaAccountEvents()) accountEventDrafts.push({ customerId, draft });
      continue;
    }
    for (const draft of plan.script?.accountEvents ?? []) {
      if (draft.at >= demoPeriods.previous.start && draft.at <= demoPeriods.now)
        accountEventDrafts.push({ customerId, draft });
    }
  }
  accountEventDrafts.sort((left, right) => left.draft.at - right.draft.at);
  const accountEvents: SnapshotAccountEvent[] = accountEventDrafts.map(({ customerId, draft }, index) => ({
    id: `account-event-${String(index + 1).padStart(4, "0")}`,
    customerId,
    at: new Date(Math.round(draft.at / 1000) * 1000).toISOString(),
    type: draft.type,
    data: draft.data,
  }));

  return {
    format: SNAPSHOT_FORMAT,
    workspace: structuredClone(demoWorkspaceSettings),
    teams: structuredClone(demoTeams),
    agents: demoAgents.map(snapshotAgent),
    customers: customerBook.records.map((record) => record.snapshot),
    articles: structuredClone(demoArticles),
    accountEvents,
    knownIssues: structuredClone(demoKnownIssues),
    tickets,
  };
};

/** The ticket the brief's first dialogue is about: Maya Chen's failing export. */
export const findStarTicket = (snapshot: Snapshot): SnapshotTicket | undefined => {
  const maya = snapshot.customers.find((customer) => customer.email === "maya.chen@brightleafstudio.com");
  return snapshot.tickets.find(
    (ticket) => ticket.customerId === maya?.id && ticket.knownIssueId === knownIssueIds.exportTimeout,
  );
};
