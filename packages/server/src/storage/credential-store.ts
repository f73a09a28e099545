import { and, eq, sql } from "drizzle-orm";
import type { CredentialStore, SignInAgent } from "../core/sign-in/sign-in-ports.ts";
import type { Database } from "./database.ts";
import * as schema from "./schema.ts";

const agentColumns = {
  workspaceId: schema.agents.workspaceId,
  agentId: schema.agents.id,
  name: schema.agents.name,
  email: schema.agents.email,
  role: schema.agents.role,
  teamId: schema.agents.teamId,
};

const sameEmail = (email: string) => sql`lower(${schema.agents.email}) = ${email.trim().toLowerCase()}`;

/** An agent id from an email's local part, e.g. "Ana.Lopez@x" -> "ana-lopez". */
function agentIdFor(email: string): string {
  const local = email.split("@")[0] ?? "";
  const id = local
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return id || "admin";
}

export function createCredentialStore(db: Database): CredentialStore {
  return {
    async findByEmail(workspaceId, email) {
      const [row] = await db
        .select({ ...agentColumns, passwordHash: schema.agentPasswords.passwordHash })
        .from(schema.agents)
        .leftJoin(
          schema.agentPasswords,
          and(
            eq(schema.agentPasswords.workspaceId, schema.agents.workspaceId),
            eq(schema.agentPasswords.agentId, schema.agents.id),
          ),
        )
        .where(and(eq(schema.agents.workspaceId, workspaceId), sameEmail(email)))
        .orderBy(sql`${schema.agentPasswords.passwordHash} is null`, schema.agents.seq)
        .limit(1);
      return row ?? null;
    },

    async hasAnyPassword(workspaceId) {
      const [row] = await db
        .select({ agentId: schema.agentPasswords.agentId })
        .from(schema.agentPasswords)
        .where(eq(schema.agentPasswords.workspaceId, workspaceId))
        .limit(1);
      return Boolean(row);
    },

    async setPassword(workspaceId, agentId, passwordHash) {
      await db
        .insert(schema.agentPasswords)
        .values({ workspaceId, agentId, passwordHash })
        .onConflictDoUpdate({
          target: [schema.agentPasswords.workspaceId, schema.agentPasswords.agentId],
          set: { passwordHash, updatedAt: new Date() },
        });
    },

    async createFirstAdmin(workspaceId, admin) {
      return db.transaction(async (tx) => {
        // One first admin even when two browsers submit the form at once.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`first-admin:${workspaceId}`}))`);
        const [anyPassword] = await tx
          .select({ agentId: schema.agentPasswords.agentId })
          .from(schema.agentPasswords)
          .where(eq(schema.agentPasswords.workspaceId, workspaceId))
          .limit(1);
        if (anyPassword) return null;

        const [existing] = await tx
          .select(agentColumns)
          .from(schema.agents)
          .where(and(eq(schema.agents.workspaceId, workspaceId), sameEmail(admin.email)))
          .orderBy(schema.agents.seq)
          .limit(1);
        let agent: SignInAgent;
        if (existing) {
          await tx
            .update(schema.agents)
            .set({ role: "admin", name: admin.name })
            .where(and(eq(schema.agents.workspaceId, workspaceId), eq(schema.agents.id, existing.agentId)));
          agent = { ...existing, role: "admin", name: admin.name };
        } else {
          const taken = await tx
            .select({ id: schema.agents.id })
            .from(schema.agents)
            .where(eq(schema.agents.workspaceId, workspaceId));
          const ids = new Set(taken.map((row) => row.id));
          const base = agentIdFor(admin.email);
          let id = base;
          for (let number = 2; ids.has(id); number += 1) id = `${base}-${number}`;
          await tx
            .insert(schema.agents)
            .values({ workspaceId, id, name: admin.name, email: admin.email.trim(), role: "admin" });
          agent = {
            workspaceId,
            agentId: id,
            name: admin.name,
            email: admin.email.trim(),
            role: "admin",
            teamId: null,
          };
        }
        await tx
          .insert(schema.agentPasswords)
          .values({ workspaceId, agentId: agent.agentId, passwordHash: admin.passwordHash });
        return agent;
      });
    },

    async agent(workspaceId, agentId) {
      const [row] = await db
        .select(agentColumns)
        .from(schema.agents)
        .where(and(eq(schema.agents.workspaceId, workspaceId), eq(schema.agents.id, agentId)));
      return row ?? null;
    },

    async listAgents(workspaceId) {
      return db
        .select(agentColumns)
        .from(schema.agents)
        .where(eq(schema.agents.workspaceId, workspaceId))
        .orderBy(schema.agents.seq);
    },
  };
}
