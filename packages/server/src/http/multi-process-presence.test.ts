import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSocket } from "../channels/chat/socket-test-client.ts";
import type { DatabaseHandle } from "../storage/database.ts";
import {
  type DeskProcess,
  rows,
  startDeskProcess,
  waitUntil as waitUntilWithin,
  withDeadline as withDeadlineWithin,
} from "../testing/desk-processes.ts";
import { createTestDatabase, testDatabaseKind } from "../testing/test-database.ts";

const secondsToWait = 45;
const adminToken = randomBytes(24).toString("hex");

const startWebProcess = (databaseUrl: string, dataFolder: string) =>
  startDeskProcess({ databaseUrl, dataFolder, role: "web", adminToken });
const withDeadline = <T>(what: string, promise: Promise<T>) => withDeadlineWithin(what, promise, secondsToWait);
const waitUntil = (what: string, done: () => Promise<boolean>) => waitUntilWithin(what, done, secondsToWait);

const onPostgres = testDatabaseKind() === "postgres";
const processes: DeskProcess[] = [];
let database: DatabaseHandle;
let dataFolder: string;
let webA: string;
let webB: string;

describe.skipIf(!onPostgres)(
  onPostgres
    ? "two web processes on one Postgres behave as one desk"
    : "two web processes on one Postgres behave as one desk (skipped: needs DATABASE_URL; PGlite serves one process only)",
  () => {
    beforeAll(async () => {
      database = await createTestDatabase();
      const [current] = await rows<{ name: string }>(database, sql`select current_database() as name`);
      const url = new URL(process.env.DATABASE_URL ?? "");
      url.pathname = `/${encodeURIComponent(current?.name ?? "")}`;
      dataFolder = await mkdtemp(path.join(tmpdir(), "responder-shared-presence-"));
      processes.push(
        startWebProcess(url.toString(), path.join(dataFolder, "a")),
        startWebProcess(url.toString(), path.join(dataFolder, "b")),
      );
      [webA, webB] = (await withDeadline(
        "two web processes to start",
        Promise.all(processes.map((desk) => desk.address)),
      )) as [string, string];
    }, 120_000);

    afterAll(async () => {
      for (const desk of processes.splice(0)) {
        if (desk.child.exitCode === null && desk.child.signalCode === null) desk.child.kill("SIGTERM");
        await desk.exited;
      }
      await database?.close();
      if (dataFolder) await rm(dataFolder, { recursive: true, force: true });
    }, 60_000);

    it("shows a visitor on one process the agents connected to the other, and their typing", async () => {
      const agent = await connectSocket(`${webB.replace(/^http/, "ws")}/api/v1/live`, {
        authorization: `Bearer ${adminToken}`,
      });
      await withDeadline("the agent's socket", agent.next("ready"));
      await waitUntil("process B to announce its agent", async () => {
        const announced = await rows<{ agents: number }>(
          database,
          sql`select agents from agent_presence where workspace_id = 'default' and agents > 0`,
        );
        return announced.length > 0;
      });

      const visitor = await connectSocket(`${webA.replace(/^http/, "ws")}/widget/socket?workspace=default`);
      visitor.send({ type: "hello", visitorId: `visitor-${randomBytes(6).toString("hex")}`, conversationId: null });
      const welcome = await withDeadline("the visitor's welcome", visitor.next("welcome"));
      expect(welcome.agentsOnline).toBe(true);

      visitor.send({ type: "message", clientId: "presence-1", body: "Is anyone there? My invoice is wrong." });
      const ack = await withDeadline("the visitor's ack", visitor.next("ack"));
      // Frames are answered in order: once the pong is in, an offer to leave an email would be too.
      visitor.send({ type: "ping" });
      await withDeadline("the pong", visitor.next("pong"));
      expect(visitor.frames.filter((frame) => frame.type === "ask_email")).toEqual([]);

      const [stored] = await rows<{ ticket_id: string }>(
        database,
        sql`select ticket_id from messages where id = ${ack.messageId}`,
      );
      const ticketId = stored?.ticket_id ?? "";
      agent.send({ type: "typing", ticketId, typing: true });
      expect(await withDeadline("the agent's typing on process A", visitor.next("agent_typing"))).toEqual({
        type: "agent_typing",
        typing: true,
      });
      agent.send({ type: "typing", ticketId, typing: false });
      expect(await withDeadline("the agent stopping", visitor.next("agent_typing"))).toEqual({
        type: "agent_typing",
        typing: false,
      });

      // The agent leaves: process A's next heartbeat read tells the visitor.
      await agent.close();
      expect(await withDeadline("presence going off", visitor.next("presence"))).toEqual({
        type: "presence",
        agentsOnline: false,
      });
      await visitor.close();
    }, 120_000);

    it("counts one rate limit for both processes: the contact form's five per address", async () => {
      const form = new URLSearchParams({
        name: "Flood",
        email: "flood@example.test",
        message: "Hello",
        // The hidden field bots fill: the form answers as usual and opens no ticket.
        website: "http://spam.example.test",
      }).toString();
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const response = await fetch(`${attempt % 2 === 0 ? webA : webB}/help/contact`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form,
          redirect: "manual",
        });
        statuses.push(response.status);
        retryAfter = response.headers.get("retry-after") ?? retryAfter;
      }
      expect(statuses).toEqual([303, 303, 303, 303, 303, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    });
  },
);
