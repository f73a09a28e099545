import { z } from "zod";

/**
 * The widget's WebSocket protocol: one JSON object per frame, `type` first. The widget package
 * speaks the same shapes (packages/widget/src/protocol.ts); change both together.
 */

export const maxMessageLength = 5_000;
/** Largest frame a visitor may send, in bytes; a bigger one closes the socket (1009). */
export const maxFrameBytes = 16 * 1024;

const clientId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, "clientId: use 8 to 64 letters, digits, '-' or '_' (the widget makes a random one)");

export const visitorUser = z.object({
  userId: z.string().min(1, "user.userId: the host app's id for the user is required").max(200),
  email: z.email("user.email: not an email address").optional(),
  name: z.string().max(200).optional(),
  signature: z.string().max(200).optional(),
});

export const visitorFrame = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("hello"),
    visitorId: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{16,64}$/,
        "visitorId: use 16 to 64 letters, digits, '-' or '_' (the widget makes a random one)",
      ),
    conversationId: z.string().max(100).nullish(),
    user: visitorUser.nullish(),
    page: z.string().max(2_000).optional(),
  }),
  z.object({
    type: z.literal("message"),
    clientId,
    body: z
      .string()
      .trim()
      .min(1, "body: a message needs some text")
      .max(maxMessageLength, `body: a message may have at most ${maxMessageLength} characters`),
  }),
  z.object({ type: z.literal("typing"), typing: z.boolean() }),
  z.object({ type: z.literal("email"), email: z.email("email: not an email address").max(320) }),
  z.object({
    type: z.literal("track"),
    event: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({ type: z.literal("history") }),
  z.object({ type: z.literal("ping") }),
]);

export type VisitorFrame = z.infer<typeof visitorFrame>;

export type HistoryItem = {
  id: string;
  from: "visitor" | "agent";
  body: string;
  at: string;
  /** The widget's id for a visitor message, so it can tell which of its pending messages arrived. */
  clientId?: string;
};

export type ServerFrame =
  | {
      type: "welcome";
      conversationId: string | null;
      identified: boolean;
      agentsOnline: boolean;
      emailKnown: boolean;
      history: HistoryItem[];
    }
  | { type: "ack"; clientId: string; messageId: string; conversationId: string; duplicate: boolean }
  | { type: "message"; message: HistoryItem }
  | { type: "agent_typing"; typing: boolean }
  | { type: "presence"; agentsOnline: boolean }
  | { type: "ask_email" }
  | { type: "email_saved" }
  | { type: "history"; history: HistoryItem[] }
  | { type: "tracked"; event: string }
  | { type: "pong" }
  | {
      type: "error";
      code: "invalid_input" | "rate_limited" | "not_ready" | "forbidden" | "internal";
      message: string;
      clientId?: string;
    };

/** Parses one frame; the error names the field and what to do, for the widget's console. */
export function parseVisitorFrame(raw: string): { ok: true; frame: VisitorFrame } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, message: "Each frame must be one JSON object." };
  }
  const parsed = visitorFrame.safeParse(value);
  if (parsed.success) return { ok: true, frame: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  const message = issue?.message ?? "is not valid";
  return { ok: false, message: message.includes(":") ? message : `${where}${message}` };
}

/** The part of an external id the widget chose: `widget:<conversation>:<clientId>` → clientId. */
export function clientIdOf(externalId: string | null): string | undefined {
  if (!externalId?.startsWith("widget:")) return undefined;
  return externalId.split(":")[2];
}

export function visitorExternalId(conversationId: string, clientId: string): string {
  return `widget:${conversationId}:${clientId}`;
}
