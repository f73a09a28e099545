import type { ChannelName } from "../../core/snapshot/snapshot-schema.ts";
import {
  agentSays,
  buildWorkspace,
  customerSays,
  markdown,
  repeatedEvents,
  type Scenario,
  type ScenarioExpectations,
  ticket,
} from "./scenario-workspace.ts";

/**
 * The brief's story (an operation failing for days, found in the customer's account data, a known
 * issue with a workaround, a fix pending), told by other companies about other products and units.
 */

export const defaultNow = "2026-05-14T15:00:00Z";

// A photo-backup app in Sydney: videos over the size limit fail at the upload time limit.
// The draft is made at 01:00 on Friday in Sydney, so the next business day is Monday.

type PhotoBackupVariant = { id: string; channel: ChannelName; provider?: string; subject?: string; message: string };

export const photoBackupEventIds = {
  failureBeforeSuccess: "lum-ev-2291",
  success: "lum-ev-2304",
  firstFailure: "lum-ev-2377",
  latestFailure: "lum-ev-2419",
  otherCustomerFailure: "lum-ev-2350",
};

function photoBackupScenario(variant: PhotoBackupVariant, expect: ScenarioExpectations): Scenario {
  const failure = { sizeGb: 3.4, limitGb: 2, timeoutSeconds: 420, errorCode: "UPLOAD_DEADLINE" };
  return {
    id: variant.id,
    summary: `photo-backup uploads over the limit fail at the time limit (${variant.channel}${variant.provider ? `/${variant.provider}` : ""}, en)`,
    channel: variant.channel,
    language: "en",
    now: defaultNow,
    ticketId: `${variant.id}-ticket`,
    vocabulary: ["Tidewater Apps", "Lumora", "recital"],
    snapshot: buildWorkspace({
      company: "Tidewater Apps",
      product: "Lumora Photos",
      timezone: "Australia/Sydney",
      teams: [
        { id: "care", name: "Customer Care", escalatesTo: "eng-core" },
        { id: "eng-core", name: "Core Engineering" },
        { id: "accounts", name: "Billing" },
      ],
      agents: [
        {
          id: "care-agent",
          name: "Noor Pemberton",
          email: "noor.pemberton@tidewater.example",
          role: "agent",
          teamId: "care",
        },
      ],
      customers: [
        {
          id: "cust-imogen",
          name: "Imogen Thackeray",
          email: "imogen.thackeray@example.net",
          phone: "+61491570110",
          handles: { messenger: "Imogen Thackeray" },
          plan: "family",
          language: "en",
        },
        { id: "cust-rafferty", name: "Rafferty Oduya", email: "rafferty@oduya.example", plan: "solo", language: "en" },
      ],
      knownIssues: [
        {
          id: "ki-long-uploads",
          title: "Large video uploads stop at the upload time limit",
          status: "fix_in_progress",
          tags: ["upload", "video", "timeout"],
          workaround:
            "Back up the large videos from a computer with the Lumora desktop uploader, which has no time limit. Support can also rerun a failed upload manually for the customer from the admin console.",
        },
      ],
      accountEvents: [
        {
          id: photoBackupEventIds.failureBeforeSuccess,
          customerId: "cust-imogen",
          at: "2026-05-06T09:12:00Z",
          type: "upload.failed",
          data: { sizeGb: 2.9, limitGb: 2, timeoutSeconds: 420, errorCode: "UPLOAD_DEADLINE" },
        },
        {
          id: photoBackupEventIds.success,
          customerId: "cust-imogen",
          at: "2026-05-08T07:40:00Z",
          type: "upload.completed",
          data: { sizeGb: 0.6 },
        },
        {
          id: photoBackupEventIds.otherCustomerFailure,
          customerId: "cust-rafferty",
          at: "2026-05-10T03:00:00Z",
          type: "upload.failed",
          data: { sizeGb: 7.7, limitGb: 2, timeoutSeconds: 420, errorCode: "UPLOAD_DEADLINE" },
        },
        ...repeatedEvents("cust-imogen", "upload.failed", failure, [
          { id: photoBackupEventIds.firstFailure, at: "2026-05-11T22:05:00Z" },
          { id: "lum-ev-2398", at: "2026-05-12T21:30:00Z" },
          { id: photoBackupEventIds.latestFailure, at: "2026-05-13T23:10:00Z" },
        ]),
      ],
      tickets: [
        ticket({
          id: "lum-ticket-rafferty",
          customerId: "cust-rafferty",
          channel: "email",
          status: "on_hold",
          teamId: "eng-core",
          knownIssueId: "ki-long-uploads",
          subject: "Drone videos won't upload",
          messages: [
            customerSays(
              "2026-05-10T04:00:00Z",
              "My 4K drone videos won't upload to Lumora, they fail after a few minutes every time. Small clips are fine.",
            ),
            agentSays(
              "care-agent",
              "2026-05-10T05:10:00Z",
              "Hi Rafferty, thanks for the details. Our engineers are working on large video uploads; I'll keep you posted.",
            ),
          ],
        }),
        ticket({
          id: `${variant.id}-ticket`,
          customerId: "cust-imogen",
          channel: variant.channel,
          provider: variant.provider,
          status: "new",
          teamId: "care",
          knownIssueId: "ki-long-uploads",
          subject: variant.subject,
          messages: [customerSays("2026-05-14T00:20:00Z", variant.message)],
        }),
      ],
    }),
    expect,
  };
}

const photoBackupEmailExpectations: ScenarioExpectations = {
  category: "bug",
  sentiment: "negative",
  escalateTo: "eng-core",
  followUp: "next_business_day",
  quotes: [{ eventIds: [photoBackupEventIds.latestFailure], keys: ["sizeGb", "limitGb", "timeoutSeconds"] }],
  startedWith: photoBackupEventIds.firstFailure,
  notInReply: [
    { eventId: photoBackupEventIds.failureBeforeSuccess, date: true },
    { eventId: photoBackupEventIds.otherCustomerFailure, key: "sizeGb" },
  ],
  workaround: {
    phrase: "from a computer with the lumora desktop uploader",
    source: { kind: "known_issue", id: "ki-long-uploads" },
  },
  cites: [{ kind: "known_issue", id: "ki-long-uploads" }],
  actions: [
    { type: "link_known_issue", params: { knownIssueId: "ki-long-uploads" } },
    { type: "escalate", params: { teamId: "eng-core" } },
    { type: "rerun_operation", params: { accountEventId: photoBackupEventIds.latestFailure } },
  ],
  knowledgeBase: { titleMentions: ["upload", "video"] },
};

/** The same problem on the short channels: the customer's name and the key figure, fewer words. */
const photoBackupShortExpectations: ScenarioExpectations = {
  escalateTo: "eng-core",
  followUp: "next_business_day",
  quotes: [{ eventIds: [photoBackupEventIds.latestFailure], keys: ["sizeGb"] }],
  notInReply: [{ eventId: photoBackupEventIds.otherCustomerFailure, key: "sizeGb" }],
  actions: [
    { type: "link_known_issue", params: { knownIssueId: "ki-long-uploads" } },
    { type: "escalate", params: { teamId: "eng-core" } },
  ],
};

export const photoBackupEmail = photoBackupScenario(
  {
    id: "photo-backup-email",
    channel: "email",
    subject: "My videos won't back up",
    message:
      "Hello,\n\nFor three days now every video I try to back up from my phone gets stuck at the end and then fails. " +
      "Photos go through fine, it's only the videos, and they're my daughter's dance recital, so I really don't want to lose them. " +
      "I've tried on wifi and on mobile data, same thing.\n\nThis is really frustrating. Can you please sort it out?\n\nImogen",
  },
  photoBackupEmailExpectations,
);

export const photoBackupChat = photoBackupScenario(
  {
    id: "photo-backup-chat",
    channel: "chat",
    message: "hi, my recital videos won't back up, they fail every time since tuesday. photos are fine. can you help?",
  },
  photoBackupShortExpectations,
);

export const photoBackupMessenger = photoBackupScenario(
  {
    id: "photo-backup-messenger",
    channel: "social",
    provider: "messenger",
    message: "Hey, none of my videos are backing up anymore 😤 photos ok. what's going on?",
  },
  photoBackupShortExpectations,
);

export const photoBackupSms = photoBackupScenario(
  {
    id: "photo-backup-sms",
    channel: "phone",
    message: "Videos not backing up for days, photos fine. Pls help - Imogen",
  },
  photoBackupShortExpectations,
);

// A CRM in Chicago: a CSV import too large for the import worker. The ticket is not linked to the
// known issue: the engine finds it from the conversation's words. The workaround is the customer's
// to apply (no manual rerun by support).
export const crmCsvImport: Scenario = {
  id: "crm-csv-import",
  summary: "CRM CSV import of 12,480 rows fails; known issue found by its words (email, en)",
  channel: "email",
  language: "en",
  now: defaultNow,
  ticketId: "pw-ticket-5521",
  vocabulary: ["Quillfeather", "Pipewright", "Ellwood & Finch"],
  snapshot: buildWorkspace({
    company: "Quillfeather Software",
    product: "Pipewright CRM",
    timezone: "America/Chicago",
    teams: [
      { id: "frontline", name: "Frontline Support", escalatesTo: "team-7" },
      { id: "team-7", name: "Platform Engineering" },
      { id: "roadmap", name: "Product Management" },
      { id: "invoices", name: "Billing" },
    ],
    customers: [
      {
        id: "pw-cust-ellwood",
        name: "Marguerite Ellwood",
        email: "marguerite@ellwoodfinch.example",
        company: "Ellwood & Finch Realty",
        plan: "growth",
        language: "en",
      },
    ],
    articles: [
      {
        id: "pw-art-pipelines",
        title: "Setting up deal pipelines",
        body: "Open Settings → Pipelines and add a stage for each step of your sales process.",
      },
    ],
    knownIssues: [
      {
        id: "pw-ki-csv-import",
        title: "CSV import stops on large files",
        status: "open",
        tags: ["import", "csv"],
        workaround:
          "Split the CSV file into several smaller files and import them one after another; rows already imported are skipped.",
      },
    ],
    accountEvents: [
      {
        id: "pw-ev-0901",
        customerId: "pw-cust-ellwood",
        at: "2026-05-04T16:00:00Z",
        type: "import.completed",
        data: { rows: 3120, sizeKb: 2410 },
      },
      ...repeatedEvents(
        "pw-cust-ellwood",
        "import.failed",
        { rows: 12480, sizeKb: 9650, limitKb: 7680, timeoutSeconds: 95, errorCode: "IMPORT_WORKER_TIMEOUT" },
        [
          { id: "pw-ev-0977", at: "2026-05-12T15:20:00Z" },
          { id: "pw-ev-0983", at: "2026-05-13T14:05:00Z" },
          { id: "pw-ev-0990", at: "2026-05-14T13:40:00Z" },
        ],
      ),
    ],
    tickets: [
      ticket({
        id: "pw-ticket-5521",
        customerId: "pw-cust-ellwood",
        channel: "email",
        status: "new",
        teamId: "frontline",
        subject: "CSV import keeps failing",
        messages: [
          customerSays(
            "2026-05-14T14:10:00Z",
            "Hello,\n\nI'm trying to import our contact list (about 12,480 rows, exported from our old CRM) as a CSV, " +
              "and the import has failed every single time since Tuesday. It spins for a while and then says something went wrong. " +
              "We have a new team starting on Monday, so this is urgent for us.\n\nThanks,\nMarguerite",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "bug",
    escalateTo: "team-7",
    followUp: "next_business_day",
    quotes: [{ eventIds: ["pw-ev-0990"], keys: ["sizeKb", "limitKb", "timeoutSeconds"] }],
    startedWith: "pw-ev-0977",
    workaround: {
      phrase: "split the csv file into several smaller files",
      source: { kind: "known_issue", id: "pw-ki-csv-import" },
    },
    actions: [
      { type: "link_known_issue", params: { knownIssueId: "pw-ki-csv-import" } },
      { type: "escalate", params: { teamId: "team-7" } },
    ],
    withoutActions: ["rerun_operation"],
    knowledgeBase: null,
  },
};

// A payroll tool in Berlin: the nightly bank sync (underscore event names) times out. Drafted on a
// Friday, so the follow-up is on Monday.
export const payrollBankSync: Scenario = {
  id: "payroll-bank-sync",
  summary: "payroll bank sync times out every morning since Monday; follow-up after the weekend (email, de)",
  channel: "email",
  language: "de",
  now: "2026-05-15T08:30:00Z",
  ticketId: "lf-ticket-318",
  vocabulary: ["Lohnfix", "Bäckerei Habermann", "Bankabgleich"],
  snapshot: buildWorkspace({
    company: "Lohnfix GmbH",
    product: "Lohnfix Cloud",
    timezone: "Europe/Berlin",
    teams: [
      { id: "kundenservice", name: "Kundenservice", escalatesTo: "lohn-dev" },
      { id: "lohn-dev", name: "Payroll Engineering" },
      { id: "buchhaltung", name: "Billing" },
    ],
    customers: [
      {
        id: "lf-kunde-habermann",
        name: "Friederike Habermann",
        email: "f.habermann@baeckerei-habermann.example",
        company: "Bäckerei Habermann",
        plan: "business",
        language: "de",
      },
    ],
    knownIssues: [
      {
        id: "lf-problem-bankabgleich",
        title: "Bankabgleich bricht nach Zeitüberschreitung ab",
        status: "open",
        tags: ["bank", "abgleich"],
        workaround:
          "Laden Sie die Umsätze im Online-Banking als CAMT-Datei herunter und importieren Sie die Datei unter Bankkonten → Datei importieren.",
      },
    ],
    accountEvents: [
      {
        id: "lf-ev-7710",
        customerId: "lf-kunde-habermann",
        at: "2026-05-08T04:00:00Z",
        type: "bank_sync_completed",
        data: { transactions: 214 },
      },
      ...repeatedEvents(
        "lf-kunde-habermann",
        "bank_sync_failed",
        { timeoutSeconds: 45, errorCode: "BANK_GATEWAY_TIMEOUT" },
        [
          { id: "lf-ev-7731", at: "2026-05-11T04:00:00Z" },
          { id: "lf-ev-7738", at: "2026-05-12T04:00:00Z" },
          { id: "lf-ev-7744", at: "2026-05-13T04:00:00Z" },
          { id: "lf-ev-7751", at: "2026-05-14T04:00:00Z" },
          { id: "lf-ev-7759", at: "2026-05-15T04:00:00Z" },
        ],
      ),
    ],
    tickets: [
      ticket({
        id: "lf-ticket-318",
        customerId: "lf-kunde-habermann",
        channel: "email",
        status: "new",
        teamId: "kundenservice",
        knownIssueId: "lf-problem-bankabgleich",
        subject: "Bankabgleich funktioniert nicht",
        messages: [
          customerSays(
            "2026-05-15T07:50:00Z",
            "Guten Tag,\n\nseit Montag funktioniert der automatische Bankabgleich in Lohnfix nicht mehr. Jeden Morgen steht dort nur „Abgleich fehlgeschlagen“. " +
              "Ich muss am 25. die Löhne auszahlen und brauche die Kontoumsätze dringend. Können Sie mir bitte helfen?\n\n" +
              "Mit freundlichen Grüßen\nFriederike Habermann",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "bug",
    escalateTo: "lohn-dev",
    followUp: "next_business_day",
    quotes: [{ eventIds: ["lf-ev-7759"], keys: ["timeoutSeconds"] }],
    startedWith: "lf-ev-7731",
    workaround: { phrase: "als camt-datei herunter", source: { kind: "known_issue", id: "lf-problem-bankabgleich" } },
    actions: [
      { type: "link_known_issue", params: { knownIssueId: "lf-problem-bankabgleich" } },
      { type: "escalate", params: { teamId: "lohn-dev" } },
    ],
    knowledgeBase: null,
  },
};

// An online-course platform in Madrid: a lesson video too long for the renderer (chat).
export const courseRenderChat: Scenario = {
  id: "course-render-chat",
  summary: "course video render over the size limit fails since Tuesday (chat, es)",
  channel: "chat",
  language: "es",
  now: defaultNow,
  ticketId: "cl-chat-8812",
  vocabulary: ["Alboreda", "Clasea"],
  snapshot: buildWorkspace({
    company: "Estudio Alboreda",
    product: "Clasea",
    timezone: "Europe/Madrid",
    teams: [
      { id: "soporte", name: "Soporte", escalatesTo: "ingenieria-video" },
      { id: "ingenieria-video", name: "Video Engineering" },
      { id: "cobros", name: "Billing" },
    ],
    customers: [
      {
        id: "cl-remedios",
        name: "Remedios Villalba Ortuño",
        email: "remedios@villalba.example",
        plan: "creador",
        language: "es",
      },
    ],
    knownIssues: [
      {
        id: "cl-incidencia-render",
        title: "El renderizado de vídeos largos supera el tiempo límite",
        status: "fix_in_progress",
        tags: ["render", "video"],
        workaround:
          "Divida la lección en dos vídeos más cortos y súbalos por separado; cada parte se procesa sin problemas.",
      },
    ],
    accountEvents: [
      {
        id: "cl-ev-4400",
        customerId: "cl-remedios",
        at: "2026-05-09T10:00:00Z",
        type: "render.completed",
        data: { sizeMb: 410 },
      },
      ...repeatedEvents(
        "cl-remedios",
        "render.failed",
        { sizeMb: 1840, limitMb: 1450, timeoutSeconds: 1020, errorCode: "RENDER_TIMEOUT" },
        [
          { id: "cl-ev-4471", at: "2026-05-12T18:00:00Z" },
          { id: "cl-ev-4479", at: "2026-05-13T09:30:00Z" },
          { id: "cl-ev-4486", at: "2026-05-14T14:10:00Z" },
        ],
      ),
    ],
    tickets: [
      ticket({
        id: "cl-chat-8812",
        customerId: "cl-remedios",
        channel: "chat",
        status: "new",
        teamId: "soporte",
        knownIssueId: "cl-incidencia-render",
        messages: [
          customerSays(
            "2026-05-14T14:30:00Z",
            "hola! llevo desde el martes intentando publicar la lección 7 del curso y el vídeo se queda procesando y luego falla. es urgente, tengo alumnos esperando 😩",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "bug",
    escalateTo: "ingenieria-video",
    followUp: "next_business_day",
    quotes: [{ eventIds: ["cl-ev-4486"], keys: ["sizeMb"] }],
    workaround: {
      phrase: "divida la lección en dos vídeos más cortos",
      source: { kind: "known_issue", id: "cl-incidencia-render" },
    },
    actions: [
      { type: "link_known_issue", params: { knownIssueId: "cl-incidencia-render" } },
      { type: "escalate", params: { teamId: "ingenieria-video" } },
    ],
    knowledgeBase: null,
  },
};

// An accounting app in Paris: the nightly backup errors out (".error" events); in the workspace's
// time zone the failures started a day later than their UTC dates say.
export const accountingBackupInApp: Scenario = {
  id: "accounting-backup-in-app",
  summary: "nightly accounting backup over its quota errors since Tuesday, dates in Paris time (in_app, fr)",
  channel: "in_app",
  language: "fr",
  now: defaultNow,
  ticketId: "cx-ticket-2207",
  vocabulary: ["Comptalys", "écritures de clôture"],
  snapshot: buildWorkspace({
    company: "Comptalys SAS",
    product: "Comptalys",
    timezone: "Europe/Paris",
    teams: [
      { id: "support-fr", name: "Support client", escalatesTo: "plateforme" },
      { id: "plateforme", name: "Platform Engineering" },
    ],
    customers: [
      { id: "cx-ghislaine", name: "Ghislaine Vautrin", email: "g.vautrin@cabinet-vautrin.example", language: "fr" },
    ],
    knownIssues: [
      {
        id: "cx-anomalie-sauvegarde",
        title: "Sauvegarde nocturne interrompue au-delà de la limite",
        status: "open",
        tags: ["sauvegarde", "backup"],
        workaround:
          "Lancez une sauvegarde depuis Paramètres → Sauvegardes en décochant les pièces jointes ; elle reste alors sous la limite.",
      },
    ],
    accountEvents: [
      {
        id: "cx-ev-0311",
        customerId: "cx-ghislaine",
        at: "2026-05-10T23:00:00Z",
        type: "backup.completed",
        data: { sizeGb: 0.8 },
      },
      ...repeatedEvents(
        "cx-ghislaine",
        "backup.error",
        { sizeGb: 1.3, limitGb: 1, durationSeconds: 1260, errorCode: "SNAPSHOT_QUOTA" },
        [
          { id: "cx-ev-0324", at: "2026-05-11T23:00:00Z" },
          { id: "cx-ev-0337", at: "2026-05-12T23:00:00Z" },
          { id: "cx-ev-0349", at: "2026-05-13T23:00:00Z" },
        ],
      ),
    ],
    tickets: [
      ticket({
        id: "cx-ticket-2207",
        customerId: "cx-ghislaine",
        channel: "in_app",
        status: "new",
        teamId: "support-fr",
        knownIssueId: "cx-anomalie-sauvegarde",
        messages: [
          customerSays(
            "2026-05-14T07:45:00Z",
            "Bonjour, depuis mardi la sauvegarde automatique de mon dossier comptable échoue toutes les nuits. " +
              "J'ai peur de perdre mes écritures de clôture. Que se passe-t-il ?",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "bug",
    escalateTo: "plateforme",
    followUp: "next_business_day",
    quotes: [{ eventIds: ["cx-ev-0349"], keys: ["sizeGb", "limitGb"] }],
    startedWith: "cx-ev-0324",
    notInReply: [{ eventId: "cx-ev-0311", date: true }],
    workaround: {
      phrase: "lancez une sauvegarde depuis",
      source: { kind: "known_issue", id: "cx-anomalie-sauvegarde" },
    },
    actions: [
      { type: "link_known_issue", params: { knownIssueId: "cx-anomalie-sauvegarde" } },
      { type: "escalate", params: { teamId: "plateforme" } },
    ],
    knowledgeBase: null,
  },
};

// An online shop in Shanghai: the product catalogue sync fails. No team names engineering, so the
// ticket goes up its team's escalation path; the workspace works Monday to Saturday.
export const catalogSyncWechat: Scenario = {
  id: "catalog-sync-wechat",
  summary:
    "catalogue sync fails; no engineering team, so the next team on the path; Saturday follow-up (social/wechat, zh)",
  channel: "social",
  language: "zh",
  now: "2026-05-15T04:00:00Z",
  ticketId: "yh-ticket-661",
  vocabulary: ["云货架", "小程序", "Qinghe"],
  snapshot: buildWorkspace({
    company: "Qinghe Commerce",
    product: "云货架",
    timezone: "Asia/Shanghai",
    businessDays: ["mon", "tue", "wed", "thu", "fri", "sat"],
    teams: [
      { id: "kefu", name: "客服", escalatesTo: "tier-2" },
      { id: "tier-2", name: "二线支持", escalatesTo: "ops-lead" },
      { id: "ops-lead", name: "运营负责人" },
    ],
    customers: [{ id: "yh-lin", name: "林晓雯", handles: { wechat: "linxw_shop" }, plan: "旗舰版", language: "zh" }],
    knownIssues: [
      {
        id: "yh-issue-feed",
        title: "商品目录超过文件大小上限时同步失败",
        status: "open",
        tags: ["同步", "商品目录"],
        workaround: "在后台把商品目录按类目拆分成多个文件分别同步。",
      },
    ],
    accountEvents: [
      {
        id: "yh-ev-5020",
        customerId: "yh-lin",
        at: "2026-05-11T18:00:00Z",
        type: "catalog_sync_completed",
        data: { items: 3900 },
      },
      ...repeatedEvents(
        "yh-lin",
        "catalog_sync_failed",
        { sizeMb: 86, limitMb: 64, timeoutSeconds: 165, errorCode: "FEED_TOO_LARGE" },
        [
          { id: "yh-ev-5031", at: "2026-05-12T18:00:00Z" },
          { id: "yh-ev-5044", at: "2026-05-13T18:00:00Z" },
          { id: "yh-ev-5058", at: "2026-05-14T18:00:00Z" },
        ],
      ),
    ],
    tickets: [
      ticket({
        id: "yh-ticket-661",
        customerId: "yh-lin",
        channel: "social",
        provider: "wechat",
        status: "new",
        teamId: "kefu",
        knownIssueId: "yh-issue-feed",
        messages: [
          customerSays(
            "2026-05-15T03:40:00Z",
            "你好,从前天开始商品同步一直失败,新上架的商品在小程序里都看不到,周末有活动,很着急!",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "bug",
    escalateTo: "tier-2",
    followUp: "next_business_day",
    quotes: [{ eventIds: ["yh-ev-5058"], keys: ["sizeMb"] }],
    workaround: { phrase: "按类目拆分成多个文件", source: { kind: "known_issue", id: "yh-issue-feed" } },
    actions: [
      { type: "link_known_issue", params: { knownIssueId: "yh-issue-feed" } },
      { type: "escalate", params: { teamId: "tier-2" } },
    ],
    knowledgeBase: null,
  },
};

// A studio-booking tool in London: a webhook switched off after failed deliveries; an article tells
// the customer how to turn it back on, so nothing waits on us.
export const webhookDisabledSms: Scenario = {
  id: "webhook-disabled-sms",
  summary: "booking webhook switched off; the article's fix unblocks the customer (phone/SMS, en)",
  channel: "phone",
  language: "en",
  now: defaultNow,
  ticketId: "kl-sms-140",
  vocabulary: ["Brightkiln", "Kilnlog", "pottery"],
  snapshot: buildWorkspace({
    company: "Brightkiln Ltd",
    product: "Kilnlog",
    timezone: "Europe/London",
    teams: [
      { id: "help", name: "Help desk", escalatesTo: "builders" },
      { id: "builders", name: "Engineering" },
    ],
    customers: [
      {
        id: "kl-tamsin",
        name: "Tamsin Polglase",
        phone: "+447700900123",
        company: "Polglase Pottery",
        language: "en",
      },
    ],
    articles: [
      {
        id: "kl-art-webhooks",
        title: "Re-enabling a disabled webhook",
        body: markdown(
          "Kilnlog switches a webhook off after repeated failed deliveries, so a broken endpoint does not pile up retries. While it is off, no booking notifications are sent to it; they are kept and delivered again once the webhook is back on.",
          "",
          "## Steps",
          "",
          "1. Check that your endpoint answers with a success status again (fix the server, certificate or address first).",
          "2. Open Settings → Integrations → Webhooks and press Re-enable next to the webhook.",
          "3. Send a test event from the same page to confirm it arrives.",
          "",
          "Missed bookings are delivered again within an hour of re-enabling.",
        ),
        tags: ["webhooks", "integrations"],
      },
      {
        id: "kl-art-glaze",
        title: "Tracking glaze batches",
        body: "Add a batch under Materials → Glazes and link it to each firing.",
      },
    ],
    accountEvents: [
      {
        id: "kl-ev-3301",
        customerId: "kl-tamsin",
        at: "2026-05-13T21:42:00Z",
        type: "webhook.disabled",
        data: { endpoint: "https://polglase-pottery.example/hooks/bookings", consecutiveFailures: 137 },
      },
    ],
    tickets: [
      ticket({
        id: "kl-sms-140",
        customerId: "kl-tamsin",
        channel: "phone",
        status: "new",
        teamId: "help",
        messages: [
          customerSays(
            "2026-05-14T07:55:00Z",
            "Hi, our booking webhooks stopped coming through since last night. Can you check? - Tamsin",
          ),
        ],
      }),
    ],
  }),
  expect: {
    escalateTo: null,
    followUp: null,
    startedWith: "kl-ev-3301",
    workaround: { phrase: "press re-enable", source: { kind: "article", id: "kl-art-webhooks" } },
    cites: [{ kind: "account_event", id: "kl-ev-3301" }],
    knowledgeBase: null,
  },
};

export const failureScenarios: Scenario[] = [
  photoBackupEmail,
  crmCsvImport,
  payrollBankSync,
  courseRenderChat,
  accountingBackupInApp,
  catalogSyncWechat,
  webhookDisabledSms,
];

/** The photo-backup problem on the short channels, compared with its email. */
export const registerScenarios = {
  email: photoBackupEmail,
  short: [photoBackupChat, photoBackupMessenger, photoBackupSms],
};
