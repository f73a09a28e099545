import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectSocket } from "../channels/chat/socket-test-client.ts";
import { deliverMessageJob } from "../core/channels/deliver-message.ts";
import type { DatabaseHandle } from "../storage/database.ts";
import {
  type DeskProcess,
  rows,
  startDeskProcess,
  waitUntil as waitUntilWithin,
  withDeadline as withDeadlineWithin,
} from "../testing/desk-processes.ts";
import { createTestDatabase, testDatabaseKind } from "../testing/test-database.ts";

const secondsToWait = 60;
const adminToken = randomBytes(24).toString("hex");

const startDesk = (databaseUrl: string, dataFolder: string, role: "web" | "worker") =>
  startDeskProcess({ databaseUrl, dataFolder, role, adminToken });
const withDeadline = <T>(what: string, promise: Promise<T>) => withDeadlineWithin(what, promise, secondsToWait);
const waitUntil = (what: string, done: () => Promise<boolean>) => waitUntilWithin(what, done, secondsToWait);

const onPostgres = testDatabaseKind() === "postgres";
const processes: DeskProcess[] = [];
let database: DatabaseHandle;
let dataFolder: string;
let webA: string;
let webB: string;
let worker: string;

describe.skipIf(!onPostgres)(
  onPostgres
    ? "web and worker desk processes on one Postgres"
    : "web and worker desk processes on one Postgres (skipped: needs DATABASE_URL; PGlite serves one process only)",
  () => {
    beforeAll(async () => {
      database = await createTestDatabase();
      const [current] = await rows<{ name: string }>(database, sql`select current_database() as name`);
      const url = new URL(process.env.DATABASE_URL ?? "");
      url.pathname = `/${encodeURIComponent(current?.name ?? "")}`;
      dataFolder = await mkdtemp(path.join(tmpdir(), "responder-multi-process-"));
      processes.push(
        startDesk(url.toString(), path.join(dataFolder, "a"), "web"),
        startDesk(url.toString(), path.join(dataFolder, "b"), "web"),
        startDesk(url.toString(), path.join(dataFolder, "worker"), "worker"),
      );
      [webA, webB, worker] = (await withDeadline(
        "three desk processes to start",
        Promise.all(processes.map((desk) => desk.address)),
      )) as [string, string, string];
    }, 120_000);

    afterAll(async () => {
      for (const desk of processes.splice(0)) {
        if (desk.child.exitCode === null && desk.child.signalCode === null) desk.child.kill("SIGTERM");
        await desk.exited;
      }
      await database?.close();
      if (dataFolder) await rm(dataFolder, { recursive: true, force: true });
    }, 60_000);

    it("answers a worker's health probes and serves no API there", async () => {
      const ready = await fetch(`${worker}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready", role: "worker" });
      expect((await fetch(`${worker}/healthz`)).status).toBe(200);
      expect((await fetch(`${worker}/api/v1/tickets`)).status).toBe(404);
    });

    it("carries a visitor's chat message through one process to an agent on the other, and the reply back once", async () => {
      const live = await connectSocket(`${webB.replace(/^http/, "ws")}/api/v1/live`, {
        authorization: `Bearer ${adminToken}`,
      });
      await withDeadline("the agent's socket", live.next("ready"));

      const visitor = await connectSocket(`${webA.replace(/^http/, "ws")}/widget/socket?workspace=default`);
      visitor.send({ type: "hello", visitorId: `visitor-${randomBytes(6).toString("hex")}`, conversationId: null });
      await withDeadline("the visitor's welcome", visitor.next("welcome"));
      visitor.send({ type: "message", clientId: "multi-process-1", body: "Hello from process A: my order is late" });
      const ack = await withDeadline("the visitor's ack", visitor.next("ack"));

      const [stored] = await rows<{ ticket_id: string }>(
        database,
        sql`select ticket_id from messages where id = ${ack.messageId}`,
      );
      const ticketId = stored?.ticket_id ?? "";
      expect(
        await withDeadline(
          "the new ticket on the agent's socket",
          live.next("ticket.created", (frame) => frame.ticketId === ticketId),
        ),
      ).toBeTruthy();

      const reply = await fetch(`${webB}/api/v1/tickets/${encodeURIComponent(ticketId)}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
        body: JSON.stringify({ author: "agent", public: true, body: "Sorry about that, it ships today." }),
      });
      expect(reply.status).toBe(200);
      const pushed = await withDeadline("the reply on the visitor's socket", visitor.next("message"));
      expect(pushed.message).toMatchObject({ from: "agent", body: "Sorry about that, it ships today." });
      const [replyMessage] = await rows<{ id: string }>(
        database,
        sql`select id from messages where ticket_id = ${ticketId} and author <> 'customer' and public order by position desc limit 1`,
      );
      const replyId = replyMessage?.id ?? "";

      // Only the worker runs jobs: the reply is delivered by its job, once.
      const deliveries = () =>
        rows<{ status: string; attempts: number }>(
          database,
          sql`select status, attempts from deliveries where message_id = ${replyId}`,
        );
      await waitUntil("the reply's delivery", async () => (await deliveries())[0]?.status === "sent");
      const jobs = () =>
        rows<{ state: string }>(
          database,
          sql`select state from pgboss.job where name = ${deliverMessageJob} and data->>'messageId' = ${replyId}`,
        );
      await waitUntil("the delivery job to complete", async () => (await jobs())[0]?.state === "completed");
      expect(await deliveries()).toEqual([{ status: "sent", attempts: 1 }]);
      expect(await jobs()).toEqual([{ state: "completed" }]);

      await visitor.close();
      await live.close();
    });
  },
);
