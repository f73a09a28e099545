import { useEffect, useState } from "react";
import { client, encode, type OperationResponse } from "./api.ts";
import { onLinkClick } from "./router.ts";

type Broadcast = OperationResponse<"GET /broadcasts/{id}">;

const statusLabel: Record<Broadcast["status"], string> = {
  draft: "Waiting for approval",
  sending: "Sending",
  sent: "Sent",
  cancelled: "Cancelled",
};

/**
 * The messages drafted for a fixed known issue's customers: who gets one, on which ticket and
 * channel, the words, and (for admins) approve or cancel. Approving sends each as a public reply.
 */
export function BroadcastsSection({ knownIssueId, status }: { knownIssueId: string; status: string }) {
  const [broadcasts, setBroadcasts] = useState<Broadcast[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The broadcast is drafted in the background once the issue is fixed, so a change of status reloads it.
    void status;
    client
      .request("GET /broadcasts", { query: { knownIssueId } })
      .then((listed) =>
        Promise.all(
          listed.broadcasts.map((broadcast) =>
            client.request("GET /broadcasts/{id}", { params: { id: broadcast.id } }),
          ),
        ),
      )
      .then(setBroadcasts)
      .catch((caught: Error) => setError(caught.message));
  }, [knownIssueId, status]);

  async function decide(broadcast: Broadcast, decision: "approve" | "cancel") {
    setBusy(true);
    try {
      const changed =
        decision === "approve"
          ? await client.request("POST /broadcasts/{id}/approve", { params: { id: broadcast.id } })
          : await client.request("POST /broadcasts/{id}/cancel", { params: { id: broadcast.id } });
      setBroadcasts((previous) => (previous ?? []).map((each) => (each.id === changed.id ? changed : each)));
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  if (!broadcasts && !error) return null;
  return (
    <section aria-labelledby="broadcasts-title">
      <h2 id="broadcasts-title">Broadcasts</h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {broadcasts?.length === 0 && (
        <p className="empty">
          {status === "fixed"
            ? "The message to the affected customers is being drafted; reload in a moment."
            : "When this issue is marked fixed, the responder drafts a message to every affected customer for you to approve."}
        </p>
      )}
      {broadcasts?.map((broadcast) => (
        <div key={broadcast.id} className="card">
          <p>
            <span className="status">{statusLabel[broadcast.status]}</span>{" "}
            <span className="muted small">
              {broadcast.recipientCount} customer{broadcast.recipientCount === 1 ? "" : "s"}, drafted{" "}
              {new Date(broadcast.createdAt).toLocaleString()}
            </span>
          </p>
          <table className="tickets">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Ticket</th>
                <th scope="col">Channel</th>
                <th scope="col">Message</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {broadcast.recipients.map((recipient) => (
                <tr key={recipient.customerId}>
                  <td>
                    <a href={`/customers/${encode(recipient.customerId)}`} onClick={onLinkClick}>
                      {recipient.customerName ?? recipient.customerId}
                    </a>
                  </td>
                  <td>
                    <a href={`/tickets/${encode(recipient.sentTicketId ?? recipient.ticketId)}`} onClick={onLinkClick}>
                      #{recipient.sentTicketId ?? recipient.ticketId}
                    </a>
                  </td>
                  <td>
                    {recipient.channel} <span className="muted small">({recipient.language})</span>
                  </td>
                  <td>
                    <pre style={{ whiteSpace: "pre-wrap", margin: 0, font: "inherit" }}>{recipient.body}</pre>
                  </td>
                  <td>{recipient.error ? `${recipient.status}: ${recipient.error}` : recipient.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {broadcast.status === "draft" && (
            <p>
              <button type="button" disabled={busy} onClick={() => void decide(broadcast, "approve")}>
                Approve and send
              </button>{" "}
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => void decide(broadcast, "cancel")}
              >
                Cancel
              </button>
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
