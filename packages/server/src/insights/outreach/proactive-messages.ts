import { sql } from "drizzle-orm";
import type { ArticleStore } from "../../core/ports.ts";
import type { Database } from "../../storage/database.ts";
import {
  type AccountEventFact,
  type CustomerActivity,
  commonlyAdoptedFeatures,
  type ProactiveTrigger,
  proactiveTriggers,
} from "./proactive-triggers.ts";

/** Finds knowledge-base articles for a query, best first (the responder's retrieval, passed in by desk.ts). */
export type ArticleFinder = (workspaceId: string, query: string) => Promise<{ id: string; title: string }[]>;

/** The articles a customer may be sent to: those shown in the public help center. */
export function publicArticlesOnly(store: Pick<ArticleStore, "list">): Pick<ArticleStore, "list"> {
  return {
    list: (workspaceId, query) => store.list(workspaceId, { ...query, public: true }),
  };
}

export type ProactiveCitation = { kind: "article" | "account_event"; id: string };

/** A proactive in-app message for an agent to review and send: never sent by the desk on its own. */
export type ProactiveMessage = ProactiveTrigger & {
  customerName: string;
  draft: { body: string; citations: ProactiveCitation[] };
};

/** Account events older than this play no part in any trigger (inactivity looks back this far at most). */
export const proactiveLookbackDays = 90;

const day = 86_400_000;
const openStatuses = sql`('new', 'open', 'pending', 'on_hold')`;

type ActivityRow = {
  customer_id: string;
  name: string;
  events: { id: string; at: string; type: string; data: Record<string, unknown> | null }[];
  open_features: string[] | null;
};

const openings: Record<ProactiveTrigger["kind"], (feature: string) => string> = {
  app_error: (feature) => `we noticed that ${feature} ran into an error for you just now.`,
  feature_confusion: (feature) => `it looks like ${feature} did not do what you expected.`,
  inactivity: () => "we have not seen you in a while, and wanted to check that everything is all right.",
  onboarding: (feature) => `welcome aboard! Many teams get the most out of ${feature} early on.`,
};

/**
 * The message a customer gets for one trigger: what we noticed, then the article that helps (cited),
 * or an offer to help when the knowledge base has nothing on it. Every fact comes from the trigger's
 * evidence or the article, both cited.
 */
export function draftProactiveMessage(
  trigger: ProactiveTrigger,
  customerName: string,
  article: { id: string; title: string } | null,
): ProactiveMessage["draft"] {
  const greeting = customerName.trim() ? `Hi ${customerName.trim().split(/\s+/)[0]}, ` : "Hi, ";
  const feature = (trigger.feature ?? "").replaceAll(/[_-]+/g, " ");
  const help = article
    ? `This article walks through it: "${article.title}". If it does not solve it, reply here and we will take it from there.`
    : "Reply here and one of us will help you with it.";
  return {
    body: `${greeting}${openings[trigger.kind](feature)} ${help}`,
    citations: [
      ...(article ? [{ kind: "article" as const, id: article.id }] : []),
      ...trigger.evidence.map((event) => ({ kind: "account_event" as const, id: event.id })),
    ],
  };
}

/** Every customer's proactive messages now, drafted from the knowledge base; customers by name, then kind. */
export async function listProactiveMessages(
  input: { workspaceId: string; now: Date },
  deps: { db: Database; findArticles: ArticleFinder | null },
): Promise<ProactiveMessage[]> {
  const customers = await loadActivity(deps.db, input.workspaceId, input.now);
  const adopted = commonlyAdoptedFeatures(customers.map((customer) => customer.activity));
  const messages: ProactiveMessage[] = [];
  for (const { name, activity } of customers) {
    for (const trigger of proactiveTriggers(activity, input.now, adopted)) {
      const [article] = deps.findArticles ? await deps.findArticles(input.workspaceId, trigger.searchText) : [];
      messages.push({ ...trigger, customerName: name, draft: draftProactiveMessage(trigger, name, article ?? null) });
    }
  }
  return messages;
}

async function loadActivity(
  db: Database,
  workspaceId: string,
  now: Date,
): Promise<{ name: string; activity: CustomerActivity }[]> {
  const since = new Date(now.getTime() - proactiveLookbackDays * day).toISOString();
  const result = await db.execute(sql`
    select c.id as customer_id, c.name,
      json_agg(json_build_object('id', e.id, 'at', e.at, 'type', e.type, 'data', e.data) order by e.at, e.seq) as events,
      (
        select array_agg(distinct lower(feature)) from tickets t
        cross join lateral unnest(array_append(coalesce(t.tags, '{}'), t.topic)) as feature
        where t.workspace_id = c.workspace_id and t.customer_id = c.id and t.status in ${openStatuses} and feature is not null
      ) as open_features
    from account_events e
    join customers c on c.workspace_id = e.workspace_id and c.id = e.customer_id
    where e.workspace_id = ${workspaceId} and e.at > ${since}::timestamptz
    group by c.workspace_id, c.id, c.name
    order by c.name, c.id
  `);
  return (result as unknown as { rows: ActivityRow[] }).rows.map((row) => ({
    name: row.name,
    activity: {
      customerId: row.customer_id,
      events: row.events.map(
        (event): AccountEventFact => ({ id: event.id, at: new Date(event.at), type: event.type, data: event.data }),
      ),
      featuresInOpenTickets: row.open_features ?? [],
    },
  }));
}
