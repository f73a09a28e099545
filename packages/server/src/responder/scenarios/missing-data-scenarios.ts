import { defaultNow } from "./failure-scenarios.ts";
import {
  buildWorkspace,
  customerSays,
  type Scenario,
  type ScenarioExpectations,
  ticket,
} from "./scenario-workspace.ts";

/**
 * The data needed to answer is missing: no account events, no order, a vague description. The reply
 * asks a clarifying question, promises no follow-up, and quotes no figure the customer did not give.
 */

const clarify: ScenarioExpectations = {
  clarifyingQuestion: true,
  followUp: null,
  escalateTo: null,
  knowledgeBase: null,
};

export const vagueChatEnglish: Scenario = {
  id: "vague-chat-en",
  summary: "“it doesn't work”, nothing in the account: a clarifying question (chat, en)",
  channel: "chat",
  language: "en",
  now: defaultNow,
  ticketId: "th-chat-77",
  vocabulary: ["Gribble & Sons", "Tallyho"],
  snapshot: buildWorkspace({
    company: "Gribble & Sons",
    product: "Tallyho",
    timezone: "Europe/Dublin",
    teams: [
      { id: "desk", name: "Support", escalatesTo: "devs" },
      { id: "devs", name: "Engineering" },
    ],
    customers: [{ id: "th-cornelius", name: "Cornelius Fitzgibbon", email: "cornelius@example.ie", language: "en" }],
    articles: [
      {
        id: "th-art-invoices",
        title: "Sending your first invoice",
        body: "Create a client, add line items and press Send.",
      },
    ],
    tickets: [
      ticket({
        id: "th-chat-77",
        customerId: "th-cornelius",
        channel: "chat",
        status: "new",
        teamId: "desk",
        messages: [customerSays("2026-05-14T14:51:00Z", "hey, it doesn't work. can you fix it asap")],
      }),
    ],
  }),
  expect: clarify,
};

export const vagueEmailGerman: Scenario = {
  id: "vague-email-de",
  summary: "“seit dem Update geht nichts mehr”, nothing in the account: a clarifying question (email, de)",
  channel: "email",
  language: "de",
  now: defaultNow,
  ticketId: "kw-ticket-1930",
  vocabulary: ["Kräuterwerk", "Beetplaner"],
  snapshot: buildWorkspace({
    company: "Kräuterwerk",
    product: "Beetplaner",
    timezone: "Europe/Zurich",
    teams: [{ id: "hilfe", name: "Kundenhilfe" }],
    customers: [{ id: "kw-hannelore", name: "Hannelore Wüstefeld", email: "h.wuestefeld@example.de", language: "de" }],
    tickets: [
      ticket({
        id: "kw-ticket-1930",
        customerId: "kw-hannelore",
        channel: "email",
        status: "new",
        teamId: "hilfe",
        subject: "Geht nicht mehr",
        messages: [
          customerSays(
            "2026-05-14T06:30:00Z",
            "Hallo,\n\nseit dem Update geht bei mir gar nichts mehr. Bitte um schnelle Hilfe!\n\nGrüße\nHannelore Wüstefeld",
          ),
        ],
      }),
    ],
  }),
  expect: clarify,
};

export const vagueSmsChinese: Scenario = {
  id: "vague-sms-zh",
  summary: "“the app won't open”, nothing in the account: a clarifying question (phone/SMS, zh)",
  channel: "phone",
  language: "zh",
  now: defaultNow,
  ticketId: "lm-sms-402",
  vocabulary: ["鹿鸣笔记", "Luming"],
  snapshot: buildWorkspace({
    company: "Luming Software",
    product: "鹿鸣笔记",
    timezone: "Asia/Taipei",
    teams: [{ id: "fuwu", name: "客户服务" }],
    customers: [{ id: "lm-sima", name: "司马文静", phone: "+886912345678", language: "zh" }],
    tickets: [
      ticket({
        id: "lm-sms-402",
        customerId: "lm-sima",
        channel: "phone",
        status: "new",
        teamId: "fuwu",
        messages: [customerSays("2026-05-14T03:05:00Z", "你好,你们的应用打不开了,怎么办?")],
      }),
    ],
  }),
  expect: clarify,
};

// "Why was I charged twice?" with no payment in the account data: no amount may be invented.
export const chargedTwiceNoDataSpanish: Scenario = {
  id: "charged-twice-no-data-es",
  summary: "“why did you charge me twice?” with no payment events: asks, quotes no amount (in_app, es)",
  channel: "in_app",
  language: "es",
  now: defaultNow,
  ticketId: "fc-ticket-515",
  vocabulary: ["Ferretería Cárdenas", "Tornillo"],
  snapshot: buildWorkspace({
    company: "Ferretería Cárdenas",
    product: "Tornillo",
    timezone: "America/Bogota",
    teams: [
      { id: "clientes", name: "Atención al cliente", escalatesTo: "pagos" },
      { id: "pagos", name: "Billing" },
    ],
    customers: [{ id: "fc-nerea", name: "Nerea Albiñana", email: "nerea.albinana@example.co", language: "es" }],
    tickets: [
      ticket({
        id: "fc-ticket-515",
        customerId: "fc-nerea",
        channel: "in_app",
        status: "new",
        teamId: "clientes",
        messages: [
          customerSays(
            "2026-05-14T13:45:00Z",
            "¿Por qué me habéis cobrado dos veces este mes? Quiero una explicación.",
          ),
        ],
      }),
    ],
  }),
  expect: { ...clarify, category: "billing" },
};

// A parcel with no order in the data: asks for the order number (Instagram).
export const missingParcelInstagram: Scenario = {
  id: "missing-parcel-instagram",
  summary: "“my order hasn't arrived” with no order data: asks for the order number (social/instagram, fr)",
  channel: "social",
  language: "fr",
  now: defaultNow,
  ticketId: "tv-ig-88",
  vocabulary: ["Tisanerie Vermeil", "tisane"],
  snapshot: buildWorkspace({
    company: "Tisanerie Vermeil",
    product: "Tisanerie Vermeil",
    timezone: "Europe/Brussels",
    teams: [
      { id: "boutique", name: "Boutique", escalatesTo: "expeditions" },
      { id: "expeditions", name: "Expéditions" },
    ],
    customers: [
      {
        id: "tv-severine",
        name: "Séverine Quéméneur",
        handles: { instagram: "@severine.qmn" },
        language: "fr",
      },
    ],
    tickets: [
      ticket({
        id: "tv-ig-88",
        customerId: "tv-severine",
        channel: "social",
        provider: "instagram",
        status: "new",
        teamId: "boutique",
        messages: [
          customerSays("2026-05-14T09:20:00Z", "Bonjour, ma commande n'est toujours pas arrivée, c'est normal ?"),
        ],
      }),
    ],
  }),
  expect: { ...clarify, category: "shipping" },
};

export const missingDataScenarios: Scenario[] = [
  vagueChatEnglish,
  vagueEmailGerman,
  vagueSmsChinese,
  chargedTwiceNoDataSpanish,
  missingParcelInstagram,
];
