import type { Random } from "../testing/snapshot-generator.ts";
import type { Scene } from "./demo-topic-kit.ts";

export type TranslatedLanguage = "de" | "es" | "fr" | "zh";

export type TranslatedScript = { subject: string; opening: string; answer: string; thanks: string };

type TranslationFacts = { month: string; vat: string; dashboard: string; name: string };

type Translation = {
  subject: string | ((facts: TranslationFacts) => string);
  opening: (facts: TranslationFacts) => string;
  answer: (facts: TranslationFacts) => string;
  thanks: string;
};

/** How an agent writes in each language: the salutation, a closing line and the signature. */
export const languageStyles: Record<
  TranslatedLanguage,
  { greeting: (name: string) => string; closing: string; signOff: (agent: string) => string }
> = {
  de: {
    greeting: (name) => `Hallo ${name},`,
    closing: "Melden Sie sich gern, falls noch etwas ist.",
    signOff: (agent) => `Viele Grüße\n${agent}\nNorthwind Analytics Support`,
  },
  es: {
    greeting: (name) => `Hola, ${name}:`,
    closing: "Si necesita algo más, responda a este mensaje.",
    signOff: (agent) => `Un saludo,\n${agent}\nSoporte de Northwind Analytics`,
  },
  fr: {
    greeting: (name) => `Bonjour ${name},`,
    closing: "N'hésitez pas à me répondre si besoin.",
    signOff: (agent) => `Bien cordialement,\n${agent}\nSupport Northwind Analytics`,
  },
  zh: {
    greeting: (name) => `${name}，您好：`,
    closing: "如有其他问题，直接回复即可。",
    signOff: (agent) => `祝好，\n${agent}\nNorthwind Analytics 客户支持`,
  },
};

const previousMonth: Record<TranslatedLanguage, readonly [string, string]> = {
  de: ["Januar", "Februar"],
  es: ["enero", "febrero"],
  fr: ["janvier", "février"],
  zh: ["1月", "2月"],
};

const taxIdFor = (language: TranslatedLanguage, random: Random): string => {
  switch (language) {
    case "de":
      return `DE${random.integer(100_000_000, 999_999_999)}`;
    case "es":
      return `ESB${random.integer(10_000_000, 99_999_999)}`;
    case "fr":
      return `FR${random.integer(10, 99)}${random.integer(100_000_000, 999_999_999)}`;
    case "zh":
      return `91310000MA1K${random.integer(100_000, 999_999)}`;
  }
};

const translations: Record<string, Partial<Record<TranslatedLanguage, Translation>>> = {
  "invoice-request": {
    de: {
      subject: "Rechnung mit unserer USt-IdNr.",
      opening: (facts) =>
        `Hallo,\n\nunsere Buchhaltung braucht die Rechnung für ${facts.month} mit unserer Umsatzsteuer-Identifikationsnummer ${facts.vat}. Könnten Sie die Rechnung bitte neu ausstellen?\n\nViele Grüße\n${facts.name}`,
      answer: (facts) =>
        `ich habe die USt-IdNr. ${facts.vat} in Ihren Rechnungsdaten hinterlegt und die Rechnung für ${facts.month} neu ausgestellt – das PDF finden Sie im Anhang und unter Einstellungen → Abrechnung → Rechnungen. Alle künftigen Rechnungen enthalten die Nummer automatisch.`,
      thanks: "Vielen Dank, das ging schnell!",
    },
    es: {
      subject: "Factura con nuestro NIF",
      opening: (facts) =>
        `Hola:\n\nNuestro departamento de contabilidad necesita la factura de ${facts.month} con nuestro NIF ${facts.vat}. ¿Podrían volver a emitirla?\n\nGracias,\n${facts.name}`,
      answer: (facts) =>
        `Ya he añadido el NIF ${facts.vat} a sus datos de facturación y he vuelto a emitir la factura de ${facts.month}: la tiene adjunta y también en Configuración → Facturación → Facturas. A partir de ahora, todas las facturas incluirán el NIF automáticamente.`,
      thanks: "¡Muchas gracias, perfecto!",
    },
    fr: {
      subject: "Facture avec notre numéro de TVA",
      opening: (facts) =>
        `Bonjour,\n\nNotre service comptable a besoin de la facture de ${facts.month} avec notre numéro de TVA intracommunautaire ${facts.vat}. Pourriez-vous la rééditer ?\n\nMerci d'avance,\n${facts.name}`,
      answer: (facts) =>
        `J'ai ajouté le numéro de TVA ${facts.vat} à vos informations de facturation et réédité la facture de ${facts.month} : vous la trouverez en pièce jointe ainsi que dans Paramètres → Facturation → Factures. Toutes vos prochaines factures comporteront ce numéro automatiquement.`,
      thanks: "Merci beaucoup, c'est parfait !",
    },
    zh: {
      subject: "需要带税号的发票",
      opening: (facts) =>
        `你好，我们财务需要${facts.month}的发票，并且要写上我们的税号 ${facts.vat}。能帮忙重新开一下吗？谢谢！`,
      answer: (facts) =>
        `我已经把税号 ${facts.vat} 添加到您的账单信息里，并重新开具了${facts.month}的发票。PDF 在附件中，也可以在「设置 → 账单 → 发票」里下载。以后的发票都会自动带上这个税号。`,
      thanks: "收到了，谢谢！",
    },
  },
  "two-factor-authentication": {
    de: {
      subject: "Neues Handy – kein Zugriff mehr auf 2FA",
      opening: () =>
        "Ich habe ein neues Handy und die Authenticator-App wurde nicht übertragen. Die Backup-Codes finde ich leider auch nicht. Wie komme ich wieder in mein Konto?",
      answer: () =>
        "kein Problem, das bekommen wir hin. Zu Ihrer Sicherheit habe ich Ihnen einen Bestätigungslink an die E-Mail-Adresse Ihres Kontos geschickt. Sobald Sie ihn anklicken, wird die Zwei-Faktor-Authentifizierung zurückgesetzt, und Sie können sie auf dem neuen Handy neu einrichten. Tipp: Speichern Sie die Backup-Codes diesmal in Ihrem Passwort-Manager.",
      thanks: "Hat geklappt, danke!",
    },
    es: {
      subject: "Perdí el móvil y no tengo el código 2FA",
      opening: () =>
        "Cambié de móvil y la app de autenticación no se transfirió. Tampoco encuentro los códigos de respaldo. ¿Cómo puedo volver a entrar en mi cuenta?",
      answer: () =>
        "No se preocupe, lo solucionamos enseguida. Por seguridad, le he enviado un enlace de verificación al correo de su cuenta; en cuanto haga clic, se restablecerá la verificación en dos pasos y podrá configurarla de nuevo en el móvil nuevo. Un consejo: esta vez guarde los códigos de respaldo en su gestor de contraseñas.",
      thanks: "Ya pude entrar, ¡gracias!",
    },
    fr: {
      subject: "Téléphone perdu, plus de code 2FA",
      opening: () =>
        "J'ai changé de téléphone et l'application d'authentification n'a pas été transférée. Je ne retrouve pas non plus mes codes de secours. Comment récupérer l'accès à mon compte ?",
      answer: () =>
        "Pas d'inquiétude, nous allons régler ça. Par sécurité, je vous ai envoyé un lien de vérification à l'adresse e-mail de votre compte ; dès que vous aurez cliqué dessus, la double authentification sera réinitialisée et vous pourrez la configurer sur votre nouveau téléphone. Petit conseil : enregistrez cette fois vos codes de secours dans votre gestionnaire de mots de passe.",
      thanks: "C'est bon, j'ai pu me reconnecter. Merci !",
    },
    zh: {
      subject: "换了手机，收不到两步验证码",
      opening: () => "我换了新手机，身份验证器没有迁移过来，备用码也找不到了。请问怎么才能重新登录账户？",
      answer: () =>
        "别担心，我们可以帮您恢复。为了账户安全，我已经向您账户绑定的邮箱发送了一个验证链接。点击之后，两步验证会被重置，您就可以在新手机上重新设置了。建议这次把备用码保存在密码管理器里。",
      thanks: "已经登录成功了，谢谢！",
    },
  },
  "data-deletion-request": {
    de: {
      subject: "Löschung meiner personenbezogenen Daten",
      opening: () =>
        "Hiermit bitte ich gemäß Art. 17 DSGVO um die Löschung aller personenbezogenen Daten, die Sie über mich gespeichert haben.",
      answer: () =>
        "wir haben Ihren Löschantrag erhalten und bestätigt, dass er von der E-Mail-Adresse Ihres Kontos stammt. Ihr Profil und Ihre personenbezogenen Daten werden innerhalb von 30 Tagen gelöscht – meist schon innerhalb einer Woche – und innerhalb von 35 Tagen auch aus unseren Backups entfernt. Ich melde mich hier, sobald alles erledigt ist.",
      thanks: "Danke für die schnelle Bearbeitung.",
    },
    es: {
      subject: "Solicitud de supresión de mis datos",
      opening: () =>
        "Conforme al artículo 17 del RGPD, solicito la supresión de todos los datos personales que tienen sobre mí.",
      answer: () =>
        "Hemos recibido su solicitud de supresión y hemos comprobado que procede del correo asociado a su cuenta. Su perfil y sus datos personales se eliminarán en un plazo de 30 días (normalmente en una semana) y desaparecerán de nuestras copias de seguridad en 35 días. Le confirmaré aquí cuando esté hecho.",
      thanks: "Gracias por la rapidez.",
    },
    fr: {
      subject: "Demande d'effacement de mes données",
      opening: () =>
        "Conformément à l'article 17 du RGPD, je vous demande d'effacer toutes les données personnelles me concernant.",
      answer: () =>
        "Nous avons bien reçu votre demande d'effacement et vérifié qu'elle provient de l'adresse e-mail de votre compte. Votre profil et vos données personnelles seront supprimés sous 30 jours (en général en moins d'une semaine), puis effacés de nos sauvegardes sous 35 jours. Je vous confirmerai ici une fois l'opération terminée.",
      thanks: "Merci pour votre réactivité.",
    },
    zh: {
      subject: "申请删除我的个人数据",
      opening: () => "根据 GDPR 第 17 条，我要求删除贵公司保存的所有关于我的个人数据。",
      answer: () =>
        "我们已经收到您的删除申请，并确认申请来自您账户绑定的邮箱。您的个人资料和个人数据将在 30 天内删除（通常一周内完成），并在 35 天内从备份中清除。完成后我会在这里通知您。",
      thanks: "好的，谢谢处理。",
    },
  },
  "scheduled-reports": {
    es: {
      subject: "Enviar un informe semanal en PDF",
      opening: (facts) =>
        `¿Puedo enviar cada lunes un PDF del panel "${facts.dashboard}" a personas que no tienen cuenta en Northwind?`,
      answer: (facts) =>
        `Sí, los destinatarios no necesitan cuenta. En "${facts.dashboard}", elija Compartir → Programar correo, seleccione Semanal, los lunes, en PDF, y añada sus direcciones (hasta 20 por programación). Recibirán el PDF adjunto cada semana.`,
      thanks: "Perfecto, ya lo configuré. ¡Gracias!",
    },
    zh: {
      subject: "定时报告发送时间不对",
      opening: (facts) =>
        `我们设置了每周一早上 9 点发送「${facts.dashboard}」的报告，但上海的同事总是在晚上才收到。怎么调整时间？`,
      answer: (facts) =>
        `这是因为定时报告使用的是定时设置里选择的时区，而不是收件人的时区。「${facts.dashboard}」的定时目前设置为美国东部时间。请打开仪表板 → 分享 → 定时邮件 → 编辑，把时区改为 Asia/Shanghai，下一封邮件就会在上海时间周一早上 9 点发出。`,
      thanks: "改好了，谢谢！",
    },
  },
};

export const translatedLanguages = (topicKey: string): TranslatedLanguage[] =>
  Object.keys(translations[topicKey] ?? {}) as TranslatedLanguage[];

export const writeTranslatedScript = (
  topicKey: string,
  language: TranslatedLanguage,
  random: Random,
  scene: Scene,
): TranslatedScript | undefined => {
  const translation = translations[topicKey]?.[language];
  if (!translation) return undefined;
  const month = scene.calendar.localTime(scene.createdAt).month;
  const facts: TranslationFacts = {
    month: previousMonth[language][month === 3 ? 1 : 0],
    vat: taxIdFor(language, random),
    dashboard: random.pick(["Marketing overview", "Weekly KPIs", "Sales pipeline", "Board metrics"] as const),
    name: scene.customer,
  };
  return {
    subject: typeof translation.subject === "string" ? translation.subject : translation.subject(facts),
    opening: translation.opening(facts),
    answer: translation.answer(facts),
    thanks: translation.thanks,
  };
};
