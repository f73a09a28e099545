import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, type RunningDesk, requireBrowserAndBuild, startDesk } from "./desk-process.ts";

let desk: RunningDesk;
let browser: Browser;
let page: Page;
const customerEmail = `journey-${Date.now()}@example.test`;
let articlePath = "/articles";
let originalBody = "";
// Set SCREENSHOT_DIR to keep a picture of each screen the journey passes.
const screenshotDir = process.env.SCREENSHOT_DIR;

async function snapshot(name: string) {
  if (screenshotDir) await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}

beforeAll(async () => {
  requireBrowserAndBuild();
  [desk, browser] = await Promise.all([
    startDesk(),
    chromium.launch({ executablePath: chromiumPath, args: ["--headless", "--no-sandbox", "--disable-gpu"] }),
  ]);
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

describe("an agent's first day", () => {
  it("finds public articles in the help center and opens a ticket with its contact form", async () => {
    await page.goto(`${desk.address}/help`);
    const articles = page.locator("ul.articles li");
    expect(await articles.count()).toBeGreaterThan(0);
    await articles.first().locator("a").click();
    await expect.poll(() => page.locator("article h1").count()).toBe(1);

    await page.getByLabel("Your name").fill("Journey Customer");
    await page.getByLabel("Your email").fill(customerEmail);
    await page.getByLabel("Subject").fill("Cannot export my invoices");
    await page.getByLabel("How can we help?").fill("Hello, the export of my invoices fails every time. Can you help?");
    await snapshot("help-center-article");
    await page.getByRole("button", { name: "Send" }).click();
    await page.getByRole("status").filter({ hasText: "we got your message" }).waitFor();
  });

  it("creates the first admin and lands in the inbox", async () => {
    await page.goto(desk.address);
    await page.getByRole("heading", { name: "Create the first admin" }).waitFor();
    await snapshot("first-admin");
    await page.getByLabel("Name").fill("Ada Admin");
    await page.getByLabel("Email").fill("ada@example.test");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Create admin and sign in" }).click();
    await page.locator("table.tickets tbody tr").first().waitFor();
    expect(await page.locator("table.tickets tbody tr").count()).toBeGreaterThan(1);
    await snapshot("inbox");
  });

  it("signs out and back in with the new password", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await snapshot("sign-in");
    await page.getByLabel("Email").fill("ada@example.test");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("table.tickets tbody tr").first().waitFor();
  });

  it("works the help-center ticket to solved with the responder's draft", async () => {
    await page.getByLabel("Search tickets and customers").fill(customerEmail);
    await page.keyboard.press("Enter");
    await page
      .getByRole("link", { name: /Cannot export my invoices/ })
      .first()
      .click();
    await page.getByRole("heading", { name: "Cannot export my invoices" }).waitFor();

    const draft = page.getByLabel("Drafted reply");
    await draft.waitFor();
    const drafted = (await draft.textContent()) ?? "";
    expect(drafted).toContain("Journey");
    await snapshot("ticket-with-draft");
    await page.getByRole("button", { name: "Accept draft" }).click();
    expect(await page.getByLabel("Reply to the customer").inputValue()).toBe(drafted);

    await page.getByRole("button", { name: "Send reply" }).click();
    await page.getByRole("status").filter({ hasText: "Reply sent." }).waitFor();
    await expect.poll(() => page.locator(".message.agent").count()).toBe(1);

    await page.getByRole("button", { name: /^Solve/ }).click();
    await page.locator("header .status").filter({ hasText: "Solved" }).waitFor();
    await snapshot("ticket-solved");
  });

  it("moves through the inbox with the keyboard and escalates a ticket with e", async () => {
    await page.getByRole("link", { name: "Unassigned" }).click();
    await page.getByRole("heading", { name: "Unassigned" }).waitFor();
    await page.locator("table.tickets tbody tr").nth(1).waitFor();
    await page.keyboard.press("j");
    const chosen = (await page.locator("table.tickets tr.current td.subject a").textContent()) ?? "";
    expect(chosen).toBe(await page.locator("table.tickets tbody tr").nth(1).locator("td.subject a").textContent());
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: chosen }).waitFor();
    await page.keyboard.press("e");
    await page.getByLabel("Team").selectOption({ index: 1 });
    await page.getByLabel("Why?").fill("The customer needs an engineer to look at the logs");
    await page.keyboard.press("Enter");
    await page.locator("header .status").filter({ hasText: "Escalated" }).waitFor();
    await snapshot("ticket-escalated");
  });

  it("shows email HTML as text, with no script run and no remote image loaded", async () => {
    // Written the way an email channel records raw HTML: as the customer's message on an open ticket.
    const remoteRequests: string[] = [];
    page.on("request", (request) => {
      if (!request.url().startsWith(desk.address)) remoteRequests.push(request.url());
    });
    const body =
      '<p>Hi <b>team</b></p><script>window.__ran = true</script><img src="https://tracker.example/pixel.gif" onerror="window.__ran = true">';
    const ticketId = await page.evaluate(async (html) => {
      const response = await fetch("/api/v1/tickets", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          customer: { email: "html@example.test" },
          channel: "email",
          subject: "HTML mail",
          message: { body: html },
        }),
      });
      return ((await response.json()) as { id: string }).id;
    }, body);
    await page.goto(`${desk.address}/tickets/${ticketId}`);
    const message = page.locator(".message.customer .body").first();
    await message.waitFor();
    expect(await message.textContent()).toContain("Hi team");
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    expect(await page.locator(".message img, .message script").count()).toBe(0);
    expect(remoteRequests).toEqual([]);
    await snapshot("email-html-as-text");
  });

  it("edits a public article and the help center shows the change", async () => {
    await page.getByRole("link", { name: "Knowledge base" }).click();
    await page.getByRole("heading", { name: "Knowledge base" }).waitFor();
    await page.getByLabel("Search articles").fill("export");
    await page.keyboard.press("Enter");
    await page.locator(".article-item a").first().click();
    const title = page.getByLabel("Title");
    await title.waitFor();
    const edited = `${await title.inputValue()} (edited)`;
    await title.fill(edited);
    originalBody = await page.getByLabel("Body (markdown)").inputValue();
    await page
      .getByLabel("Body (markdown)")
      .fill(`${originalBody}\n\n## Still stuck?\n\nWrite to **support** <script>window.__ran = true</script>`);
    const preview = page.getByRole("region", { name: "Preview" });
    await preview.locator("h3", { hasText: "Still stuck?" }).waitFor();
    expect(await preview.locator("strong", { hasText: "support" }).count()).toBe(1);
    expect(await preview.locator("script").count()).toBe(0);
    expect(await preview.textContent()).toContain("<script>window.__ran = true</script>");
    await page.getByLabel("Show in the public help center").check();
    await page.getByRole("button", { name: "Save article" }).click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    await snapshot("knowledge-base");
    articlePath = new URL(page.url()).pathname;
    const href = await page.getByRole("link", { name: /View in the help center/ }).getAttribute("href");
    await page.goto(`${desk.address}${href}`);
    expect(await page.locator("article h1").textContent()).toBe(edited);
    await page.goto(`${desk.address}/articles`);
  });

  it("views the article's version from before the edit and restores it", async () => {
    await page.goto(`${desk.address}${articlePath}`);
    const versions = page.getByRole("region", { name: "Versions" });
    await versions
      .getByRole("button", { name: /^View version/ })
      .nth(1)
      .waitFor();
    const listed = await versions.getByRole("button", { name: /^View version/ }).allTextContents();
    const before = listed[1] ?? "";
    const beforeNumber = before.replace("Version ", "");
    await versions.getByRole("button", { name: `View version ${beforeNumber}` }).click();
    await versions.getByRole("region", { name: `Version ${beforeNumber}` }).waitFor();
    await snapshot("knowledge-base-versions");
    await versions.getByRole("button", { name: `Restore version ${beforeNumber}` }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Version ${beforeNumber} restored` })
      .waitFor();
    expect(await page.getByLabel("Body (markdown)").inputValue()).toBe(originalBody);
    await expect.poll(() => versions.getByRole("button", { name: /^View version/ }).count()).toBe(listed.length + 1);
  });

  it("reviews an article the desk proposed and publishes it", async () => {
    await page.goto(`${desk.address}/articles`);
    const proposals = page.getByRole("region", { name: "Proposed articles" });
    await proposals.getByRole("button", { name: "Find topics without an article" }).click();
    await proposals
      .getByRole("status")
      .filter({ hasText: /^\d+ new proposals? to review\.$/ })
      .waitFor();
    await proposals.getByRole("link").first().waitFor();
    const listed = await proposals.getByRole("link").allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    const first = { title: listed[0] ?? "" };
    await proposals.getByRole("link", { name: first.title, exact: true }).click();
    const review = page.getByRole("form", { name: "Review proposed article" });
    await review.getByRole("region", { name: "Preview" }).locator("h2").first().waitFor();
    await snapshot("knowledge-base-proposal");
    const published = `${first.title} (reviewed)`;
    await review.getByLabel("Title").fill(published);
    await review.getByRole("button", { name: "Publish as article" }).click();
    await page.waitForURL(/\/articles\/[^/?]+$/);
    await expect.poll(() => page.getByLabel("Title").inputValue()).toBe(published);
    await expect.poll(() => proposals.getByRole("link", { name: first.title, exact: true }).count()).toBe(0);
  });

  it("opens the monthly report", async () => {
    await page.getByRole("link", { name: "Reports" }).click();
    await page.getByRole("heading", { name: "Monthly report" }).waitFor();
    await page.locator("table.metrics").first().waitFor();
    expect(await page.getByRole("link", { name: "Download CSV" }).getAttribute("href")).toContain("format=csv");
    await snapshot("report");

    await page.getByRole("link", { name: /^email: \d+, show the tickets/ }).click();
    await page.getByRole("heading", { name: /^Tickets by email in \d{4}-\d{2}$/ }).waitFor();
    await page.locator("table.tickets tbody tr").first().waitFor();
    const channels = await page.locator("table.tickets tbody tr td:nth-child(2)").allTextContents();
    expect(channels.length).toBeGreaterThan(0);
    expect(new Set(channels)).toEqual(new Set(["email"]));
    await snapshot("report-drill-down");
  });
});
