import type { Phrases } from "./phrases.ts";

export const french: Phrases = {
  hello: (name) => `Bonjour ${name},`,
  failingProblem: (operation) => `l'échec de votre opération « ${operation} »`,
  quotedProblem: (subject) => `« ${subject} »`,
  problems: {
    bug: "le problème que vous rencontrez",
    how_to: "votre question",
    billing: "votre question de facturation",
    account_access: "votre problème de connexion",
    feature_request: "votre suggestion",
    outage: "la panne",
    data_privacy: "votre demande concernant vos données personnelles",
    complaint: "votre expérience avec nous",
    shipping: "votre commande",
    cancellation: "la résiliation de votre abonnement",
    other: "votre message",
  },
  lasting: (days) => (days === 1 ? "depuis un jour" : `depuis ${days} jours`),
  empathy: (problem, lasting) =>
    `Je comprends tout à fait votre frustration : ${problem}${lasting ? ` ${lasting}` : ""}, ce n'est pas acceptable, et je suis désolé pour la gêne occasionnée.`,
  thanksForWriting: (problem) => `Merci de nous avoir contactés au sujet de ${problem}.`,
  repeatContact: () => "Je sais que ce n'est pas la première fois que vous devez nous contacter à ce sujet.",
  foundInAccount: (operation, startedOn, attempts, latestOn) =>
    attempts > 1
      ? `J'ai examiné votre compte : les échecs de « ${operation} » ont commencé le ${startedOn}, avec ${attempts} tentatives échouées, la dernière le ${latestOn}.`
      : `J'ai examiné votre compte : « ${operation} » a échoué le ${startedOn}.`,
  foundHeader: () => "Voici ce que j'ai trouvé :",
  overLimit: (_operation, measured, limit) =>
    `votre opération représente ${measured}, au-delà de la limite de ${limit}`,
  stoppedAtTimeout: (duration) => `elle s'arrête en atteignant le délai maximal de ${duration}`,
  ranFor: (duration) => `elle a tourné pendant ${duration} avant d'échouer`,
  paymentsFound: (items) => `Je vois ces paiements sur votre compte : ${items.join(" ; ")}.`,
  paymentOn: (amount, date) => `${amount} le ${date}`,
  errorRecorded: (code) => `l'erreur enregistrée est ${code}`,
  doingNowHeader: () => "Voici ce que je fais dès maintenant :",
  rerun: (operation) =>
    `Je fais exécuter « ${operation} » manuellement de notre côté, pour que vous n'ayez pas à attendre la correction.`,
  flaggedBug: (team, issue) =>
    `J'ai signalé ce bug à notre équipe ${team} (« ${issue} ») pour une correction prioritaire.`,
  fixInProgress: (team, issue) =>
    `Notre équipe ${team} travaille déjà sur une correction (« ${issue} ») et j'y ai rattaché votre demande pour vous prévenir dès qu'elle sera disponible.`,
  reportedNewBug: (team) => `J'ai signalé ce bug à notre équipe ${team}, avec les informations de votre compte.`,
  passedTo: (team, reason) => `J'ai transmis votre demande à notre équipe ${team}, qui ${reason}.`,
  outageKnown: (issue, team) => `Nous connaissons ce problème (« ${issue} ») et notre équipe ${team} y travaille.`,
  workaroundWhileFix: (text) => `En attendant la correction, voici une solution de contournement : ${text}`,
  suggestedFix: (text) => `Voici ce qui devrait régler le problème : ${text}`,
  stepsFrom: (title) => `Voici comment faire, d'après notre guide « ${title} » :`,
  policy: (title, text) => `J'ai vérifié notre politique (« ${title} ») : ${text}`,
  followUp: (when, tomorrow, aboutFix) =>
    `Je reviendrai vers vous ${tomorrow ? `demain (${when})` : `le ${when}`} ${aboutFix ? "pour confirmer que tout fonctionne et faire le point sur la correction" : "pour vous donner le résultat"}.`,
  replyAnytime: () => "Si vous avez besoin de quoi que ce soit d'ici là, répondez simplement à ce message.",
  askHeader: () => "Pour comprendre précisément ce qui ne va pas, pourriez-vous m'indiquer :",
  questions: {
    bug: ["ce que vous faisiez au moment du problème et le message d'erreur exact", "depuis quand cela se produit"],
    access: [
      "l'adresse e-mail avec laquelle vous vous connectez",
      "le navigateur ou l'application utilisé et ce que vous voyez",
    ],
    billing: ["la date et le montant du prélèvement, ou le numéro de facture"],
    shipping: ["votre numéro de commande"],
    general: ["un peu plus de détails sur ce que vous attendiez et ce qui s'est passé"],
  },
  thanksConfirmed: () => "Merci de m'avoir confirmé que tout fonctionne à nouveau, j'en suis ravi !",
  askSatisfaction: () =>
    "Je marque la demande comme résolue. Si vous avez un instant, merci d'évaluer notre support : cela nous aide à nous améliorer.",
  notActingOnInstructions: () =>
    "Les modifications de compte, d'abonnement ou de paiement passent par nos vérifications habituelles ; je n'ai donc rien modifié sur la base de votre message.",
  featureLogged: (team) =>
    team
      ? `Merci pour cette suggestion. Je l'ai transmise à notre équipe ${team}, qui décide des prochaines fonctionnalités.`
      : "Merci pour cette suggestion. Je l'ai notée pour l'équipe qui décide des prochaines fonctionnalités.",
  signOff: (workspace) => `Bien cordialement,\n${workspace}`,
  clauses: (items) => `${items.join(" ; ")}.`,
  list: (items) => items.map((item) => `- ${item}`).join("\n"),
};
