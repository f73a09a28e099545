import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../core/sign-in/password.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import * as schema from "./schema.ts";

let desk: TestDesk;

beforeAll(async () => {
  desk = await createTestDesk();
});
afterAll(() => desk.close());

describe("passwords", () => {
  it("salts every hash, and verifies only the right password", async () => {
    const [first, second] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(first).not.toContain("same password");
    expect(await verifyPassword("same password", first)).toBe(true);
    expect(await verifyPassword("same passwore", first)).toBe(false);
    expect(await verifyPassword("same password", "not-a-hash")).toBe(false);
  });
});

describe("credential store", () => {
  it("makes exactly one first admin when two ask at once", async () => {
    const hash = await hashPassword("first admin password");
    const results = await Promise.all([
      desk.credentials.createFirstAdmin(desk.workspaceId, {
        name: "One",
        email: "one@example.test",
        passwordHash: hash,
      }),
      desk.credentials.createFirstAdmin(desk.workspaceId, {
        name: "Two",
        email: "two@example.test",
        passwordHash: hash,
      }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await desk.credentials.hasAnyPassword(desk.workspaceId)).toBe(true);
  });

  it("gives an existing agent with the admin's email the password and the admin role", async () => {
    await desk.addWorkspace("other");
    await desk.database.db
      .insert(schema.agents)
      .values({ workspaceId: "other", id: "lee", name: "Lee", email: "Lee@Example.test", role: "agent" });
    const admin = await desk.credentials.createFirstAdmin("other", {
      name: "Lee Admin",
      email: "lee@example.test",
      passwordHash: await hashPassword("lee's password"),
    });
    expect(admin).toMatchObject({ agentId: "lee", role: "admin" });
    const found = await desk.credentials.findByEmail("other", "LEE@example.test");
    expect(found?.passwordHash).toMatch(/^scrypt\$/);
  });
});

describe("session store", () => {
  it("stores only a hash of the session token, and forgets a session once ended", async () => {
    const agent = await desk.addAgent("agent");
    const session = await desk.sessions.start(desk.workspaceId, agent.agentId);
    const rows = await desk.database.db.select().from(schema.agentSessions);
    expect(rows.some((row) => row.tokenHash === session.token)).toBe(false);
    expect(await desk.sessions.authenticate(session.token)).toMatchObject({ agentId: agent.agentId, role: "agent" });
    expect(await desk.sessions.end(session.token)).toBe(true);
    expect(await desk.sessions.authenticate(session.token)).toBeNull();
    expect(await desk.sessions.end(session.token)).toBe(false);
  });

  it("removes an agent's ended sessions when they sign in again", async () => {
    const agent = await desk.addAgent("agent");
    const ended = await desk.sessions.start(desk.workspaceId, agent.agentId);
    await desk.sessions.end(ended.token);
    await desk.sessions.start(desk.workspaceId, agent.agentId);
    const rows = await desk.database.db.select().from(schema.agentSessions);
    const mine = rows.filter((row) => row.agentId === agent.agentId);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.revokedAt).toBeNull();
  });
});
