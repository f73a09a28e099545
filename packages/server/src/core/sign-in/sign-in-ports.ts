import type { Principal } from "../ports.ts";
import type { AgentRole } from "../snapshot/snapshot-schema.ts";

export type SignInAgent = {
  workspaceId: string;
  agentId: string;
  name: string;
  email: string;
  role: AgentRole;
  teamId: string | null;
};

export type CredentialStore = {
  /** The agent with this email (case-insensitive) and their stored password hash, if they have one. */
  findByEmail(workspaceId: string, email: string): Promise<(SignInAgent & { passwordHash: string | null }) | null>;
  hasAnyPassword(workspaceId: string): Promise<boolean>;
  setPassword(workspaceId: string, agentId: string, passwordHash: string): Promise<void>;
  /**
   * Makes the first admin, only while no agent of the workspace has a password (checked under a lock):
   * the agent with this email becomes an admin with this password, or a new agent is added.
   * Null when someone already has a password.
   */
  createFirstAdmin(
    workspaceId: string,
    admin: { name: string; email: string; passwordHash: string },
  ): Promise<SignInAgent | null>;
  agent(workspaceId: string, agentId: string): Promise<SignInAgent | null>;
  /** Every agent of the workspace, in the order they were added. */
  listAgents(workspaceId: string): Promise<SignInAgent[]>;
};

export type IssuedSession = { id: string; token: string; expiresAt: Date };

export type SessionStore = {
  start(workspaceId: string, agentId: string): Promise<IssuedSession>;
  /** The principal of a live session (not expired, not revoked), or null. */
  authenticate(token: string): Promise<(Principal & { sessionId: string }) | null>;
  /** Ends the session of this token; false when there was none. */
  end(token: string): Promise<boolean>;
};
