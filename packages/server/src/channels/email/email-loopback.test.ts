import { afterEach, describe, expect, it } from "vitest";
import { deliverMessage, planDelivery } from "../../core/channels/deliver-message.ts";
import { addMessage } from "../../core/tickets/ticket-use-cases.ts";
import { channelContract } from "../../testing/channel-contract.ts";
import { deskAddress, type EmailRig, startEmailRig } from "./email-test-rig.ts";
import { messageIds } from "./parse-email.ts";

let rig: EmailRig | null = null;

afterEach(async () => {
  await rig?.close();
  rig = null;
});

const allTickets = async (current: EmailRig) =>
  (await current.desk.tickets.list(current.desk.workspaceId, {}, { limit: 50 })).items;

describe("email over SMTP on loopback", () => {
  it("opens a ticket, threads the follow-up, sends the agent's reply with threading headers and threads the answer back", async () => {
    const current = await startEmailRig();
    rig = current;
    const { desk, client, sink } = current;

    await client.sendMail({
      from: "Ada Lovelace <ada@example.test>",
      to: deskAddress,
      subject: "The export is empty",
      text: "Every CSV export comes out empty since this morning.",
      messageId: "<first@example.test>",
    });
    const [ticket] = await allTickets(current);
    expect(ticket).toMatchObject({ channel: "email", subject: "The export is empty", status: "new" });
    const customer = await desk.customers.get(desk.workspaceId, ticket?.customerId ?? "");
    expect(customer).toMatchObject({ email: "ada@example.test", name: "Ada Lovelace" });

    await client.sendMail({
      from: "ada@example.test",
      to: deskAddress,
      subject: "Re: The export is empty",
      text: "Also the PDF export.\n\nOn Mon, Mar 2, 2026 at 9:00 AM Ada <ada@example.test> wrote:\n> Every CSV export",
      messageId: "<second@example.test>",
      inReplyTo: "<first@example.test>",
      references: ["<first@example.test>"],
    });
    expect(await allTickets(current)).toHaveLength(1);
    let detail = await desk.tickets.get(desk.workspaceId, ticket?.id ?? "");
    expect(detail?.messages.map((message) => message.body)).toEqual([
      "Every CSV export comes out empty since this morning.",
      "Also the PDF export.",
    ]);

    const { ticket: replied } = await addMessage(
      {
        workspaceId: desk.workspaceId,
        ticketId: ticket?.id ?? "",
        author: "agent:agent-1",
        public: true,
        body: "Thanks Ada, we **fixed** it. See [the status page](https://status.example.test).",
      },
      current.deps,
    );
    const replyId = replied.messages.at(-1)?.id ?? "";
    await planDelivery({ workspaceId: desk.workspaceId, ticketId: replied.id, messageId: replyId }, current.deps);
    const delivery = await deliverMessage({ workspaceId: desk.workspaceId, messageId: replyId }, current.deps);
    expect(delivery?.status).toBe("sent");

    expect(sink.received).toHaveLength(1);
    const sent = sink.received[0]?.mail;
    const ourId = messageIds(sent?.messageId)[0] ?? "";
    expect(ourId).toBe(delivery?.externalId);
    expect(ourId).toMatch(/@desk\.example\.test$/);
    expect(sent?.inReplyTo).toBe("<second@example.test>");
    expect(messageIds(sent?.references)).toEqual(["first@example.test", "second@example.test"]);
    expect(sent?.subject).toBe(`Re: The export is empty [#${ticket?.id}]`);
    expect(sent?.to && "value" in sent.to ? sent.to.value[0]?.address : null).toBe("ada@example.test");
    expect(sent?.text).toContain("we fixed it. See the status page (https://status.example.test)");
    expect(sent?.html).toContain("<strong>fixed</strong>");
    expect(sent?.html).toContain('<a href="https://status.example.test">the status page</a>');

    await client.sendMail({
      from: "ada@example.test",
      to: deskAddress,
      subject: sent?.subject,
      text: `Works now, thank you!\n\nOn Mon, Mar 2, 2026 Support <${deskAddress}> wrote:\n> ${sent?.text?.split("\n")[0]}`,
      messageId: "<third@example.test>",
      inReplyTo: `<${ourId}>`,
      references: ["<first@example.test>", "<second@example.test>", `<${ourId}>`],
    });
    expect(await allTickets(current)).toHaveLength(1);
    detail = await desk.tickets.get(desk.workspaceId, ticket?.id ?? "");
    expect(detail?.messages.at(-1)).toMatchObject({ author: "customer", body: "Works now, thank you!" });
  });

  it("threads by the ticket reference in the subject when a client drops the threading headers", async () => {
    const current = await startEmailRig();
    rig = current;
    await current.client.sendMail({ from: "ada@example.test", to: deskAddress, subject: "Help", text: "one" });
    const [ticket] = await allTickets(current);
    await current.client.sendMail({
      from: "ada@example.test",
      to: deskAddress,
      subject: `Re: Help [#${ticket?.id}]`,
      text: "two",
    });
    await current.client.sendMail({
      from: "eve@example.test",
      to: deskAddress,
      subject: `Re: Help [#${ticket?.id}]`,
      text: "let me in",
    });
    const tickets = await allTickets(current);
    expect(tickets).toHaveLength(2);
    const detail = await current.desk.tickets.get(current.desk.workspaceId, ticket?.id ?? "");
    expect(detail?.messages.map((message) => message.body)).toEqual(["one", "two"]);
  });

  it("makes one message of a mail delivered twice with the same Message-ID", async () => {
    const current = await startEmailRig();
    rig = current;
    const mail = {
      from: "ada@example.test",
      to: deskAddress,
      subject: "Twice",
      text: "hello",
      messageId: "<dup@example.test>",
    };
    await current.client.sendMail(mail);
    await current.client.sendMail(mail);
    const tickets = await allTickets(current);
    expect(tickets).toHaveLength(1);
    expect((await current.desk.tickets.get(current.desk.workspaceId, tickets[0]?.id ?? ""))?.messages).toHaveLength(1);
  });

  it("refuses a mail over the size limit with 552 and stores nothing", async () => {
    const current = await startEmailRig({ maxBytes: 10_000 });
    rig = current;
    await expect(
      current.client.sendMail({ from: "ada@example.test", to: deskAddress, text: "x".repeat(50_000) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await allTickets(current)).toHaveLength(0);
  });

  it("answers a temporary 451 when the message cannot be stored, so the sender tries again", async () => {
    const current = await startEmailRig({
      receive: async () => {
        throw new Error("database connection lost");
      },
    });
    rig = current;
    await expect(
      current.client.sendMail({ from: "ada@example.test", to: deskAddress, text: "hello" }),
    ).rejects.toMatchObject({ responseCode: 451 });
  });

  it("takes mail only for its configured mailboxes", async () => {
    const current = await startEmailRig({ mailboxes: [deskAddress] });
    rig = current;
    await expect(
      current.client.sendMail({ from: "ada@example.test", to: "someone-else@desk.example.test", text: "hi" }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await current.client.sendMail({ from: "ada@example.test", to: deskAddress.toUpperCase(), text: "hi" });
    expect(await allTickets(current)).toHaveLength(1);
  });

  it("turns away a sender over the rate limit with a temporary 450, and lets others through", async () => {
    const current = await startEmailRig({ rateLimit: { limit: 2, windowMs: 60_000 } });
    rig = current;
    const send = (from: string, n: number) =>
      current.client.sendMail({ from, to: deskAddress, text: `message ${n}`, messageId: `<${from}-${n}@x>` });
    await send("loop@example.test", 1);
    await send("loop@example.test", 2);
    await expect(send("loop@example.test", 3)).rejects.toMatchObject({ responseCode: 450 });
    await send("ada@example.test", 1);
    expect(await allTickets(current)).toHaveLength(3);
  });

  it("marks automatic mail on the ticket it opens", async () => {
    const current = await startEmailRig();
    rig = current;
    await current.client.sendMail({
      from: "ada@example.test",
      to: deskAddress,
      subject: "Out of office",
      text: "I am away.",
      headers: { "Auto-Submitted": "auto-replied" },
    });
    const [ticket] = await allTickets(current);
    expect(ticket?.attributes).toMatchObject({ automatic: true, provider: "smtp" });
  });
});

channelContract({
  name: "email",
  signsMessages: false,
  async start() {
    const current = await startEmailRig();
    return {
      deps: current.deps,
      workspaceId: current.desk.workspaceId,
      sender: (n) => `customer-${n}@example.test`,
      async receive(message) {
        await current.client.sendMail({
          from: message.from,
          to: deskAddress,
          subject: message.subject ?? "(no subject)",
          text: message.text,
          messageId: `<${message.id}@example.test>`,
          ...(message.inReplyTo ? { inReplyTo: `<${message.inReplyTo}>` } : {}),
        });
      },
      async sent() {
        return current.sink.received.map(({ mail }) => ({
          to: mail.to && "value" in mail.to ? (mail.to.value[0]?.address ?? "") : "",
          text: mail.text ?? "",
          replyHandle: messageIds(mail.messageId)[0] ?? "",
          // The wire ids the contract uses carry our test domain; the suite compares the bare ids.
          threading: messageIds(mail.references).map((id) => id.replace(/@example\.test$/, "")),
        }));
      },
      failNextSend: (failure) => current.sink.failNext(failure === "unavailable" ? 451 : 550),
      threadsByMessageId: true,
      close: () => current.close(),
    };
  },
});
