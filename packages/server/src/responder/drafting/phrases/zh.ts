import type { Phrases } from "./phrases.ts";

export const chinese: Phrases = {
  hello: (name) => `${name}，您好！`,
  failingProblem: (operation) => `您的“${operation}”操作一直失败`,
  quotedProblem: (subject) => `“${subject}”`,
  problems: {
    bug: "您遇到的问题",
    how_to: "您的问题",
    billing: "您的账单问题",
    account_access: "您的登录问题",
    feature_request: "您的建议",
    outage: "服务中断",
    data_privacy: "您的个人数据请求",
    complaint: "您的体验",
    shipping: "您的订单",
    cancellation: "取消订阅",
    other: "您的消息",
  },
  lasting: (days) => `已经${days}天`,
  empathy: (problem, lasting) =>
    `我完全理解您的沮丧：${problem}${lasting ? `，${lasting}` : ""}，这确实不应该发生，给您带来不便，非常抱歉。`,
  thanksForWriting: (problem) => `感谢您就${problem}联系我们。`,
  repeatContact: () => "我知道这已经不是您第一次为此联系我们了。",
  foundInAccount: (operation, startedOn, attempts, latestOn) =>
    attempts > 1
      ? `我查看了您的账户：“${operation}”的失败从${startedOn}开始，共失败${attempts}次，最近一次在${latestOn}。`
      : `我查看了您的账户：“${operation}”在${startedOn}失败了。`,
  foundHeader: () => "我的发现如下：",
  overLimit: (_operation, measured, limit) => `您的数据量为${measured}，超过了${limit}的上限`,
  stoppedAtTimeout: (duration) => `达到${duration}的超时限制时会中止`,
  ranFor: (duration) => `运行了${duration}后失败`,
  paymentsFound: (items) => `我在您的账户中看到以下付款：${items.join("；")}。`,
  paymentOn: (amount, date) => `${date} ${amount}`,
  errorRecorded: (code) => `记录的错误代码是 ${code}`,
  doingNowHeader: () => "我现在正在为您处理：",
  rerun: (operation) => `我会在后台为您手动执行“${operation}”，您无需等待修复。`,
  flaggedBug: (team, issue) => `我已将此问题作为缺陷提交给我们的${team}团队（“${issue}”），并要求优先修复。`,
  fixInProgress: (team, issue) =>
    `我们的${team}团队已经在修复这个问题（“${issue}”），我已将您的工单与之关联，修复上线后会通知您。`,
  reportedNewBug: (team) => `我已将此问题连同您账户中的详细信息作为缺陷提交给我们的${team}团队。`,
  passedTo: (team, reason) => `我已将您的请求转交给我们的${team}团队，他们${reason}。`,
  outageKnown: (issue, team) => `我们已经知道这个问题（“${issue}”），我们的${team}团队正在处理。`,
  workaroundWhileFix: (text) => `在修复上线之前，您可以这样临时解决：${text}`,
  suggestedFix: (text) => `以下方法应该可以解决：${text}`,
  stepsFrom: (title) => `操作方法如下（摘自我们的指南“${title}”）：`,
  policy: (title, text) => `我查阅了我们的政策（“${title}”）：${text}`,
  followUp: (when, tomorrow, aboutFix) =>
    `我会在${tomorrow ? `明天（${when}）` : when}跟进，${aboutFix ? "确认一切正常，并告诉您修复的进展" : "告诉您处理结果"}。`,
  replyAnytime: () => "在此之前如有任何需要，直接回复即可。",
  askHeader: () => "为了准确找到问题所在，请告诉我：",
  questions: {
    bug: ["问题发生时您正在做什么，以及完整的错误提示", "问题从什么时候开始"],
    access: ["您登录时使用的邮箱地址", "您使用的浏览器或应用，以及登录时看到的提示"],
    billing: ["扣款的日期和金额，或发票编号"],
    shipping: ["您的订单号"],
    general: ["您原本期望的结果，以及实际发生的情况"],
  },
  thanksConfirmed: () => "感谢您告诉我现在已经正常了，很高兴听到这个消息！",
  askSatisfaction: () => "我会将此工单标记为已解决。如果您方便，请为我们的服务打分，这能帮助我们改进。",
  notActingOnInstructions: () =>
    "账户、套餐或付款的变更都需要经过我们的常规审核，因此我没有根据您消息中的指示做任何更改。",
  featureLogged: (team) =>
    team
      ? `感谢您的建议！我已将它转交给负责产品规划的${team}团队。`
      : "感谢您的建议！我已将它记录下来，转给负责产品规划的同事。",
  signOff: (workspace) => `祝好\n${workspace}`,
  clauses: (items) => `${items.join("；")}。`,
  list: (items) => items.map((item) => `- ${item}`).join("\n"),
};
