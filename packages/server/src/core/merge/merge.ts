import { z } from "zod";
import type { Customer } from "../customers/customer.ts";
import { DeskError } from "../errors.ts";
import type { Clock, MergeStore } from "../ports.ts";
import type { NewMessage, Ticket, TicketEvent } from "../tickets/ticket.ts";

/** The profile fields a merge may fill on the surviving customer. */
export type CustomerProfileFill = Partial<
  Pick<Customer, "name" | "email" | "phone" | "company" | "plan" | "language" | "handles" | "attributes">
>;

export type CustomerMergePlan = {
  /** Only the fields that change on the survivor. */
  fill: CustomerProfileFill;
  /** Recorded on every ticket that moves to the survivor. */
  ticketEvent: Omit<TicketEvent, "ticketId">;
};

export type CustomerMergeResult = {
  customer: Customer;
  movedTicketIds: string[];
  movedIdentities: number;
  movedAccountEvents: number;
};

export type TicketMergePlan = {
  at: Date;
  /** Events appended to the survivor and to the merged ticket, in order. */
  survivorEvents: Omit<TicketEvent, "ticketId">[];
  mergedEvents: Omit<TicketEvent, "ticketId">[];
  /** The internal note left on the merged ticket once its messages are gone. */
  note: NewMessage;
};

export type TicketMergeResult = { survivorId: string; mergedId: string; movedMessages: number };

/** A message as the merge orders it: where it was and when it was written. */
export type MessagePlace = { id: string; ticketId: string; at: Date; position: number; seq: number };

const isBlank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === "";

/**
 * The survivor keeps what it has; its empty fields take the merged customer's values. Handles and
 * attributes are combined, the survivor winning where both name the same key.
 */
export function fillProfile(survivor: Customer, merged: Customer): CustomerProfileFill {
  const fill: CustomerProfileFill = {};
  if (isBlank(survivor.name) && !isBlank(merged.name)) fill.name = merged.name;
  for (const field of ["email", "phone", "company", "plan", "language"] as const) {
    if (isBlank(survivor[field]) && !isBlank(merged[field])) fill[field] = merged[field];
  }
  const handles = combine(survivor.handles, merged.handles);
  if (handles) fill.handles = handles;
  const attributes = combine(survivor.attributes, merged.attributes);
  if (attributes) fill.attributes = attributes;
  return fill;
}

/** The combined record when the merged one adds a key, else null (nothing to change). */
function combine<Value>(
  survivor: Record<string, Value> | null,
  merged: Record<string, Value> | null,
): Record<string, Value> | null {
  const added = Object.entries(merged ?? {}).filter(([key]) => !(key in (survivor ?? {})));
  if (added.length === 0) return null;
  return { ...Object.fromEntries(added), ...survivor };
}

export function planCustomerMerge(
  survivor: Customer,
  merged: Customer,
  context: { actor: string; at: Date },
): CustomerMergePlan {
  return {
    fill: fillProfile(survivor, merged),
    ticketEvent: {
      at: context.at,
      actor: context.actor,
      type: "customer_merged",
      from: merged.id,
      to: survivor.id,
      data: { mergedFrom: merged.id, mergedInto: survivor.id },
    },
  };
}

/** Refuses a merge that would lose or mix up a conversation; otherwise what the merge writes. */
export function planTicketMerge(
  survivor: Ticket,
  merged: Ticket,
  context: { actor: string; at: Date; allowDifferentCustomers: boolean },
): TicketMergePlan {
  if (survivor.status === "closed") {
    throw new DeskError(
      "invalid_transition",
      `Ticket ${survivor.id} is closed and cannot take another ticket's messages; merge into an open ticket instead.`,
    );
  }
  if (merged.status === "closed") {
    throw new DeskError(
      "invalid_transition",
      `Ticket ${merged.id} is closed (or was already merged) and cannot be merged; closed tickets are final.`,
    );
  }
  if (survivor.customerId !== merged.customerId && !context.allowDifferentCustomers) {
    throw new DeskError(
      "invalid_input",
      `Tickets ${survivor.id} and ${merged.id} belong to different customers (${survivor.customerId}, ${merged.customerId}); send "allowDifferentCustomers": true to merge them anyway.`,
    );
  }
  const { actor, at } = context;
  return {
    at,
    survivorEvents: [{ at, actor, type: "merged_from", from: null, to: null, data: { mergedFrom: merged.id } }],
    mergedEvents: [
      { at, actor, type: "status_changed", from: merged.status, to: "closed", data: { mergedInto: survivor.id } },
      { at, actor, type: "merged_into", from: null, to: null, data: { mergedInto: survivor.id } },
    ],
    note: {
      author: "system",
      public: false,
      body: `Merged into ticket ${survivor.id}: its messages continue there.`,
    },
  };
}

/**
 * New positions for the survivor's messages once the merged ones join them: by time, the
 * survivor's first where two were written at the same instant, then by their old order.
 */
export function orderMergedMessages(survivorId: string, messages: readonly MessagePlace[]): Map<string, number> {
  const ordered = [...messages].sort(
    (left, right) =>
      left.at.getTime() - right.at.getTime() ||
      Number(right.ticketId === survivorId) - Number(left.ticketId === survivorId) ||
      left.position - right.position ||
      left.seq - right.seq,
  );
  return new Map(ordered.map((message, index) => [message.id, index]));
}

export const mergeBody = z.object({
  from: z.string().trim().min(1, "must name the id of the one to merge into this one").max(200),
  allowDifferentCustomers: z.boolean().default(false),
});

export type MergeDeps = { merges: MergeStore; clock: Clock };

export async function mergeCustomers(
  input: { workspaceId: string; survivorId: string; mergedId: string; actor: string },
  deps: MergeDeps,
): Promise<CustomerMergeResult> {
  if (input.survivorId === input.mergedId) {
    throw new DeskError(
      "invalid_input",
      `Customer ${input.survivorId} cannot be merged into itself; name another customer in "from".`,
    );
  }
  const at = deps.clock.now();
  return deps.merges.mergeCustomers(input.workspaceId, input, (survivor, merged) =>
    planCustomerMerge(survivor, merged, { actor: input.actor, at }),
  );
}

export async function mergeTickets(
  input: { workspaceId: string; survivorId: string; mergedId: string; actor: string; allowDifferentCustomers: boolean },
  deps: MergeDeps,
): Promise<TicketMergeResult> {
  if (input.survivorId === input.mergedId) {
    throw new DeskError(
      "invalid_input",
      `Ticket ${input.survivorId} cannot be merged into itself; name another ticket in "from".`,
    );
  }
  const at = deps.clock.now();
  return deps.merges.mergeTickets(input.workspaceId, input, (survivor, merged) =>
    planTicketMerge(survivor, merged, {
      actor: input.actor,
      at,
      allowDifferentCustomers: input.allowDifferentCustomers,
    }),
  );
}
