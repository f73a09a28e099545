import { articleIds, knownIssueIds } from "./demo-knowledge-base.ts";
import {
  channelMix,
  type DemoTopic,
  dateAfter,
  dateBefore,
  defineTopic,
  formatNumber,
  helpCenterLink,
  previousMonthName,
  weekdayBefore,
} from "./demo-topic-kit.ts";

const dashboardNames = [
  "Marketing overview",
  "Weekly KPIs",
  "Sales pipeline",
  "Board metrics",
  "Product usage",
  "Campaign performance",
  "Store traffic",
  "Churn watch",
  "Funnel health",
] as const;

const colleagueNames = [
  "Rachel Green",
  "Tom Hartley",
  "Anita Desai",
  "Marco Bellini",
  "Sarah Lindqvist",
  "Kenji Mori",
  "Olu Adeyemi",
  "Beth Carver",
] as const;

const colleagueEmail = (name: string, domain: string): string => `${name.toLowerCase().replace(" ", ".")}@${domain}`;

const dashboardSetupTopic = defineTopic({
  key: "dashboard-setup",
  topic: "dashboard setup",
  teamId: "support",
  tags: ["how-to", "dashboards"],
  channels: channelMix.general,
  priorities: [
    ["low", 30],
    ["normal", 70],
  ],
  facts: (random) => ({
    dashboard: random.pick(dashboardNames),
    audience: random.pick(["our investors", "a client", "our franchise owners", "the regional sales teams"] as const),
    field: random.pick(["Region", "Country", "Channel", "Store"] as const),
  }),
  variants: [
    {
      subject: () => "Sharing a dashboard with people outside our workspace",
      opening: (facts) =>
        `We'd like ${facts.audience} to see our "${facts.dashboard}" dashboard without giving them a login. Is that possible?`,
      answer: (facts) =>
        `It is! Open "${facts.dashboard}", choose Share, and turn on Public link. You can protect the link with a password and an expiry date, which I'd recommend when it goes to ${facts.audience}. People with the link see the dashboard read-only and don't take up a seat.\n\nOne thing to know: public links always show the dashboard's default filters, so set those the way ${facts.audience} should see the data before you send it. Step-by-step guide: ${helpCenterLink("sharing-and-filtering-dashboards")}`,
    },
    {
      subject: () => "Filter every chart on a dashboard at once?",
      opening: (facts) =>
        `Is there a way to filter all the charts on "${facts.dashboard}" by ${facts.field.toLowerCase()} at once? Right now I'm editing each chart separately, which takes ages.`,
      answer: (facts) =>
        `Yes, you can do that in one go: on "${facts.dashboard}", choose Add filter in the filter bar at the top, pick ${facts.field}, and select Apply to all charts. I had a look at the dashboard, and the two charts based on your CRM import use a different data source, so they won't react at first; Filter → Map fields lets you tell them which field means "${facts.field.toLowerCase()}" there. After that, one click filters everything.`,
    },
  ],
  clarify: {
    question: () =>
      "Happy to help with that. Could you send me the name or link of the dashboard so I can check how it's set up?",
    clarification: (facts) => `Sure, it's "${facts.dashboard}".`,
  },
});

const scheduleCities = [
  { city: "London", zone: "Europe/London" },
  { city: "Berlin", zone: "Europe/Berlin" },
  { city: "Sydney", zone: "Australia/Sydney" },
  { city: "Los Angeles", zone: "America/Los_Angeles" },
] as const;

const scheduledReportsTopic = defineTopic({
  key: "scheduled-reports",
  topic: "scheduled reports",
  teamId: "support",
  tags: ["how-to", "scheduled-reports"],
  channels: channelMix.general,
  facts: (random) => ({
    dashboard: random.pick(dashboardNames),
    time: random.pick(["8:00", "7:30", "9:00"] as const),
    place: random.pick(scheduleCities),
  }),
  variants: [
    {
      subject: () => "Scheduled report arrives at the wrong time",
      opening: (facts) =>
        `Our weekly report from "${facts.dashboard}" is supposed to go out at ${facts.time} but it arrives hours later for our team in ${facts.place.city}. How do I fix the time?`,
      answer: (facts) =>
        `That happens because a schedule runs in the time zone chosen on the schedule itself, not in each recipient's. The schedule on "${facts.dashboard}" is set to Eastern Time, which is why it lands late in ${facts.place.city}. Open the dashboard → Share → Schedule email → Edit, and set the time zone to ${facts.place.zone}; the next email will go out at ${facts.time} their time.`,
    },
    {
      subject: () => "Send a weekly PDF to people without an account",
      opening: (facts) =>
        `Can I email a PDF of "${facts.dashboard}" every Monday to a few people who don't have Northwind accounts?`,
      answer: (facts) =>
        `Yes — recipients don't need an account. On "${facts.dashboard}" choose Share → Schedule email, pick Weekly on Monday and PDF, and add their email addresses (up to 20 per schedule). They'll get the PDF attached; the link inside only opens for people with access, so nothing is exposed publicly. Guide: ${helpCenterLink("scheduling-report-emails")}`,
    },
  ],
  clarify: {
    question: () => "Which dashboard is the schedule on? If you send me its name I'll look at the schedule settings.",
    clarification: (facts) => `It's "${facts.dashboard}".`,
  },
});

/** February only: the schedules that sent every email twice between February 10 and 18. */
const duplicateReportEmailsTopic = defineTopic({
  key: "duplicate-report-emails",
  topic: "scheduled reports",
  teamId: "support",
  tags: ["scheduled-reports", "bug"],
  knownIssueId: knownIssueIds.duplicateReportEmails,
  channels: channelMix.general,
  facts: (random) => ({ dashboard: random.pick(dashboardNames) }),
  variants: [
    {
      subject: () => "Getting every report email twice",
      opening: (facts) =>
        `Since yesterday every scheduled report from "${facts.dashboard}" arrives twice, a minute apart. Our exec team is asking what's going on.`,
      answer: (facts) =>
        `Sorry about the double emails — that's a bug from our February 10 release, which made some schedules send twice, and the one on "${facts.dashboard}" is among them. The fix goes out on Wednesday, February 18. Until then the second copy is identical and can be ignored; nothing else about your reports is affected.`,
    },
    {
      subject: () => "Duplicate scheduled emails",
      opening: () => "Our team receives two copies of each scheduled report. Did we set something up wrong?",
      answer: (facts) =>
        `You didn't do anything wrong: our February 10 release caused some schedules, including "${facts.dashboard}", to send every email twice. A fix is scheduled for February 18, and I'll make sure you hear from us when it's live. Until then, the second copy can be ignored.`,
    },
  ],
  clarify: {
    question: () => "Could you tell me which dashboard's schedule is sending the duplicates?",
    clarification: (facts) => `"${facts.dashboard}".`,
  },
});

const sheetNames = ["Weekly KPIs", "Ad spend tracker", "Sales by region", "Inventory report", "Lead sources"] as const;

const googleSheetsTopic = defineTopic({
  key: "google-sheets-sync",
  topic: "google sheets sync",
  teamId: "technical-support",
  tags: ["integrations", "google-sheets"],
  channels: channelMix.technical,
  facts: (random, scene) => ({
    sheet: random.pick(sheetNames),
    lastSyncDay: weekdayBefore(scene, random.integer(1, 3)),
  }),
  variants: [
    {
      subject: () => "Google Sheets sync stopped",
      opening: (facts) =>
        `Our "${facts.sheet}" sheet hasn't updated since ${facts.lastSyncDay}. Nothing changed on our side as far as I know.`,
      answer: (facts) =>
        `Thanks for the heads-up. The sync stopped because Google revoked our access on ${facts.lastSyncDay} — that happens automatically when the Google account's password changes or an admin signs it out everywhere. To fix it, go to Settings → Integrations → Google Sheets → Reconnect and sign in with the same Google account. Missed syncs are backfilled, so "${facts.sheet}" will catch up within about 15 minutes.`,
    },
    {
      subject: () => "Sheet only gets the first 10,000 rows",
      opening: (facts) =>
        `The "${facts.sheet}" tab stops at exactly 10,000 rows, but the table in Northwind has far more. Is that a bug?`,
      answer: () =>
        "Not a bug, though I understand why it looks like one: each Google Sheets tab holds up to 10,000 rows from a sync. Two ways around it: add a date filter to the chart (the last 90 days, say) so it fits, or send it to one tab per quarter with a different range each time. If you need the full table regularly, a scheduled CSV export may suit you better.",
    },
  ],
  clarify: {
    question: () =>
      "Could you tell me which sheet it is and which Google account it's connected with? I'll check the sync log.",
    clarification: (facts) => `"${facts.sheet}", connected with our team's Google account.`,
  },
  reopen: {
    complaint: () => "It synced once after reconnecting, but now it's stuck again.",
    answer: (facts) =>
      `Thanks for telling me. This time it wasn't the connection: a column in "${facts.sheet}" was renamed, so we couldn't match it anymore. I've re-mapped the columns and run a fresh sync, which completed a minute ago. If you rename columns in future, send the chart to the sheet again and it'll pick up the new names.`,
  },
  accountEvents: (facts, scene) => [
    {
      at: scene.createdAt - 30 * 3_600_000,
      type: "integration.sync_failed",
      data: { integration: "google_sheets", sheet: facts.sheet, error: "TOKEN_REVOKED" },
    },
  ],
});

const salesforceTopic = defineTopic({
  key: "salesforce-integration",
  topic: "salesforce integration",
  teamId: "technical-support",
  tags: ["integrations", "salesforce"],
  channels: channelMix.technical,
  plans: [
    ["pro", 60],
    ["enterprise", 40],
  ],
  facts: (random, scene) => ({
    field: random.pick(["Deal_Source__c", "Renewal_Date__c", "Region__c", "Partner_Name__c"] as const),
    lastSyncDay: weekdayBefore(scene, random.integer(1, 4)),
  }),
  variants: [
    {
      subject: () => "Salesforce custom field missing",
      opening: (facts) =>
        `Our Salesforce opportunities sync fine, but the custom field ${facts.field} never shows up in Northwind.`,
      answer: (facts) =>
        `Custom fields aren't synced until they're mapped: go to Settings → Integrations → Salesforce → Field mapping, find ${facts.field} under Opportunity and map it. After you save, the next sync (every 15 minutes) brings in the values, including the history for existing opportunities.`,
    },
    {
      subject: () => "Salesforce connection fails with INVALID_SESSION_ID",
      opening: (facts) =>
        `Reconnecting Salesforce fails with INVALID_SESSION_ID. It worked until ${facts.lastSyncDay}.`,
      answer: () =>
        "That error usually means Salesforce refuses our sign-in because of login IP restrictions on your org. Your Salesforce admin can add our range 34.120.18.0/24 to the trusted IPs (Setup → Network Access), or you can connect with an integration user that's exempt. After that, Reconnect goes through straight away.",
    },
  ],
  clarify: {
    question: () => "Which Salesforce user did you connect with, and does it have API Enabled?",
    clarification: () => "Our admin user, and yes, API Enabled is ticked.",
  },
});

const slackAlertsTopic = defineTopic({
  key: "slack-alerts",
  topic: "slack alerts",
  teamId: "support",
  tags: ["integrations", "slack", "alerts"],
  channels: channelMix.general,
  facts: (random, scene) => ({
    channel: random.pick(["growth-alerts", "marketing", "kpi-watch", "ops-alerts"] as const),
    since: weekdayBefore(scene, random.integer(1, 3)),
  }),
  variants: [
    {
      subject: () => "Slack alerts stopped posting",
      opening: (facts) =>
        `Our anomaly alerts used to post to #${facts.channel} in Slack, but nothing has come through since ${facts.since}.`,
      answer: (facts) =>
        `I checked the alert log: since ${facts.since}, Slack has rejected our posts with "channel_not_found", which happens when a channel is renamed or archived. Could you check whether #${facts.channel} still exists under that name? If it was renamed, edit the alert and pick the channel again, and the next alert goes through. I've sent a test message to your workspace to confirm the rest of the connection works.`,
    },
    {
      subject: () => "Alerts to a private Slack channel?",
      opening: () => "Can Northwind alerts go to a private Slack channel? It doesn't show up in the channel list.",
      answer: (facts) =>
        `They can — private channels only appear once our app is a member. In Slack, open the channel (say #${facts.channel}), type /invite @Northwind, then refresh the alert settings and it'll be in the list.`,
    },
  ],
  clarify: {
    question: () => "Which alert is this, and which Slack workspace is it connected to?",
    clarification: () => "The daily traffic anomaly alert, to our main Slack workspace.",
  },
  reopen: {
    complaint: () => "Worked for two days, now it stopped again.",
    answer: () =>
      "Sorry it came back. This time the Slack app itself was removed from your workspace during an app clean-up on your side. Reinstalling it from Settings → Integrations → Slack restores all your alerts with their settings — nothing else needs to change.",
  },
});

const trackingDiscrepancyTopic = defineTopic({
  key: "tracking-discrepancy",
  topic: "tracking discrepancy",
  teamId: "technical-support",
  tags: ["tracking", "data-accuracy"],
  channels: channelMix.technical,
  facts: (random, scene) => {
    const theirs = random.integer(8, 40) * 1_000 + random.integer(0, 999);
    const gap = random.integer(6, 14);
    return {
      theirs,
      ours: Math.round(theirs * (1 + gap / 100)),
      gap,
      event: random.pick(["purchase", "signup", "trial started", "demo request"] as const),
      since: weekdayBefore(scene, random.integer(1, 3)),
    };
  },
  variants: [
    {
      subject: () => "Numbers don't match Google Analytics",
      opening: (facts) =>
        `Northwind shows ${formatNumber(facts.ours)} visitors for last week, Google Analytics shows ${formatNumber(facts.theirs)}. Which one is right?`,
      answer: (facts) =>
        `Both are counting correctly by their own rules, and a ${facts.gap}% difference is within what we usually see. The main reasons: Google Analytics drops visitors who decline cookies in your consent banner, while our cookieless mode still counts them anonymously; and we end sessions at midnight in your workspace's time zone. Comparing the same date range in the same time zone usually narrows the gap a little. This article walks through each cause: ${helpCenterLink(articleIds.numbersDiffer.replace("article-", ""))}`,
    },
    {
      subject: () => "Conversions doubled overnight",
      opening: (facts) =>
        `Since ${facts.since}, our ${facts.event} conversions are exactly double what our shop system reports. Did something change?`,
      answer: (facts) =>
        `Thanks for catching this so quickly. The events arrive twice: since ${facts.since} the tracking snippet is loaded both by Google Tag Manager and directly in your page template, so every page fires it twice. Removing one of them fixes it going forward. For the data already collected, I've switched on de-duplication for "${facts.event}" from ${facts.since}, so your reports are correct again.`,
    },
  ],
  clarify: {
    question: () =>
      "Could you tell me the date range and the exact metric you're comparing? Then I can line up the two numbers side by side.",
    clarification: () => "The last seven days, the headline numbers on our overview dashboard.",
  },
});

const missingEventsTopic = defineTopic({
  key: "missing-events",
  topic: "missing events",
  teamId: "technical-support",
  tags: ["tracking", "sdk"],
  channels: channelMix.technical,
  escalationRate: 0.15,
  facts: (random, scene) => ({
    version: `${random.integer(3, 6)}.${random.integer(0, 12)}.${random.integer(0, 4)}`,
    since: weekdayBefore(scene, random.integer(1, 4)),
    event: random.pick(["checkout_completed", "onboarding_step", "video_played", "plan_selected"] as const),
    drop: random.integer(40, 90),
  }),
  variants: [
    {
      subject: () => "Events from our iOS app are missing",
      opening: (facts) =>
        `We released version ${facts.version} of our iOS app on ${facts.since}, and since then almost no events arrive from it. Android is fine.`,
      answer: (facts) =>
        `I checked your workspace: events from iOS ${facts.version} are reaching us but carry your staging write key instead of the production one, so they land in your staging source. It's an easy mix-up when the build configuration changes. Swap the key in the release build (Settings → Sources → iOS shows the right one) and new events appear immediately; the ones sent since ${facts.since} are in the staging source if you want to check them.`,
    },
    {
      subject: () => "Custom event not showing up",
      opening: (facts) =>
        `I added a custom event "${facts.event}" yesterday, but it doesn't appear anywhere in Northwind.`,
      answer: (facts) =>
        `Event names are case-sensitive, and the events arriving are named "${facts.event.replace(/(^|_)(\w)/g, (_match, separator: string, letter: string) => `${separator}${letter.toUpperCase()}`)}" rather than "${facts.event}", so your report is waiting for a name that never arrives. Either rename it in your code or point the report at the new name. Data → Live events shows what's coming in as it happens.`,
    },
  ],
  clarify: {
    question: () =>
      "Which source are the events sent from (web, iOS, Android or the API), and roughly when did you first notice?",
    clarification: () => "From our app, since the last release.",
  },
  escalation: {
    teamId: "engineering",
    reason: (facts) => `Event volume down ${facts.drop}% with no cause found on the customer's side`,
    holding: () =>
      "Thanks for the details. I can see the gap in your event volume, and it doesn't match any of the usual causes (wrong key, blocked domain, old SDK), so I've escalated it to our engineering team to check the ingestion logs for your workspace. I'll get back to you by tomorrow with what they find.",
    note: (facts) =>
      `Escalating to Engineering: events down ~${facts.drop}% since ${facts.since}; write key, SDK version and domain all check out. Please look at the ingestion logs for this workspace.`,
    outcomeNote: () =>
      "Engineering update: a user property sent as an array made the batch validator reject whole batches. Validator relaxed for this case, queue replayed.",
    answer: (facts) =>
      `Update from our engineers: your events were rejected because one user property is sent as a list where we expected text, and our validator dropped whole batches because of it. They've fixed that on our side and replayed the missing events, so your data from ${facts.since} onwards is complete again. No change is needed in your app.`,
  },
});

const twoFactorTopic = defineTopic({
  key: "two-factor-authentication",
  topic: "two-factor authentication",
  teamId: "support",
  tags: ["login", "2fa", "security"],
  channels: channelMix.general,
  facts: () => ({}),
  variants: [
    {
      subject: () => "Lost my phone — can't get my 2FA code",
      opening: () =>
        "I got a new phone and my authenticator app didn't transfer. I can't find my backup codes either. How do I get back into my account?",
      answer: () =>
        "No problem, we can get you back in. To keep your account safe, I've sent a verification link to the email address on your account; once you click it, two-factor authentication is reset and you can set it up again on your new phone. This time it's worth saving the backup codes in your password manager.",
    },
    {
      subject: () => "Make 2FA mandatory for the whole team",
      opening: () => "How can I require two-factor authentication for everyone in our workspace?",
      answer: () =>
        "As an admin you can turn it on under Settings → Security → Require 2FA. Everyone who hasn't set it up yet is asked to at their next sign-in, and the Members list shows who has done it. It's available on Pro and Enterprise, so you're all set on your plan.",
    },
  ],
  clarify: {
    question: () => "Sure — can you confirm the email address you sign in with?",
    clarification: () => "This one, the address I'm writing from.",
  },
});

const singleSignOnTopic = defineTopic({
  key: "single-sign-on",
  topic: "single sign-on",
  teamId: "technical-support",
  tags: ["login", "sso", "enterprise"],
  channels: channelMix.technical,
  plans: [["enterprise", 1]],
  facts: (random) => ({ provider: random.pick(["Okta", "Azure AD", "Google Workspace", "OneLogin"] as const) }),
  variants: [
    {
      subject: (facts) => `Setting up SAML SSO with ${facts.provider}`,
      opening: (facts) => `We're setting up SSO with ${facts.provider}. Where do I find the ACS URL and entity ID?`,
      answer: (facts) =>
        `Both are under Settings → Security → Single sign-on in your workspace: copy the ACS URL and Entity ID into ${facts.provider}'s SAML app, then upload ${facts.provider}'s metadata XML on the same page. I'd also turn on just-in-time provisioning so teammates get an account on their first sign-in. Full walkthrough: ${helpCenterLink("single-sign-on")}`,
    },
    {
      subject: () => "SSO error: user not provisioned",
      opening: (facts) => `New hires get "user not provisioned" when they sign in through ${facts.provider}.`,
      answer: (facts) =>
        `That message means just-in-time provisioning is off, so people can only sign in through SSO after they've been invited. It's currently off in your workspace; turning on Settings → Security → Single sign-on → Just-in-time provisioning fixes it for everyone in your ${facts.provider} group.`,
    },
  ],
  clarify: {
    question: () => "Which identity provider are you using, and is this a new setup or an existing one?",
    clarification: (facts) => `${facts.provider}, existing setup.`,
  },
});

const teammatesTopic = defineTopic({
  key: "teammates-and-roles",
  topic: "teammates and roles",
  teamId: "support",
  tags: ["account", "members"],
  channels: channelMix.general,
  facts: (random, scene) => {
    const colleague = random.pick(colleagueNames);
    return { colleague, email: colleagueEmail(colleague, scene.domain) };
  },
  variants: [
    {
      subject: () => "Invitation email never arrived",
      opening: (facts) => `I invited ${facts.colleague} twice, but the invitation never arrives.`,
      answer: (facts) =>
        `I checked our mail log: both invitations to ${facts.email} were delivered, but your company's mail filter quarantined them. Could you ask your IT team to allow no-reply@northwind-analytics.com? In the meantime you can pass on an invite link yourself: Settings → Members → ⋯ next to ${facts.colleague} → Copy invite link.`,
    },
    {
      subject: () => "Can a viewer edit dashboards?",
      opening: (facts) =>
        `I want ${facts.colleague} to see our dashboards but not change them. Which role should I give?`,
      answer: (facts) =>
        `Viewer is the one: viewers can open and filter every dashboard they have access to, but can't edit charts or change settings. Editors can build and change dashboards, and admins can also manage billing and members. You can change ${facts.colleague}'s role any time under Settings → Members.`,
    },
  ],
  clarify: {
    question: () => "Which teammate is this about? If you send me their email address I'll check their account.",
    clarification: (facts) => `${facts.colleague}, ${facts.email}.`,
  },
});

const invoiceRequestTopic = defineTopic({
  key: "invoice-request",
  topic: "invoice request",
  teamId: "billing",
  tags: ["billing", "invoices"],
  channels: channelMix.billing,
  facts: (random, scene) => ({
    month: previousMonthName(scene),
    vat: `US${random.integer(10, 99)}-${random.integer(1_000_000, 9_999_999)}`,
  }),
  variants: [
    {
      subject: () => "Invoice with our tax ID",
      opening: (facts) =>
        `Our finance team needs the ${facts.month} invoice with our tax ID ${facts.vat} on it. Can you reissue it?`,
      answer: (facts) =>
        `Of course. I've added tax ID ${facts.vat} to your billing details and reissued the ${facts.month} invoice — the new PDF is attached and also under Settings → Billing → Invoices. All future invoices will include it automatically.`,
    },
    {
      subject: () => "Copies of recent invoices",
      opening: () => "Could you send me our invoices for the last three months? Our accountant needs them.",
      answer: () =>
        "Here you go — the three invoices are attached. For next time, you can download any invoice under Settings → Billing → Invoices, and if you add your accountant's email under Billing details, they'll get a copy automatically every month.",
    },
  ],
  clarify: {
    question: () => "Sure! Should the invoices go to you, or is there a separate billing contact?",
    clarification: () => "To me is fine.",
  },
});

const failedPaymentTopic = defineTopic({
  key: "failed-payment",
  topic: "failed payment",
  teamId: "billing",
  tags: ["billing", "payments"],
  channels: channelMix.billing,
  priorities: [
    ["normal", 55],
    ["high", 35],
    ["urgent", 10],
  ],
  plans: [
    ["pro", 70],
    ["enterprise", 30],
  ],
  page: "/settings/billing",
  facts: (random, scene) => ({
    last4: String(random.integer(1_000, 9_999)),
    amount: random.integer(4, 40) * 25,
    month: previousMonthName(scene),
  }),
  variants: [
    {
      subject: () => "Payment failed — will we lose access?",
      opening: () => "We got an email that our payment failed. Will our account be downgraded?",
      answer: (facts) =>
        `Don't worry, your account is safe: after a failed payment there's a 7-day grace period and nothing changes during it. The charge of $${facts.amount} was declined because the card ending ${facts.last4} expired at the end of ${facts.month}. As soon as you add a new card under Settings → Billing → Payment method, the payment is retried automatically.`,
    },
    {
      subject: () => "Can we pay by bank transfer?",
      opening: () => "Our company card keeps getting declined for the renewal. Can we pay by bank transfer instead?",
      answer: (facts) =>
        `Yes. I've switched your account to invoice billing: you'll get an invoice for $${facts.amount} with our bank details by email within the hour, due in 30 days. Your access continues as normal in the meantime, and the failed card charges won't be retried.`,
    },
  ],
  clarify: {
    question: () => "Could you tell me the last four digits of the card you'd like us to charge?",
    clarification: (facts) => `It's the one ending in ${facts.last4}.`,
  },
  reopen: {
    complaint: () => 'I added the new card, but I just got another "payment failed" email.',
    answer: () =>
      "Sorry for the scare — that email came from the automatic retry, which ran a few minutes before you saved the new card. I've retried the payment on the new card now and it went through; the receipt is in your inbox.",
  },
  accountEvents: (facts, scene) => [
    {
      at: scene.createdAt - 5 * 3_600_000,
      type: "payment.failed",
      data: { amountUsd: facts.amount, declineCode: "expired_card", cardLast4: facts.last4 },
    },
  ],
});

const planUpgradeTopic = defineTopic({
  key: "plan-upgrade",
  topic: "plan upgrade",
  teamId: "billing",
  tags: ["billing", "plans"],
  channels: channelMix.billing,
  facts: (random, scene) => {
    const seats = random.integer(4, 40);
    const daysLeft = random.integer(6, 24);
    return {
      seats,
      daysLeft,
      price: seats * 25,
      prorated: Math.round((seats * 25 * daysLeft) / 30),
      date: dateBefore(scene, random.integer(1, 4)),
    };
  },
  variants: [
    {
      subject: () => "What do we get with Enterprise?",
      opening: (facts) =>
        `We're on Pro with ${facts.seats} seats. What would Enterprise add for us, and what would it cost?`,
      answer: () =>
        "Enterprise adds single sign-on, audit logs, a 99.9% uptime SLA, 3,000 API requests a minute instead of 600, and a named account manager. The price depends on seats and data volume, so I've asked Marta, the account manager for your region, to send you a quote today. She can also switch on a 14-day trial of the Enterprise features if you'd like to test single sign-on first.",
    },
    {
      subject: () => "Unexpected charge after upgrading",
      opening: (facts) =>
        `We upgraded to Pro on ${facts.date} and got charged $${formatNumber(facts.prorated)}, not the $${formatNumber(facts.price)} I expected.`,
      answer: (facts) =>
        `That's the prorated amount: you upgraded partway through the billing month, so the first charge only covers the remaining ${facts.daysLeft} days. From your next billing date you'll be charged the full $${formatNumber(facts.price)} a month for your ${facts.seats} seats.`,
    },
  ],
  clarify: {
    question: () => "Happy to help. How many seats do you have in mind, and do you pay monthly or yearly?",
    clarification: (facts) => `${facts.seats} seats, monthly for now.`,
  },
});

const seatChangesTopic = defineTopic({
  key: "seat-changes",
  topic: "seat changes",
  teamId: "billing",
  tags: ["billing", "seats"],
  channels: channelMix.billing,
  plans: [
    ["pro", 80],
    ["enterprise", 20],
  ],
  facts: (random, scene) => {
    const seats = random.integer(8, 45);
    return { seats, seatsAfter: seats - 3, nextBilling: dateAfter(scene, random.integer(5, 25)) };
  },
  variants: [
    {
      subject: () => "Removing seats",
      opening: () => "Three people have left our team. How do we stop paying for their seats?",
      answer: (facts) =>
        `Remove them under Settings → Members (their dashboards stay and move to you), then lower the seat count under Settings → Billing → Seats. The lower count applies from your next billing date: you'll go from ${facts.seats} to ${facts.seatsAfter} seats on ${facts.nextBilling}.`,
    },
    {
      subject: () => "Adding seats mid-month",
      opening: () => "We're adding five new hires next week. If I add seats now, do we pay for the full month?",
      answer: (facts) =>
        `No — added seats are prorated, so you only pay for the days left in the current period, then the regular price from ${facts.nextBilling}. You can add them under Settings → Billing → Seats whenever you're ready, and invitations work straight away.`,
    },
  ],
  clarify: {
    question: () => "Sure — how many seats would you like to end up with?",
    clarification: (facts) => `${facts.seatsAfter}, I think.`,
  },
});

const featureIdeas = [
  { feature: "dark mode", workaround: "the high-contrast chart theme under Profile → Appearance is the closest thing" },
  { feature: "a custom fiscal year", workaround: "saved date presets get you most of the way there" },
  {
    feature: "exporting to Parquet",
    workaround: "the Snowflake and BigQuery syncs deliver the same data in a columnar format",
  },
  {
    feature: "annotations on charts",
    workaround: "a text widget next to a chart is a common way to mark campaign dates",
  },
  {
    feature: "a Looker Studio connector",
    workaround: "many teams use the Google Sheets sync as a bridge to Looker Studio",
  },
  { feature: "quiet hours for alerts", workaround: "you can limit each alert to weekdays under Alert → Schedule" },
  {
    feature: "cohort charts by signup week",
    workaround: "the retention chart can group by week if you add a signup-date filter",
  },
] as const;

const featureRequestTopic = defineTopic({
  key: "feature-request",
  topic: "feature request",
  teamId: "support",
  tags: ["feature-request"],
  channels: channelMix.general,
  priorities: [
    ["low", 70],
    ["normal", 30],
  ],
  facts: (random) => ({ idea: random.pick(featureIdeas), votes: random.integer(4, 60) }),
  variants: [
    {
      subject: (facts) => `Feature request: ${facts.idea.feature}`,
      opening: (facts) => `Any plans for ${facts.idea.feature}? It would save us a lot of manual work.`,
      answer: (facts) =>
        `Thanks for the suggestion! ${facts.idea.feature.charAt(0).toUpperCase()}${facts.idea.feature.slice(1)} isn't on the roadmap for this quarter, but I've added your vote and your use case to the request on our product board, which the product team reviews every two weeks. In the meantime, ${facts.idea.workaround}.`,
    },
    {
      subject: (facts) => `Would love ${facts.idea.feature}`,
      opening: (facts) => `I'd love to see ${facts.idea.feature} in Northwind. Is that something you're considering?`,
      answer: (facts) =>
        `Great idea — and you're not alone: ${facts.votes} other customers have asked for ${facts.idea.feature}. I've added your vote, and I'll tell you here if it gets scheduled. Until then, ${facts.idea.workaround}.`,
    },
  ],
  clarify: {
    question: () =>
      "Thanks for the idea! Could you tell me a bit about how you'd use it? Concrete examples help the product team a lot.",
    clarification: () => "Mostly for the monthly reporting we send to our board.",
  },
});

const dataDeletionTopic = defineTopic({
  key: "data-deletion-request",
  topic: "data deletion request",
  teamId: "privacy",
  tags: ["privacy", "gdpr"],
  channels: channelMix.privacy,
  escalationRate: 0.1,
  facts: (random, scene) => ({
    colleague: random.pick(colleagueNames),
    month: previousMonthName(scene),
    deadline: dateAfter(scene, 30),
  }),
  variants: [
    {
      subject: () => "Please delete my personal data",
      opening: () => "Please delete all personal data you hold about me. I no longer use Northwind.",
      answer: () =>
        "We've received your erasure request and confirmed it comes from the email address on the account. Your profile and personal data will be deleted within 30 days — usually within a week — and removed from our backups within 35 days. I'll confirm here once it's done. If you're the only admin of a workspace, its data is deleted with it, so let me know if anything needs exporting first.",
    },
    {
      subject: () => "Remove a former employee's data",
      opening: (facts) =>
        `${facts.colleague} left our company in ${facts.month}. Please erase their personal data from our workspace.`,
      answer: (facts) =>
        `Thanks for letting us know. I've removed ${facts.colleague} from your workspace (their dashboards now belong to you) and started the erasure of their personal data: name, email address and activity history are anonymised within 30 days. I'll confirm here once it's complete.`,
    },
  ],
  clarify: {
    question: () =>
      "Thank you for your request. To protect your privacy, could you confirm it from the email address registered on the account?",
    clarification: () => "I'm writing from it now — this is the address on my account.",
  },
  escalation: {
    teamId: "engineering",
    reason: () => "Archived events need a manual purge to complete the erasure",
    holding: () =>
      "Thank you. Your request is confirmed and the deletion has started. One part needs our engineering team: events in our long-term archive have to be purged by hand. I'll confirm here once everything is deleted, well within the 30 days we promise.",
    note: (facts) =>
      `Escalating to Engineering: erasure request confirmed, profile deleted. Events in the cold archive need a manual purge. Legal deadline ${facts.deadline}.`,
    outcomeNote: () => "Engineering update: archive partitions for this user purged; verified that no rows remain.",
    answer: () =>
      "Everything is now deleted: your profile, your activity history and the archived events. Backups age out within 35 days. Thank you for your patience.",
    update: (facts) =>
      `A quick update on your request: your profile and activity history are deleted. The purge of our long-term archive is scheduled with our engineers and will be done before ${facts.deadline}; I'll confirm here as soon as it is.`,
  },
});

const dataAccessTopic = defineTopic({
  key: "data-access-request",
  topic: "data access request",
  teamId: "privacy",
  tags: ["privacy", "gdpr"],
  channels: channelMix.privacy,
  facts: () => ({}),
  variants: [
    {
      subject: () => "GDPR access request",
      opening: () => "Under article 15 GDPR I request a copy of all personal data you hold about me.",
      answer: () =>
        "Thank you for your request. I've confirmed it comes from the email address on your account and prepared your data: profile, sign-in history, workspace memberships and support conversations. You'll get a secure download link by separate email within the hour; it's valid for 7 days. If anything is missing or you'd like another format, just reply here.",
    },
    {
      subject: () => "What personal data do you store about our visitors?",
      opening: () => "Our DPO wants to know what personal data Northwind stores about our website visitors.",
      answer: () =>
        "By default we store a pseudonymous visitor ID, page views and events, coarse location (country and city, derived from the IP address, which is then discarded), and device and browser type. We don't store full IP addresses or names unless you send them as user properties. Our data processing agreement and sub-processor list are at northwind-analytics.com/legal, and I can send the DPA pre-signed if your DPO needs it.",
    },
  ],
  clarify: {
    question: () => "Happy to help. Is the request about your own account, or about your website's visitors?",
    clarification: () => "About my own account.",
  },
});

const apiRateLimitsTopic = defineTopic({
  key: "api-rate-limits",
  topic: "api rate limits",
  teamId: "technical-support",
  tags: ["api", "developers"],
  channels: [
    ["api", 40],
    ["email", 45],
    ["chat", 15],
  ],
  facts: (random, scene) => ({
    rate: random.integer(9, 30) * 100,
    since: weekdayBefore(scene, random.integer(1, 4)),
    until: dateAfter(scene, 7),
    workspace: `ws_${random.integer(100_000, 999_999)}`,
  }),
  variants: [
    {
      subject: () => "Getting 429 Too Many Requests",
      opening: () => "Our nightly import script has started failing with 429 Too Many Requests after a few minutes.",
      answer: (facts) =>
        `The import is hitting the workspace limit of 600 requests per minute: since ${facts.since} it sends around ${formatNumber(facts.rate)} requests a minute, one event per call. Two changes fix it: use the batch endpoint (POST /v2/events/batch takes up to 500 events per call), and honour the Retry-After header when you do get a 429. The limit is per workspace, so your other scripts share the same budget. Details: ${helpCenterLink("api-rate-limits")}`,
    },
    {
      subject: () => "Can you raise our API limit?",
      opening: () => "We need more than 600 requests per minute for a backfill this week. Can you raise our limit?",
      answer: (facts) =>
        `I've raised your workspace limit to 1,500 requests per minute until ${facts.until}, which should be plenty for the backfill. If you switch to the batch endpoint (up to 500 events per call), you may not need it at all. After ${facts.until} it goes back to 600; Enterprise plans have 3,000 permanently if you need more in the long run.`,
    },
  ],
  clarify: {
    question: () => "Could you share the workspace ID and roughly how many requests per minute your script sends?",
    clarification: (facts) => `Workspace ${facts.workspace}, probably a couple of thousand a minute at peak.`,
  },
  accountEvents: (facts, scene) => [
    {
      at: scene.createdAt - 9 * 3_600_000,
      type: "api.rate_limited",
      data: { limitPerMinute: 600, requestsPerMinute: facts.rate },
    },
  ],
});

const webhookFailuresTopic = defineTopic({
  key: "webhook-failures",
  topic: "webhook failures",
  teamId: "technical-support",
  tags: ["api", "webhooks", "developers"],
  channels: [
    ["email", 50],
    ["api", 30],
    ["chat", 20],
  ],
  priorities: [
    ["normal", 55],
    ["high", 35],
    ["urgent", 10],
  ],
  escalationRate: 0.12,
  facts: (random, scene) => ({
    endpoint: `https://${random.pick(["hooks", "api", "events"] as const)}.${scene.domain}/northwind`,
    status: random.pick([404, 410, 500, 502] as const),
    since: weekdayBefore(scene, random.integer(1, 3)),
    missed: random.integer(40, 900),
  }),
  variants: [
    {
      subject: () => "Webhooks stopped arriving",
      opening: (facts) => `We haven't received any webhooks since ${facts.since}. Nothing changed on our endpoint.`,
      answer: (facts) =>
        `Your webhook was switched off automatically on ${facts.since} after 50 failed deliveries in a row: ${facts.endpoint} answered every attempt with HTTP ${facts.status}. That's usually a deployment that changed the route or the firewall. Once the endpoint answers with a 2xx again, re-enable it under Settings → Webhooks and use Resend failed to deliver the ${formatNumber(facts.missed)} events you missed.`,
    },
    {
      subject: () => "Webhook signature doesn't match",
      opening: () => "We're verifying X-Northwind-Signature but it never matches the HMAC we compute.",
      answer: () =>
        `This is almost always the body: the signature is an HMAC-SHA256 of the raw request bytes, and most frameworks parse the JSON before your code sees it, which changes the bytes. Compute the HMAC over the raw body (in Express, express.raw({ type: "application/json" }) on that route) with your signing secret, hex-encoded, and it'll match. Full example: ${helpCenterLink("webhooks")}`,
    },
  ],
  clarify: {
    question: () => "Could you send me the endpoint URL and roughly when the last webhook arrived?",
    clarification: (facts) => `${facts.endpoint}, the last one on ${facts.since} morning.`,
  },
  escalation: {
    teamId: "engineering",
    reason: (facts) => `Deliveries to ${facts.endpoint} fail with TLS errors although the endpoint is healthy`,
    holding: () =>
      "Thanks. Your endpoint answers normally now, yet our deliveries still fail with a TLS error that I can't explain from here, so I've escalated this to our engineering team. I'll update you by tomorrow.",
    note: (facts) =>
      `Escalating to Engineering: deliveries to ${facts.endpoint} fail with TLS handshake errors although the endpoint accepts connections from elsewhere. Customer rotated their certificate on ${facts.since}.`,
    outcomeNote: () =>
      "Engineering update: webhook workers had an outdated CA bundle without the customer's new certificate authority. Bundle updated, deliveries succeeding.",
    answer: (facts) =>
      `Good news: your webhooks are flowing again. Our engineers found that our delivery servers didn't yet trust the certificate authority your new certificate comes from. They've updated it, and I've resent the ${formatNumber(facts.missed)} events you missed.`,
  },
  reopen: {
    complaint: () => "They worked for a day and now they've stopped again.",
    answer: () =>
      "I looked again: this time your endpoint is timing out — it takes about 14 seconds to respond and we wait 10. Returning 200 straight away and processing the webhook in the background fixes it for good. I've resent the deliveries that timed out.",
  },
  accountEvents: (facts, scene) => [
    {
      at: scene.createdAt - 20 * 3_600_000,
      type: "webhook.disabled",
      data: { endpoint: facts.endpoint, statusCode: facts.status, consecutiveFailures: 50 },
    },
  ],
});

const slowDashboardsTopic = defineTopic({
  key: "slow-dashboards",
  topic: "slow dashboards",
  teamId: "technical-support",
  tags: ["performance", "dashboards"],
  channels: channelMix.technical,
  escalationRate: 0.12,
  facts: (random) => ({
    dashboard: random.pick(dashboardNames),
    charts: random.integer(18, 42),
    fixedAt: random.pick(["9:40", "10:15", "11:05"] as const),
  }),
  variants: [
    {
      subject: (facts) => `"${facts.dashboard}" takes over a minute to load`,
      opening: (facts) =>
        `Our "${facts.dashboard}" dashboard has become really slow — over a minute to load, and sometimes it times out.`,
      answer: (facts) =>
        `I can see why: "${facts.dashboard}" has ${facts.charts} charts, and several of them query two years of raw events every time it opens. I've turned on the hourly cache for it, so it now loads from pre-computed results in a few seconds (the data is at most an hour old, and Refresh gets live numbers). If you need live data all the time, splitting it into two dashboards helps a lot too.`,
    },
    {
      subject: () => "Everything is slow today",
      opening: () => "Dashboards are loading really slowly for our whole team today.",
      answer: (facts) =>
        `Thanks for reporting it. A database node in our US region was slow this morning and affected some workspaces, including yours; it was replaced at ${facts.fixedAt}, and load times are back to normal. Sorry for the disruption — if anything still feels slow, tell me which dashboard and I'll look at it directly.`,
    },
  ],
  clarify: {
    question: () => "Is it one dashboard in particular or everything? If it's one, could you send me its name?",
    clarification: (facts) => `Mainly "${facts.dashboard}".`,
  },
  escalation: {
    teamId: "engineering",
    reason: (facts) => `"${facts.dashboard}" still loads in over a minute with caching on`,
    holding: (facts) =>
      `Thanks for the details. I've tried the usual fixes (caching, query limits) and "${facts.dashboard}" is still slow, so I've passed it to our engineers to look at the queries behind it. I'll update you tomorrow.`,
    note: (facts) =>
      `Escalating to Engineering: "${facts.dashboard}" (${facts.charts} charts) takes ~70 s at p95 even with the cache on; the funnel chart's query plan looks suspicious.`,
    outcomeNote: () =>
      "Engineering update: the funnel query scanned all partitions; added the missing partition filter. p95 load now 4 s.",
    answer: (facts) =>
      `Update: our engineers found that one funnel chart on "${facts.dashboard}" was scanning your full event history every time. They've fixed the query, and the dashboard now loads in about 4 seconds. Thanks for bearing with us.`,
  },
});

const csvImportTopic = defineTopic({
  key: "csv-import",
  topic: "csv import",
  teamId: "support",
  tags: ["import", "how-to"],
  channels: channelMix.general,
  facts: (random) => {
    const sizeMb = random.integer(210, 780);
    return {
      file: random.pick(["orders_2025.csv", "crm_contacts.csv", "offline_sales.csv", "store_visits.csv"] as const),
      row: random.integer(1_200, 48_000),
      sizeMb,
      parts: Math.ceil(sizeMb / 190),
    };
  },
  variants: [
    {
      subject: () => 'CSV import fails with "invalid date"',
      opening: (facts) => `Importing ${facts.file} fails on row ${formatNumber(facts.row)} with "invalid date".`,
      answer: (facts) =>
        `Row ${formatNumber(facts.row)} of ${facts.file} has its date written as 03/04/2025, while the rows before it use 2025-03-04, and the import expects one format per column. Either fix that row, or set the date format explicitly in the import's column settings (Date column → Format → MM/DD/YYYY). Then the whole file goes through.`,
    },
    {
      subject: () => "Import says my file is too large",
      opening: (facts) => `I'm trying to import ${facts.file} (${facts.sizeMb} MB) and it says the file is too large.`,
      answer: (facts) =>
        `The import takes files of up to 200 MB or 1 million rows each. ${facts.file} is ${facts.sizeMb} MB, so splitting it into ${facts.parts} files will work — each import appends to the same table, so the result is identical. For large recurring loads, the API's batch endpoint saves you the splitting.`,
    },
  ],
  clarify: {
    question: () =>
      "Could you send me the file name and roughly when you tried the import? I'll find it in the import log.",
    clarification: (facts) => `${facts.file}, this morning.`,
  },
});

const embeddedDashboardsTopic = defineTopic({
  key: "embedded-dashboards",
  topic: "embedded dashboards",
  teamId: "technical-support",
  tags: ["dashboards", "embedding"],
  channels: channelMix.technical,
  facts: (random) => ({ dashboard: random.pick(dashboardNames) }),
  variants: [
    {
      subject: () => "Embedded dashboard shows a login screen",
      opening: (facts) =>
        `We embedded "${facts.dashboard}" in our customer portal, but visitors see the Northwind login screen instead of the charts.`,
      answer: () =>
        `The embed uses the dashboard's private URL, which needs a Northwind login. For a customer portal you want a signed embed: generate a token on your server with your embed secret (Settings → Embedding) and add it to the embed URL. That also lets you filter the dashboard per customer. Code samples for Node and Python: ${helpCenterLink("embedding")}`,
    },
    {
      subject: () => "Embedding a dashboard in Notion",
      opening: () => "Can I embed a dashboard in a Notion page?",
      answer: (facts) =>
        `Yes: turn on Public link for "${facts.dashboard}" (Share → Public link), copy it, and paste it into Notion with /embed. Anyone who can see the Notion page will see the dashboard, so I'd add a password to the link or keep the page private.`,
    },
  ],
  clarify: {
    question: () => "Could you send me the page where it's embedded, or the embed code you're using?",
    clarification: (_facts, scene) => `It's on our portal, portal.${scene.domain}/analytics.`,
  },
});

const complaintIssues = [
  {
    issue: "our invoice address",
    fix: "I've updated the address and reissued your last invoice, which is attached",
  },
  {
    issue: "a chart that disappeared after the update",
    fix: "the chart moved to the new Reports tab, and I've pinned it back to your dashboard",
  },
  {
    issue: "exporting our contacts",
    fix: "your contact export is ready under Data → Exports (84 MB, well within the limits)",
  },
] as const;

const complaintTopic = defineTopic({
  key: "complaint",
  topic: "complaint",
  teamId: "support",
  tags: ["complaint"],
  channels: channelMix.public,
  priorities: [
    ["normal", 50],
    ["high", 50],
  ],
  facts: (random, scene) => ({
    since: weekdayBefore(scene, 4),
    issue: random.pick(complaintIssues),
    amount: random.integer(2, 30) * 25,
    invoice: `INV-2026-${random.integer(1_000, 9_999)}`,
  }),
  variants: [
    {
      subject: () => "Nobody answered my email for four days",
      opening: (facts) =>
        `I emailed you on ${facts.since} about ${facts.issue.issue} and heard nothing for four days. That's not acceptable for a paid product.`,
      answer: (facts) =>
        `You're right, and I'm sorry. Your email from ${facts.since} was caught by a routing rule and sat in the wrong queue — our mistake, and I've fixed the rule so it can't happen again. On your original question about ${facts.issue.issue}: ${facts.issue.fix}. If there's anything else from that email I've missed, reply here and it comes straight to me.`,
    },
    {
      subject: () => "Charged after I cancelled",
      opening: (facts) =>
        `I cancelled on ${facts.since} and was still charged $${facts.amount} today. I want my money back.`,
      answer: (facts) =>
        `I'm sorry — you shouldn't have been charged. Your cancellation on ${facts.since} was recorded, but the renewal had already been queued. I've refunded the full $${facts.amount}; it'll show on your statement within 3–5 business days. Your account stays cancelled, and I've checked that no further charges are scheduled.`,
    },
  ],
  clarify: {
    question: () =>
      "I'm sorry about this. Could you send me the invoice number or the email address involved, so I can see exactly what happened?",
    clarification: (facts) => `Invoice number ${facts.invoice}.`,
  },
});

const cancellationReasons = [
  { said: "We've moved to a warehouse-based setup.", summary: "moving to a warehouse-based setup" },
  { said: "Budget cuts this year, unfortunately.", summary: "this year's budget" },
  { said: "We're merging with a company that uses a different tool.", summary: "the merger" },
  { said: "We just don't use it enough to justify the cost.", summary: "how much you've been using it" },
] as const;

const cancellationTopic = defineTopic({
  key: "cancellation",
  topic: "cancellation",
  teamId: "billing",
  tags: ["billing", "cancellation"],
  channels: channelMix.billing,
  facts: (random, scene) => ({
    reason: random.pick(cancellationReasons),
    termEnd: dateAfter(scene, random.integer(4, 26)),
  }),
  variants: [
    {
      subject: () => "Cancel our subscription",
      opening: (facts) => `Please cancel our subscription at the end of the current term. ${facts.reason.said}`,
      answer: (facts) =>
        `Done — your subscription is cancelled and stays active until ${facts.termEnd}; you won't be charged again. Your data stays available for 90 days after that, so there's time to export anything you need (Data → Exports). I'm sorry to see you go, and thank you for telling me about ${facts.reason.summary} — I've passed it on to our product team. If anything changes, reactivating within those 90 days brings everything back as it was.`,
    },
    {
      subject: () => "Pause instead of cancelling?",
      opening: () => "We're pausing our campaigns for a few months. Can we pause Northwind instead of cancelling?",
      answer: (facts) =>
        `We don't have a pause option, but there's a good alternative: downgrade to the Free plan. Your dashboards and history stay, tracking keeps running (up to the Free limit of 10,000 events a month), and you can upgrade again any time with everything intact. I've scheduled the downgrade for your next billing date, ${facts.termEnd} — just reply if you'd rather do it now.`,
    },
  ],
  clarify: {
    question: () =>
      "Sorry to hear that. Before I change anything: should this apply to all the workspaces on your account, or just one?",
    clarification: () => "Just the main one.",
  },
});

const accountLockedTopic = defineTopic({
  key: "account-locked",
  topic: "account locked",
  teamId: "support",
  tags: ["login", "account"],
  channels: channelMix.general,
  priorities: [
    ["normal", 60],
    ["high", 40],
  ],
  facts: (random, scene) => ({
    newEmail: `${random.pick(["ops", "analytics", "growth", "data"] as const)}.lead@${scene.domain}`,
  }),
  variants: [
    {
      subject: () => "Account locked",
      opening: () =>
        "My account got locked after too many password attempts and I need to get in for a meeting in an hour.",
      answer: () =>
        "I've unlocked your account, so you can sign in right away. The lock kicks in after 10 failed attempts and normally lifts by itself after 30 minutes. If you're not sure of the password, use Forgot password? on the sign-in page — the reset link arrives within a minute or two.",
    },
    {
      subject: () => "Change the email address on my account",
      opening: (facts) => `I'm changing roles internally and need my login email changed to ${facts.newEmail}.`,
      answer: (facts) =>
        `Done: your login email is now ${facts.newEmail}. I've sent a confirmation to both addresses, and your dashboards, alerts and schedules are unchanged. Next time you can change it yourself under Profile → Email.`,
    },
  ],
  clarify: {
    question: () =>
      "I can help with that. To keep your account safe, could you reply from the email address currently on the account?",
    clarification: () => "Replying from it now.",
  },
});

export const everydayTopics = {
  dashboardSetup: dashboardSetupTopic,
  scheduledReports: scheduledReportsTopic,
  duplicateReportEmails: duplicateReportEmailsTopic,
  googleSheets: googleSheetsTopic,
  salesforce: salesforceTopic,
  slackAlerts: slackAlertsTopic,
  trackingDiscrepancy: trackingDiscrepancyTopic,
  missingEvents: missingEventsTopic,
  twoFactor: twoFactorTopic,
  singleSignOn: singleSignOnTopic,
  teammates: teammatesTopic,
  invoiceRequest: invoiceRequestTopic,
  failedPayment: failedPaymentTopic,
  planUpgrade: planUpgradeTopic,
  seatChanges: seatChangesTopic,
  featureRequest: featureRequestTopic,
  dataDeletion: dataDeletionTopic,
  dataAccess: dataAccessTopic,
  apiRateLimits: apiRateLimitsTopic,
  webhookFailures: webhookFailuresTopic,
  slowDashboards: slowDashboardsTopic,
  csvImport: csvImportTopic,
  embeddedDashboards: embeddedDashboardsTopic,
  complaint: complaintTopic,
  cancellation: cancellationTopic,
  accountLocked: accountLockedTopic,
} satisfies Record<string, DemoTopic>;
