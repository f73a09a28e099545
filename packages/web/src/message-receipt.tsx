import type { TicketWithSla } from "./api.ts";
import { dateTime } from "./format.ts";

type Receipt = NonNullable<TicketWithSla["messages"][number]["receipt"]>;

const labels: Record<Receipt["status"], string> = {
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Not delivered",
};

/** Under a reply: what the provider last said about it (WhatsApp: sent, delivered, read or failed). */
export function MessageReceipt({ receipt }: { receipt: Receipt | null | undefined }) {
  if (!receipt) return null;
  const failed = receipt.status === "failed";
  return (
    <div className={failed ? "receipt receipt-failed" : "receipt"} title={dateTime(receipt.at)}>
      {labels[receipt.status]}
      {failed && receipt.error ? `: ${receipt.error}` : ""}
    </div>
  );
}
