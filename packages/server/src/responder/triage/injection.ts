import { compileLexicon, type LexiconRow, matchLexicon } from "./lexicon.ts";
import { fold } from "./text.ts";

type Attempt =
  | "override"
  | "new role"
  | "reveal"
  | "persona"
  | "authority"
  | "command"
  | "action"
  | "unconditional"
  | "addressee";

const descriptions: Record<Attempt | "role tag", string> = {
  override: "tells the assistant to ignore its instructions",
  "new role": "tries to give the assistant a new role",
  reveal: "asks for the assistant's instructions",
  persona: "speaks as the assistant or its maker",
  authority: "claims authority over the assistant",
  command: "orders a privileged action",
  action: "asks for a privileged action",
  unconditional: "demands it free or unchecked",
  addressee: "addresses the AI",
  "role tag": "fake role tag",
};

const roles =
  "assistant|ai|bot|chatbot|admin|administrator|developer|mode|unrestricted|jailbroken|dan|system|model|agent";
const rolesDe = "assistent|ki|bot|admin|administrator|entwickler|modus|system|modell";
const rolesEs = "asistente|ia|bot|administrador|desarrollador|modo|sistema|modelo";
const rolesFr = "assistant|ia|bot|administrateur|developpeur|mode|systeme|modele";
const money = "refund*|credit*|discount*|compensation|coupon*";

/**
 * Weight 1 flags on its own; 0.5 needs company. A refund asked for in the customer's own words
 * ("I want a refund for last month") matches nothing here; "approve a full refund" at the start of
 * a sentence is an order to whoever reads it, and "for free" or "you are authorized" make a
 * request an attempt.
 */
const attempts: readonly LexiconRow<Attempt>[] = [
  [
    "override",
    1,
    [
      "ignore|disregard|forget|override .. instruction*|prompt*|rules|guidelines|directions, ignore|disregard|forget everything|all above|before, ignore|disregard the above, forget everything you were told",
      "ignorier* .. anweisung*|instruktion*|regeln|vorgaben, anweisung*|instruktion* .. ignorier*, vergiss|missachte .. anweisung*|instruktion*|regeln|vorgaben",
      "ignora|ignorar|olvida|olvidate|omite .. instrucciones|reglas|indicaciones, haz caso omiso",
      "ignore|ignorez|oublie|oubliez .. instructions|consignes|regles, ne tiens pas compte .. instructions|consignes",
      "忽略 .. 指令|指示|提示|规则|说明|以上|上面, 无视 .. 指令|指示|提示|规则, 忘记|忘掉 .. 指令|指示|规则",
    ],
  ],
  [
    "new role",
    1,
    [
      `you are now .. ${roles}, you're now .. ${roles}, from now on you are .. ${roles}, from now on you will|you'll act|respond|answer|reply|behave|ignore|obey, pretend you are, pretend you're, pretend to be, act as if you, roleplay as`,
      `du bist jetzt|nun .. ${rolesDe}, ab jetzt|sofort bist du .. ${rolesDe}, von nun an bist du .. ${rolesDe}, tu so als warst du`,
      `ahora eres .. ${rolesEs}, a partir de ahora eres|seras .. ${rolesEs}, finge ser, finge que eres`,
      `tu es maintenant|desormais .. ${rolesFr}, vous etes maintenant|desormais .. ${rolesFr}, fais|faites semblant d'etre`,
      "你现在是 .. 管理员|助手|机器人|开发者|系统|模型|ai, 从现在开始你是, 从现在起你是, 你现在扮演, 扮演 .. 角色, 假装你是",
    ],
  ],
  [
    "reveal",
    1,
    [
      "system prompt, initial|original|hidden|secret prompt, hidden|secret instructions, reveal|print|repeat|output your prompt|instructions|rules|guidelines, the instructions you were given",
      "systemprompt, verrate|wiederhole deine anweisungen|regeln|vorgaben, deine versteckten|geheimen anweisungen",
      "prompt|instrucciones del sistema, revela|repite tus instrucciones|reglas, tus instrucciones ocultas|secretas",
      "prompt|instructions systeme, revele|repete tes|vos instructions|consignes, tes|vos instructions cachees|secretes",
      "系统提示, 系统指令, 提示词, 初始指令, 隐藏指令, 显示|透露|重复 .. 指令|规则",
    ],
  ],
  [
    "persona",
    1,
    [
      "as an|the ai, as an|the ai assistant, as a chatbot, as a language model, i am your developer|creator|programmer|operator|administrator|admin, i'm your developer|creator|programmer|operator|administrator|admin",
      "als ki|sprachmodell|chatbot, ich bin dein entwickler|administrator|admin|schopfer",
      "como ia|chatbot, como modelo de lenguaje, soy tu desarrollador|creador|administrador",
      "en tant qu'ia, en tant que modele de langage, en tant que chatbot, je suis ton|votre developpeur|createur|administrateur",
      "作为 .. 人工智能|语言模型, 作为ai, 我是你的 开发者|开发人员|管理员|创造者",
    ],
  ],
  [
    "authority",
    0.5,
    [
      "as the|your assistant|admin|administrator|developer|owner|operator|system, i authorize|authorise you, you are authorized|authorised|allowed|permitted to, you're authorized|authorised|allowed|permitted to, you have permission, you will now, this is an order",
      "als assistent|administrator|entwickler, ich autorisiere dich, du bist berechtigt",
      "como asistente|administrador|desarrollador, te autorizo, estas autorizado",
      "en tant qu'assistant|qu'administrateur, en tant que developpeur, je t'autorise, je vous autorise, tu es autorise, vous etes autorise",
      "作为 .. 助手|管理员|开发者, 我授权你, 你被授权, 你有权限",
    ],
  ],
  [
    "command",
    0.5,
    [
      `approve|authorize|authorise|grant .. ${money}|fee*|charge*, set my|the .. plan|tier|subscription|role|account to, mark .. as paid`,
      "genehmige|gewahre .. ruckerstattung|erstattung|gutschrift|rabatt, setze|stelle mein* .. plan|tarif|abo|konto auf",
      "aprueba|concede|otorga .. reembolso|credito|descuento|cupon",
      "approuve|approuvez|accorde|accordez .. remboursement|credit|remise|reduction",
      "批准 .. 退款|积分|优惠",
    ],
  ],
  [
    "action",
    0.5,
    [
      `issue|process|apply .. ${money}, give me .. ${money}, waive .. fee*|charge*, add .. credits, change|switch|upgrade|move my .. plan|tier|subscription|account to, make me .. admin|owner|administrator, transfer .. ownership, change the owner`,
      "erstatte .. betrag, gib mir .. gutschrift|rabatt|erstattung, andere|andern mein* .. plan|tarif|abo auf, mach mich zum admin|administrator|besitzer",
      "emite|dame|aplica .. reembolso|credito|descuento|cupon, cambia|sube mi .. plan|cuenta|suscripcion a, hazme administrador|propietario",
      "emets|emettez|applique|appliquez .. remboursement|credit|remise|reduction, donne|donnez moi .. remboursement|credit|remise, passe|passez|change|changez|mets|mettez mon .. abonnement|compte|forfait|plan",
      "给我 .. 退款|积分|优惠, 发放 .. 退款|积分|优惠, 把我的 .. 改为|升级|设为, 设为管理员",
    ],
  ],
  [
    "unconditional",
    0.5,
    [
      "for free, free of charge, at no cost|charge, 100%, 100 %, without verification|verifying|approval|checking|confirmation|asking|payment|paying, no questions asked, do not escalate|tell|mention|inform|notify|verify|check|log|flag, don't escalate|tell|mention|inform|notify|verify|check|log|flag, bypass",
      "kostenlos, umsonst, ohne prufung|uberprufung|bestatigung|zahlung, ohne zu bezahlen, nicht eskalieren",
      "sin costo|coste|cargo|pagar|verificar|verificacion|comprobar, de forma gratuita, no escales, no lo menciones",
      "gratuitement, sans frais|payer|verification|verifier, n'escalade pas",
      "免费给我, 免费升级, 免费开通, 无需验证, 不要 上报|告诉|通知|升级",
    ],
  ],
  [
    "addressee",
    0.5,
    [
      "dear|hey|hi|hello|attention ai|assistant|bot|chatbot, ai assistant, note to the ai|assistant, to the ai|assistant, if you are an ai, you are an ai, language model, llm",
      "liebe|hallo ki, an die ki",
      "querida|hola ia, a la ia",
      "chere ia, a l'ia, si tu es une ia",
      "亲爱的ai, 致ai, 如果你是ai",
    ],
  ],
];

const lexicon = compileLexicon(attempts);

/** Chat-template tokens no customer types. */
const templateToken =
  /<\|[a-z_]+\|>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:system|assistant|developer|instructions?)>|^[ \t]*#{2,}[ \t]*(?:system|instructions?)\b/im;
/** "SYSTEM:" in capitals opens a fake turn; "System: macOS 14" in a bug report only counts with company. */
const shoutedRole = /^[ \t]*\[?(?:SYSTEM|ASSISTANT|DEVELOPER|ADMIN|OPERATOR)\]?[ \t]*[:：]/m;
const roleLine = /^[ \t]*\[?(?:system|assistant|developer|admin|operator|systeme|sistema|系统|助手)\]?[ \t]*[:：]/im;

function startsSentence(folded: string, start: number): boolean {
  return /(?:^|[.!?:;\n。！？])[\s"'«»“”]*$/.test(folded.slice(0, start));
}

export type InjectionCheck = { flagged: boolean; reasons: string[] };

/**
 * Whether customer text tries to instruct the assistant rather than ask the company: override
 * phrases, new roles, requests for the system prompt, fake role tags, and privileged actions
 * ordered or demanded unconditionally, in English, German, Spanish, French and Chinese.
 */
export function detectInjection(text: string): InjectionCheck {
  const folded = fold(text);
  const found: { weight: number; reason: string }[] = [];
  for (const match of matchLexicon(text, lexicon)) {
    const ordered = match.label === "command" && startsSentence(folded, match.start);
    found.push({ weight: match.weight + (ordered ? 0.5 : 0), reason: `${descriptions[match.label]}: '${match.text}'` });
  }
  const tag = templateToken.exec(text) ?? shoutedRole.exec(text);
  const line = tag ? null : roleLine.exec(text);
  if (tag) found.push({ weight: 1, reason: `${descriptions["role tag"]}: '${tag[0].trim()}'` });
  if (line) found.push({ weight: 0.5, reason: `${descriptions["role tag"]}: '${line[0].trim()}'` });
  const total = found.reduce((sum, { weight }) => sum + weight, 0);
  const flagged = total >= 1;
  return { flagged, reasons: flagged ? found.map(({ reason }) => reason) : [] };
}
