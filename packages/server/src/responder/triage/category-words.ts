import type { Category } from "../draft.ts";
import type { LexiconRow } from "./lexicon.ts";

/** "resolved" phrases score nothing; they only keep "it works now" from reading as a problem. */
export type CategoryLabel = Category | "resolved";

/**
 * The default taxonomy's signal words; one list per language: English, German, Spanish, French,
 * Chinese (accents may be left out: "schlagt" finds "schlägt"). 3 names the category, 2 points to
 * it, 1 leans towards it.
 */
export const categoryWords: readonly LexiconRow<CategoryLabel>[] = [
  [
    "bug",
    3,
    [
      "bug, bugs, crash*",
      "fehlermeldung, absturz, sturzt ab, sturzt .. ab, abgesturzt, schlagt .. fehl, fehlgeschlagen",
      "se cuelga",
      "plante, plant*",
      "报错, 崩溃, 闪退",
    ],
  ],
  [
    "bug",
    2,
    [
      "error, errors, fail*, broken, duplicated, appear|appears|show|shows .. twice, doesn't|didn't|won't work, does|did|will not work, not|stopped working, won't|doesn't load, not loading, timeout, timed|times out, exception, freez*, frozen, blank page|screen",
      "fehler, doppelt angezeigt, funktioniert|geht|klappt nicht, funktioniert nicht mehr, kaputt, ladt nicht, zeituberschreitung",
      "falla*, fallo, no funciona, no carga, se bloquea, se cierra, roto, tiempo de espera",
      "erreur, ne fonctionne|marche pas|plus, echoue, echec, ne charge pas, delai d'attente",
      "错误, 故障, 失败, 不能用, 用不了, 打不开, 超时",
    ],
  ],
  [
    "bug",
    1,
    [
      "wrong, incorrect, missing, disappeared, stuck, glitch, hangs, blank, empty, slow, stopped, can't, cannot, unable to",
      "falsch, fehlt, hangt, leer, langsam, kann .. nicht",
      "incorrecto, desaparecio, vacio, lento, no puedo, no consigo",
      "bloque, disparu, vide, lent, je n'arrive pas, impossible de",
      "无法, 卡住, 不正确, 不见了, 很慢",
    ],
  ],
  [
    "how_to",
    2,
    [
      "how do|can|should i|we, how to, is it possible, is there a way, where can|do i, can i, what's the best way, what is the best way, how does .. work, documentation, tutorial, guide, set up, setup, configure",
      "wie kann|konnen ich|wir|man, wie geht, wie funktioniert, gibt es eine moglichkeit, ist es moglich, wo finde ich, wo kann ich, anleitung, einrichten, dokumentation",
      "como puedo|se|hago|podemos, es posible, hay alguna forma|manera, donde encuentro|puedo, guia, configurar, documentacion",
      "comment puis je, comment faire|configurer|imprimer, comment peut on, je n'ai pas de, est il possible, est ce possible, y a t il un moyen, ou trouver, ou puis je, tutoriel",
      "如何, 怎么, 怎样, 在哪里, 教程",
    ],
  ],
  ["how_to", 1, ["limit, limits, quota, maximum", "grenze", "limite, limites", "能不能, 可以吗, 设置, 文档, 上限"]],
  [
    "billing",
    3,
    [
      "invoice*, charged twice, double charged, double charge, overcharged, refund*, billing, billed, receipt, credit card",
      "rechnung*, abbuchung, abgebucht, ruckerstattung, erstattung, geld zuruck, lastschrift, kreditkarte",
      "factura*, cobro*, cobrado, me cobraron, reembolso, devolucion del dinero, tarjeta de credito",
      "facturation, facture*, preleve*, prelevement, debite*, rembours*, carte bancaire",
      "发票, 扣费, 扣款, 退款, 账单, 重复扣费, 信用卡, 多扣, 退钱",
    ],
  ],
  [
    "billing",
    2,
    [
      "charge, charged, charges, payment*, pay, paid, price, pricing, cost, costs, how much, vat, tax, discount, coupon, bill, credits, credit package*, top-up, top up",
      "zahlung*, bezahlt, preis*, kosten, kostet, gutschrift, mehrwertsteuer, mwst, quittung",
      "cargo*, pago*, pague, precio*, cuesta, cuanto, recibo, iva",
      "paiement*, paye, tarif*, prix, coute, combien, tva",
      "收费, 付款, 支付, 价格, 多少钱, 费用",
    ],
  ],
  [
    "billing",
    1,
    [
      "upgrade, downgrade, paid twice, charged .. twice",
      "doppelt abgebucht|bezahlt",
      "cobrado dos veces",
      "debite deux fois",
    ],
  ],
  [
    "account_access",
    3,
    [
      "log in|into|on, login, sign in|into, signin, password, 2fa, two factor, mfa, authenticator, locked out, account .. locked, sso, saml, verification code, reset link, magic link, one time code|password, otp",
      "anmelden, anmeldung, einloggen, passwort, kennwort, zwei faktor, bestatigungscode, zugriff auf mein konto",
      "iniciar sesion, inicio de sesion, contrasena, acceder a mi cuenta, cuenta bloqueada, codigo de verificacion, dos factores",
      "me|se connecter, mot de passe, compte bloque, code de verification, double authentification",
      "登录, 登陆, 密码, 验证码, 账号被锁, 双重验证, 两步验证, 无法登录",
    ],
  ],
  [
    "account_access",
    2,
    [
      "hacked, compromised, stolen account, account .. stolen",
      "gehackt, gesperrt, zugang",
      "hackeado, hackearon, autenticacion",
      "pirate, connexion, identifiant*, verrouille, authentification",
      "被盗, 盗号, 锁定, 进不去",
    ],
  ],
  [
    "feature_request",
    3,
    [
      "it would be great|nice|helpful|useful if, would be great|nice if, feature request, i suggest, suggestion, would love, i wish, any plans to, on the roadmap, it would help if",
      "ware schon|toll|super|praktisch|hilfreich, es ware gut, vorschlag, funktionswunsch, feature wunsch, ich wunsche mir, konntet ihr|konnten sie .. einbauen",
      "seria genial|util|bueno|estupendo, estaria bien, sugerencia",
      "ce serait bien|genial|super|utile, serait il possible d'ajouter",
      "希望增加, 能否增加, 功能请求, 增加 .. 功能",
    ],
  ],
  [
    "feature_request",
    2,
    [
      "roadmap, wish, support for, option to",
      "wunsch",
      "me gustaria que, nueva funcion*",
      "j'aimerais que, nouvelle fonctionnalite",
      "建议, 希望能, 新功能, 如果能",
    ],
  ],
  [
    "feature_request",
    1,
    [
      "please add, could|can|would you add",
      "bitte fugt|fugen sie .. hinzu, konntet ihr|konnten sie .. hinzufugen",
      "podrian|pueden anadir|agregar",
      "pourriez|pouvez vous ajouter",
      "能不能加",
    ],
  ],
  [
    "outage",
    3,
    [
      "is|are|went|goes down, down for everyone, outage, service unavailable, nobody can, no one can, none of our users, status page",
      "ausfall, storung, nicht erreichbar, niemand kann, ist down, komplett down",
      "caido, caida, sin servicio, nadie puede, esta abajo",
      "panne, hors service, personne ne peut, est down",
      "宕机, 服务中断, 瘫痪, 挂了, 都用不了",
    ],
  ],
  [
    "outage",
    2,
    [
      "everyone, all users, all our users, entire|whole team|company, 503, 502",
      "alle nutzer|benutzer|kunden",
      "no esta disponible, todos los usuarios, interrupcion",
      "indisponible, inaccessible, tous les utilisateurs, interruption",
      "无法访问, 所有用户, 大家都, 全部用户",
    ],
  ],
  [
    "data_privacy",
    3,
    [
      "gdpr, ccpa, personal data|information, delete|erase|remove .. my data, all my data, right to be forgotten, right of access, data subject, dsar, subject access request, privacy, what data do you .. have|store|hold|keep, data protection, erasure",
      "dsgvo, datenschutz, personenbezogene* daten, meine daten .. loschen, loschung .. daten, auskunft .. daten, auskunftsersuchen, recht auf vergessenwerden",
      "datos personales, proteccion de datos, borrar|eliminar|suprimir .. mis datos, derecho al olvido, derecho de acceso, privacidad",
      "rgpd, donnees personnelles, supprimer|effacer .. mes donnees, droit a l'oubli, vie privee, cnil, protection des donnees",
      "个人数据, 个人信息, 隐私, 删除 .. 数据, 数据删除, 数据保护",
    ],
  ],
  ["data_privacy", 2, ["effacement, confidentialite", "个人资料"]],
  [
    "complaint",
    3,
    [
      "complaint, complain, your support|service is|was, nobody answers|responds|replied|responded, no one answers|responds|replied|responded, never got a|any response|reply|answer, rude, unprofessional, poor|terrible|awful|bad|worst service|support",
      "beschwerde, beschweren, schlechter service|support, niemand antwortet, unhoflich",
      "queja, quejarme, pesimo servicio|soporte, nadie responde|contesta, maleducado",
      "plainte, me plaindre, mauvais service, personne ne repond, impoli",
      "投诉, 服务太差, 没人回复, 态度差, 态度很差",
    ],
  ],
  [
    "complaint",
    2,
    [
      "customer service, your support, support team",
      "kundenservice, kundendienst, ihr support, keine antwort",
      "reclamacion, atencion al cliente, su soporte|servicio, sin respuesta",
      "reclamation, service client, votre support|service, aucune reponse",
      "客服, 不满意",
    ],
  ],
  ["complaint", 1, ["terrible, awful, horrible, disappointed", "enttauscht", "decepcionado", "decu", "失望"]],
  [
    "shipping",
    3,
    [
      "parcel, delivery, shipping, shipment, tracking, courier, carrier, not arrived, hasn't arrived, has not|never arrived, not been delivered, where is my order|package|parcel, lost in transit, return label, arrived damaged|broken, damaged in transit",
      "paket, lieferung, versand, sendungsverfolgung, zustellung, nicht angekommen, wo ist meine bestellung, beschadigt angekommen",
      "envio, numero de seguimiento, no ha llegado, no llego, transportista, llegado con .. rotas|rotos|roto|rota",
      "colis, livraison, expedition, numero de suivi, pas|jamais arrive, transporteur, arrive casse|endommage",
      "快递, 包裹, 物流, 发货, 配送, 还没到, 运单, 快递单号",
    ],
  ],
  [
    "shipping",
    2,
    [
      "sendung, kurier, geliefert, arrived .. broken|damaged",
      "paquete, entrega, seguimiento, mensajero, llegado .. rotas|rotos",
      "pas recu, arrive .. casse|casses",
      "没收到, 破损",
    ],
  ],
  ["shipping", 1, ["package, order, delivered, shipped", "bestellung", "pedido", "commande, suivi", "订单"]],
  [
    "cancellation",
    3,
    [
      "cancel my|our subscription|account|plan|membership|contract, cancellation, end my subscription, terminate .. subscription|account|contract, close my account, stop my subscription, do not renew, don't renew, not renew",
      "kundigen, kundigung, kundige, abo|vertrag beenden, konto .. schliessen",
      "cancelar mi suscripcion|cuenta|plan|membresia|contrato, darme|dar de baja, cancelacion, cerrar mi cuenta",
      "resilier, resiliation, annuler mon abonnement|compte|contrat, fermer mon compte",
      "取消订阅, 退订, 注销, 取消账户, 取消会员, 不再续费, 关闭账户",
    ],
  ],
  [
    "cancellation",
    2,
    ["delete my account, unsubscribe", "konto .. loschen", "eliminar mi cuenta", "supprimer mon compte, desabonner"],
  ],
  ["cancellation", 1, ["cancel", "cancelar", "annuler", "取消"]],
  [
    "resolved",
    0,
    [
      "that fixed it, fixed it, works now, working now, it works, no longer an issue",
      "funktioniert .. jetzt|wieder, jetzt funktioniert, klappt .. wieder",
      "ya funciona, funciona ahora, ya no hay error",
      "ca marche, ca fonctionne",
      "好了, 解决了, 可以用了",
    ],
  ],
];
