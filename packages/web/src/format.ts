const minute = 60_000;

/** "in 42 min", "3 h ago": how far an instant is from now, in a glance. */
export function relative(iso: string | null, now = Date.now()): string {
  if (!iso) return "";
  const difference = Date.parse(iso) - now;
  const minutes = Math.round(Math.abs(difference) / minute);
  const amount =
    minutes < 60
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} h`
        : `${Math.round(minutes / 1440)} d`;
  return difference >= 0 ? `in ${amount}` : `${amount} ago`;
}

export function dateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

export const statusLabel: Record<string, string> = {
  new: "New",
  open: "Open",
  pending: "Waiting on customer",
  on_hold: "Escalated",
  solved: "Solved",
  closed: "Closed",
};

export function authorLabel(author: string, agents: Map<string, string>): string {
  if (author === "customer") return "Customer";
  if (author === "responder") return "Responder";
  if (author === "system") return "System";
  const id = author.replace(/^agent:/, "");
  return agents.get(id) ?? id;
}
