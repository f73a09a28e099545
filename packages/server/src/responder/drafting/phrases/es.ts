import type { Phrases } from "./phrases.ts";

export const spanish: Phrases = {
  hello: (name) => `Hola, ${name}:`,
  failingProblem: (operation) => `que su operación «${operation}» falle`,
  quotedProblem: (subject) => `«${subject}»`,
  problems: {
    bug: "el problema que ha encontrado",
    how_to: "su consulta",
    billing: "su consulta sobre la facturación",
    account_access: "el problema para acceder a su cuenta",
    feature_request: "su sugerencia",
    outage: "la interrupción del servicio",
    data_privacy: "su solicitud sobre sus datos personales",
    complaint: "su experiencia con nosotros",
    shipping: "su pedido",
    cancellation: "la cancelación de su suscripción",
    other: "su mensaje",
  },
  lasting: (days) => (days === 1 ? "durante un día" : `durante ${days} días`),
  empathy: (problem, lasting) =>
    `Entiendo perfectamente su frustración: ${problem}${lasting ? ` ${lasting}` : ""} no es aceptable, y lamento las molestias.`,
  thanksForWriting: (problem) => `Gracias por escribirnos sobre ${problem}.`,
  repeatContact: () => "Sé que no es la primera vez que tiene que contactarnos por esto.",
  foundInAccount: (operation, startedOn, attempts, latestOn) =>
    attempts > 1
      ? `He revisado su cuenta y veo que los fallos de «${operation}» empezaron el ${startedOn}: ${attempts} intentos fallidos, el último el ${latestOn}.`
      : `He revisado su cuenta y veo que «${operation}» falló el ${startedOn}.`,
  foundHeader: () => "Esto es lo que he encontrado:",
  overLimit: (_operation, measured, limit) => `su operación ocupa ${measured}, por encima del límite de ${limit}`,
  stoppedAtTimeout: (duration) => `se detiene al alcanzar el tiempo máximo de ${duration}`,
  ranFor: (duration) => `se ejecutó durante ${duration} antes de fallar`,
  paymentsFound: (items) => `Veo estos pagos en su cuenta: ${items.join("; ")}.`,
  paymentOn: (amount, date) => `${amount} el ${date}`,
  errorRecorded: (code) => `el error registrado es ${code}`,
  doingNowHeader: () => "Esto es lo que estoy haciendo ahora mismo:",
  rerun: (operation) =>
    `Voy a ejecutar «${operation}» manualmente desde nuestro lado, para que no tenga que esperar a la corrección.`,
  flaggedBug: (team, issue) =>
    `He comunicado este error a nuestro equipo de ${team} («${issue}») para que lo corrijan con prioridad.`,
  fixInProgress: (team, issue) =>
    `Nuestro equipo de ${team} ya está trabajando en una corrección («${issue}») y he vinculado su caso para avisarle en cuanto esté disponible.`,
  reportedNewBug: (team) => `He informado de este error a nuestro equipo de ${team}, con los datos de su cuenta.`,
  passedTo: (team, reason) => `He trasladado su caso a nuestro equipo de ${team}, que ${reason}.`,
  outageKnown: (issue, team) =>
    `Conocemos este problema («${issue}») y nuestro equipo de ${team} está trabajando en él.`,
  workaroundWhileFix: (text) => `Como solución temporal hasta que llegue la corrección: ${text}`,
  suggestedFix: (text) => `Esto debería resolverlo: ${text}`,
  stepsFrom: (title) => `Así se hace, según nuestra guía «${title}»:`,
  policy: (title, text) => `He consultado nuestra política («${title}»): ${text}`,
  followUp: (when, tomorrow, aboutFix) =>
    `Le escribiré ${tomorrow ? `mañana (${when})` : `el ${when}`} ${aboutFix ? "para confirmar que todo funciona y contarle cómo va la corrección" : "para contarle el resultado"}.`,
  replyAnytime: () => "Si necesita algo antes, responda a este mensaje.",
  askHeader: () => "Para averiguar exactamente qué está fallando, ¿podría indicarme:",
  questions: {
    bug: ["qué estaba haciendo cuando ocurrió y el mensaje de error exacto", "desde cuándo ocurre"],
    access: [
      "el correo electrónico con el que inicia sesión",
      "el navegador o la aplicación que usa y qué ve al intentarlo",
    ],
    billing: ["la fecha y el importe del cargo, o el número de factura"],
    shipping: ["su número de pedido"],
    general: ["un poco más sobre lo que esperaba que ocurriera y lo que ocurrió"],
  },
  thanksConfirmed: () => "Gracias por confirmarme que ya funciona, ¡me alegra mucho!",
  askSatisfaction: () =>
    "Marcaré el caso como resuelto. Si tiene un momento, valore nuestra atención: nos ayuda a mejorar.",
  notActingOnInstructions: () =>
    "Los cambios en cuentas, planes o pagos pasan por nuestras comprobaciones habituales, así que no he cambiado nada a partir de su mensaje.",
  featureLogged: (team) =>
    team
      ? `Gracias por la sugerencia. La he trasladado a nuestro equipo de ${team}, que decide las próximas funciones.`
      : "Gracias por la sugerencia. La he registrado para el equipo que decide las próximas funciones.",
  signOff: (workspace) => `Un saludo,\n${workspace}`,
  clauses: (items) => `${items.join("; ")}.`,
  list: (items) => items.map((item) => `- ${item}`).join("\n"),
};
