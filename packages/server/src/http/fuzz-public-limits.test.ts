import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEmail } from "../channels/email/parse-email.ts";
import { receiveMessage } from "../core/channels/receive-message.ts";
import { hashSurveyToken, newSurveyToken } from "../core/csat/csat.ts";
import { openTicket } from "../core/tickets/ticket-use-cases.ts";
import { apiClient, createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { countRows } from "../testing/fuzz/row-counts.ts";
import { webhookBodyLimitBytes } from "./routes/channel-webhooks.ts";
import { contactLimit } from "./routes/help-center.ts";
import { publicBodyLimitBytes, publicLimits } from "./routes/public-limits.ts";
import { signInLimit } from "./routes/session.ts";

let desk: TestDesk;
let app: FastifyInstance;
let addressNumber = 0;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
});
afterAll(() => desk?.close());

/** A network address no other test used. */
const freshAddress = () => {
  addressNumber += 1;
  return `198.51.${Math.floor(addressNumber / 250)}.${(addressNumber % 250) + 1}`;
};

async function openSurvey(): Promise<string> {
  const ticket = await openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: `survey-${newSurveyToken().slice(0, 8)}@example.com` },
      channel: "email",
      subject: "Export fails",
      message: { author: "customer", body: "The export stops." },
      actor: "customer",
    },
    desk,
  );
  const token = newSurveyToken();
  await desk.csat.create({
    workspaceId: desk.workspaceId,
    ticketId: ticket.id,
    sentAt: desk.clock.now(),
    messageId: null,
    closesAt: new Date(desk.clock.now().getTime() + 7 * 24 * 60 * 60 * 1000),
    tokenHash: hashSurveyToken(token),
  });
  return token;
}

/** Sends `count` requests and returns the last answer. */
async function repeat(count: number, send: (index: number) => Promise<Answer>) {
  let last = await send(0);
  for (let index = 1; index < count; index++) last = await send(index);
  return last;
}

/** The wait is the time left in the window, which a slow machine has already eaten into. */
const whenToRetry = /: wait \d+ (seconds?|minutes?) and try again\.$/;

type Answer = Awaited<ReturnType<FastifyInstance["inject"]>>;

function expectTooMany(response: Answer, when: RegExp) {
  expect(response.statusCode).toBe(429);
  expect(response.json()).toMatchObject({ code: "rate_limited", message: expect.stringMatching(when) });
  expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
}

describe("rate limits on the public endpoints", () => {
  it("the widget socket refuses an address that opens too many, with when to retry, and serves others", async () => {
    const address = freshAddress();
    const open = () => app.inject({ method: "GET", url: "/widget/socket?workspace=default", remoteAddress: address });
    const withinLimit = await repeat(publicLimits.widgetSocket.max, open);
    expect(withinLimit.statusCode).toBe(400);
    expect(withinLimit.json().message).toMatch(/WebSocket/);
    expectTooMany(await open(), whenToRetry);
    const other = await app.inject({
      method: "GET",
      url: "/widget/socket?workspace=default",
      remoteAddress: freshAddress(),
    });
    expect(other.statusCode).toBe(400);
  });

  it("the widget script is limited per address", async () => {
    const address = freshAddress();
    const load = () => app.inject({ method: "GET", url: "/widget.js", remoteAddress: address });
    expect((await repeat(publicLimits.widgetScript.max, load)).statusCode).toBe(200);
    expectTooMany(await load(), whenToRetry);
  });

  it("help center pages are limited per address, and the contact form more tightly", async () => {
    const address = freshAddress();
    const page = (index: number) =>
      app.inject({ method: "GET", url: index % 2 ? "/help" : "/help/search?q=export", remoteAddress: address });
    expect((await repeat(publicLimits.helpCenterPage.max, page)).statusCode).toBe(200);
    expectTooMany(await page(0), whenToRetry);
    expect((await app.inject({ method: "GET", url: "/help", remoteAddress: freshAddress() })).statusCode).toBe(200);

    const formAddress = freshAddress();
    const before = await countRows(desk.database.db);
    const post = () =>
      app.inject({
        method: "POST",
        url: "/help/contact",
        remoteAddress: formAddress,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "name=&email=&message=",
      });
    expect((await repeat(contactLimit.max, post)).statusCode).toBe(400);
    expectTooMany(await post(), whenToRetry);
    expect(await countRows(desk.database.db)).toEqual(before);
  });

  it("a survey link is limited across all addresses, on top of the limit per address", async () => {
    const token = await openSurvey();
    const view = () => app.inject({ method: "GET", url: `/csat/${token}`, remoteAddress: freshAddress() });
    expect((await repeat(publicLimits.surveyLink.max, view)).statusCode).toBe(200);
    expectTooMany(await view(), /survey link was used too often: wait \d+ minutes? and try again/);
    const answer = await app.inject({
      method: "POST",
      url: `/csat/${token}`,
      remoteAddress: freshAddress(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "score=1",
    });
    expect(answer.statusCode).toBe(429);
    expect((await desk.csat.findByToken(hashSurveyToken(token)))?.current).toBeNull();
    // Another link is untouched by this one's limit.
    const other = await openSurvey();
    expect((await app.inject({ method: "GET", url: `/csat/${other}`, remoteAddress: freshAddress() })).statusCode).toBe(
      200,
    );
  });

  it("sign-in attempts are limited per address", async () => {
    const address = freshAddress();
    const attempt = () =>
      app.inject({
        method: "POST",
        url: "/api/v1/session",
        remoteAddress: address,
        headers: { "content-type": "application/json", origin: "http://localhost:80" },
        payload: { email: "nobody@example.com", password: "guess" },
      });
    await repeat(signInLimit.max, attempt);
    expectTooMany(await attempt(), whenToRetry);
  });
});

describe("request size limits on the public endpoints", () => {
  const tooLarge = async (url: string, bytes: number, contentType: string, limit: string) => {
    const before = await countRows(desk.database.db);
    const response = await app.inject({
      method: "POST",
      url,
      remoteAddress: freshAddress(),
      headers: { "content-type": contentType },
      payload: Buffer.alloc(bytes, "a"),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({
      code: "too_large",
      message: `The request body is too large: this address accepts at most ${limit}.`,
    });
    expect(await countRows(desk.database.db)).toEqual(before);
  };

  it("refuse a contact form, a survey answer and a sign-in far larger than their fields allow", async () => {
    await tooLarge(
      "/help/contact",
      publicBodyLimitBytes.contactForm + 1,
      "application/x-www-form-urlencoded",
      "256 KB",
    );
    const token = await openSurvey();
    await tooLarge(
      `/csat/${token}`,
      publicBodyLimitBytes.surveyAnswer + 1,
      "application/x-www-form-urlencoded",
      "64 KB",
    );
    await tooLarge("/api/v1/session", publicBodyLimitBytes.signIn + 1, "application/json", "16 KB");
    await tooLarge("/api/v1/session/first-admin", publicBodyLimitBytes.signIn + 1, "application/json", "16 KB");
  });

  it("refuse a provider webhook over its limit, before looking at the account", async () => {
    await tooLarge("/api/v1/channels/ch_nobody/webhook", webhookBodyLimitBytes + 1, "application/json", "1 MB");
  });

  it("leave room for what the forms really take", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/help/contact",
      remoteAddress: freshAddress(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({
        name: "Ana",
        email: "ana@example.com",
        message: "ü".repeat(20_000),
      }).toString(),
    });
    expect(response.statusCode).toBe(303);
  });
});

describe("attachments from mail", () => {
  const boundary = "limit-boundary";
  const part = (filename: string, type: string, content: Buffer) =>
    [
      `--${boundary}`,
      `Content-Type: ${type}; name="${filename}"`,
      `Content-Disposition: attachment; filename="${filename}"`,
      "Content-Transfer-Encoding: base64",
      "",
      content.toString("base64"),
    ].join("\r\n");
  const mail = Buffer.from(
    [
      "From: Ana <ana@example.com>",
      "To: support@example.com",
      "Subject: Files",
      "Message-ID: <files@example.com>",
      "MIME-Version: 1.0",
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      "",
      `--${boundary}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Here are the files.",
      part("setup.exe", "application/x-msdownload", Buffer.from("MZ\u0090\u0000executable")),
      part("invoice.html", "text/html", Buffer.from("<script>alert(1)</script>")),
      part("huge.bin", "application/octet-stream", Buffer.alloc(4096, 1)),
      `--${boundary}--`,
      "",
    ].join("\r\n"),
  );

  it("keep executables and pages only as downloads that never run or render, and name the one over the size limit", async () => {
    const message = await parseEmail(mail, { provider: "smtp", receivedAt: desk.clock.now() });
    const received = await receiveMessage(
      { workspaceId: desk.workspaceId, message },
      { ...desk, attachmentLimitBytes: 1024 },
    );
    const agent = apiClient(app, await desk.issueToken("agent"));
    const listed = await agent.get(`/tickets/${received.ticketId}/attachments`);
    expect(listed.body.attachments.map((file: { filename: string }) => file.filename)).toEqual([
      "setup.exe",
      "invoice.html",
    ]);
    const ticket = await agent.get(`/tickets/${received.ticketId}`);
    expect(ticket.body.messages[0].body).toMatch(
      /\[Attachment "huge\.bin" \(.+\) was not kept: it is over the .+ limit\.\]/,
    );

    for (const file of listed.body.attachments as Array<{ url: string }>) {
      const download = await agent.get(file.url);
      expect(download.status).toBe(200);
      expect(download.headers["content-type"]).toBe("application/octet-stream");
      expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
      expect(download.headers["x-content-type-options"]).toBe("nosniff");
      expect(download.headers["content-security-policy"]).toContain("sandbox");
    }
  });
});
