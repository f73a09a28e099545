import type { SnapshotArticle, SnapshotKnownIssue } from "../core/snapshot/snapshot-schema.ts";

export const knownIssueIds = {
  exportTimeout: "known-issue-export-timeout",
  safariLoginLoop: "known-issue-safari-login-loop",
  duplicateReportEmails: "known-issue-duplicate-report-emails",
} as const;

export const demoKnownIssues: SnapshotKnownIssue[] = [
  {
    id: knownIssueIds.exportTimeout,
    title: "Export times out for files over 500 MB",
    status: "open",
    tags: ["export", "timeout", "engineering"],
    workaround:
      "Filter the export to smaller date ranges (under 500 MB each). For a customer who needs one full file, support can ask engineering to run the export manually with a longer timeout.",
  },
  {
    id: knownIssueIds.safariLoginLoop,
    title: "Login loop in Safari after password reset",
    status: "fix_in_progress",
    tags: ["login", "safari", "password-reset"],
    workaround:
      "In Safari, remove the website data for northwind-analytics.com (Settings → Privacy → Manage Website Data; on iPhone and iPad: Settings → Apps → Safari → Advanced → Website Data), then sign in again. Chrome and Firefox are not affected.",
  },
  {
    id: knownIssueIds.duplicateReportEmails,
    title: "Scheduled report emails sent twice",
    status: "fixed",
    tags: ["scheduled-reports", "email"],
    workaround: "None needed since the fix of February 18; before it, recipients could ignore the second copy.",
  },
];

export const articleIds = {
  exports: "article-exporting-your-data",
  passwordReset: "article-resetting-your-password",
  creditPackages: "article-credit-packages",
  dashboards: "article-sharing-and-filtering-dashboards",
  scheduledReports: "article-scheduling-report-emails",
  googleSheets: "article-syncing-to-google-sheets",
  salesforce: "article-connecting-salesforce",
  twoFactor: "article-two-factor-authentication",
  singleSignOn: "article-single-sign-on",
  invoices: "article-invoices-receipts-and-vat",
  apiLimits: "article-api-rate-limits",
  webhooks: "article-webhooks",
  personalData: "article-personal-data-requests",
  numbersDiffer: "article-numbers-differ-from-google-analytics",
} as const;

export const demoArticles: SnapshotArticle[] = [
  {
    id: articleIds.exports,
    title: "Exporting your data",
    tags: ["export", "troubleshooting"],
    public: true,
    updatedAt: "2026-03-12T15:20:00.000Z",
    body: `## Problem
You want a copy of your events, dashboards or contacts outside Northwind Analytics, or an export you started did not arrive.

## Common causes
- **Large exports time out.** Exports run for at most **2 minutes**. Files over **500 MB** usually need longer and stop with the error \`EXPORT_TIMEOUT\`. This is a known issue and engineering is working on it.
- The download link in the email has expired (links are valid for 7 days).
- The export is still queued: at busy times it can take up to 15 minutes to start.

## Step-by-step solution
1. Go to **Data → Exports** and choose **New export**.
2. Pick the dataset (events, contacts or a dashboard) and the format (CSV, Excel or JSON).
3. Set a **date range**. If the estimated size shown under the range is over 500 MB, split it: for example export one quarter, or one month, at a time.
4. Choose **Start export**. You'll get an email with a download link when it's ready.

## Advanced troubleshooting
- Excel files are limited to 1,048,576 rows per sheet; use CSV for anything larger.
- Exports include the columns visible in the current view; hide columns you don't need to make the file smaller.
- Every failed export is listed under **Data → Exports** with its error code.

## When to contact support
If an export under 500 MB fails, or you need one complete file over 500 MB, contact us: we can run the export for you.

## Related articles
- Scheduling report emails
- API rate limits`,
  },
  {
    id: articleIds.passwordReset,
    title: "Resetting your password",
    tags: ["login", "account", "password"],
    public: true,
    updatedAt: "2026-02-03T14:00:00.000Z",
    body: `## Overview
If you've forgotten your password, you can set a new one from the sign-in page.

## Prerequisites
Access to the email address you sign in with.

## Steps
1. On the sign-in page, choose **Forgot password?**
2. Enter your email address. We send a reset link within a few minutes.
3. Open the link (valid for 60 minutes) and choose a new password of at least 12 characters.
4. Sign in with the new password. Other devices are signed out.

## Notes
- Check your spam folder if the email doesn't arrive; it comes from no-reply@northwind-analytics.com.
- If your company signs in with single sign-on, reset your password with your identity provider instead.

## FAQ
**Can an admin reset my password?** Admins can send you a reset link from **Settings → Members**, but can't see or set your password.

## Related
- Two-factor authentication
- Single sign-on (SAML)`,
  },
  {
    id: articleIds.creditPackages,
    title: "Credit packages",
    tags: ["billing", "credits"],
    public: true,
    updatedAt: "2026-02-01T16:00:00.000Z",
    body: `## Summary
Credits pay for AI insights and data enrichment. You can buy extra credits in packages.

## Action steps
Go to **Settings → Billing → Credits** and choose a package.

See the pricing page for current package prices.`,
  },
  {
    id: articleIds.dashboards,
    title: "Sharing and filtering dashboards",
    tags: ["dashboards", "how-to"],
    public: true,
    updatedAt: "2026-02-19T16:30:00.000Z",
    body: `## Overview
Share a dashboard with teammates or people outside your workspace, and filter every chart at once.

## Steps: share
1. Open the dashboard and choose **Share**.
2. Teammates: add them by name; they see the dashboard with their own role.
3. Outside viewers: turn on **Public link**. You can add a password and an expiry date. Public viewers don't use a seat.

## Steps: filter every chart
1. Choose **Add filter** in the filter bar at the top of the dashboard.
2. Pick a field and a value, then **Apply to all charts**.
3. Charts built on a different data source need a field mapping: **Filter → Map fields**.

## Notes
Saved filters are kept per dashboard. Public links always show the dashboard's default filters.

## Related
- Scheduling report emails`,
  },
  {
    id: articleIds.scheduledReports,
    title: "Scheduling report emails",
    tags: ["scheduled-reports", "how-to"],
    public: true,
    updatedAt: "2026-02-20T13:10:00.000Z",
    body: `## Overview
Send any dashboard as a PDF or CSV by email on a schedule.

## Steps
1. Open the dashboard, choose **Share → Schedule email**.
2. Pick daily, weekly or monthly, a time and a **time zone** (the schedule uses the time zone chosen here, not the recipient's).
3. Add up to 20 recipients; they don't need a Northwind account.

## Notes
- Between February 10 and 18 some schedules sent every email twice. This was fixed on February 18.
- Schedules pause automatically when their owner leaves the workspace; an admin can transfer them.`,
  },
  {
    id: articleIds.googleSheets,
    title: "Syncing data to Google Sheets",
    tags: ["integrations", "google-sheets"],
    public: true,
    updatedAt: "2026-02-04T15:00:00.000Z",
    body: `## Overview
Keep a Google Sheet up to date with any table or chart.

## Steps
1. **Settings → Integrations → Google Sheets → Connect** and sign in with Google.
2. On a chart, choose **Send to → Google Sheets**, pick the spreadsheet and tab.

## Notes
- Each tab holds up to 10,000 rows; larger tables need a date filter or a CSV export.
- If the Google account's password changes, Google revokes our access: reconnect under **Integrations**; missed syncs are backfilled.`,
  },
  {
    id: articleIds.salesforce,
    title: "Connecting Salesforce",
    tags: ["integrations", "salesforce"],
    public: true,
    updatedAt: "2026-02-05T09:45:00.000Z",
    body: `## Overview
Bring Salesforce opportunities, accounts and custom objects into Northwind Analytics.

## Prerequisites
A Salesforce user with **API Enabled** and read access to the objects you want.

## Steps
1. **Settings → Integrations → Salesforce → Connect**.
2. Choose objects, then map custom fields under **Field mapping**.
3. The first sync takes up to an hour; after that we sync every 15 minutes.

## Notes
If your org restricts login IP ranges, allow 34.120.18.0/24, or connect with a user exempt from the restriction.`,
  },
  {
    id: articleIds.twoFactor,
    title: "Two-factor authentication",
    tags: ["login", "security", "2fa"],
    public: true,
    updatedAt: "2026-02-11T12:00:00.000Z",
    body: `## Overview
Protect your account with a code from an authenticator app.

## Steps
1. **Profile → Security → Two-factor authentication → Enable**.
2. Scan the QR code with your authenticator app and enter the code.
3. Save your 10 backup codes somewhere safe.

## Notes
- Admins on Pro and Enterprise can require 2FA for everyone: **Settings → Security → Require 2FA**.
- Lost your phone and your backup codes? Contact support; we'll verify your identity and reset 2FA.`,
  },
  {
    id: articleIds.singleSignOn,
    title: "Single sign-on (SAML)",
    tags: ["login", "sso", "enterprise"],
    public: true,
    updatedAt: "2026-02-06T15:00:00.000Z",
    body: `## Overview
Enterprise workspaces can sign in through Okta, Azure AD, Google Workspace or any SAML 2.0 provider.

## Steps
1. **Settings → Security → Single sign-on**. Copy the ACS URL and Entity ID into your identity provider.
2. Upload your provider's metadata XML.
3. Turn on **Just-in-time provisioning** if new users should get an account on first sign-in.

## Notes
The error "user not provisioned" means just-in-time provisioning is off and the user hasn't been invited.`,
  },
  {
    id: articleIds.invoices,
    title: "Invoices, receipts and VAT",
    tags: ["billing", "invoices"],
    public: true,
    updatedAt: "2026-02-02T11:30:00.000Z",
    body: `## Summary
Every payment produces an invoice you can download.

## Explanation
Invoices are issued on your billing date and list your plan, seats and any credit packages.

## Action steps
- Download invoices under **Settings → Billing → Invoices**.
- Add a VAT ID or change the billing address under **Settings → Billing → Details**; it applies to future invoices. Support can reissue past invoices.

## Important dates
Card payments are taken on the billing date; invoices paid by bank transfer are due in 30 days.

## Policy references
Refunds follow our terms of service, section 7.`,
  },
  {
    id: articleIds.apiLimits,
    title: "API rate limits",
    tags: ["api", "developers"],
    public: true,
    updatedAt: "2026-02-24T18:00:00.000Z",
    body: `## Overview
The REST API allows **600 requests per minute per workspace** (Enterprise: 3,000).

## Notes
- Over the limit you get \`429 Too Many Requests\` with a \`Retry-After\` header in seconds.
- Use the batch endpoint (\`POST /v2/events/batch\`, up to 500 events a call) for imports.
- Limits are per workspace, not per key: several scripts share the budget.`,
  },
  {
    id: articleIds.webhooks,
    title: "Webhooks: delivery, retries and signatures",
    tags: ["api", "webhooks", "developers"],
    public: true,
    updatedAt: "2026-03-05T14:40:00.000Z",
    body: `## Overview
Webhooks send events to your endpoint as they happen.

## Retries
A delivery that doesn't get a 2xx answer within 10 seconds is retried with backoff for 24 hours. After **50 consecutive failures** the webhook is disabled and the workspace admins get an email.

## Signatures
Each request carries \`X-Northwind-Signature\`: an HMAC-SHA256 of the raw request body with your signing secret, hex-encoded. Compute it over the raw bytes, before any JSON parsing.`,
  },
  {
    id: articleIds.personalData,
    title: "Requesting a copy or deletion of personal data",
    tags: ["privacy", "gdpr"],
    public: true,
    updatedAt: "2026-02-09T15:00:00.000Z",
    body: `## Overview
You can ask for a copy of the personal data we hold about you, or for its deletion (GDPR articles 15 and 17, CCPA).

## Steps
1. Email privacy@northwind-analytics.com or reply to any support conversation.
2. We confirm your identity from the email address on the account.
3. We answer within 30 days: a secure download link for a copy, or a confirmation of deletion.

## Notes
Deleted data is removed from backups within 35 days. Workspace admins can remove a former employee's profile themselves under **Settings → Members**.`,
  },
  {
    id: articleIds.numbersDiffer,
    title: "Why your numbers differ from Google Analytics",
    tags: ["tracking", "data-accuracy"],
    public: true,
    updatedAt: "2026-02-16T16:00:00.000Z",
    body: `## Problem
Visitors, sessions or conversions in Northwind Analytics don't match Google Analytics.

## Common causes
- Different session definitions (we end a session after 30 minutes of inactivity and at midnight in the workspace time zone).
- Bot filtering and consent: visitors who decline tracking are counted by neither or only one tool.
- The tracking snippet installed twice (for example in Google Tag Manager and in the page template), which doubles events.

## Step-by-step solution
1. Compare the same date range in the same time zone.
2. Open **Data → Live events** and load a page: each page view should appear once.
3. Differences of 5–15% are normal; larger ones usually mean a duplicate or missing snippet.`,
  },
];
