import { type CustomerLanguage, customerLanguageOf } from "../follow-through/customer-language.ts";
import type { CsatScore } from "./csat.ts";

/** Every word of the satisfaction survey, in one language: the message, its reminder and the survey page. */
export type SurveyText = {
  labels: Record<CsatScore, string>;
  ask: string;
  reminder: string;
  chooseScore: string;
  commentOnPage: string;
  replyWithNumber: string;
  orComment(link: string): string;
  pageTitle: string;
  solved(ticket: string, subject: string | null): string;
  answered(score: number, until: string): string;
  legend: string;
  commentLabel: string;
  send: string;
  chooseError: string;
  commentTooLong: string;
  thanksTitle: string;
  recorded(score: number, label: string): string;
  changeAnswer: string;
  changeUntil(until: string): string;
  unknownTitle: string;
  unknownBody: string;
  closedTitle: string;
  closedHeading: string;
  closedBody: string;
};

const english: SurveyText = {
  labels: { 1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neutral", 4: "Satisfied", 5: "Very satisfied" },
  // It follows the confirmation question, which already says the request looks solved.
  ask: "How satisfied are you with the help you received?",
  reminder: "A quick reminder: we would still love to hear how we did on this request.",
  chooseScore: "Choose a score from 1 to 5:",
  commentOnPage: "You can add a comment on the same page.",
  replyWithNumber: "Reply with a single number from 1 (very dissatisfied) to 5 (very satisfied),",
  orComment: (link) => `or answer with a comment here: ${link}`,
  pageTitle: "How did we do?",
  solved: (ticket, subject) =>
    `Your request ${ticket}${subject ? ` about “${subject}”` : ""} was solved. How satisfied are you with the help you received?`,
  answered: (score, until) => `You answered ${score}. You can change your answer until ${until}.`,
  legend: "Your score, from 1 (very dissatisfied) to 5 (very satisfied)",
  commentLabel: "Anything you would like to add? (optional)",
  send: "Send",
  chooseError: "Please choose a score from 1 to 5.",
  commentTooLong: "Please shorten your comment to 5,000 characters.",
  thanksTitle: "Thank you",
  recorded: (score, label) => `We recorded your score of ${score} (${label}).`,
  changeAnswer: "Changed your mind?",
  changeUntil: (until) => `Change your answer until ${until}.`,
  unknownTitle: "Survey not found",
  unknownBody: "This survey link is not valid. Please check that you copied all of it.",
  closedTitle: "Survey closed",
  closedHeading: "This survey has closed",
  closedBody: "Answers are accepted for 7 days after the survey was sent. Thank you all the same.",
};

const texts: Record<CustomerLanguage, SurveyText> = {
  en: english,
  de: {
    labels: { 1: "Sehr unzufrieden", 2: "Unzufrieden", 3: "Neutral", 4: "Zufrieden", 5: "Sehr zufrieden" },
    ask: "Wie zufrieden sind Sie mit der Hilfe, die Sie bekommen haben?",
    reminder: "Eine kurze Erinnerung: Wir würden gern noch erfahren, wie zufrieden Sie mit unserer Hilfe waren.",
    chooseScore: "Wählen Sie eine Bewertung von 1 bis 5:",
    commentOnPage: "Auf derselben Seite können Sie auch einen Kommentar hinterlassen.",
    replyWithNumber: "Antworten Sie mit einer einzelnen Zahl von 1 (sehr unzufrieden) bis 5 (sehr zufrieden)",
    orComment: (link) => `oder mit einem Kommentar hier: ${link}`,
    pageTitle: "Wie war unsere Hilfe?",
    solved: (ticket, subject) =>
      `Ihre Anfrage ${ticket}${subject ? ` zu „${subject}“` : ""} wurde gelöst. Wie zufrieden sind Sie mit der Hilfe, die Sie bekommen haben?`,
    answered: (score, until) => `Sie haben mit ${score} geantwortet. Sie können Ihre Antwort bis ${until} ändern.`,
    legend: "Ihre Bewertung, von 1 (sehr unzufrieden) bis 5 (sehr zufrieden)",
    commentLabel: "Möchten Sie noch etwas ergänzen? (optional)",
    send: "Senden",
    chooseError: "Bitte wählen Sie eine Bewertung von 1 bis 5.",
    commentTooLong: "Bitte kürzen Sie Ihren Kommentar auf 5.000 Zeichen.",
    thanksTitle: "Vielen Dank",
    recorded: (score, label) => `Wir haben Ihre Bewertung ${score} (${label}) gespeichert.`,
    changeAnswer: "Meinung geändert?",
    changeUntil: (until) => `Antwort ändern, bis ${until}.`,
    unknownTitle: "Umfrage nicht gefunden",
    unknownBody: "Dieser Umfragelink ist ungültig. Bitte prüfen Sie, ob Sie ihn vollständig kopiert haben.",
    closedTitle: "Umfrage beendet",
    closedHeading: "Diese Umfrage ist beendet",
    closedBody: "Antworten werden 7 Tage nach dem Versand der Umfrage angenommen. Trotzdem vielen Dank.",
  },
  fr: {
    labels: { 1: "Très insatisfait", 2: "Insatisfait", 3: "Neutre", 4: "Satisfait", 5: "Très satisfait" },
    ask: "Êtes-vous satisfait de l'aide que vous avez reçue ?",
    reminder: "Petit rappel : nous aimerions toujours savoir ce que vous avez pensé de notre aide pour cette demande.",
    chooseScore: "Choisissez une note de 1 à 5 :",
    commentOnPage: "Vous pouvez ajouter un commentaire sur la même page.",
    replyWithNumber: "Répondez par un seul chiffre de 1 (très insatisfait) à 5 (très satisfait),",
    orComment: (link) => `ou laissez un commentaire ici : ${link}`,
    pageTitle: "Comment avons-nous fait ?",
    solved: (ticket, subject) =>
      `Votre demande ${ticket}${subject ? ` concernant « ${subject} »` : ""} a été résolue. Êtes-vous satisfait de l'aide que vous avez reçue ?`,
    answered: (score, until) => `Vous avez répondu ${score}. Vous pouvez modifier votre réponse jusqu'au ${until}.`,
    legend: "Votre note, de 1 (très insatisfait) à 5 (très satisfait)",
    commentLabel: "Souhaitez-vous ajouter quelque chose ? (facultatif)",
    send: "Envoyer",
    chooseError: "Veuillez choisir une note de 1 à 5.",
    commentTooLong: "Veuillez raccourcir votre commentaire à 5 000 caractères.",
    thanksTitle: "Merci",
    recorded: (score, label) => `Nous avons enregistré votre note de ${score} (${label}).`,
    changeAnswer: "Vous avez changé d'avis ?",
    changeUntil: (until) => `Modifiez votre réponse jusqu'au ${until}.`,
    unknownTitle: "Enquête introuvable",
    unknownBody: "Ce lien d'enquête n'est pas valide. Vérifiez que vous l'avez copié en entier.",
    closedTitle: "Enquête close",
    closedHeading: "Cette enquête est close",
    closedBody: "Les réponses sont acceptées pendant 7 jours après l'envoi de l'enquête. Merci tout de même.",
  },
  es: {
    labels: { 1: "Muy insatisfecho", 2: "Insatisfecho", 3: "Neutral", 4: "Satisfecho", 5: "Muy satisfecho" },
    ask: "¿Qué tan satisfecho está con la ayuda que recibió?",
    reminder: "Un breve recordatorio: nos encantaría saber qué le pareció nuestra ayuda con esta solicitud.",
    chooseScore: "Elija una puntuación del 1 al 5:",
    commentOnPage: "Puede añadir un comentario en la misma página.",
    replyWithNumber: "Responda con un solo número del 1 (muy insatisfecho) al 5 (muy satisfecho),",
    orComment: (link) => `o deje un comentario aquí: ${link}`,
    pageTitle: "¿Qué tal lo hicimos?",
    solved: (ticket, subject) =>
      `Su solicitud ${ticket}${subject ? ` sobre «${subject}»` : ""} se ha resuelto. ¿Qué tan satisfecho está con la ayuda que recibió?`,
    answered: (score, until) => `Respondió ${score}. Puede cambiar su respuesta hasta el ${until}.`,
    legend: "Su puntuación, del 1 (muy insatisfecho) al 5 (muy satisfecho)",
    commentLabel: "¿Algo más que quiera añadir? (opcional)",
    send: "Enviar",
    chooseError: "Elija una puntuación del 1 al 5.",
    commentTooLong: "Acorte su comentario a 5000 caracteres.",
    thanksTitle: "Gracias",
    recorded: (score, label) => `Hemos registrado su puntuación de ${score} (${label}).`,
    changeAnswer: "¿Ha cambiado de opinión?",
    changeUntil: (until) => `Cambie su respuesta hasta el ${until}.`,
    unknownTitle: "Encuesta no encontrada",
    unknownBody: "Este enlace de encuesta no es válido. Compruebe que lo ha copiado completo.",
    closedTitle: "Encuesta cerrada",
    closedHeading: "Esta encuesta está cerrada",
    closedBody: "Las respuestas se aceptan durante 7 días después del envío de la encuesta. Gracias de todos modos.",
  },
  zh: {
    labels: { 1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意" },
    ask: "您对我们提供的帮助满意吗？",
    reminder: "温馨提醒：我们仍然很想知道您对这次服务的评价。",
    chooseScore: "请选择 1 到 5 分：",
    commentOnPage: "您也可以在同一页面留下评论。",
    replyWithNumber: "请直接回复一个数字，1（非常不满意）到 5（非常满意），",
    orComment: (link) => `或在这里留下评论：${link}`,
    pageTitle: "您对我们的服务满意吗？",
    solved: (ticket, subject) =>
      `您的请求 ${ticket}${subject ? `（“${subject}”）` : ""}已解决。您对我们提供的帮助满意吗？`,
    answered: (score, until) => `您的评分是 ${score} 分。您可以在 ${until} 之前修改评分。`,
    legend: "您的评分，1（非常不满意）到 5（非常满意）",
    commentLabel: "还有什么想告诉我们的吗？（可选）",
    send: "提交",
    chooseError: "请选择 1 到 5 分。",
    commentTooLong: "请将评论缩短到 5000 字以内。",
    thanksTitle: "谢谢",
    recorded: (score, label) => `我们已记录您的评分：${score} 分（${label}）。`,
    changeAnswer: "想修改评分？",
    changeUntil: (until) => `在 ${until} 之前都可以修改。`,
    unknownTitle: "未找到调查",
    unknownBody: "此调查链接无效。请确认您复制了完整的链接。",
    closedTitle: "调查已结束",
    closedHeading: "此调查已结束",
    closedBody: "调查发出后 7 天内可以作答。仍然感谢您。",
  },
};

/** The survey's words in the ticket's language, else English. */
export function surveyText(language: string | null | undefined): SurveyText {
  return texts[customerLanguageOf(language)];
}

/** The `lang` attribute for a survey page in this language. */
export function surveyLanguage(language: string | null | undefined): CustomerLanguage {
  return customerLanguageOf(language);
}
