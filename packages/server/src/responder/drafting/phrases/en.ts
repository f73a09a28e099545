import type { Phrases } from "./phrases.ts";

export const english: Phrases = {
  hello: (name) => `Hi ${name},`,
  failingProblem: (operation) => `your ${operation} failing`,
  quotedProblem: (subject) => `“${subject}”`,
  problems: {
    bug: "the problem you've run into",
    how_to: "your question",
    billing: "your billing question",
    account_access: "the trouble signing in to your account",
    feature_request: "your idea",
    outage: "the outage",
    data_privacy: "your personal-data request",
    complaint: "your experience with us",
    shipping: "your order",
    cancellation: "cancelling your subscription",
    other: "your message",
  },
  lasting: (days) => (days === 1 ? "for a day" : `for ${days} days`),
  empathy: (problem, lasting) =>
    `I completely understand your frustration: ${problem}${lasting ? ` ${lasting}` : ""} is not acceptable, and I'm sorry for the trouble it has caused.`,
  thanksForWriting: (problem) => `Thanks for getting in touch about ${problem}.`,
  repeatContact: () => "I know this isn't the first time you've had to contact us about it.",
  foundInAccount: (operation, startedOn, attempts, latestOn) =>
    attempts > 1
      ? `I've looked into your account and can see the ${operation} failures started on ${startedOn}: ${attempts} failed attempts, the latest on ${latestOn}.`
      : `I've looked into your account and can see the ${operation} failed on ${startedOn}.`,
  foundHeader: () => "Here's what I found:",
  overLimit: (operation, measured, limit) => `your ${operation} is ${measured}, which is over the ${limit} limit`,
  stoppedAtTimeout: (duration) => `it stops when it reaches the time limit of ${duration}`,
  ranFor: (duration) => `it ran for ${duration} before it failed`,
  paymentsFound: (items) => `I can see these payments in your account: ${items.join("; ")}.`,
  paymentOn: (amount, date) => `${amount} on ${date}`,
  errorRecorded: (code) => `the error recorded is ${code}`,
  doingNowHeader: () => "Here's what I'm doing right now:",
  rerun: (operation) => `I'm having your ${operation} run manually on our side, so you don't have to wait for the fix.`,
  flaggedBug: (team, issue) => `I've flagged this with our ${team} team as a bug (“${issue}”) for a priority fix.`,
  fixInProgress: (team, issue) =>
    `Our ${team} team is already working on a fix (“${issue}”), and I've linked your case to it so you hear from us when it ships.`,
  reportedNewBug: (team) => `I've reported this to our ${team} team as a bug, with the details from your account.`,
  passedTo: (team, reason) => `I've passed this to our ${team} team, who ${reason}.`,
  outageKnown: (issue, team) => `We know about this problem (“${issue}”) and our ${team} team is working on it.`,
  workaroundWhileFix: (text) => `As a workaround until the fix ships: ${text}`,
  suggestedFix: (text) => `Here's what should sort it out: ${text}`,
  stepsFrom: (title) => `Here's how, from our guide “${title}”:`,
  policy: (title, text) => `I checked our policy (“${title}”): ${text}`,
  followUp: (when, tomorrow, aboutFix) =>
    `I'll follow up ${tomorrow ? `tomorrow (${when})` : `on ${when}`} ${aboutFix ? "to confirm it's working and to update you on the fix" : "to let you know the outcome"}.`,
  replyAnytime: () => "If you need anything before then, just reply here.",
  askHeader: () => "So I can find out exactly what's going wrong, could you tell me:",
  questions: {
    bug: ["what you were doing when it happened, and the exact error message you saw", "when it started"],
    access: ["the email address you sign in with", "the browser or app you're using, and what you see when you try"],
    billing: ["the date and amount of the charge, or the invoice number"],
    shipping: ["your order number"],
    general: ["a little more about what you expected to happen and what happened instead"],
  },
  thanksConfirmed: () => "Thank you for letting me know it's working now, that's great to hear.",
  askSatisfaction: () => "I'll mark this as solved. If you have a moment, please rate how we did: it helps us improve.",
  notActingOnInstructions: () =>
    "Changes to accounts, plans or payments go through our usual checks, so I haven't changed anything based on your message.",
  featureLogged: (team) =>
    team
      ? `Thank you for the suggestion. I've passed it to our ${team} team, who decide what we build next.`
      : "Thank you for the suggestion. I've logged it for the people who decide what we build next.",
  signOff: (workspace) => `Best regards,\n${workspace}`,
  clauses: (items) => `${items.join("; ")}.`,
  list: (items) => items.map((item) => `- ${item}`).join("\n"),
};
