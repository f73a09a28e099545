import type { Category } from "../draft.ts";
import { compileLexicon, type LexiconRow, matchLexicon, weightOf } from "./lexicon.ts";
import { words } from "./text.ts";

export type EscalationNeed = "engineering" | "billing" | "privacy" | "security" | "product" | "legal" | "next";
export type EscalationTeam = { id: string; name: string; escalatesTo?: string | null };
export type Escalation = { teamId: string; reason: string };

type TeamRole = Exclude<EscalationNeed, "next"> | "frontline";

/** How workspaces name their teams (English, German, Spanish, French, Chinese); 1 for names that fit more than one need. */
const teamWords: readonly LexiconRow<TeamRole>[] = [
  [
    "engineering",
    2,
    [
      "engineering, engineer*, eng, dev, devs, development, developer*, tech, technical, technology, it, r&d, rnd, backend, sre, devops",
      "entwicklung*, entwickler*, technik*",
      "desarrollo, ingenieria, tecnico, tecnologia",
      "developpement, ingenierie, technique",
      "技术, 研发, 工程, 开发",
    ],
  ],
  ["engineering", 1, ["platform, infrastructure, tier 3, level 3"]],
  [
    "billing",
    2,
    [
      "billing, finance, financial, accounting, accounts receivable, payment*, invoicing, revenue",
      "buchhaltung*, abrechnung*, finanz*, rechnungswesen",
      "facturacion, finanzas, cobros, pagos, contabilidad",
      "facturation, comptabilite, paiements",
      "财务, 账单, 计费, 结算",
    ],
  ],
  [
    "privacy",
    2,
    [
      "privacy, data protection, dpo, gdpr",
      "datenschutz*, dsgvo",
      "privacidad, proteccion de datos",
      "rgpd, confidentialite, protection des donnees",
      "隐私, 数据保护",
    ],
  ],
  ["privacy", 1, ["compliance", "合规"]],
  ["security", 2, ["security, infosec, secops, trust", "sicherheit*", "seguridad", "securite", "安全"]],
  ["security", 1, ["safety, abuse, fraud", "风控"]],
  ["product", 2, ["product, products, product management, pm", "produkt*", "producto", "produit", "产品"]],
  ["legal", 2, ["legal, law, counsel, lawyers", "recht, rechts*, jurist*", "juridico", "juridique", "法务, 法律"]],
  ["legal", 1, ["compliance", "合规"]],
  [
    "frontline",
    2,
    [
      "support, tier 1, tier1, level 1, first line, 1st line, frontline, front line, helpdesk, help desk, customer service|care|success",
      "kundenservice, kundendienst, kundensupport",
      "soporte, atencion al cliente",
      "service client",
      "客服, 支持",
    ],
  ],
];

const teamLexicon = compileLexicon(teamWords);

/** The team whose id or name best names the role; a shorter name is the more specific one on a tie. */
function teamFor(role: TeamRole, teams: readonly EscalationTeam[]): EscalationTeam | null {
  let best: { team: EscalationTeam; score: number; length: number } | null = null;
  for (const team of teams) {
    const label = `${team.id} ${team.name}`;
    const score = weightOf(matchLexicon(label, teamLexicon), role);
    const length = words(team.name).length;
    if (score > 0 && (!best || score > best.score || (score === best.score && length < best.length))) {
      best = { team, score, length };
    }
  }
  return best?.team ?? null;
}

function findTeam(reference: string | null | undefined, teams: readonly EscalationTeam[]): EscalationTeam | null {
  if (!reference) return null;
  return teams.find((team) => team.id === reference) ?? teams.find((team) => team.name === reference) ?? null;
}

/** The next team on the path: after the ticket's team, or after the frontline team when it has none. */
function nextOnPath(ticketTeamId: string | null, teams: readonly EscalationTeam[]): EscalationTeam | null {
  const current = findTeam(ticketTeamId, teams) ?? teamFor("frontline", teams);
  const next = findTeam(current?.escalatesTo, teams);
  return next && next.id !== current?.id ? next : null;
}

export type EscalationInput = {
  need: EscalationNeed | null;
  reason: string;
  teams: readonly EscalationTeam[];
  ticketTeamId: string | null;
};

/**
 * The team the ticket will wait on: the team whose id or name names the need ("Finance" for
 * billing, "Datenschutz" for privacy), otherwise the next team on the escalation path; null when
 * nothing is needed or no team fits.
 */
export function chooseEscalation(input: EscalationInput): Escalation | null {
  if (input.need === null) return null;
  const named = input.need === "next" ? null : teamFor(input.need, input.teams);
  const team = named ?? nextOnPath(input.ticketTeamId, input.teams);
  return team && { teamId: team.id, reason: input.reason };
}

type Concern = "security" | "legal";

const concernWords: readonly LexiconRow<Concern>[] = [
  [
    "security",
    1,
    [
      "hacked, hacker*, hacking, data breach, security breach, breach of my|our data, vulnerabilit*, exploit*, stolen account, account .. stolen, stolen credentials|password|passwords, compromised, phishing, unauthorized|unauthorised access|login|logins, someone .. logged into my account, suspicious login|logins|activity, malware, ransomware, xss, sql injection, csrf, data leak, leaked, security issue|incident|hole|flaw, account takeover, someone .. into my account, someone .. changed my password|email, wasnt me, login alert .. not me",
      "gehackt, sicherheitslucke, datenleck, datenpanne, kompromittiert, unbefugte* zugriff, konto .. gestohlen, sicherheitsproblem, verdachtige anmeldung, jemand .. in mein|meinem konto, jemand .. mein passwort .. geandert, war nicht ich",
      "hackeado, hackeada, hackearon, vulnerabilidad, brecha de seguridad|datos, filtracion de datos, cuenta .. robada, acceso no autorizado, suplantacion, comprometida, alguien .. entrado en mi cuenta, alguien .. cambiado .. contrasena|correo, no fui yo",
      "pirate, piratage, faille, vulnerabilite, fuite de donnees, compte .. vole, acces non autorise, hameconnage, quelqu'un .. connecte .. mon compte, quelqu'un .. change mon mot de passe, ce n'etait pas moi",
      "被盗, 盗号, 黑客, 漏洞, 数据泄露, 泄露, 钓鱼, 未经授权, 被入侵, 安全问题, 有人登录了我的, 不是我登录",
    ],
  ],
  [
    "legal",
    1,
    [
      "lawyer*, attorney*, lawsuit, sue, suing, legal action|steps, court, subpoena, solicitor*, litigation, cease and desist, breach of contract, small claims",
      "anwalt, anwaltin, rechtsanwalt*, klage, verklagen, vor gericht, gerichtlich*, rechtliche schritte, abmahnung",
      "abogado*, demanda judicial, demandar, demandare, tribunal*, acciones legales, juzgado",
      "avocat*, poursuites, proces, mise en demeure, action en justice",
      "律师, 起诉, 法院, 诉讼, 法律行动, 法律途径",
    ],
  ],
];

const concernLexicon = compileLexicon(concernWords);

/**
 * What the ticket needs beyond support, where the answer is fixed by its nature: security wording
 * (hacked, breach, phishing) needs security, a data-privacy ticket needs privacy, legal wording
 * (lawyer, lawsuit, Anwalt) needs legal. Otherwise null: whether engineering or billing must act
 * depends on whether the reply can unblock the customer, which the caller knows.
 */
export function escalationNeedFor(category: Category | string, text: string): EscalationNeed | null {
  const matches = matchLexicon(text, concernLexicon);
  if (weightOf(matches, "security") > 0) return "security";
  if (category === "data_privacy") return "privacy";
  if (weightOf(matches, "legal") > 0) return "legal";
  return null;
}
