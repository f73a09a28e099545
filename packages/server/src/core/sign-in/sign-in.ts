import { DeskError } from "../errors.ts";
import { decoyHash, hashPassword, minimumPasswordLength, verifyPassword } from "./password.ts";
import type { CredentialStore, IssuedSession, SessionStore, SignInAgent } from "./sign-in-ports.ts";

export type SignInDeps = { credentials: CredentialStore; sessions: SessionStore };

const wrongCredentials = () =>
  new DeskError("unauthorized", "That email and password do not match. Check both, or ask an admin to reset it.");

export async function signIn(
  input: { workspaceId: string; email: string; password: string },
  deps: SignInDeps,
): Promise<{ agent: SignInAgent; session: IssuedSession }> {
  const found = await deps.credentials.findByEmail(input.workspaceId, input.email);
  if (!found?.passwordHash) {
    await verifyPassword(input.password, await decoyHash());
    throw wrongCredentials();
  }
  if (!(await verifyPassword(input.password, found.passwordHash))) throw wrongCredentials();
  const { passwordHash: _, ...agent } = found;
  return { agent, session: await deps.sessions.start(input.workspaceId, agent.agentId) };
}

export function checkPasswordStrength(password: string): void {
  if (password.length < minimumPasswordLength) {
    throw new DeskError("invalid_input", `password: use at least ${minimumPasswordLength} characters.`, {
      path: "password",
    });
  }
}

export async function createFirstAdmin(
  input: { workspaceId: string; name: string; email: string; password: string },
  deps: SignInDeps,
): Promise<{ agent: SignInAgent; session: IssuedSession }> {
  checkPasswordStrength(input.password);
  const agent = await deps.credentials.createFirstAdmin(input.workspaceId, {
    name: input.name,
    email: input.email,
    passwordHash: await hashPassword(input.password),
  });
  if (!agent) {
    throw new DeskError("conflict", "This desk already has an admin who can sign in: sign in, or ask them for access.");
  }
  return { agent, session: await deps.sessions.start(input.workspaceId, agent.agentId) };
}
