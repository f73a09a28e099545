import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csatReminderDelayMs } from "../../core/csat/csat.ts";
import { confirmationQuestion } from "../../core/follow-through/confirmation.ts";
import { openTicket, updateTicket } from "../../core/tickets/ticket-use-cases.ts";
import { outboxReader, recordingQueue } from "../../jobs/automation-testing.ts";
import { csatReminderDefinition, csatReplySubscriber } from "../../jobs/csat-jobs.ts";
import { followThroughSubscriber } from "../../jobs/follow-through-subscriber.ts";
import { createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { csatPageLimit } from "./csat.ts";

const day = 24 * 60 * 60 * 1000;

let desk: TestDesk;
let queue: ReturnType<typeof recordingQueue>;
let deps: TestDesk & { jobs: typeof queue; publicUrl: string };
let readOutbox: ReturnType<typeof outboxReader>;

beforeAll(async () => {
  desk = await createTestDesk();
  queue = recordingQueue();
  deps = { ...desk, jobs: queue as never, publicUrl: "https://support.example.com" } as typeof deps;
  readOutbox = outboxReader(desk);
});
afterAll(async () => desk?.close());

/** Runs the follow-through (which asks for confirmation and the survey on solve) and CSAT reply subscribers, as the relay would. */
async function relay() {
  for (const notification of await readOutbox()) {
    if (followThroughSubscriber.kinds.includes(notification.kind)) {
      await followThroughSubscriber.handle(notification, deps as never);
    }
    if (csatReplySubscriber.kinds.includes(notification.kind)) await csatReplySubscriber.handle(notification, deps);
  }
}

async function solvedTicket(
  channel: "email" | "chat",
  subject = "Export fails",
  body = "The CSV export stops at 80%.",
) {
  const ticket = await openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: `ana-${Math.random()}@example.com`, name: "Ana Lima" },
      channel,
      subject,
      message: { author: "customer", body },
      actor: "customer",
    },
    desk,
  );
  await updateTicket(
    { workspaceId: desk.workspaceId, ticketId: ticket.id, patch: { status: "solved" }, actor: "agent:a" },
    desk,
  );
  await relay();
  const solved = await desk.tickets.get(desk.workspaceId, ticket.id);
  const survey = solved?.messages.at(-1);
  const link = /https:\/\/support\.example\.com\/csat\/([A-Za-z0-9_-]+)/.exec(survey?.body ?? "");
  return { ticketId: ticket.id, survey, token: link?.[1] ?? "" };
}

const form = (fields: Record<string, string>) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  payload: new URLSearchParams(fields).toString(),
});

describe("the CSAT survey", () => {
  it("is sent once when a ticket is solved, in the message asking for confirmation, and a reminder is scheduled", async () => {
    const { ticketId, survey, token } = await solvedTicket("email");
    expect(survey).toMatchObject({ author: "system", public: true });
    expect(survey?.body.startsWith(confirmationQuestion(null, 72))).toBe(true);
    expect(token).toHaveLength(43);
    const reminders = queue.take("csat-reminder");
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.options.runAt?.getTime()).toBe(desk.clock.now().getTime() + csatReminderDelayMs);

    // Solved again after a reopen: still one survey per ticket.
    await updateTicket({ workspaceId: desk.workspaceId, ticketId, patch: { status: "open" }, actor: "agent:a" }, desk);
    await updateTicket(
      { workspaceId: desk.workspaceId, ticketId, patch: { status: "solved" }, actor: "agent:a" },
      desk,
    );
    await relay();
    const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(ticket?.messages.filter((message) => message.body.includes("/csat/"))).toHaveLength(1);
    expect(queue.take("csat-reminder")).toHaveLength(0);
  });

  it("is not sent where the workspace turned it off", async () => {
    await desk.addWorkspace("quiet");
    await desk.workspaces.updateSettings("quiet", { csat: { sendOnSolve: false } });
    const ticket = await openTicket(
      {
        workspaceId: "quiet",
        customer: { email: "bo@example.com", name: "Bo" },
        channel: "email",
        message: { author: "customer", body: "Help" },
        actor: "customer",
      },
      desk,
    );
    await updateTicket(
      { workspaceId: "quiet", ticketId: ticket.id, patch: { status: "solved" }, actor: "agent:a" },
      desk,
    );
    await relay();
    // Only the confirmation question went out, without a survey.
    const messages = (await desk.tickets.get("quiet", ticket.id))?.messages ?? [];
    expect(messages.map((message) => message.body.includes("/csat/"))).toEqual([false, false]);
    expect(await desk.csat.get("quiet", ticket.id)).toBeNull();
  });

  it("shows the five choices on GET without recording anything, so link scanners cast no vote", async () => {
    const { ticketId, token } = await solvedTicket("email");
    const app = await desk.app();
    const page = await app.inject({ method: "GET", url: `/csat/${token}?score=4` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body.match(/type="radio"/g)).toHaveLength(5);
    expect(page.body).toMatch(/value="4" checked/);
    expect(page.body).not.toMatch(/value="3" checked/);
    expect(page.body).toContain(`action="/csat/${token}"`);
    expect(page.body).not.toContain("<script");
    const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(ticket?.csat).toBeNull();
    expect(ticket?.events.some((event) => event.type === "csat_received")).toBe(false);
  });

  it("records the score and comment from the page's POST, on the ticket with an event", async () => {
    const { ticketId, token } = await solvedTicket("email");
    const app = await desk.app();
    const answered = await app.inject({
      method: "POST",
      url: `/csat/${token}`,
      ...form({ score: "4", comment: "Quick & kind" }),
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain("score of 4");
    const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(ticket?.csat).toMatchObject({ score: 4, comment: "Quick & kind" });
    expect(ticket?.events.filter((event) => event.type === "csat_received")).toEqual([
      expect.objectContaining({ from: null, to: "4", actor: "customer" }),
    ]);
  });

  it("lets the customer change the answer for 7 days, keeping one answer per ticket", async () => {
    const { ticketId, token } = await solvedTicket("email");
    const app = await desk.app();
    await app.inject({ method: "POST", url: `/csat/${token}`, ...form({ score: "2" }) });
    const again = await app.inject({ method: "GET", url: `/csat/${token}` });
    expect(again.body).toMatch(/value="2" checked/);
    expect(again.body).toContain("You answered 2");

    desk.clock.advance(6 * day);
    await app.inject({ method: "POST", url: `/csat/${token}`, ...form({ score: "5", comment: "Fixed for good" }) });
    const ticket = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(ticket?.csat).toMatchObject({ score: 5, comment: "Fixed for good" });
    expect(
      ticket?.events.filter((event) => event.type === "csat_received").map((event) => [event.from, event.to]),
    ).toEqual([
      [null, "2"],
      ["2", "5"],
    ]);

    desk.clock.advance(2 * day);
    const late = await app.inject({ method: "POST", url: `/csat/${token}`, ...form({ score: "1" }) });
    expect(late.statusCode).toBe(410);
    expect((await desk.tickets.get(desk.workspaceId, ticketId))?.csat?.score).toBe(5);
  });

  it("answers an unknown link with a page saying so, and a form without a score with the choices again", async () => {
    const app = await desk.app();
    const unknown = await app.inject({ method: "GET", url: `/csat/${"x".repeat(43)}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("not valid");
    const { ticketId, token } = await solvedTicket("email");
    const missing = await app.inject({
      method: "POST",
      url: `/csat/${token}`,
      ...form({ score: "9", comment: "<b>hi</b>" }),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain("Please choose a score from 1 to 5.");
    expect(missing.body).toContain("&lt;b&gt;hi&lt;/b&gt;");
    expect((await desk.tickets.get(desk.workspaceId, ticketId))?.csat).toBeNull();
  });

  it("escapes the ticket's subject on the page", async () => {
    const { token } = await solvedTicket("email", `<script>alert("x")</script>`);
    const app = await desk.app();
    const page = await app.inject({ method: "GET", url: `/csat/${token}` });
    expect(page.body).not.toContain("<script>");
    expect(page.body).toContain("&lt;script&gt;");
  });

  it("sends one reminder if unanswered, and none once answered", async () => {
    queue.take("csat-reminder");
    const unanswered = await solvedTicket("email");
    const [reminder] = queue.take("csat-reminder");
    const answered = await solvedTicket("email");
    const [answeredReminder] = queue.take("csat-reminder");
    const app = await desk.app();
    await app.inject({ method: "POST", url: `/csat/${answered.token}`, ...form({ score: "5" }) });

    desk.clock.advance(csatReminderDelayMs);
    await csatReminderDefinition.handle(reminder?.payload as never, deps);
    await csatReminderDefinition.handle(reminder?.payload as never, deps);
    await csatReminderDefinition.handle(answeredReminder?.payload as never, deps);

    const reminded = await desk.tickets.get(desk.workspaceId, unanswered.ticketId);
    expect(reminded?.messages.filter((message) => /reminder/i.test(message.body))).toHaveLength(1);
    const notReminded = await desk.tickets.get(desk.workspaceId, answered.ticketId);
    expect(notReminded?.messages.some((message) => /reminder/i.test(message.body))).toBe(false);
  });

  it("records a chat customer's bare digit right after the survey, and ignores other replies", async () => {
    const { ticketId, survey } = await solvedTicket("chat");
    expect(survey?.body).toMatch(/Reply with a single number/);
    await desk.tickets.change(desk.workspaceId, ticketId, () => ({
      at: desk.clock.now(),
      fields: {},
      events: [],
      message: { author: "customer", public: true, body: "4" },
    }));
    await relay();
    expect((await desk.tickets.get(desk.workspaceId, ticketId))?.csat).toMatchObject({ score: 4, comment: null });

    const other = await solvedTicket("chat");
    await desk.tickets.change(desk.workspaceId, other.ticketId, () => ({
      at: desk.clock.now(),
      fields: {},
      events: [],
      message: { author: "customer", public: true, body: "I'd give it 4 but it crashed again" },
    }));
    await desk.tickets.change(desk.workspaceId, other.ticketId, () => ({
      at: desk.clock.now(),
      fields: {},
      events: [],
      message: { author: "customer", public: true, body: "3" },
    }));
    await relay();
    expect((await desk.tickets.get(desk.workspaceId, other.ticketId))?.csat).toBeNull();
  });

  it("limits how often one address may load or post survey pages", async () => {
    const app = await desk.app();
    // Its own address: on Postgres the counters are shared, so the other tests' pages count too.
    const remoteAddress = "203.0.113.87";
    const statuses: number[] = [];
    for (let request = 0; request <= csatPageLimit.max; request += 1) {
      statuses.push((await app.inject({ method: "GET", url: `/csat/${"y".repeat(43)}`, remoteAddress })).statusCode);
    }
    expect(statuses.slice(0, csatPageLimit.max).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("sends a Chinese ticket its survey in Chinese on its channel, and the page answers in Chinese", async () => {
    const chinese = "导出CSV的时候总是停在80%，请帮忙看看。";
    const { ticketId, survey, token } = await solvedTicket("email", "导出失败", chinese);
    expect(survey?.body.startsWith(confirmationQuestion("zh", 72))).toBe(true);
    expect(survey?.body).toContain("您对我们提供的帮助满意吗？");
    expect(survey?.body).toContain(`5 (非常满意): https://support.example.com/csat/${token}?score=5`);

    const app = await desk.app();
    // Its own address: the other tests spend the survey pages' per-address budget.
    const remoteAddress = "203.0.113.86";
    const page = await app.inject({ method: "GET", url: `/csat/${token}?score=5`, remoteAddress });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="zh">');
    expect(page.body).toContain("您的请求");
    expect(page.body).toContain("非常不满意");
    expect(page.body).toContain(">提交</button>");
    expect(page.body).not.toContain("How did we do?");
    expect((await desk.tickets.get(desk.workspaceId, ticketId))?.csat).toBeNull();

    const empty = await app.inject({ method: "POST", url: `/csat/${token}`, ...form({ comment: "" }), remoteAddress });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("请选择 1 到 5 分。");
    const answered = await app.inject({
      method: "POST",
      url: `/csat/${token}`,
      ...form({ score: "5" }),
      remoteAddress,
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain("我们已记录您的评分：5 分（非常满意）");

    const chat = await solvedTicket("chat", "导出失败", chinese);
    expect(chat.survey?.body).toContain("请直接回复一个数字");
    expect(chat.survey?.body).not.toContain("Reply with a single number");
  });

  it("reminds in the survey's language", async () => {
    queue.take("csat-reminder");
    const { ticketId } = await solvedTicket(
      "email",
      "Export",
      "Der CSV-Export bricht immer bei 80 % ab, können Sie helfen?",
    );
    const [reminder] = queue.take("csat-reminder");
    desk.clock.advance(csatReminderDelayMs);
    await csatReminderDefinition.handle(reminder?.payload as never, deps);
    const reminded = await desk.tickets.get(desk.workspaceId, ticketId);
    expect(reminded?.messages.at(-1)?.body).toMatch(/^Eine kurze Erinnerung/);
    expect(reminded?.messages.at(-1)?.body).toContain("Sehr zufrieden");
  });

  it("falls back to the workspace's default language when the customer's words do not tell", async () => {
    await desk.workspaces.updateSettings(desk.workspaceId, { language: "fr" });
    try {
      const { survey } = await solvedTicket("email", "Export", "👍");
      expect(survey?.body).toContain("Êtes-vous satisfait de l'aide que vous avez reçue ?");
    } finally {
      await desk.workspaces.updateSettings(desk.workspaceId, { language: "en" });
    }
  });
});
