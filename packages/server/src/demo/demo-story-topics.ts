import { articleIds, knownIssueIds } from "./demo-knowledge-base.ts";
import {
  type AccountEventDraft,
  channelMix,
  dateBefore,
  defineTopic,
  formatNumber,
  helpCenterLink,
  hoursBefore,
  weekdayBefore,
} from "./demo-topic-kit.ts";

const exportsGuide = helpCenterLink(articleIds.exports.replace("article-", ""));

const exportDatasets = [
  "all events since January 2025",
  "the full contacts table",
  "twelve months of page views",
  "the raw data behind our Revenue dashboard",
  "every session from 2025",
  "the complete order history",
  "all product usage events for last year",
] as const;

const exportPurposes = [
  "our quarterly board report",
  "a data warehouse migration",
  "an audit our finance team is running",
  "month-end reporting",
  "a client deliverable due this week",
  "our annual planning",
] as const;

const chunkFor = (sizeMb: number): string => {
  const parts = Math.ceil(sizeMb / 450);
  if (parts <= 2) return "six months at a time";
  if (parts <= 4) return "one quarter at a time";
  if (parts <= 12) return "one month at a time";
  return "two weeks at a time";
};

const attemptsStopped = (failures: number, firstDay: string): string => {
  if (failures === 1) return "the failed export from earlier today stopped at exactly 120 seconds";
  if (failures === 2)
    return "both failed exports on your account, yesterday's and today's, stopped at exactly 120 seconds";
  return `all three failed exports on your account since ${firstDay} stopped at exactly 120 seconds`;
};

const attemptsSummary = (failures: number, firstDay: string): string => {
  if (failures === 1) return "the failed export from earlier today";
  if (failures === 2) return "both failed exports, yesterday and today,";
  return `all ${failures === 3 ? "three" : String(failures)} failed exports since ${firstDay}`;
};

/** Export failures in March: the product's 2-minute export timeout for files over 500 MB (the known issue). */
export const exportTimeoutTopic = defineTopic({
  key: "export-timeout",
  topic: "data export failure",
  teamId: "support",
  tags: ["export", "bug"],
  knownIssueId: knownIssueIds.exportTimeout,
  channels: [
    ["email", 56],
    ["in_app", 20],
    ["chat", 14],
    ["social", 5],
    ["phone", 5],
  ],
  priorities: [
    ["normal", 45],
    ["high", 50],
    ["urgent", 5],
  ],
  plans: [
    ["pro", 60],
    ["enterprise", 40],
  ],
  page: "/data/exports",
  facts: (random, scene) => {
    const sizeMb = random.integer(54, 210) * 10;
    const failures = random.integer(1, 3);
    return {
      sizeMb,
      failures,
      dataset: random.pick(exportDatasets),
      format: random.pick(["CSV", "CSV", "Excel", "JSON"] as const),
      purpose: random.pick(exportPurposes),
      chunk: chunkFor(sizeMb),
      firstDay: weekdayBefore(scene, failures - 1),
      firstDate: dateBefore(scene, failures - 1),
      runMinutes: random.integer(6, 14),
    };
  },
  variants: [
    {
      subject: () => "Export keeps failing",
      opening: (facts) =>
        `I've tried to export ${facts.dataset} as ${facts.format} ${
          facts.failures === 1
            ? "today"
            : facts.failures === 2
              ? "yesterday and again today"
              : `every day since ${facts.firstDay}`
        }, and each time it ends with "Export failed (EXPORT_TIMEOUT)". We need this for ${facts.purpose}, so it's getting urgent. Can you take a look?`,
      answer: (facts, scene) =>
        `I'm sorry your export keeps failing — I know you need it for ${facts.purpose}. I've checked your account: ${attemptsSummary(facts.failures, facts.firstDay)} stopped after exactly 2 minutes with EXPORT_TIMEOUT. Your export is about ${formatNumber(facts.sizeMb)} MB, and right now exports over 500 MB hit that 2-minute limit. That's a bug on our side, not something you did, and our engineers are working on a fix.\n\nUntil it ships, the way through is to filter the export to smaller date ranges so each file stays under 500 MB. For ${scene.company ?? "your workspace"}, exporting ${facts.chunk} should do it: Data → Exports → New export, then set the date range before you start; the estimated size shows right under the range.\n\nThe full guide is here: ${exportsGuide}`,
    },
    {
      subject: () => "Data export times out after 2 minutes",
      opening: (facts) =>
        `Our export of ${facts.dataset} times out after about two minutes, every time. The estimate says it's around ${formatNumber(Math.round(facts.sizeMb / 100) * 100)} MB. Smaller exports work fine. Is there a size limit we're running into?`,
      answer: (facts) =>
        `You're not doing anything wrong: ${attemptsStopped(facts.failures, facts.firstDay)}. The file would be about ${formatNumber(facts.sizeMb)} MB, and exports over 500 MB currently time out at 2 minutes. It's a known issue that engineering is actively fixing, and I've added your account to the bug report so we can tell you the moment it's fixed.\n\nIn the meantime, splitting the export keeps each file under the limit: export ${facts.chunk} (Data → Exports → New export → Date range). Those will complete normally.`,
    },
    {
      subject: (facts) => `Export not working — blocking ${facts.purpose}`,
      opening: (facts) =>
        `None of my exports finish anymore. I tried ${facts.format} and CSV, in Chrome and in Firefox, and it still fails after a couple of minutes. This is blocking ${facts.purpose}. Please help.`,
      answer: (facts) =>
        `I'm sorry this is holding up ${facts.purpose}. The browser and format aren't the problem, so you can stop trying those: the export of ${facts.dataset} is about ${formatNumber(facts.sizeMb)} MB, and since our March 3 update exports over 500 MB stop after 2 minutes. That's a bug and our engineers are on it.\n\nWhat works today: filter the export to ${facts.chunk}, which keeps each file under 500 MB. If you need everything as one file for ${facts.purpose}, reply here and I'll ask engineering to run it for you.`,
    },
    {
      subject: () => "Export error EXPORT_TIMEOUT",
      opening: (facts) =>
        `The Exports page says "Something went wrong (EXPORT_TIMEOUT)" every time I export ${facts.dataset}. What am I doing wrong?`,
      answer: (facts) =>
        `Nothing, I promise! Your export is about ${formatNumber(facts.sizeMb)} MB, and exports over 500 MB currently time out after 2 minutes — a known bug we're fixing. If you export ${facts.chunk} instead, each file stays under 500 MB and it goes through. Here's how: ${exportsGuide}`,
    },
  ],
  clarify: {
    question: () =>
      "Sorry the export isn't working. So I can pin this down: which dataset and date range are you exporting, and do you see an error code on the Exports page?",
    clarification: (facts) => `It's ${facts.dataset}, as ${facts.format}. The error says EXPORT_TIMEOUT.`,
  },
  note: (facts, scene) =>
    `Export of ${formatNumber(facts.sizeMb)} MB, ${facts.failures}× EXPORT_TIMEOUT since ${facts.firstDate}. Gave the date-range workaround and added ${scene.company ?? "the account"} to the engineering bug for the export timeout.`,
  escalation: {
    teamId: "engineering",
    reason: (facts) => `${formatNumber(facts.sizeMb)} MB export times out at 120 s; manual export needed`,
    holding: (facts) =>
      `I'm really sorry — ${facts.failures === 1 ? "a failed export" : `${facts.failures === 2 ? "two" : "three"} failed exports in a row`} is not the experience you should have. I've checked your account: the export of ${facts.dataset} is about ${formatNumber(facts.sizeMb)} MB, and exports over 500 MB are currently hitting a 2-minute timeout. That's a bug on our side.\n\nSo you don't have to split it into ${Math.ceil(facts.sizeMb / 450)} separate files, I've asked our engineering team to run the complete export for you manually with a longer timeout. I'll update you by tomorrow at the latest. If you need some of the data sooner, exporting smaller date ranges (under 500 MB each) works in the meantime.`,
    note: (facts) =>
      `Escalating to Engineering. Export of ${facts.dataset}: ${formatNumber(facts.sizeMb)} MB, ${facts.failures}× EXPORT_TIMEOUT at 120 s since ${facts.firstDate}. The date-range workaround would mean ${Math.ceil(facts.sizeMb / 450)} separate files, so asking for one complete file instead. Linked to the known issue "Export times out for files over 500 MB". Requesting a manual export with an extended timeout.`,
    outcomeNote: (facts) =>
      `Engineering update: ran the export manually with a 20-minute timeout. ${formatNumber(facts.sizeMb)} MB, finished in ${facts.runMinutes} min; download link sent to the account email.`,
    answer: (facts) =>
      `Good news: our engineers ran your export manually and the complete file (${formatNumber(facts.sizeMb)} MB) is on its way to your inbox — the download link is valid for 7 days. The permanent fix for large exports is still in progress; I'll let you know as soon as it ships so you can go back to one-click exports.`,
    update: () =>
      "Quick update: engineering has reproduced the timeout and is testing a fix that gives large exports more time. I'm keeping your ticket open until your export works. If you need data before then, exporting smaller date ranges (under 500 MB each) is the quickest way, and I'm happy to help set those up.",
  },
  accountEvents: (facts, scene, random) => {
    const events: AccountEventDraft[] = [];
    for (let daysBefore = facts.failures - 1; daysBefore >= 0; daysBefore--) {
      const at =
        daysBefore === 0
          ? scene.createdAt - random.integer(8, 90) * 60_000
          : scene.calendar.addDays(scene.createdAt, -daysBefore) - random.integer(0, 300) * 60_000;
      events.push({
        at,
        type: "export.failed",
        data: {
          sizeMb: facts.sizeMb,
          limitMb: 500,
          timeoutSeconds: 120,
          errorCode: "EXPORT_TIMEOUT",
          durationSeconds: 120,
          format: facts.format.toLowerCase(),
        },
      });
    }
    return events;
  },
});

const safariSteps = {
  mac: '1. In Safari, open Settings → Privacy → Manage Website Data.\n2. Search for "northwind" and remove northwind-analytics.com.\n3. Sign in again with your new password.',
  mobile:
    '1. Open the Settings app → Apps → Safari → Advanced → Website Data.\n2. Search for "northwind" and swipe left to delete northwind-analytics.com.\n3. Go back to Safari and sign in with your new password.',
} as const;

/** Login loop in Safari after a password reset (known issue, fix in progress). */
export const safariLoginTopic = defineTopic({
  key: "safari-login-loop",
  topic: "login after password reset",
  teamId: "support",
  tags: ["login", "safari"],
  knownIssueId: knownIssueIds.safariLoginLoop,
  channels: [
    ["email", 40],
    ["chat", 30],
    ["social", 12],
    ["phone", 10],
    ["in_app", 8],
  ],
  priorities: [
    ["normal", 70],
    ["high", 30],
  ],
  page: "/login",
  facts: (random) => {
    const device = random.pick([
      { label: "Safari on my Mac", browser: "Safari 18.3 (macOS)", steps: safariSteps.mac },
      { label: "Safari on my MacBook", browser: "Safari 18.3 (macOS)", steps: safariSteps.mac },
      { label: "my iPhone", browser: "Safari 18.3 (iOS)", steps: safariSteps.mobile },
      { label: "Safari on my iPad", browser: "Safari 18.3 (iPadOS)", steps: safariSteps.mobile },
    ] as const);
    const resetHoursBefore = random.integer(1, 20);
    return {
      device,
      attempts: random.integer(2, 6),
      resetHoursBefore,
      resetWhen: resetHoursBefore < 4 ? "earlier today" : resetHoursBefore < 12 ? "this morning" : "yesterday",
    };
  },
  variants: [
    {
      subject: () => "Stuck in a login loop after resetting my password",
      opening: (facts) =>
        `I reset my password ${facts.resetWhen} and now every time I sign in I land right back on the login page. No error message, it just loops. I'm using ${facts.device.label}.`,
      answer: (facts) =>
        `Sorry about the loop — it's a known bug on our side, not anything you did. After a password reset, Safari holds on to an old session cookie that our sign-in page rejects, so you get sent back to the login screen. A fix is already in progress.\n\nUntil it ships, this gets you in:\n${facts.device.steps}\n\nYour new password is fine, so there's no need to reset it again. Chrome and Firefox aren't affected, if you'd rather use one of those for now.`,
    },
    {
      subject: () => "Can't sign in since my password reset",
      opening: () =>
        "Since I changed my password I can't get past the sign-in screen. I've reset it twice now. Is something broken on your end?",
      answer: (facts) =>
        `It is on our end, and I'm sorry. Our logs show ${facts.attempts} sign-in attempts from ${facts.device.browser} since your reset, all rejected because Safari is still sending the session cookie from before the reset. That's a known bug and the fix is in progress.\n\nYour new password works, so please don't reset it again. To get in now:\n${facts.device.steps}\n\nOr sign in with Chrome or Firefox, which aren't affected.`,
    },
    {
      subject: () => "Login page keeps reloading",
      opening: () => "hi, the login page just reloads after I enter my new password. tried a few times. help?",
      answer: (facts) =>
        `That's a known Safari bug after password resets — sorry! Quick fix:\n${facts.device.steps}\nChrome or Firefox also work in the meantime.`,
    },
  ],
  clarify: {
    question: () =>
      "Sorry you're stuck! Which browser and device are you signing in from? We're seeing a loop in Safari after password resets, so that tells me which fix to send you.",
    clarification: (facts) => `${facts.device.label}, latest version.`,
  },
  note: (facts) =>
    `Safari login loop (known issue). ${facts.attempts} rejected sign-ins (SESSION_COOKIE_REJECTED) from ${facts.device.browser}. Sent the website-data workaround. Candidate for a self-serve article: no help-center page covers this yet.`,
  escalation: {
    teamId: "technical-support",
    reason: () => "Stale session cookie needs revoking server-side",
    holding: (facts) =>
      `Thanks, and sorry for the hassle. Your account shows ${facts.attempts} sign-in attempts rejected since your password reset, which matches a known Safari bug we're fixing. Rather than have you clear browser data, I've asked our technical team to reset your sessions from our side. I'll confirm as soon as it's done, within a few hours. Meanwhile, Chrome or Firefox will let you sign in normally.`,
    note: (facts) =>
      `Escalating to Technical support: login loop after password reset, ${facts.attempts} rejected sign-ins (SESSION_COOKIE_REJECTED) from ${facts.device.browser}. Please revoke all sessions for this user so the stale cookie is invalidated.`,
    outcomeNote: () =>
      "Revoked all sessions for the user and expired the stale reset token. Next sign-in will start clean.",
    answer: () =>
      "All set: our technical team cleared the old sessions on your account, so Safari will start fresh the next time you sign in with your new password. If the loop ever comes back before our fix ships, just reply here and we'll clear them again.",
  },
  accountEvents: (facts, scene) => {
    const resetAt = hoursBefore(scene, facts.resetHoursBefore);
    const events: AccountEventDraft[] = [{ at: resetAt, type: "password.reset", data: { method: "email_link" } }];
    for (let attempt = 0; attempt < facts.attempts; attempt++) {
      events.push({
        at: resetAt + ((attempt + 1) * (scene.createdAt - resetAt)) / (facts.attempts + 1),
        type: "login.failed",
        data: { browser: facts.device.browser, reason: "SESSION_COOKIE_REJECTED" },
      });
    }
    return events;
  },
});

const creditPackages = [
  { name: "Starter", credits: 1_000, price: 49 },
  { name: "Growth", credits: 5_000, price: 199 },
  { name: "Scale", credits: 20_000, price: 699 },
] as const;

/** Billing questions about credit packages: the help-center article is thin, so the same questions keep coming. */
export const creditPackagesTopic = defineTopic({
  key: "credit-packages",
  topic: "credit packages",
  teamId: "billing",
  tags: ["billing", "credits"],
  channels: channelMix.billing,
  plans: [
    ["pro", 75],
    ["enterprise", 25],
  ],
  page: "/settings/billing",
  facts: (random, scene) => {
    const bought = random.pick(creditPackages);
    const monthly = random.integer(6, 28) * 50;
    const purchaseDaysBefore = random.integer(8, 40);
    return {
      bought,
      monthly,
      remaining: random.integer(4, 36) * 50,
      purchaseDaysBefore,
      purchaseDate: dateBefore(scene, purchaseDaysBefore),
      purchaseMonth: dateBefore(scene, purchaseDaysBefore).split(" ")[0] ?? "February",
      recommendation: monthly * 12 <= 5_000 ? "a Growth package" : "a Scale package",
    };
  },
  variants: [
    {
      subject: () => "Which credit package makes sense for us?",
      opening: () =>
        "We keep running out of credits before the end of the month. What's actually the difference between the Growth and Scale packages, apart from the number of credits? Is it cheaper per credit?",
      answer: (facts) =>
        `Happy to break it down. The packages only differ in size and price per credit:\n- Starter: 1,000 credits for $49 (4.9¢ per credit)\n- Growth: 5,000 credits for $199 (about 4¢)\n- Scale: 20,000 credits for $699 (about 3.5¢)\n\nThey all work the same way and stay valid for 12 months from purchase. Over the last three months you've used around ${formatNumber(facts.monthly)} credits a month on top of your plan's included credits, so ${facts.recommendation} would cover a year with some headroom. I'm sorry our pricing page doesn't make this clearer — I've passed that on.`,
    },
    {
      subject: () => "Do unused credits roll over?",
      opening: (facts) =>
        `We bought the ${facts.bought.name} package in ${facts.purchaseMonth} and still have about ${formatNumber(facts.remaining)} credits left. Will we lose them at the end of our billing cycle?`,
      answer: (facts) =>
        `Good news: you won't lose them. Credits from a package stay on your account for 12 months from the purchase date, so your ${formatNumber(facts.remaining)} remaining ${facts.bought.name} credits are valid until ${facts.purchaseDate}, 2027. The monthly credits included in your plan work differently: they reset on your billing date, and we always use those first, so package credits only go down once the included ones are used up.`,
    },
    {
      subject: () => "Charged twice for credits?",
      opening: (facts) =>
        `There are two charges of $${facts.bought.price} on our card this month, both labelled "Northwind credits". Did we buy the package twice by accident?`,
      answer: (facts) =>
        `Thanks for flagging this. I've checked your billing history: the first $${facts.bought.price} charge was the ${facts.bought.name} package bought on ${facts.purchaseDate}, and the second was an automatic top-up, which kicks in when your balance drops below 100 credits. So you received both sets of credits — nothing was charged twice for the same thing.\n\nIf you'd rather top up manually, you can switch auto top-up off under Settings → Billing → Credits. And if you didn't want the second package, tell me and I'll refund it, since those credits are still unused.`,
    },
    {
      subject: () => "Are credits included in the Pro plan?",
      opening: () =>
        "Quick question: does the Pro plan include any credits, or do we always need to buy a package to use AI insights?",
      answer: (facts) =>
        `Pro includes 500 credits every month, which reset on your billing date. Packages are extra credits on top: they last 12 months and are only used once the monthly 500 are gone. Your workspace has used around ${formatNumber(facts.monthly)} credits a month lately, so ${facts.monthly > 500 ? `a package would cover the extra ${formatNumber(facts.monthly - 500)} or so` : "the included credits cover you for now"}.`,
    },
  ],
  clarify: {
    question: () =>
      "Happy to help with your credits. Could you tell me which workspace this is about? There are two under your email address and I want to check the right balance.",
    clarification: (_facts, scene) => `The ${scene.company ?? "main"} workspace, please.`,
  },
  note: () =>
    "Credit package question answered by hand. FAQ gap: the Credit packages article has no price comparison, nothing on the 12-month validity or auto top-up.",
  accountEvents: (facts, scene) => [
    {
      at: scene.calendar.addDays(scene.createdAt, -facts.purchaseDaysBefore),
      type: "credits.purchased",
      data: { package: facts.bought.name, credits: facts.bought.credits, amountUsd: facts.bought.price },
    },
  ],
});

/** February export tickets: expired download links, before the timeout bug existed. */
export const exportLinkTopic = defineTopic({
  key: "export-link-expired",
  topic: "data export failure",
  teamId: "support",
  tags: ["export"],
  channels: channelMix.general,
  page: "/data/exports",
  facts: (random, scene) => ({
    sizeMb: random.integer(4, 38) * 10,
    exportDay: dateBefore(scene, 8),
  }),
  variants: [
    {
      subject: () => "Export download link doesn't work",
      opening: () => "The link in your export email says it has expired. Can you send me a new one?",
      answer: (facts) =>
        `Download links are valid for 7 days, and that export is from ${facts.exportDay}, so it expired yesterday. I've re-run the same export for you (${facts.sizeMb} MB, done in under a minute); a fresh link is on its way to your inbox and is good for another 7 days.`,
    },
    {
      subject: () => "Export email never arrived",
      opening: () => "I exported our contacts an hour ago and the email with the file never came.",
      answer: (facts) =>
        `The export finished fine (${facts.sizeMb} MB), but our email with the link was rejected by your company's mail server as bulk mail. I've put the file under Data → Exports on your account, where you can download it directly, and I'd suggest allowing no-reply@northwind-analytics.com for next time.`,
    },
  ],
  clarify: {
    question: () => "Sorry about that! Which export was it, and roughly when did you start it?",
    clarification: () => "The contacts export, last week.",
  },
});

/** February password resets: emails stuck in spam, unrelated to the later Safari bug. */
export const passwordResetEmailTopic = defineTopic({
  key: "password-reset-email",
  topic: "login after password reset",
  teamId: "support",
  tags: ["login"],
  channels: channelMix.general,
  page: "/login",
  facts: () => ({}),
  variants: [
    {
      subject: () => "Password reset email not arriving",
      opening: () => "I've requested a password reset three times, but no email arrives.",
      answer: () =>
        'I checked our mail log: the reset emails were delivered, but your mail provider filed them under spam. Could you look there for a message from no-reply@northwind-analytics.com? Marking it as "not spam" keeps future ones in your inbox. Each link is valid for 60 minutes, so if the latest has expired, request one more and it should arrive within a minute.',
    },
  ],
  clarify: {
    question: () => "Sorry about that. Which email address are you requesting the reset for?",
    clarification: () => "The one I'm writing from.",
  },
});
