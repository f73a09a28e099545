import type { SnapshotArticle } from "../../core/snapshot/snapshot-schema.ts";
import { defaultNow } from "./failure-scenarios.ts";
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
 * The knowledge base as a source (workarounds, policies, plan limits) and as a thing to improve:
 * a recurring problem without an article gets one proposed; with an article, none.
 */

// A dental-practice booking tool: appointments show twice in Outlook. Two customers raise it.
const outlookArticle: SnapshotArticle = {
  id: "ct-art-outlook-twice",
  title: "Appointments appear twice in Outlook",
  body: markdown(
    "Practices that connected Outlook before the calendar update can see every appointment twice: once from the old connection and once from the new one. Chairtime itself holds each appointment only once.",
    "",
    "## How to fix it",
    "",
    "1. Remove the old calendar connection under Settings → Calendars.",
    "2. Connect Outlook again with the same account.",
    "3. Wait a few minutes: the duplicates disappear from Outlook on their own.",
    "",
    "Nothing needs to be deleted by hand, and patients' reminders are not affected.",
  ),
  tags: ["calendar", "outlook"],
};

function outlookScenario(id: string, withArticle: boolean): Scenario {
  const expect: ScenarioExpectations = withArticle
    ? {
        category: "bug",
        knowledgeBase: null,
        escalateTo: null,
        followUp: null,
        workaround: {
          phrase: "remove the old calendar connection",
          source: { kind: "article", id: outlookArticle.id },
        },
      }
    : { category: "bug", knowledgeBase: { titleMentions: ["outlook", "twice", "duplicate"] } };
  return {
    id,
    summary: withArticle
      ? "appointments twice in Outlook, raised twice, an article covers it: no article proposed (in_app, en)"
      : "appointments twice in Outlook, raised twice, no article: an article is proposed (in_app, en)",
    channel: "in_app",
    language: "en",
    now: defaultNow,
    ticketId: `${id}-ticket`,
    vocabulary: ["Quaypoint", "Chairtime", "hygienist"],
    snapshot: buildWorkspace({
      company: "Quaypoint Dental Systems",
      product: "Chairtime",
      timezone: "Europe/Dublin",
      teams: [
        { id: "practice-help", name: "Practice Support", escalatesTo: "sched-eng" },
        { id: "sched-eng", name: "Scheduling Engineering" },
      ],
      agents: [
        {
          id: "ct-agent-roisin",
          name: "Róisín Callaghan",
          email: "roisin@quaypoint.example",
          role: "agent",
          teamId: "practice-help",
        },
      ],
      customers: [
        {
          id: "ct-fionnuala",
          name: "Fionnuala Ashdown",
          email: "fionnuala@harbourview-dental.example",
          company: "Harbourview Dental",
          language: "en",
        },
        {
          id: "ct-barnaby",
          name: "Barnaby Quigley",
          email: "barnaby@quigley-smiles.example",
          company: "Quigley Smiles",
          language: "en",
        },
      ],
      articles: [
        {
          id: "ct-art-reminders",
          title: "Sending appointment reminders by SMS",
          body: "Turn on reminders under Settings → Patients → Reminders and choose how long before the visit they go out.",
        },
        ...(withArticle ? [outlookArticle] : []),
      ],
      tickets: [
        ticket({
          id: "ct-ticket-barnaby",
          customerId: "ct-barnaby",
          channel: "email",
          status: "solved",
          teamId: "practice-help",
          subject: "Every appointment twice in Outlook",
          messages: [
            customerSays(
              "2026-05-07T10:15:00Z",
              "Since we connected Outlook, every appointment shows up twice in our Outlook calendar. The hygienist's diary is a mess.",
            ),
            agentSays(
              "ct-agent-roisin",
              "2026-05-07T11:00:00Z",
              "Hi Barnaby, thanks for flagging this. Removing the calendar connection and connecting Outlook again cleared the duplicates for you.",
            ),
          ],
        }),
        ticket({
          id: `${id}-ticket`,
          customerId: "ct-fionnuala",
          channel: "in_app",
          status: "new",
          teamId: "practice-help",
          messages: [
            customerSays(
              "2026-05-14T10:40:00Z",
              "Hi, all our bookings appear twice in Outlook since this morning. Which ones are real? Patients are getting confused.",
            ),
          ],
        }),
      ],
    }),
    expect,
  };
}

export const outlookTwiceWithoutArticle = outlookScenario("outlook-twice-no-article", false);
export const outlookTwiceWithArticle = outlookScenario("outlook-twice-with-article", true);

// A language-learning app in London: a refund the published policy rules out.
export const annualRefundForbidden: Scenario = {
  id: "annual-refund-forbidden",
  summary:
    "refund of an annual plan after 30 days, which the refund policy forbids: no refund, the policy cited (email, en)",
  channel: "email",
  language: "en",
  now: defaultNow,
  ticketId: "vb-ticket-2024",
  vocabulary: ["Saltmarsh Learning", "Verbly"],
  snapshot: buildWorkspace({
    company: "Saltmarsh Learning",
    product: "Verbly",
    timezone: "Europe/London",
    teams: [
      { id: "learners", name: "Learner Support", escalatesTo: "payments" },
      { id: "payments", name: "Billing" },
    ],
    customers: [
      {
        id: "vb-horatio",
        name: "Horatio Blenkinsop",
        email: "horatio.b@example.co.uk",
        plan: "annual",
        language: "en",
      },
    ],
    articles: [
      {
        id: "vb-art-refunds",
        title: "Refund policy",
        body: markdown(
          "Annual plans are non-refundable after 30 days from purchase; within 30 days we refund them in full.",
          "",
          "Monthly plans can be cancelled at any time and stay active until the end of the month already paid. We do not refund part-used months or years.",
          "",
          "## Stopping the next renewal",
          "",
          "1. Open Account → Subscription.",
          "2. Turn off auto-renewal: your plan stays active until its end date and you are not charged again.",
        ),
        tags: ["refund", "billing"],
      },
      {
        id: "vb-art-streaks",
        title: "Keeping your streak",
        body: "Practise at least one lesson a day to keep your streak going.",
      },
    ],
    accountEvents: [
      {
        id: "vb-ev-1901",
        customerId: "vb-horatio",
        at: "2026-01-20T18:30:00Z",
        type: "plan.purchased",
        data: { plan: "annual", amount: 119, currency: "gbp" },
      },
    ],
    tickets: [
      ticket({
        id: "vb-ticket-2024",
        customerId: "vb-horatio",
        channel: "email",
        status: "new",
        teamId: "learners",
        subject: "Refund for my annual plan",
        messages: [
          customerSays(
            "2026-05-14T11:25:00Z",
            "Hello,\n\nI bought the annual plan in January but I've barely used it since. I'd like a refund for the remaining months, please.\n\nRegards,\nHoratio",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "billing",
    withoutActions: ["refund", "issue_refund", "credit"],
    workaround: { phrase: "non-refundable after 30 days", source: { kind: "article", id: "vb-art-refunds" } },
    knowledgeBase: null,
  },
};

// A bike-share app in Paris: the monthly pass payment was declined; the article's fix unblocks it.
export const paymentDeclinedInApp: Scenario = {
  id: "payment-declined-in-app",
  summary: "monthly pass suspended after a declined card; amount and date quoted, the article's fix (in_app, fr)",
  channel: "in_app",
  language: "fr",
  now: defaultNow,
  ticketId: "vu-ticket-930",
  vocabulary: ["Vélocité Urbaine", "vélo"],
  snapshot: buildWorkspace({
    company: "Vélocité Urbaine",
    product: "Vélocité",
    timezone: "Europe/Paris",
    teams: [
      { id: "usagers", name: "Service usagers", escalatesTo: "paiements" },
      { id: "paiements", name: "Billing" },
    ],
    customers: [
      {
        id: "vu-maelys",
        name: "Maëlys Kerhervé",
        email: "maelys.kerherve@example.fr",
        plan: "mensuel",
        language: "fr",
      },
    ],
    articles: [
      {
        id: "vu-art-carte",
        title: "Paiement refusé : mettre à jour votre carte bancaire",
        body: markdown(
          "Quand le paiement mensuel est refusé, l'abonnement est suspendu jusqu'à ce qu'un paiement passe. Une carte expirée ou un plafond atteint en sont les causes les plus fréquentes.",
          "",
          "## Étapes",
          "",
          "1. Ouvrez Compte → Paiement et ajoutez la nouvelle carte.",
          "2. Touchez « Réessayer le paiement ».",
          "3. L'abonnement est réactivé immédiatement et vous pouvez reprendre un vélo.",
          "",
          "Si le paiement est de nouveau refusé, contactez votre banque : nous ne voyons pas le motif exact du refus.",
        ),
        tags: ["paiement", "carte"],
      },
    ],
    accountEvents: [
      {
        id: "vu-ev-4100",
        customerId: "vu-maelys",
        at: "2026-04-14T05:00:00Z",
        type: "payment.succeeded",
        data: { amount: 34.9, currency: "eur" },
      },
      {
        id: "vu-ev-4177",
        customerId: "vu-maelys",
        at: "2026-05-14T05:00:00Z",
        type: "payment.declined",
        data: { amount: 34.9, currency: "eur", declineCode: "expired_card" },
      },
    ],
    tickets: [
      ticket({
        id: "vu-ticket-930",
        customerId: "vu-maelys",
        channel: "in_app",
        status: "new",
        teamId: "usagers",
        messages: [
          customerSays(
            "2026-05-14T07:35:00Z",
            "Bonjour, mon abonnement a été suspendu ce matin, apparemment le paiement n'est pas passé. Je ne peux plus prendre de vélo. Pourquoi ??",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "billing",
    escalateTo: null,
    followUp: null,
    quotes: [{ eventIds: ["vu-ev-4177"], keys: ["amount"] }],
    startedWith: "vu-ev-4177",
    workaround: { phrase: "ajoutez la nouvelle carte", source: { kind: "article", id: "vu-art-carte" } },
    knowledgeBase: null,
  },
};

// A travel-booking API in Buenos Aires: the plan's rate limit, working as designed (how_to).
export const rateLimitChat: Scenario = {
  id: "rate-limit-chat",
  summary: "API calls rejected by the plan's rate limit, the article explains batching (chat, es)",
  channel: "chat",
  language: "es",
  now: defaultNow,
  ticketId: "rn-chat-3003",
  vocabulary: ["Rutas Nómada", "Nómada API"],
  snapshot: buildWorkspace({
    company: "Rutas Nómada",
    product: "Nómada API",
    timezone: "America/Argentina/Buenos_Aires",
    teams: [
      { id: "devrel", name: "Soporte a desarrolladores", escalatesTo: "api-core" },
      { id: "api-core", name: "API Engineering" },
    ],
    customers: [
      {
        id: "rn-xabier",
        name: "Xabier Etxeberria",
        email: "xabier@viajes-etxeberria.example",
        company: "Viajes Etxeberria",
        plan: "inicial",
        language: "es",
      },
    ],
    articles: [
      {
        id: "rn-art-limites",
        title: "Límites de la API",
        body: markdown(
          "Cada plan tiene un límite de solicitudes por minuto. Las solicitudes por encima del límite reciben un error hasta el minuto siguiente; no se pierde ningún dato.",
          "",
          "## Pasos",
          "",
          "1. Agrupe las consultas con el endpoint /batch: una sola solicitud puede incluir hasta 50 búsquedas.",
          "2. Reparta las llamadas en el tiempo en lugar de enviarlas todas a la vez.",
          "3. Si necesita un límite mayor, cambie de plan en Cuenta → Plan.",
        ),
        tags: ["api", "límites"],
      },
    ],
    accountEvents: repeatedEvents("rn-xabier", "api.rate_limited", { limitPerMinute: 275, requestsPerMinute: 395 }, [
      { id: "rn-ev-6001", at: "2026-05-14T13:58:00Z" },
      { id: "rn-ev-6002", at: "2026-05-14T14:20:00Z" },
      { id: "rn-ev-6003", at: "2026-05-14T14:41:00Z" },
    ]),
    tickets: [
      ticket({
        id: "rn-chat-3003",
        customerId: "rn-xabier",
        channel: "chat",
        status: "new",
        teamId: "devrel",
        messages: [
          customerSays(
            "2026-05-14T14:50:00Z",
            "buenas, desde hace una hora la API me devuelve errores todo el rato y no puedo confirmar reservas. qué pasa??",
          ),
        ],
      }),
    ],
  }),
  expect: {
    category: "how_to",
    escalateTo: null,
    followUp: null,
    workaround: {
      phrase: "agrupe las consultas con el endpoint /batch",
      source: { kind: "article", id: "rn-art-limites" },
    },
    cites: [{ kind: "account_event", id: ["rn-ev-6001", "rn-ev-6002", "rn-ev-6003"] }],
    knowledgeBase: null,
  },
};

export const knowledgeScenarios: Scenario[] = [
  outlookTwiceWithoutArticle,
  outlookTwiceWithArticle,
  annualRefundForbidden,
  paymentDeclinedInApp,
  rateLimitChat,
];
