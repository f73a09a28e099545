import {
  type ChannelName,
  type Priority,
  SNAPSHOT_FORMAT,
  type Snapshot,
  type SnapshotAccountEvent,
  type SnapshotAgent,
  type SnapshotArticle,
  type SnapshotCustomer,
  type SnapshotKnownIssue,
  type SnapshotMessage,
  type SnapshotTeam,
  type SnapshotTicket,
  type SnapshotTicketEvent,
  type TicketStatus,
} from "../core/snapshot/snapshot-schema.ts";

export type Random = {
  next: () => number;
  integer: (minimum: number, maximum: number) => number;
  between: (minimum: number, maximum: number) => number;
  chance: (probability: number) => boolean;
  pick: <Item>(items: readonly Item[]) => Item;
  weighted: <Item>(entries: readonly (readonly [Item, number])[]) => Item;
  shuffle: <Item>(items: readonly Item[]) => Item[];
};

export type WeightedEntries<Item> = readonly (readonly [Item, number])[];

/** mulberry32: small, fast and good enough for synthetic data; the same seed gives the same sequence. */
export const createRandom = (seed: number): Random => {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (minimum: number, maximum: number): number => minimum + Math.floor(next() * (maximum - minimum + 1));
  const pick = <Item>(items: readonly Item[]): Item => itemAt(items, Math.floor(next() * items.length));
  const weighted = <Item>(entries: WeightedEntries<Item>): Item => {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let remaining = next() * total;
    for (const [item, weight] of entries) {
      remaining -= weight;
      if (remaining < 0) return item;
    }
    return itemAt(entries, entries.length - 1)[0];
  };
  const shuffle = <Item>(items: readonly Item[]): Item[] => {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index--) {
      const other = Math.floor(next() * (index + 1));
      const held = copy[index] as Item;
      copy[index] = copy[other] as Item;
      copy[other] = held;
    }
    return copy;
  };
  return {
    next,
    integer,
    between: (minimum, maximum) => minimum + next() * (maximum - minimum),
    chance: (probability) => next() < probability,
    pick,
    weighted,
    shuffle,
  };
};

/** Combines a seed with further numbers into a new seed, so that each part of a document can have its own stream. */
export const mixSeed = (seed: number, ...parts: number[]): number => {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x85ebca6b) >>> 0;
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35) >>> 0;
    hash = (hash ^ (hash >>> 16)) >>> 0;
  }
  return hash;
};

export const itemAt = <Item>(items: readonly Item[], index: number): Item => {
  const item = items[index];
  if (item === undefined) throw new RangeError(`no item at index ${index} of ${items.length}`);
  return item;
};

export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

const offsetChoices = [120, -300, 330, 60, -480, 540, -180] as const;

/** Writes an instant as ISO 8601 at the given offset from UTC, in minutes ("Z" for 0). */
export const formatInstantAtOffset = (milliseconds: number, offsetMinutes: number): string => {
  if (offsetMinutes === 0) return new Date(milliseconds).toISOString();
  const local = new Date(milliseconds + offsetMinutes * minute).toISOString().slice(0, 23);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const absolute = Math.abs(offsetMinutes);
  const hours = String(Math.floor(absolute / 60)).padStart(2, "0");
  const minutes = String(absolute % 60).padStart(2, "0");
  return `${local}${sign}${hours}:${minutes}`;
};

/** The references a snapshot must satisfy besides its schema; an empty list when every reference resolves. */
export const findBrokenReferences = (snapshot: Snapshot): string[] => {
  const problems: string[] = [];
  const customerIds = new Set(snapshot.customers.map((customer) => customer.id));
  const agentIds = new Set((snapshot.agents ?? []).map((agent) => agent.id));
  const teamIds = new Set((snapshot.teams ?? []).map((team) => team.id));
  const knownIssueIds = new Set((snapshot.knownIssues ?? []).map((issue) => issue.id));
  const checkUnique = (kind: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${kind} id ${id} is used twice`);
      seen.add(id);
    }
  };
  checkUnique(
    "customer",
    snapshot.customers.map((customer) => customer.id),
  );
  checkUnique(
    "ticket",
    snapshot.tickets.map((ticket) => ticket.id),
  );
  checkUnique("agent", [...agentIds]);
  for (const team of snapshot.teams ?? []) {
    if (team.escalatesTo !== undefined && !teamIds.has(team.escalatesTo)) {
      problems.push(`team ${team.id} escalates to unknown team ${team.escalatesTo}`);
    }
  }
  for (const agent of snapshot.agents ?? []) {
    if (agent.teamId !== undefined && !teamIds.has(agent.teamId)) {
      problems.push(`agent ${agent.id} belongs to unknown team ${agent.teamId}`);
    }
  }
  for (const event of snapshot.accountEvents ?? []) {
    if (!customerIds.has(event.customerId)) problems.push(`account event ${event.id} names unknown customer`);
  }
  for (const ticket of snapshot.tickets) {
    if (!customerIds.has(ticket.customerId)) problems.push(`ticket ${ticket.id} names unknown customer`);
    if (ticket.assigneeId !== undefined && !agentIds.has(ticket.assigneeId)) {
      problems.push(`ticket ${ticket.id} is assigned to unknown agent ${ticket.assigneeId}`);
    }
    if (ticket.teamId !== undefined && !teamIds.has(ticket.teamId)) {
      problems.push(`ticket ${ticket.id} names unknown team ${ticket.teamId}`);
    }
    if (ticket.knownIssueId !== undefined && !knownIssueIds.has(ticket.knownIssueId)) {
      problems.push(`ticket ${ticket.id} names unknown known issue ${ticket.knownIssueId}`);
    }
    for (const message of ticket.messages) {
      if (message.author.startsWith("agent:") && !agentIds.has(message.author.slice("agent:".length))) {
        problems.push(`ticket ${ticket.id} has a message by unknown ${message.author}`);
      }
    }
  }
  return problems;
};

export type GenerateSnapshotOptions = {
  tickets: number;
  seed?: number;
  /** ISO instant where createdAt values start; default "2026-02-01T00:00:00Z". */
  start?: string;
  /** How many days the createdAt values spread over; default 59. */
  days?: number;
  timezone?: string;
  /** Write some instants with non-UTC offsets (the same instants, only written differently). */
  offsets?: boolean;
};

type SyntheticTopic = {
  name: string;
  teamId: string;
  tags: readonly string[];
  knownIssueId?: string;
  channels: WeightedEntries<ChannelName>;
  subjects: readonly string[];
  openings: readonly ((detail: string) => string)[];
  details: readonly string[];
  replies: readonly ((detail: string) => string)[];
  questions: readonly string[];
  answers: readonly string[];
};

const teams: SnapshotTeam[] = [
  { id: "support", name: "Support", escalatesTo: "technical-support" },
  { id: "technical-support", name: "Technical support", escalatesTo: "engineering" },
  { id: "engineering", name: "Engineering" },
  { id: "billing", name: "Billing", escalatesTo: "technical-support" },
  { id: "privacy", name: "Privacy", escalatesTo: "engineering" },
];

const agents: SnapshotAgent[] = [
  { id: "alex-morgan", name: "Alex Morgan", email: "alex.morgan@example.com", role: "admin", teamId: "support" },
  { id: "jordan-lee", name: "Jordan Lee", email: "jordan.lee@example.com", role: "agent", teamId: "support" },
  { id: "sam-patel", name: "Sam Patel", email: "sam.patel@example.com", role: "agent", teamId: "support" },
  { id: "rita-gomez", name: "Rita Gomez", email: "rita.gomez@example.com", role: "agent", teamId: "support" },
  { id: "ken-tanaka", name: "Ken Tanaka", email: "ken.tanaka@example.com", role: "agent", teamId: "technical-support" },
  { id: "ola-nowak", name: "Ola Nowak", email: "ola.nowak@example.com", role: "agent", teamId: "technical-support" },
  { id: "ben-adler", name: "Ben Adler", email: "ben.adler@example.com", role: "agent", teamId: "billing" },
  { id: "ines-silva", name: "Ines Silva", email: "ines.silva@example.com", role: "agent", teamId: "privacy" },
];

const knownIssues: SnapshotKnownIssue[] = [
  {
    id: "issue-export-timeout",
    title: "Large exports time out",
    status: "open",
    tags: ["export", "timeout"],
    workaround: "Export smaller date ranges.",
  },
  {
    id: "issue-login-loop",
    title: "Login loop after password reset in some browsers",
    status: "fix_in_progress",
    tags: ["login"],
    workaround: "Clear the site's cookies or use another browser.",
  },
  { id: "issue-duplicate-emails", title: "Report emails sent twice", status: "fixed", tags: ["reports", "email"] },
];

const articleTitles = [
  ["Exporting your data", "export"],
  ["Resetting your password", "login"],
  ["Understanding your invoice", "billing"],
  ["Changing your plan", "billing"],
  ["Connecting an integration", "integrations"],
  ["Building a dashboard", "dashboards"],
  ["Scheduling reports", "reports"],
  ["Setting up two-factor authentication", "login"],
  ["Requesting a copy or deletion of your data", "privacy"],
  ["API limits and errors", "api"],
  ["Inviting your team", "account"],
  ["Cancelling your subscription", "billing"],
] as const;

const standardChannels: WeightedEntries<ChannelName> = [
  ["email", 45],
  ["chat", 22],
  ["phone", 8],
  ["social", 8],
  ["in_app", 12],
  ["api", 5],
];

const topics: readonly SyntheticTopic[] = [
  {
    name: "data export failure",
    teamId: "technical-support",
    tags: ["export", "bug"],
    knownIssueId: "issue-export-timeout",
    channels: standardChannels,
    subjects: ["Export keeps failing", "Can't download my data", "Export stuck at 99%"],
    openings: [
      (detail) => `My export of ${detail} fails every time I start it. Can you help?`,
      (detail) => `I've tried to export ${detail} three times today and it never finishes.`,
    ],
    details: ["last year's events", "the sales dashboard", "all contacts", "Q4 data"],
    replies: [
      (detail) =>
        `Large exports like ${detail} currently time out. Splitting the export into smaller date ranges works.`,
      (detail) =>
        `I looked at your export of ${detail}: it is over the size limit. Please export it month by month for now.`,
    ],
    questions: ["Which format did you choose, CSV or Excel?", "Roughly how large is the export?"],
    answers: ["CSV, about 700 MB I think.", "It's the whole account, so big."],
  },
  {
    name: "login problem",
    teamId: "support",
    tags: ["login"],
    knownIssueId: "issue-login-loop",
    channels: standardChannels,
    subjects: ["Can't log in", "Stuck on the login page", "Password reset doesn't work"],
    openings: [
      (detail) => `After resetting my password I keep landing on the login page again (${detail}).`,
      (detail) => `I can't get into my account since this morning, using ${detail}.`,
    ],
    details: ["Safari on a Mac", "Chrome", "the mobile app", "Firefox"],
    replies: [
      (detail) =>
        `This is a known problem with ${detail}; clearing cookies for our site fixes it until the patch ships.`,
      () => "I've reset your session on our side, please try logging in again.",
    ],
    questions: ["Do you see an error message?", "Which browser are you using?"],
    answers: ["No error, it just loops.", "Safari, latest version."],
  },
  {
    name: "billing question",
    teamId: "billing",
    tags: ["billing"],
    channels: standardChannels,
    subjects: ["Question about my bill", "Charged twice?", "Credits on my account"],
    openings: [
      (detail) => `I was charged ${detail} this month and don't understand why.`,
      (detail) => `Can you explain the ${detail} line on my invoice?`,
    ],
    details: ["$49", "$199", "the credit package", "an extra seat"],
    replies: [
      (detail) => `The ${detail} charge is for the credit package bought on your account; I've attached a breakdown.`,
      () => "You were charged once; the second line is a pending authorisation that disappears in a few days.",
    ],
    questions: ["Could you send me the invoice number?"],
    answers: ["Sure, it's INV-2026-0193."],
  },
  {
    name: "invoice request",
    teamId: "billing",
    tags: ["billing", "invoice"],
    channels: standardChannels,
    subjects: ["Invoice copy", "Need a receipt with VAT number", "Update billing address"],
    openings: [
      (detail) => `Could you send me ${detail}?`,
      (detail) => `Our finance team needs ${detail} for their records.`,
    ],
    details: ["last month's invoice", "an invoice with our VAT ID", "all invoices from 2025"],
    replies: [
      (detail) => `Here is ${detail}; you can also download every invoice under Settings → Billing.`,
      () => "I've added your VAT ID; the corrected invoice is attached.",
    ],
    questions: ["Which billing address should appear on it?"],
    answers: ["Our new office: 12 Harbour Street."],
  },
  {
    name: "feature request",
    teamId: "support",
    tags: ["feature-request"],
    channels: standardChannels,
    subjects: ["Feature idea", "Would love dark mode", "Any plans for a Looker connector?"],
    openings: [
      (detail) => `It would be great if you supported ${detail}.`,
      (detail) => `Is ${detail} on your roadmap?`,
    ],
    details: ["dark mode", "a Looker connector", "custom fiscal years", "exporting to Parquet"],
    replies: [
      (detail) => `Thanks for the idea! I've added your vote for ${detail} to our roadmap board.`,
      (detail) => `${detail} isn't planned yet, but I've shared your use case with the product team.`,
    ],
    questions: ["What would you use it for?"],
    answers: ["Mostly for our weekly reporting."],
  },
  {
    name: "integration setup",
    teamId: "technical-support",
    tags: ["integrations"],
    channels: standardChannels,
    subjects: ["Integration not syncing", "How do I connect Salesforce?", "Google Sheets sync stopped"],
    openings: [
      (detail) => `Our ${detail} integration stopped syncing yesterday.`,
      (detail) => `How do I connect ${detail}?`,
    ],
    details: ["Salesforce", "Google Sheets", "HubSpot", "Slack"],
    replies: [
      (detail) => `The ${detail} token expired; reconnecting it under Settings → Integrations restores the sync.`,
      (detail) => `Connecting ${detail} takes two steps; I've linked the guide and enabled it on your workspace.`,
    ],
    questions: ["Who connected the integration originally?"],
    answers: ["A colleague who has since left."],
  },
  {
    name: "dashboard how-to",
    teamId: "support",
    tags: ["how-to", "dashboards"],
    channels: standardChannels,
    subjects: ["How do I share a dashboard?", "Filter question", "Custom date range"],
    openings: [(detail) => `How do I ${detail}?`, (detail) => `I can't figure out how to ${detail}.`],
    details: ["share a dashboard publicly", "add a filter to all charts", "compare two periods"],
    replies: [
      (detail) => `To ${detail}, open the dashboard menu (⋯) and choose the option there; here's a short guide.`,
    ],
    questions: ["Which dashboard is this about?"],
    answers: ["The Marketing overview one."],
  },
  {
    name: "data privacy request",
    teamId: "privacy",
    tags: ["privacy", "gdpr"],
    channels: [
      ["email", 80],
      ["api", 10],
      ["in_app", 10],
    ],
    subjects: ["Delete my data", "GDPR access request", "Remove a former employee"],
    openings: [(detail) => `Under the GDPR I ask you to ${detail}.`, (detail) => `Please ${detail}.`],
    details: ["delete all my personal data", "send me a copy of my data", "erase a former employee's profile"],
    replies: [
      (detail) => `We've received your request to ${detail}; it will be completed within 30 days and we'll confirm.`,
    ],
    questions: ["Could you confirm the email address on the account?"],
    answers: ["Yes, it's this one."],
  },
  {
    name: "performance issue",
    teamId: "technical-support",
    tags: ["performance"],
    channels: standardChannels,
    subjects: ["Dashboards are slow", "Reports take forever", "Timeouts on charts"],
    openings: [
      (detail) => `${detail} take over a minute to load since Monday.`,
      (detail) => `Loading ${detail} is painfully slow.`,
    ],
    details: ["Our dashboards", "Funnel reports", "The retention chart"],
    replies: [
      (detail) =>
        `${detail} were slow because of an unindexed filter; I've rebuilt the cache and it loads in seconds now.`,
    ],
    questions: ["Is it every dashboard or one in particular?"],
    answers: ["Mainly the big ones with 20+ charts."],
  },
  {
    name: "cancellation",
    teamId: "billing",
    tags: ["cancellation", "billing"],
    channels: standardChannels,
    subjects: ["Cancel my subscription", "Downgrade to free", "Please close my account"],
    openings: [
      (detail) => `We'd like to ${detail} at the end of this billing period.`,
      (detail) => `How do I ${detail}?`,
    ],
    details: ["cancel our subscription", "downgrade to the free plan", "close the account"],
    replies: [
      (detail) =>
        `I've scheduled the request to ${detail} at the end of your billing period; your data stays available.`,
    ],
    questions: ["May I ask what made you decide to leave?"],
    answers: ["Budget cuts, nothing personal."],
  },
  {
    name: "complaint",
    teamId: "support",
    tags: ["complaint"],
    channels: standardChannels,
    subjects: ["Very disappointed", "Nobody answered my last email", "This is not acceptable"],
    openings: [
      (detail) => `I'm really disappointed about ${detail}.`,
      (detail) => `Honestly, ${detail} was not OK. I expected better.`,
    ],
    details: ["the week without a reply", "the outage last Tuesday", "the charge after I cancelled"],
    replies: [
      (detail) =>
        `You're right to be upset about ${detail}, and I'm sorry. I've looked into it and fixed what I could.`,
    ],
    questions: ["Could you tell me the date it happened so I can check?"],
    answers: ["Last Tuesday."],
  },
];

const firstNames: Record<string, readonly string[]> = {
  en: [
    "Ana",
    "James",
    "Olivia",
    "Noah",
    "Emma",
    "Liam",
    "Ava",
    "Ethan",
    "Mia",
    "Lucas",
    "Zoe",
    "Omar",
    "Grace",
    "Ravi",
  ],
  de: ["Jonas", "Lena", "Felix", "Mia", "Paul", "Hannah", "Lukas", "Marie"],
  es: ["Lucía", "Mateo", "Sofía", "Diego", "Valentina", "Javier", "Camila"],
  fr: ["Léa", "Hugo", "Chloé", "Louis", "Camille", "Jules", "Manon"],
  zh: ["Wei", "Fang", "Lei", "Xin", "Jing", "Hao", "Mei"],
};

const lastNames: Record<string, readonly string[]> = {
  en: ["Smith", "Johnson", "Brown", "Garcia", "Nguyen", "Khan", "Williams", "Okafor", "Murphy", "Cohen", "Singh"],
  de: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner"],
  es: ["García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Romero"],
  fr: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand"],
  zh: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang"],
};

const companies = [
  "Acme Corp",
  "Globex",
  "Initech",
  "Umbrella Retail",
  "Stark Logistics",
  "Wayne Media",
  "Hooli",
  "Vandelay Imports",
  "Soylent Foods",
  "Cyberdyne Labs",
] as const;

const languages: WeightedEntries<string> = [
  ["en", 80],
  ["de", 6],
  ["es", 6],
  ["fr", 5],
  ["zh", 3],
];

const plans: WeightedEntries<string> = [
  ["free", 35],
  ["pro", 50],
  ["enterprise", 15],
];

const socialProviders = ["x", "whatsapp", "instagram", "messenger", "telegram"] as const;

const statusWeights: WeightedEntries<TicketStatus> = [
  ["new", 4],
  ["open", 7],
  ["pending", 6],
  ["on_hold", 4],
  ["solved", 14],
  ["closed", 65],
];

const priorityWeights: WeightedEntries<Priority> = [
  ["low", 15],
  ["normal", 60],
  ["high", 20],
  ["urgent", 5],
];

const greetings = {
  en: (name: string) => `Hi ${name},`,
  de: (name: string) => `Hallo ${name},`,
  es: (name: string) => `Hola ${name}:`,
  fr: (name: string) => `Bonjour ${name},`,
  zh: (name: string) => `${name}您好，`,
} as const satisfies Record<string, (name: string) => string>;

const thanksByLanguage: Record<string, readonly string[]> = {
  en: ["Thanks, that worked!", "Perfect, all good now.", "Great, thank you for the quick help."],
  de: ["Danke, das hat funktioniert!", "Super, jetzt klappt es."],
  es: ["¡Gracias, ya funciona!", "Perfecto, muchas gracias."],
  fr: ["Merci, ça fonctionne !", "Parfait, merci beaucoup."],
  zh: ["谢谢，问题解决了！", "好的，现在可以了，谢谢。"],
};

const stillBroken = [
  "Unfortunately it's happening again.",
  "Sorry, still not working for me.",
  "It broke again today.",
];

const csatComments: Record<number, readonly string[]> = {
  1: ["Took far too long.", "Problem still not fixed."],
  2: ["Slow answers."],
  3: ["OK in the end."],
  4: ["Good help, thanks.", "Solved, though it took a while."],
  5: ["Super fast and friendly!", "Exactly what I needed.", "Great support."],
};

type TimelineEntry = { at: number; message?: SnapshotMessage; event?: SnapshotTicketEvent };

/**
 * A synthetic workspace of the requested size: varied, internally consistent (statuses agree with events,
 * every reference resolves) and deterministic: the same options give the same document byte for byte.
 */
export const generateSnapshot = (options: GenerateSnapshotOptions): Snapshot => {
  const seed = options.seed ?? 1;
  const startMilliseconds = Date.parse(options.start ?? "2026-02-01T00:00:00Z");
  if (Number.isNaN(startMilliseconds)) throw new RangeError(`start is not an instant: ${options.start}`);
  const spanMilliseconds = (options.days ?? 59) * day;
  const ticketCount = Math.max(0, Math.floor(options.tickets));
  const random = createRandom(seed);
  const offsetRandom = createRandom(mixSeed(seed, 7));
  const formatInstant = options.offsets
    ? (milliseconds: number) =>
        formatInstantAtOffset(milliseconds, offsetRandom.chance(0.3) ? offsetRandom.pick(offsetChoices) : 0)
    : (milliseconds: number) => new Date(milliseconds).toISOString();

  const customerCount = Math.max(1, Math.ceil(ticketCount / 2));
  const customerWidth = String(customerCount).length;
  const customers: SnapshotCustomer[] = [];
  const customerLanguages: string[] = [];
  const customerFirstNames: string[] = [];
  for (let index = 0; index < customerCount; index++) {
    const language = random.weighted(languages);
    const firstName = random.pick(firstNames[language] ?? itemAt(Object.values(firstNames), 0));
    const lastName = random.pick(lastNames[language] ?? itemAt(Object.values(lastNames), 0));
    const number = String(index + 1).padStart(customerWidth, "0");
    const customer: SnapshotCustomer = { id: `customer-${number}`, name: `${firstName} ${lastName}` };
    const localPart = `${asciiName(firstName)}.${asciiName(lastName)}${index + 1}`;
    if (random.chance(0.92)) customer.email = `${localPart}@example.${random.pick(["com", "org", "net", "de"])}`;
    if (random.chance(0.3)) customer.phone = `+1555${String(random.integer(0, 9_999_999)).padStart(7, "0")}`;
    if (random.chance(0.2)) {
      const provider = random.pick(socialProviders);
      customer.handles = {
        [provider]:
          provider === "whatsapp"
            ? `+4917${random.integer(10_000_000, 99_999_999)}`
            : `@${asciiName(firstName)}${index + 1}`,
      };
    }
    if (random.chance(0.6)) customer.company = random.pick(companies);
    customer.plan = random.weighted(plans);
    customer.language = language;
    if (random.chance(0.5)) {
      customer.attributes = { seats: random.integer(1, 250), region: random.pick(["eu", "us", "apac"]) };
    }
    customers.push(customer);
    customerLanguages.push(language);
    customerFirstNames.push(firstName);
  }

  const articles: SnapshotArticle[] = articleTitles.map(([title, tag], index) => ({
    id: `article-${String(index + 1).padStart(2, "0")}`,
    title,
    body: `# ${title}\n\nThis article explains ${title.toLowerCase()} step by step.\n\n1. Open Settings.\n2. Follow the prompts.\n`,
    tags: [tag],
    public: index % 5 !== 4,
    updatedAt: formatInstant(startMilliseconds - (index + 1) * 3 * day),
  }));

  const createdTimes = new Float64Array(ticketCount);
  for (let index = 0; index < ticketCount; index++) {
    createdTimes[index] = startMilliseconds + Math.floor((random.next() * spanMilliseconds) / 1000) * 1000;
  }
  createdTimes.sort();

  const accountEvents: SnapshotAccountEvent[] = [];
  const tickets: SnapshotTicket[] = [];
  const ticketWidth = Math.max(4, String(ticketCount).length);
  let messageNumber = 0;
  const nextMessageId = () => `message-${++messageNumber}`;
  const agentsByTeam = new Map<string, SnapshotAgent[]>();
  for (const agent of agents) {
    const members = agentsByTeam.get(agent.teamId ?? "") ?? [];
    members.push(agent);
    agentsByTeam.set(agent.teamId ?? "", members);
  }
  const nextTeam = new Map(teams.map((team) => [team.id, team.escalatesTo]));

  for (let index = 0; index < ticketCount; index++) {
    const createdAt = createdTimes[index] as number;
    const customerIndex = Math.floor(random.next() ** 1.6 * customerCount);
    const customer = itemAt(customers, customerIndex);
    const language = itemAt(customerLanguages, customerIndex);
    const firstName = itemAt(customerFirstNames, customerIndex);
    const topic = random.pick(topics);
    const channel = random.weighted(topic.channels);
    const status = random.weighted(statusWeights);
    const priority = random.weighted(priorityWeights);
    const detail = random.pick(topic.details);
    const teamMembers = agentsByTeam.get(topic.teamId) ?? agents;
    const agent = random.pick(teamMembers);
    const author = random.chance(0.05) ? "responder" : `agent:${agent.id}`;
    const greeting = greetings[language as keyof typeof greetings] ?? greetings.en;
    const id = `ticket-${String(index + 1).padStart(ticketWidth, "0")}`;
    const timeline: TimelineEntry[] = [];
    let time = createdAt;
    const addMessage = (at: number, messageAuthor: string, body: string, isPublic = true) =>
      timeline.push({
        at,
        message: { id: nextMessageId(), at: formatInstant(at), author: messageAuthor, public: isPublic, body },
      });
    const addEvent = (at: number, event: Pick<SnapshotTicketEvent, "type" | "actor" | "from" | "to" | "data">) =>
      timeline.push({ at, event: { at: formatInstant(at), ...event } });
    const changeStatus = (at: number, from: TicketStatus, to: TicketStatus, actor = author) =>
      addEvent(at, { type: "status_changed", actor, from, to });

    addMessage(time, "customer", random.pick(topic.openings)(detail));
    if (channel === "email" && random.chance(0.3)) {
      addMessage(
        time + random.integer(5, 60) * 1000,
        "system",
        `We've received your request (${id}) and will reply soon.`,
      );
    }
    let teamId = topic.teamId;
    let assigneeId: string | undefined;
    if (status !== "new" || random.chance(0.3)) {
      time += random.integer(1, 20) * minute;
      assigneeId = agent.id;
      addEvent(time, { type: "assigned", actor: "system", to: agent.id });
    }
    if (priority !== "normal" && random.chance(0.05)) {
      time += random.integer(1, 30) * minute;
      addEvent(time, { type: "priority_changed", actor: `agent:${agent.id}`, from: "normal", to: priority });
    }
    const firstResponseDelay = () =>
      channel === "chat" || channel === "phone"
        ? random.integer(10, 300) * 1000
        : Math.floor(random.between(0.05, 1) ** 2 * 6 * hour);
    const reply = (body: string) =>
      `${greeting(firstName)}\n\n${body}\n\n${author === "responder" ? "Support" : agent.name}`;

    let csat: SnapshotTicket["csat"];
    if (status === "new") {
      if (random.chance(0.3)) addMessage(time + random.integer(10, 240) * minute, "customer", "Any update on this?");
    } else if (status === "open") {
      time += firstResponseDelay();
      addMessage(time, author, reply(random.pick(topic.replies)(detail)));
      changeStatus(time, "new", "open");
      if (random.chance(0.4))
        addMessage(time + random.integer(1, 30) * minute, `agent:${agent.id}`, "Checking logs.", false);
    } else if (status === "pending") {
      time += firstResponseDelay();
      addMessage(time, author, reply(random.pick(topic.questions)));
      changeStatus(time, "new", "pending");
    } else if (status === "on_hold") {
      time += firstResponseDelay();
      addMessage(time, author, reply(random.pick(topic.replies)(detail)));
      changeStatus(time, "new", "open");
      time += random.integer(5, 120) * minute;
      const escalateTo = nextTeam.get(teamId) ?? "engineering";
      addMessage(time, `agent:${agent.id}`, `Escalating to ${escalateTo}: ${detail}.`, false);
      addEvent(time, { type: "escalated", actor: `agent:${agent.id}`, from: teamId, to: escalateTo });
      changeStatus(time, "open", "on_hold", `agent:${agent.id}`);
      if (random.chance(0.5)) {
        addEvent(time, {
          type: "follow_up_scheduled",
          actor: `agent:${agent.id}`,
          data: { dueAt: formatInstant(time + day) },
        });
      }
      teamId = escalateTo;
    } else {
      const path = random.weighted([
        ["direct", 70],
        ["clarify", 15],
        ["escalated", 9],
        ["reopened", 6],
      ] as const);
      time += firstResponseDelay();
      if (path === "clarify") {
        addMessage(time, author, reply(random.pick(topic.questions)));
        changeStatus(time, "new", "pending");
        time += random.integer(10, 600) * minute;
        addMessage(time, "customer", random.pick(topic.answers));
        changeStatus(time, "pending", "open", "customer");
        time += random.integer(5, 240) * minute;
        addMessage(time, author, reply(random.pick(topic.replies)(detail)));
        changeStatus(time, "open", "solved");
      } else if (path === "escalated") {
        addMessage(time, author, reply("Thanks for the details, I'm checking this with our specialists."));
        changeStatus(time, "new", "open");
        time += random.integer(5, 120) * minute;
        const escalateTo = nextTeam.get(teamId) ?? "engineering";
        addMessage(time, `agent:${agent.id}`, `Escalating to ${escalateTo}: ${detail}.`, false);
        addEvent(time, { type: "escalated", actor: `agent:${agent.id}`, from: teamId, to: escalateTo });
        changeStatus(time, "open", "on_hold", `agent:${agent.id}`);
        addEvent(time, {
          type: "follow_up_scheduled",
          actor: `agent:${agent.id}`,
          data: { dueAt: formatInstant(time + day) },
        });
        time += random.integer(2, 48) * hour;
        addEvent(time, { type: "follow_up_done", actor: `agent:${agent.id}` });
        addMessage(time, `agent:${agent.id}`, reply(random.pick(topic.replies)(detail)));
        changeStatus(time, "on_hold", "solved", `agent:${agent.id}`);
        teamId = escalateTo;
      } else {
        addMessage(time, author, reply(random.pick(topic.replies)(detail)));
        changeStatus(time, "new", "solved");
        if (path === "reopened") {
          time += random.integer(1, 72) * hour;
          addMessage(time, "customer", random.pick(stillBroken));
          addEvent(time, { type: "reopened", actor: "customer" });
          changeStatus(time, "solved", "open", "customer");
          time += random.integer(10, 300) * minute;
          addMessage(time, `agent:${agent.id}`, reply(random.pick(topic.replies)(detail)));
          changeStatus(time, "open", "solved", `agent:${agent.id}`);
        }
      }
      if (random.chance(0.4)) {
        const score = random.weighted([
          [5, 60],
          [4, 22],
          [3, 9],
          [2, 5],
          [1, 4],
        ] as const);
        const at = time + random.integer(10, 1440) * minute;
        csat = { score, at: formatInstant(at) };
        if (random.chance(0.5)) csat.comment = random.pick(csatComments[score] ?? []);
        addEvent(at, { type: "csat_received", actor: "customer", data: { score } });
      }
      if (status === "closed") {
        if (random.chance(0.4)) {
          time += random.integer(5, 600) * minute;
          addMessage(time, "customer", random.pick(thanksByLanguage[language] ?? thanksByLanguage.en ?? []));
          changeStatus(time, "solved", "closed", "customer");
        } else {
          changeStatus(time + 4 * day, "solved", "closed", "system");
        }
      }
    }

    timeline.sort((left, right) => left.at - right.at);
    const messages: SnapshotMessage[] = [];
    const events: SnapshotTicketEvent[] = [];
    for (const entry of timeline) {
      if (entry.message) messages.push(entry.message);
      if (entry.event) events.push(entry.event);
    }
    const ticket: SnapshotTicket = {
      id,
      customerId: customer.id,
      channel,
      subject: random.pick(topic.subjects),
      status,
      priority,
      tags: [...topic.tags],
      topic: topic.name,
      createdAt: formatInstant(createdAt),
      messages,
      events,
    };
    if (topic.knownIssueId !== undefined && random.chance(0.5)) ticket.knownIssueId = topic.knownIssueId;
    if (assigneeId !== undefined) ticket.assigneeId = assigneeId;
    ticket.teamId = teamId;
    if (csat) ticket.csat = csat;
    if (channel === "social") {
      const provider = Object.keys(customer.handles ?? {})[0] ?? random.pick(socialProviders);
      customer.handles ??= { [provider]: `@${asciiName(firstName)}${customerIndex + 1}` };
      ticket.attributes = { provider };
    } else if (channel === "phone") {
      customer.phone ??= `+1555${String(random.integer(0, 9_999_999)).padStart(7, "0")}`;
    } else if (channel === "in_app")
      ticket.attributes = { page: random.pick(["/dashboards", "/exports", "/settings"]) };
    tickets.push(ticket);

    if (random.chance(0.25)) {
      accountEvents.push({
        id: `account-event-${accountEvents.length + 1}`,
        customerId: customer.id,
        at: formatInstant(createdAt - random.integer(1, 72) * hour),
        type:
          topic.name === "data export failure"
            ? "export.failed"
            : random.pick(["login", "plan.changed", "invoice.paid"]),
        data:
          topic.name === "data export failure"
            ? { sizeMb: random.integer(501, 2400), limitMb: 500, timeoutSeconds: 120, errorCode: "EXPORT_TIMEOUT" }
            : { source: random.pick(["web", "ios", "android"]) },
      });
    }
  }

  return {
    format: SNAPSHOT_FORMAT,
    workspace: {
      name: "Synthetic workspace",
      timezone: options.timezone ?? "UTC",
      businessHours: { days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" },
      slaPolicies: [
        { channel: "email", firstResponseMinutes: 120, resolutionMinutes: 1440 },
        { channel: "chat", firstResponseMinutes: 1 },
        { channel: "social", firstResponseMinutes: 60 },
        { priority: "urgent", firstResponseMinutes: 60 },
      ],
    },
    teams: teams.map((team) => ({ ...team })),
    agents: agents.map((agent) => ({ ...agent })),
    customers,
    articles,
    accountEvents,
    knownIssues: knownIssues.map((issue) => ({ ...issue, tags: [...(issue.tags ?? [])] })),
    tickets,
  };
};

const asciiName = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "") || "user";
