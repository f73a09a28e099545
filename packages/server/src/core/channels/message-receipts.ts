import { DeskError } from "../errors.ts";
import type { Clock, TicketStore } from "../ports.ts";
import type { ChannelName } from "../snapshot/snapshot-schema.ts";
import { planMessage } from "../tickets/lifecycle.ts";
import type { DeliveryStore } from "./channel-ports.ts";

export const receiptStatuses = ["sent", "delivered", "read", "failed"] as const;
export type ReceiptStatus = (typeof receiptStatuses)[number];

/** A provider's word about a message the desk sent: it went out, arrived, was read, or never arrived. */
export type ProviderReceipt = {
  channel: ChannelName;
  /** The provider's name for it, as carried in its webhook; the same as the delivery's providerMessageId. */
  providerMessageId: string;
  status: ReceiptStatus;
  at: Date;
  /** Why it failed, in the provider's words. */
  error: string | null;
};

export type MessageReceipt = { status: ReceiptStatus; at: Date; error: string | null };

export type MessageReceiptStore = {
  /**
   * Keeps one status of a message the desk sent. Null when the provider id names no message of
   * ours; `recorded` is false when that status was kept before (a replayed webhook).
   */
  record(
    workspaceId: string,
    receipt: ProviderReceipt,
  ): Promise<{ messageId: string; ticketId: string; recorded: boolean } | null>;
  /** Each message's latest status: the newest, and of two at the same moment the further along. */
  latest(workspaceId: string, messageIds: readonly string[]): Promise<Map<string, MessageReceipt>>;
};

export type RecordReceiptDeps = {
  receipts: MessageReceiptStore;
  tickets: TicketStore;
  deliveries: Pick<DeliveryStore, "get" | "finish">;
  clock: Clock;
};

/**
 * Stores a delivery status; the first time a reply is reported failed, its delivery is marked
 * failed (as a bounce marks an email's) and an internal note on its ticket tells the agents that
 * the customer never got it, and why.
 */
export async function recordReceipt(
  input: { workspaceId: string; receipt: ProviderReceipt; provider: string },
  deps: RecordReceiptDeps,
): Promise<"recorded" | "replayed" | "unknown"> {
  const { workspaceId, receipt } = input;
  const kept = await deps.receipts.record(workspaceId, receipt);
  if (!kept) return "unknown";
  if (!kept.recorded) return "replayed";
  if (receipt.status === "failed") {
    const delivery = await deps.deliveries.get(workspaceId, kept.messageId);
    if (delivery?.status === "sent") {
      await deps.deliveries.finish(
        workspaceId,
        kept.messageId,
        { status: "failed", error: receipt.error ?? "" },
        receipt.at,
      );
    }
    const note = failureNote(input.provider, receipt);
    try {
      await deps.tickets.change(workspaceId, kept.ticketId, (ticket) =>
        planMessage(ticket, { author: "system", public: false, body: note }, deps.clock.now()),
      );
    } catch (error) {
      // A closed ticket takes no notes; the receipt itself still says the reply failed.
      if (!(error instanceof DeskError && error.code === "invalid_transition")) throw error;
    }
  }
  return "recorded";
}

/** The internal note for a reply that did not arrive. */
export function failureNote(provider: string, receipt: Pick<ProviderReceipt, "at" | "error">): string {
  const name = provider.charAt(0).toUpperCase() + provider.slice(1);
  const lines = [
    `${name} could not deliver a reply (reported ${receipt.at.toISOString()}): the customer has not received it.`,
  ];
  if (receipt.error) lines.push(`${name} said: ${receipt.error}`);
  lines.push(
    provider === "whatsapp"
      ? "Send it again (outside WhatsApp's 24-hour window only a template goes out) or reach the customer another way."
      : "Send it again or reach the customer another way.",
  );
  return lines.join("\n");
}
