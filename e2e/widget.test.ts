import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUserId } from "../packages/server/src/channels/chat/identity.ts";
import { connectSocket, type SocketClient } from "../packages/server/src/channels/chat/socket-test-client.ts";
import { chromiumPath } from "./desk-process.ts";
import { startWidgetDesk, type WidgetDesk } from "./widget-desk.ts";

// The widget as a customer meets it: a page on another origin with one script tag, a chat, the
// agent's reply (posted through the API) arriving live, and the history after a reload.

const workspaceId = "default";
let desk: WidgetDesk;
let deskAddress: string;
let hostPage: Server;
let hostAddress: string;
let browser: Browser;
let page: Page;
let token: string;
let agentLive: SocketClient;

beforeAll(async () => {
  desk = await startWidgetDesk();
  deskAddress = desk.address;
  token = desk.adminToken;
  // Someone of the team has the web app open: the widget shows the desk as online.
  agentLive = await connectSocket(`${deskAddress.replace(/^http/, "ws")}/api/v1/live?access_token=${token}`);
  await agentLive.next("ready");

  // The host app: signed-in users come with the identity its server signed (?user=…&signature=…).
  hostPage = createServer((request, response) => {
    const query = new URL(request.url ?? "/", "http://host").searchParams;
    const user = query.get("user");
    const settings = user
      ? `<script>window.ResponderSettings = ${JSON.stringify({ user: { userId: user, name: "Ada", signature: query.get("signature") } })};</script>`
      : "";
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(
      `<!doctype html><html lang="en"><head><title>Acme</title></head><body><h1>Acme app</h1>${settings}` +
        `<script src="${deskAddress}/widget.js" data-workspace="${workspaceId}" async></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => hostPage.listen(0, "127.0.0.1", resolve));
  hostAddress = `http://127.0.0.1:${(hostPage.address() as AddressInfo).port}`;

  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await agentLive?.close();
  await new Promise((resolve) => hostPage?.close(resolve));
  await desk?.stop();
});

async function api(method: "GET" | "POST", url: string, body?: unknown) {
  const response = await fetch(`${deskAddress}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status, `${method} ${url}`).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: the test reads what the API answered
  return (await response.json()) as any;
}

async function postReply(ticketId: string, body: string) {
  await api("POST", `/tickets/${ticketId}/messages`, { author: "agent", public: true, body });
}

describe("the chat widget on a customer's page", () => {
  let ticketId = "";

  it("opens from the launcher and sends the visitor's message into a chat ticket", async () => {
    await page.goto(hostAddress);
    const launcher = page.getByRole("button", { name: "Open chat with support" });
    await launcher.click();
    const input = page.getByLabel("Your message");
    await expect
      .poll(() =>
        input.evaluate((element) => element === (element.getRootNode() as Document | ShadowRoot).activeElement),
      )
      .toBe(true);
    await input.fill("Hi, my invoice shows the wrong amount");
    await input.press("Enter");
    await page.locator("li.visitor:not(.pending)", { hasText: "wrong amount" }).waitFor();

    const tickets = await api("GET", "/tickets?channel=chat");
    expect(tickets.tickets).toHaveLength(1);
    ticketId = tickets.tickets[0].id;
    const ticket = await api("GET", `/tickets/${ticketId}`);
    expect(ticket.messages.map((message: { body: string }) => message.body)).toEqual([
      "Hi, my invoice shows the wrong amount",
    ]);
  });

  it("shows the agent typing and then the agent's reply, live", async () => {
    agentLive.send({ type: "typing", ticketId, typing: true });
    await page.getByText("Support is typing…").waitFor();
    await postReply(ticketId, "Sorry about that: I have corrected the invoice.");
    await page.locator("li.agent", { hasText: "corrected the invoice" }).waitFor();
  });

  it("keeps the conversation after a reload", async () => {
    await page.reload();
    await page.getByRole("button", { name: "Open chat with support" }).click();
    const log = page.getByRole("log", { name: "Conversation" });
    await log.locator("li.agent", { hasText: "corrected the invoice" }).waitFor();
    expect(await log.locator("li").allTextContents()).toEqual([
      "Hi, my invoice shows the wrong amount",
      "Sorry about that: I have corrected the invoice.",
    ]);
  });

  it("closes with Escape and gives the focus back to the launcher", async () => {
    await page.getByLabel("Your message").press("Escape");
    await expect.poll(() => page.getByRole("dialog", { name: "Chat with support" }).isVisible()).toBe(false);
    const launcher = page.getByRole("button", { name: "Open chat with support" });
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    await expect
      .poll(() =>
        launcher.evaluate((element) => element === (element.getRootNode() as Document | ShadowRoot).activeElement),
      )
      .toBe(true);
  });
});

describe("the widget inside a host app that identifies its users", () => {
  async function chatLog(url: string) {
    const context = await browser.newContext();
    const devicePage = await context.newPage();
    devicePage.setDefaultTimeout(15_000);
    await devicePage.goto(url);
    await devicePage.getByRole("button", { name: "Open chat with support" }).click();
    return { context, page: devicePage, log: devicePage.getByRole("log", { name: "Conversation" }) };
  }

  it("shows a signed-in user their history on another device, and a forged identity nothing", async () => {
    const { identitySecret: secret } = await api("GET", "/widget/settings");
    const signed = `${hostAddress}/?user=user-77&signature=${signUserId(secret, "user-77")}`;

    const phone = await chatLog(signed);
    await phone.page.getByLabel("Your message").fill("My subscription renewal failed");
    await phone.page.getByLabel("Your message").press("Enter");
    await phone.log.locator("li.visitor:not(.pending)", { hasText: "renewal failed" }).waitFor();
    await phone.context.close();

    const laptop = await chatLog(signed);
    await laptop.log.locator("li.visitor", { hasText: "renewal failed" }).waitFor();
    await laptop.context.close();

    const forger = await chatLog(`${hostAddress}/?user=user-77&signature=${"0".repeat(64)}`);
    await forger.page.getByText("We are online").waitFor();
    expect(await forger.log.locator("li").count()).toBe(0);
    await forger.context.close();
  });
});
