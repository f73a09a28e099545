import { describe, expect, it } from "vitest";
import { type AffectedTicket, ticketPerCustomer } from "./broadcast.ts";
import { draftBroadcastMessage } from "./broadcast-message.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));

describe("ticketPerCustomer", () => {
  it("picks each customer once: their newest ticket still open, else their newest", () => {
    const tickets: AffectedTicket[] = [
      { id: "t1", customerId: "ana", channel: "email", status: "open", createdAt: at(1) },
      { id: "t2", customerId: "mei", channel: "chat", status: "closed", createdAt: at(2) },
      { id: "t3", customerId: "ana", channel: "email", status: "pending", createdAt: at(3) },
      { id: "t4", customerId: "ana", channel: "social", status: "closed", createdAt: at(4) },
      { id: "t5", customerId: "mei", channel: "chat", status: "closed", createdAt: at(5) },
    ];
    expect(ticketPerCustomer(tickets).map((ticket) => ticket.id)).toEqual(["t3", "t5"]);
  });
});

describe("draftBroadcastMessage", () => {
  const issue = { id: "ki_1", title: "Exports stall", workaround: "Export one month at a time. Then merge the files." };

  it("writes a personal email in the customer's language, naming the fix and the workaround no longer needed", () => {
    const message = draftBroadcastMessage({
      customerName: "Lena",
      ticket: { id: "T-7", subject: "Export hängt", channel: "email" },
      issue,
      language: "de-AT",
    });
    expect(message.body.split("\n")[0]).toBe("Hallo Lena,");
    expect(message.body).toContain("Ihrer Anfrage „Export hängt“ (Ticket T-7)");
    expect(message.body).toContain("„Exports stall“, ist jetzt behoben");
    expect(message.body).toContain("(Export one month at a time.)");
    expect(message.body).not.toContain("merge the files");
    expect(message.citations).toEqual([
      { kind: "known_issue", id: "ki_1" },
      { kind: "ticket", id: "T-7" },
    ]);
  });

  it("keeps to one short paragraph on chat and social, and says nothing of a workaround there was none of", () => {
    const message = draftBroadcastMessage({
      customerName: null,
      ticket: { id: "T-8", subject: null, channel: "social" },
      issue: { ...issue, workaround: null },
      language: "es",
    });
    expect(message.body).toMatch(/^Hola: buenas noticias sobre su solicitud \(ticket T-8\)/);
    expect(message.body).not.toContain("\n");
    expect(message.body).not.toContain("provisional");
  });
});
