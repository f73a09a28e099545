import { defaultNow } from "./failure-scenarios.ts";
import { buildWorkspace, customerSays, type Scenario, ticket } from "./scenario-workspace.ts";

/**
 * Needs beyond support's authority: each goes to the team whose id or name names it (billing,
 * privacy, security, legal), whatever the escalation path of the ticket's own team says.
 * Team ids differ from the names on purpose.
 */

// A fitness app in Los Angeles: a renewal charged twice, a refund for the billing team to make.
export const duplicateChargeRefund: Scenario = {
  id: "duplicate-charge-refund",
  summary: "annual renewal charged twice, refund request goes to the billing team (email, en)",
  channel: "email",
  language: "en",
  now: defaultNow,
  ticketId: "sw-ticket-7012",
  vocabulary: ["Marlowe Fitness", "Stridewell"],
  snapshot: buildWorkspace({
    company: "Marlowe Fitness Co",
    product: "Stridewell",
    timezone: "America/Los_Angeles",
    teams: [
      { id: "members", name: "Member Support", escalatesTo: "coaching-tech" },
      { id: "coaching-tech", name: "Engineering" },
      { id: "money-desk", name: "Billing" },
    ],
    customers: [
      {
        id: "sw-desmond",
        name: "Desmond Achterberg",
        email: "desmond.achterberg@example.org",
        plan: "annual",
        language: "en",
      },
    ],
    accountEvents: [
      {
        id: "sw-ev-1180",
        customerId: "sw-desmond",
        at: "2026-05-13T16:02:11Z",
        type: "payment.succeeded",
        data: { amount: 384, currency: "usd", invoice: "INV-55817" },
      },
      {
        id: "sw-ev-1181",
        customerId: "sw-desmond",
        at: "2026-05-13T16:02:19Z",
        type: "payment.succeeded",
        data: { amount: 384, currency: "usd", invoice: "INV-55818" },
      },
    ],
    tickets: [
      ticket({
        id: "sw-ticket-7012",
        customerId: "sw-desmond",
        channel: "email",
        status: "new",
        teamId: "members",
        subject: "Charged twice for my renewal",
        messages: [
          customerSays(
            "2026-05-14T14:20:00Z",
            "Hi there,\n\nI renewed my annual membership yesterday and my bank shows two identical charges. " +
              "I only have one membership! Please refund the duplicate.\n\nDesmond",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "billing",
    escalateTo: "money-desk",
    followUp: "set",
    quotes: [{ eventIds: ["sw-ev-1180", "sw-ev-1181"], keys: ["amount"] }],
    actions: [{ type: "escalate", params: { teamId: "money-desk" } }],
  },
};

// A hiking app in Vienna: erasure of all personal data under the GDPR.
export const gdprErasureGerman: Scenario = {
  id: "gdpr-erasure-de",
  summary: "“delete all my data” (Art. 17 DSGVO) goes to the privacy team, not up the path (email, de)",
  channel: "email",
  language: "de",
  now: defaultNow,
  ticketId: "wk-ticket-90",
  vocabulary: ["Wanderkarte", "Touren"],
  snapshot: buildWorkspace({
    company: "Wanderkarte GmbH",
    product: "Wanderkarte",
    timezone: "Europe/Vienna",
    teams: [
      { id: "support-at", name: "Support", escalatesTo: "technik" },
      { id: "technik", name: "Engineering" },
      { id: "datenschutz", name: "Data privacy" },
    ],
    customers: [
      {
        id: "wk-leopold",
        name: "Leopold Kranzbichler",
        email: "leopold.kranzbichler@example.at",
        plan: "premium",
        language: "de",
      },
    ],
    tickets: [
      ticket({
        id: "wk-ticket-90",
        customerId: "wk-leopold",
        channel: "email",
        status: "new",
        teamId: "support-at",
        subject: "Löschung meines Kontos",
        messages: [
          customerSays(
            "2026-05-14T09:15:00Z",
            "Sehr geehrte Damen und Herren,\n\nich möchte mein Konto bei Wanderkarte schließen. Bitte löschen Sie alle meine Daten, " +
              "einschließlich meiner aufgezeichneten Touren und Fotos, gemäß Art. 17 DSGVO, und bestätigen Sie mir die Löschung schriftlich.\n\n" +
              "Mit freundlichen Grüßen\nLeopold Kranzbichler",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "data_privacy",
    escalateTo: "datenschutz",
    followUp: "set",
    actions: [{ type: "escalate", params: { teamId: "datenschutz" } }],
    knowledgeBase: null,
  },
};

// A payments app in Mexico City: someone took over the account (X direct message).
export const accountTakeoverX: Scenario = {
  id: "account-takeover-x",
  summary: "account hacked overnight, email changed: security team (social/x, es)",
  channel: "social",
  language: "es",
  now: defaultNow,
  ticketId: "lp-dm-3390",
  vocabulary: ["Mercado Lumbre", "Lumbre Pay"],
  snapshot: buildWorkspace({
    company: "Mercado Lumbre",
    product: "Lumbre Pay",
    timezone: "America/Mexico_City",
    teams: [
      { id: "atencion", name: "Atención al cliente", escalatesTo: "n2" },
      { id: "n2", name: "Nivel 2" },
      { id: "sec-ops", name: "Security" },
    ],
    customers: [
      { id: "lp-itziar", name: "Itziar Goikoetxea", handles: { x: "@itziargk" }, plan: "personal", language: "es" },
    ],
    accountEvents: [
      {
        id: "lp-ev-8801",
        customerId: "lp-itziar",
        at: "2026-05-14T08:12:00Z",
        type: "login.succeeded",
        data: { country: "RO", device: "Windows" },
      },
      {
        id: "lp-ev-8802",
        customerId: "lp-itziar",
        at: "2026-05-14T08:15:00Z",
        type: "email.changed",
        data: {},
      },
    ],
    tickets: [
      ticket({
        id: "lp-dm-3390",
        customerId: "lp-itziar",
        channel: "social",
        provider: "x",
        status: "new",
        teamId: "atencion",
        messages: [
          customerSays(
            "2026-05-14T13:05:00Z",
            "¡Ayuda! Alguien ha entrado en mi cuenta esta madrugada y me ha cambiado el correo. Yo no he sido. ¿Podéis bloquearla ya?",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "account_access",
    sentiment: "negative",
    escalateTo: "sec-ops",
    followUp: "set",
    actions: [{ type: "escalate", params: { teamId: "sec-ops" } }],
  },
};

// A furniture shop in Paris: the customer's lawyer is about to send a formal notice.
export const lawyerLetterFrench: Scenario = {
  id: "lawyer-letter-fr",
  summary: "a lawyer's formal notice over a damaged sofa goes to the legal team (email, fr)",
  channel: "email",
  language: "fr",
  now: defaultNow,
  ticketId: "mc-ticket-4410",
  vocabulary: ["Maison Célestine", "canapé"],
  snapshot: buildWorkspace({
    company: "Maison Célestine",
    product: "Célestine",
    timezone: "Europe/Paris",
    teams: [
      { id: "sav", name: "Service client", escalatesTo: "sav-2" },
      { id: "sav-2", name: "Support niveau 2" },
      { id: "juridique", name: "Legal" },
      { id: "compta", name: "Billing" },
    ],
    customers: [
      { id: "mc-anatole", name: "Anatole Beaurepaire", email: "anatole.beaurepaire@example.fr", language: "fr" },
    ],
    tickets: [
      ticket({
        id: "mc-ticket-4410",
        customerId: "mc-anatole",
        channel: "email",
        status: "open",
        teamId: "sav",
        subject: "Canapé livré endommagé : mise en demeure",
        messages: [
          customerSays(
            "2026-05-14T08:40:00Z",
            "Madame, Monsieur,\n\nSans réponse de votre part concernant le canapé livré endommagé (commande 40-7712), mon avocat vous adressera " +
              "une mise en demeure. Je demande le remboursement intégral sous huit jours, faute de quoi je saisirai le tribunal.\n\n" +
              "Anatole Beaurepaire",
          ),
        ],
      }),
    ],
  }),
  expect: {
    escalateTo: "juridique",
    followUp: "set",
    sentiment: "negative",
    actions: [{ type: "escalate", params: { teamId: "juridique" } }],
  },
};

// A fitness tracker in Shanghai: a copy of all the personal data it holds (in-app message).
export const gdprAccessChinese: Scenario = {
  id: "data-access-zh",
  summary: "a copy of all personal data (workouts, locations) goes to the privacy team (in_app, zh)",
  channel: "in_app",
  language: "zh",
  now: defaultNow,
  ticketId: "yq-ticket-1203",
  vocabulary: ["云栖运动", "Yunqi"],
  snapshot: buildWorkspace({
    company: "Yunqi Health",
    product: "云栖运动",
    timezone: "Asia/Shanghai",
    teams: [
      { id: "kefu-2", name: "客服", escalatesTo: "jishu" },
      { id: "jishu", name: "Engineering" },
      { id: "privacy-cn", name: "Privacy" },
    ],
    customers: [{ id: "yq-ouyang", name: "欧阳静怡", email: "ouyang.jingyi@example.cn", language: "zh" }],
    accountEvents: [
      {
        id: "yq-ev-2001",
        customerId: "yq-ouyang",
        at: "2026-05-13T23:30:00Z",
        type: "workout.synced",
        data: { distanceKm: 7.2 },
      },
    ],
    tickets: [
      ticket({
        id: "yq-ticket-1203",
        customerId: "yq-ouyang",
        channel: "in_app",
        status: "new",
        teamId: "kefu-2",
        messages: [
          customerSays(
            "2026-05-14T02:10:00Z",
            "你好,我想要一份你们保存的关于我的全部个人数据,包括运动记录和位置信息。请问怎么申请?",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "data_privacy",
    escalateTo: "privacy-cn",
    followUp: "set",
    actions: [{ type: "escalate", params: { teamId: "privacy-cn" } }],
  },
};

// An energy app in Auckland: a password changed by someone else (text message).
export const passwordChangedSms: Scenario = {
  id: "password-changed-sms",
  summary: "password changed by someone else, login from abroad: security team (phone/SMS, en)",
  channel: "phone",
  language: "en",
  now: defaultNow,
  ticketId: "hl-sms-5507",
  vocabulary: ["Harbourlight"],
  snapshot: buildWorkspace({
    company: "Harbourlight Energy",
    product: "Harbourlight",
    timezone: "Pacific/Auckland",
    teams: [
      { id: "frontdesk", name: "Front desk", escalatesTo: "metering" },
      { id: "metering", name: "Metering team" },
      { id: "trust", name: "Trust & Security" },
    ],
    customers: [{ id: "hl-wiremu", name: "Wiremu Tane-Hollis", phone: "+64211234567", language: "en" }],
    accountEvents: [
      {
        id: "hl-ev-610",
        customerId: "hl-wiremu",
        at: "2026-05-14T10:58:00Z",
        type: "login.succeeded",
        data: { country: "BR" },
      },
      { id: "hl-ev-611", customerId: "hl-wiremu", at: "2026-05-14T11:02:00Z", type: "password.changed", data: {} },
    ],
    tickets: [
      ticket({
        id: "hl-sms-5507",
        customerId: "hl-wiremu",
        channel: "phone",
        status: "new",
        teamId: "frontdesk",
        messages: [
          customerSays(
            "2026-05-14T11:20:00Z",
            "someone just changed my password and i got a login alert from brazil. that wasnt me!! pls lock my account",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "account_access",
    escalateTo: "trust",
    followUp: "set",
    actions: [{ type: "escalate", params: { teamId: "trust" } }],
  },
};

export const escalationScenarios: Scenario[] = [
  duplicateChargeRefund,
  gdprErasureGerman,
  accountTakeoverX,
  lawyerLetterFrench,
  gdprAccessChinese,
  passwordChangedSms,
];
