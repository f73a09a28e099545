import { defaultNow } from "./failure-scenarios.ts";
import {
  agentSays,
  buildWorkspace,
  customerSays,
  type Scenario,
  type ScenarioExpectations,
  ticket,
} from "./scenario-workspace.ts";

/**
 * The customer confirms the fix worked: a positive draft that keeps the ticket's category (from its
 * earlier messages), marks it solved (never closed), asks for CSAT and promises nothing more.
 */

const confirmed: ScenarioExpectations = {
  sentiment: "positive",
  confirmedSolved: true,
  followUp: null,
  escalateTo: null,
  knowledgeBase: null,
  actions: [{ type: "set_status", params: { status: "solved" } }, { type: "request_csat" }],
};

export const resetLinkThanksEmail: Scenario = {
  id: "reset-link-thanks-email",
  summary: "“thanks, that fixed it”: after an expired reset link, stays account_access (email, en)",
  channel: "email",
  language: "en",
  now: defaultNow,
  ticketId: "ol-ticket-3141",
  vocabulary: ["Orchard Ledger"],
  snapshot: buildWorkspace({
    company: "Orchard Ledger Inc",
    product: "Orchard Ledger",
    timezone: "America/Denver",
    teams: [{ id: "ledger-help", name: "Support" }],
    agents: [
      {
        id: "ol-agent-bea",
        name: "Beatrix Valdane",
        email: "beatrix@orchardledger.example",
        role: "agent",
        teamId: "ledger-help",
      },
    ],
    customers: [
      {
        id: "ol-percival",
        name: "Percival Okonkwo-Lane",
        email: "percival@okonkwo-lane.example",
        plan: "team",
        language: "en",
      },
    ],
    tickets: [
      ticket({
        id: "ol-ticket-3141",
        customerId: "ol-percival",
        channel: "email",
        status: "open",
        teamId: "ledger-help",
        subject: "Can't sign in",
        messages: [
          customerSays(
            "2026-05-14T13:02:00Z",
            "I can't sign in. The password reset link you email me says it has expired every single time I click it.",
          ),
          agentSays(
            "ol-agent-bea",
            "2026-05-14T13:20:00Z",
            "Hi Percival, reset links are single-use and expire quickly. Please request a new one and open it in the same browser you request it from.",
          ),
          customerSays("2026-05-14T13:41:00Z", "Thanks, that fixed it. I'm back in, and thanks for the quick help!"),
        ],
      }),
    ],
  }),
  expect: { ...confirmed, category: "account_access" },
};

export const invoiceAddressThanksChat: Scenario = {
  id: "invoice-address-thanks-chat",
  summary: "“ça marche maintenant, merci”: after an invoice address fix, stays billing (chat, fr)",
  channel: "chat",
  language: "fr",
  now: defaultNow,
  ticketId: "bq-chat-2718",
  vocabulary: ["Boulangerie Quintal", "Fournil"],
  snapshot: buildWorkspace({
    company: "Fournil Logiciels",
    product: "Fournil",
    timezone: "Europe/Paris",
    teams: [{ id: "accueil", name: "Accueil" }],
    agents: [
      {
        id: "bq-agent-yann",
        name: "Yannick Le Goff",
        email: "yannick@fournil.example",
        role: "agent",
        teamId: "accueil",
      },
    ],
    customers: [
      {
        id: "bq-berenice",
        name: "Bérénice Larchevêque",
        email: "berenice@boulangerie-quintal.example",
        company: "Boulangerie Quintal",
        language: "fr",
      },
    ],
    tickets: [
      ticket({
        id: "bq-chat-2718",
        customerId: "bq-berenice",
        channel: "chat",
        status: "open",
        teamId: "accueil",
        messages: [
          customerSays(
            "2026-05-14T14:02:00Z",
            "Bonjour, ma facture du mois indique une mauvaise adresse de société, vous pouvez la corriger ?",
          ),
          agentSays(
            "bq-agent-yann",
            "2026-05-14T14:09:00Z",
            "Bonjour Bérénice, c'est corrigé : la facture avec la bonne adresse est disponible dans Compte → Factures.",
          ),
          customerSays("2026-05-14T14:12:00Z", "Parfait, ça marche maintenant, merci beaucoup !"),
        ],
      }),
    ],
  }),
  expect: { ...confirmed, category: "billing" },
};

export const invoiceTitleThanksWechat: Scenario = {
  id: "invoice-title-thanks-wechat",
  summary: "“问题解决了,谢谢”: after a fapiao title correction, stays billing (social/wechat, zh)",
  channel: "social",
  language: "zh",
  now: defaultNow,
  ticketId: "sp-wx-314",
  vocabulary: ["书评宝", "Shuping"],
  snapshot: buildWorkspace({
    company: "Shuping Tech",
    product: "书评宝",
    timezone: "Asia/Shanghai",
    teams: [{ id: "kf", name: "客服中心" }],
    agents: [
      { id: "sp-agent-zhou", name: "周雨桐", email: "zhou.yutong@shuping.example", role: "agent", teamId: "kf" },
    ],
    customers: [{ id: "sp-gu", name: "顾清扬", handles: { wechat: "gqy_1988" }, language: "zh" }],
    tickets: [
      ticket({
        id: "sp-wx-314",
        customerId: "sp-gu",
        channel: "social",
        provider: "wechat",
        status: "open",
        teamId: "kf",
        messages: [
          customerSays("2026-05-14T06:30:00Z", "你好,我上个月的发票抬头写错了,能帮我改一下重新开吗?"),
          agentSays(
            "sp-agent-zhou",
            "2026-05-14T07:05:00Z",
            "您好,已经为您重新开具了发票,抬头已更正,请在账户的发票页面下载。",
          ),
          customerSays("2026-05-14T07:40:00Z", "收到了,问题解决了,谢谢!"),
        ],
      }),
    ],
  }),
  expect: { ...confirmed, category: "billing" },
};

export const receiptCrashThanksSms: Scenario = {
  id: "receipt-crash-thanks-sms",
  summary: "“Danke, jetzt klappt es”: after a crash on receipt photos, stays bug (phone/SMS, de)",
  channel: "phone",
  language: "de",
  now: defaultNow,
  ticketId: "bb-sms-1618",
  vocabulary: ["Belegblick", "Belegfotos"],
  snapshot: buildWorkspace({
    company: "Belegblick AG",
    product: "Belegblick",
    timezone: "Europe/Berlin",
    teams: [
      { id: "service", name: "Service", escalatesTo: "app-team" },
      { id: "app-team", name: "Engineering" },
    ],
    agents: [
      {
        id: "bb-agent-ida",
        name: "Ida Sonnleitner",
        email: "ida@belegblick.example",
        role: "agent",
        teamId: "service",
      },
    ],
    customers: [{ id: "bb-konstantin", name: "Konstantin Ehrenreich", phone: "+4915112345678", language: "de" }],
    tickets: [
      ticket({
        id: "bb-sms-1618",
        customerId: "bb-konstantin",
        channel: "phone",
        status: "open",
        teamId: "service",
        messages: [
          customerSays(
            "2026-05-14T07:10:00Z",
            "Beim Hochladen von Belegfotos stürzt die App jedes Mal ab. Was kann ich tun?",
          ),
          agentSays(
            "bb-agent-ida",
            "2026-05-14T07:30:00Z",
            "Hallo Konstantin, bitte aktualisieren Sie die App auf die neueste Version im App Store, damit ist der Absturz behoben.",
          ),
          customerSays("2026-05-14T08:02:00Z", "Danke, jetzt klappt es wieder!"),
        ],
      }),
    ],
  }),
  expect: { ...confirmed, category: "bug" },
};

export const happyScenarios: Scenario[] = [
  resetLinkThanksEmail,
  invoiceAddressThanksChat,
  invoiceTitleThanksWechat,
  receiptCrashThanksSms,
];
