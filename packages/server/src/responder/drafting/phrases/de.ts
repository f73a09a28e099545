import type { Phrases } from "./phrases.ts";

export const german: Phrases = {
  hello: (name) => `Hallo ${name},`,
  failingProblem: (operation) => `dass Ihr Vorgang „${operation}“ fehlschlägt`,
  quotedProblem: (subject) => `„${subject}“`,
  problems: {
    bug: "das Problem, auf das Sie gestoßen sind",
    how_to: "Ihre Frage",
    billing: "Ihre Frage zur Abrechnung",
    account_access: "die Probleme bei der Anmeldung",
    feature_request: "Ihren Vorschlag",
    outage: "den Ausfall",
    data_privacy: "Ihre Anfrage zu Ihren personenbezogenen Daten",
    complaint: "Ihre Erfahrung mit uns",
    shipping: "Ihre Bestellung",
    cancellation: "die Kündigung Ihres Abonnements",
    other: "Ihr Anliegen",
  },
  lasting: (days) => (days === 1 ? "seit einem Tag" : `seit ${days} Tagen`),
  empathy: (problem, lasting) =>
    `ich verstehe Ihren Ärger sehr gut: ${problem}${lasting ? `, und das ${lasting}` : ""}, ist nicht akzeptabel. Das tut mir leid.`,
  thanksForWriting: (problem) => `vielen Dank für Ihre Nachricht zu ${problem}.`,
  repeatContact: () => "Ich weiß, dass Sie sich deswegen nicht zum ersten Mal bei uns melden.",
  foundInAccount: (operation, startedOn, attempts, latestOn) =>
    attempts > 1
      ? `Ich habe Ihr Konto geprüft: Die Fehler bei „${operation}“ begannen am ${startedOn}, mit ${attempts} fehlgeschlagenen Versuchen, zuletzt am ${latestOn}.`
      : `Ich habe Ihr Konto geprüft: „${operation}“ ist am ${startedOn} fehlgeschlagen.`,
  foundHeader: () => "Das habe ich herausgefunden:",
  overLimit: (_operation, measured, limit) =>
    `Ihr Vorgang umfasst ${measured} und liegt damit über dem Limit von ${limit}`,
  stoppedAtTimeout: (duration) => `er bricht ab, sobald das Zeitlimit von ${duration} erreicht ist`,
  ranFor: (duration) => `er lief ${duration}, bevor er fehlschlug`,
  paymentsFound: (items) => `In Ihrem Konto sehe ich diese Zahlungen: ${items.join("; ")}.`,
  paymentOn: (amount, date) => `${amount} am ${date}`,
  errorRecorded: (code) => `der protokollierte Fehler lautet ${code}`,
  doingNowHeader: () => "Das unternehme ich jetzt:",
  rerun: (operation) =>
    `Ich lasse „${operation}“ bei uns manuell ausführen, damit Sie nicht auf die Korrektur warten müssen.`,
  flaggedBug: (team, issue) =>
    `Ich habe das als Fehler an unser Team ${team} gemeldet („${issue}“), mit Bitte um vorrangige Behebung.`,
  fixInProgress: (team, issue) =>
    `Unser Team ${team} arbeitet bereits an einer Korrektur („${issue}“). Ich habe Ihren Fall damit verknüpft, damit Sie Bescheid bekommen, sobald sie verfügbar ist.`,
  reportedNewBug: (team) => `Ich habe das mit den Angaben aus Ihrem Konto als Fehler an unser Team ${team} gemeldet.`,
  passedTo: (team, reason) => `Ich habe Ihr Anliegen an unser Team ${team} weitergegeben, das ${reason}.`,
  outageKnown: (issue, team) => `Das Problem ist uns bekannt („${issue}“), und unser Team ${team} arbeitet daran.`,
  workaroundWhileFix: (text) => `Bis die Korrektur da ist, hilft folgende Umgehung: ${text}`,
  suggestedFix: (text) => `So sollte es sich lösen lassen: ${text}`,
  stepsFrom: (title) => `So geht es, laut unserer Anleitung „${title}“:`,
  policy: (title, text) => `Ich habe unsere Richtlinie geprüft („${title}“): ${text}`,
  followUp: (when, tomorrow, aboutFix) =>
    `Ich melde mich ${tomorrow ? `morgen (${when})` : `am ${when}`} wieder, ${aboutFix ? "um zu prüfen, ob alles funktioniert, und Ihnen den Stand der Korrektur mitzuteilen" : "um Ihnen das Ergebnis mitzuteilen"}.`,
  replyAnytime: () => "Wenn Sie vorher etwas brauchen, antworten Sie einfach auf diese Nachricht.",
  askHeader: () => "Damit ich genau herausfinden kann, was schiefläuft, können Sie mir bitte sagen:",
  questions: {
    bug: [
      "was Sie gerade getan haben, als es passiert ist, und die genaue Fehlermeldung",
      "seit wann das Problem besteht",
    ],
    access: [
      "mit welcher E-Mail-Adresse Sie sich anmelden",
      "welchen Browser oder welche App Sie nutzen und was Sie beim Anmelden sehen",
    ],
    billing: ["Datum und Betrag der Abbuchung oder die Rechnungsnummer"],
    shipping: ["Ihre Bestellnummer"],
    general: ["etwas genauer, was Sie erwartet haben und was stattdessen passiert ist"],
  },
  thanksConfirmed: () => "vielen Dank für die Rückmeldung, dass es jetzt funktioniert. Das freut mich sehr!",
  askSatisfaction: () =>
    "Ich markiere das Ticket als gelöst. Wenn Sie einen Moment Zeit haben, bewerten Sie bitte unseren Support: Das hilft uns, besser zu werden.",
  notActingOnInstructions: () =>
    "Änderungen an Konten, Tarifen oder Zahlungen durchlaufen unsere üblichen Prüfungen; aufgrund Ihrer Nachricht habe ich daher nichts geändert.",
  featureLogged: (team) =>
    team
      ? `vielen Dank für den Vorschlag! Ich habe ihn an unser Team ${team} weitergegeben, das über neue Funktionen entscheidet.`
      : "vielen Dank für den Vorschlag! Ich habe ihn für das Team festgehalten, das über neue Funktionen entscheidet.",
  signOff: (workspace) => `Viele Grüße\n${workspace}`,
  clauses: (items) => `${items.join("; ")}.`,
  list: (items) => items.map((item) => `- ${item}`).join("\n"),
};
