import { describe, expect, it } from "vitest";
import type { Category } from "../draft.ts";
import { categorise } from "./category.ts";

function categoryOf(message: string, subject: string | null = null): Category {
  return categorise({ subject, customerMessages: [message] }).category;
}

describe("categorise", () => {
  it.each<[Category, string[]]>([
    [
      "bug",
      [
        "My data export fails with a timeout every time since Monday.",
        "Mein Export schlägt seit 3 Tagen fehl",
        "La exportación falla con un error desde el lunes",
        "L'export échoue avec une erreur depuis lundi",
        "数据导出一直失败，报错超时",
      ],
    ],
    [
      "data_privacy",
      [
        "Please delete all my personal data (GDPR).",
        "Bitte löschen Sie alle meine Daten gemäß DSGVO.",
        "Quiero que eliminen todos mis datos personales.",
        "Je souhaite que vous supprimiez toutes mes données personnelles.",
        "请删除我所有的个人数据。",
      ],
    ],
    [
      "account_access",
      [
        "I can't log in, the password reset link doesn't work",
        "Ich kann mich nicht anmelden, der 2FA-Code kommt nicht an",
        "No puedo iniciar sesión, olvidé mi contraseña",
        "Je n'arrive pas à me connecter, mot de passe refusé",
        "我无法登录，验证码收不到",
      ],
    ],
    [
      "billing",
      [
        "I was charged twice this month, please refund one.",
        "Ich wurde doppelt abgebucht, bitte um Rückerstattung.",
        "Me cobraron dos veces, necesito la factura.",
        "J'ai été débité deux fois, je veux un remboursement.",
        "这个月重复扣费了，请退款",
      ],
    ],
    [
      "shipping",
      [
        "Where is my parcel? The tracking hasn't updated in a week.",
        "Mein Paket ist nicht angekommen.",
        "Mi pedido no ha llegado y el número de seguimiento no funciona",
        "Mon colis n'est jamais arrivé.",
        "我的快递还没到",
      ],
    ],
    [
      "cancellation",
      [
        "I want to cancel my subscription.",
        "Ich möchte mein Abo kündigen.",
        "Quiero cancelar mi suscripción.",
        "Je veux résilier mon abonnement.",
        "我要取消订阅",
      ],
    ],
    [
      "outage",
      [
        "The whole service is down for everyone in our company.",
        "Die ganze Plattform ist nicht erreichbar, niemand kann arbeiten.",
        "El servicio está caído, nadie puede entrar.",
        "Le service est en panne pour tous les utilisateurs.",
        "服务宕机了，所有用户都无法访问",
      ],
    ],
    [
      "complaint",
      [
        "Your support is terrible, nobody answers my emails.",
        "Ich möchte mich über Ihren Kundenservice beschweren.",
        "Quiero poner una queja, su servicio es pésimo.",
        "Je veux déposer une plainte, votre service client est nul.",
        "我要投诉，你们客服态度很差",
      ],
    ],
    [
      "feature_request",
      [
        "It would be great if you added a dark mode.",
        "Es wäre toll, wenn ihr einen Dark Mode hinzufügen könntet.",
        "Sería genial que pudieran añadir un modo oscuro.",
        "Ce serait génial d'avoir un mode sombre.",
        "建议增加夜间模式功能",
      ],
    ],
    [
      "how_to",
      [
        "How do I add a teammate to my workspace?",
        "Wie kann ich einen Bericht als CSV exportieren?",
        "¿Cómo puedo exportar un informe?",
        "Comment puis-je exporter un rapport ?",
        "如何导出报表？",
      ],
    ],
  ])("reads %s in five languages", (category, messages) => {
    for (const message of messages) expect([message, categoryOf(message)]).toEqual([message, category]);
  });

  it("treats questions about credit packages as billing, not a parcel", () => {
    expect(
      categoryOf(
        "We keep running out of credits. What's the difference between the Growth and Scale packages? Is it cheaper per credit?",
        "Which credit package makes sense for us?",
      ),
    ).toBe("billing");
  });

  it("treats a refund request in plain words as billing", () => {
    expect(categoryOf("I want a refund for last month")).toBe("billing");
  });

  it("files password and 2FA questions under account access, not how-to", () => {
    expect(categoryOf("How do I reset my password?")).toBe("account_access");
    expect(categoryOf("Login issues after password reset")).toBe("account_access");
  });

  it("keeps the original category when the customer closes with thanks", () => {
    const result = categorise({
      subject: "Export failing",
      customerMessages: ["My export fails with a timeout.", "Thanks, that fixed it!"],
    });
    expect(result.category).toBe("bug");
  });

  it("weighs the first message over later ones", () => {
    const result = categorise({
      subject: null,
      customerMessages: ["I was charged twice for March.", "Also, the dashboard shows an error sometimes."],
    });
    expect(result.category).toBe("billing");
  });

  it("turns a failure into how-to when the caller knows it is a documented plan limit", () => {
    const result = categorise({
      subject: null,
      customerMessages: ["Export fails with a timeout"],
      documentedLimit: true,
    });
    expect(result.category).toBe("how_to");
    expect(result.evidence[0]).toBe("documented limit of the plan");
  });

  it("calls an open known issue shared by many open tickets an outage", () => {
    const shared = categorise({
      subject: null,
      customerMessages: ["The dashboard doesn't load"],
      knownIssue: { status: "open" },
      similarOpenTickets: 12,
    });
    expect(shared.category).toBe("outage");
    expect(shared.evidence).toContain("known issue (open) shared by 12 open tickets");
    const fixed = categorise({
      subject: null,
      customerMessages: ["The dashboard doesn't load"],
      knownIssue: { status: "fixed" },
      similarOpenTickets: 12,
    });
    expect(fixed.category).toBe("bug");
  });

  it("uses account events as light evidence", () => {
    const result = categorise({
      subject: null,
      customerMessages: ["Hi, something looks off"],
      accountEventTypes: ["payment_failed"],
    });
    expect(result.category).toBe("billing");
    expect(result.evidence).toEqual(['account event: "payment_failed"']);
  });

  it("says other, with low confidence, when nothing matches", () => {
    expect(categorise({ subject: null, customerMessages: ["Hello"] })).toEqual({
      category: "other",
      confidence: 0.3,
      evidence: [],
    });
  });

  it("is more confident when the evidence is strong and one-sided", () => {
    const clear = categorise({ subject: "Charged twice", customerMessages: ["Refund the duplicate invoice please"] });
    const mixed = categorise({ subject: null, customerMessages: ["The invoice page shows an error"] });
    expect(clear.confidence).toBeGreaterThan(mixed.confidence);
    expect(clear.evidence).toContain('subject: "Charged twice"');
  });
});
