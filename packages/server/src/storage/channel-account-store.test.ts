import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelAccountStore, NewChannelAccount } from "../core/ports.ts";
import { createTestDatabase } from "../testing/test-database.ts";
import { createChannelAccountStore } from "./channel-account-store.ts";
import { createCustomerStore } from "./customer-store.ts";
import type { DatabaseHandle } from "./database.ts";
import * as schema from "./schema.ts";
import { createTicketStore } from "./ticket-store.ts";

let database: DatabaseHandle;
let accounts: ChannelAccountStore;
const workspaceId = "main";
const at = new Date("2026-03-02T09:00:00.000Z");

beforeAll(async () => {
  database = await createTestDatabase();
  accounts = createChannelAccountStore(database.db);
  await database.db.insert(schema.workspaces).values([
    { id: workspaceId, name: "Main", timezone: "UTC" },
    { id: "other", name: "Other", timezone: "UTC" },
  ]);
});
afterAll(() => database.close());

const whatsapp = (fields: Partial<NewChannelAccount> = {}): NewChannelAccount => ({
  channel: "social",
  provider: "whatsapp",
  name: "Support number",
  settings: { phoneNumberId: "106540352242922" },
  secrets: { accessToken: "token-1", appSecret: "secret-1", verifyToken: "verify-1" },
  enabled: true,
  ...fields,
});

describe("channel account store", () => {
  it("keeps secrets out of what it lists and hands them only to load", async () => {
    const created = await accounts.create(workspaceId, whatsapp(), at);
    expect(created.id).toMatch(/^ch_[\w-]{16}$/);
    expect(created).not.toHaveProperty("secrets");
    expect(created.secretNames).toEqual(["accessToken", "appSecret", "verifyToken"]);
    expect(await accounts.get(workspaceId, created.id)).toEqual(created);
    expect((await accounts.list(workspaceId)).map((account) => account.id)).toContain(created.id);
    const loaded = await accounts.load(created.id);
    expect(loaded?.secrets).toEqual({ accessToken: "token-1", appSecret: "secret-1", verifyToken: "verify-1" });
  });

  it("does not show one workspace's account to another", async () => {
    const created = await accounts.create(workspaceId, whatsapp(), at);
    expect(await accounts.get("other", created.id)).toBeNull();
    expect(await accounts.list("other")).toEqual([]);
    expect(await accounts.update("other", created.id, { name: "taken" }, at)).toBeNull();
    expect(await accounts.delete("other", created.id)).toBe(false);
    expect((await accounts.get(workspaceId, created.id))?.name).toBe("Support number");
  });

  it("merges settings and secrets key by key and removes a key set to an empty string", async () => {
    const created = await accounts.create(workspaceId, whatsapp(), at);
    const later = new Date(at.getTime() + 60_000);
    const updated = await accounts.update(
      workspaceId,
      created.id,
      {
        settings: { templateName: "hello_world" },
        secrets: { accessToken: "token-2", verifyToken: "" },
        enabled: false,
      },
      later,
    );
    expect(updated).toMatchObject({
      settings: { phoneNumberId: "106540352242922", templateName: "hello_world" },
      secretNames: ["accessToken", "appSecret"],
      enabled: false,
      updatedAt: later,
      createdAt: at,
    });
    expect((await accounts.load(created.id))?.secrets).toEqual({ accessToken: "token-2", appSecret: "secret-1" });
  });

  it("deletes an account once", async () => {
    const created = await accounts.create(workspaceId, whatsapp(), at);
    expect(await accounts.delete(workspaceId, created.id)).toBe(true);
    expect(await accounts.delete(workspaceId, created.id)).toBe(false);
    expect(await accounts.load(created.id)).toBeNull();
  });

  it("tells when the customer last wrote on a ticket, ignoring our replies", async () => {
    const tickets = createTicketStore(database.db);
    const customer = await createCustomerStore(database.db).resolve(workspaceId, { phone: "+15551230001" });
    const ticket = await tickets.create(
      workspaceId,
      {
        customerId: customer.id,
        channel: "social",
        subject: null,
        priority: null,
        tags: [],
        topic: null,
        assigneeId: null,
        teamId: null,
        knownIssueId: null,
        attributes: null,
        message: { author: "customer", public: true, body: "Hello?" },
      },
      "customer",
      at,
    );
    const reply = new Date(at.getTime() + 3_600_000);
    await tickets.change(workspaceId, ticket.id, () => ({
      at: reply,
      fields: {},
      events: [],
      message: { author: "agent:someone", public: true, body: "Hi!" },
    }));
    expect(await accounts.lastCustomerMessageAt(workspaceId, ticket.id)).toEqual(at);
    expect(await accounts.lastCustomerMessageAt(workspaceId, "no-such-ticket")).toBeNull();
  });

  it("remembers the newest message of a conversation, whatever order deliveries arrive in", async () => {
    const account = await accounts.create(workspaceId, whatsapp(), at);
    expect(await accounts.lastConversationMessage(account.id, "16505551234")).toBeNull();
    await accounts.rememberConversationMessage(account.id, "16505551234", "second", new Date("2026-03-02T10:00:00Z"));
    await accounts.rememberConversationMessage(account.id, "16505551234", "first", new Date("2026-03-02T09:30:00Z"));
    await accounts.rememberConversationMessage(
      account.id,
      "other-customer",
      "elsewhere",
      new Date("2026-03-02T11:00:00Z"),
    );
    expect(await accounts.lastConversationMessage(account.id, "16505551234")).toBe("second");
    await accounts.rememberConversationMessage(account.id, "16505551234", "third", new Date("2026-03-02T10:05:00Z"));
    expect(await accounts.lastConversationMessage(account.id, "16505551234")).toBe("third");
  });
});
