import { encode, type Ticket } from "./api.ts";
import { dateTime, statusLabel } from "./format.ts";
import { onLinkClick } from "./router.ts";

type TicketRow = Pick<Ticket, "id" | "subject" | "channel" | "status" | "createdAt"> & { topic?: string | null };

/** Tickets as a table of links: subject, channel, status, (topic,) opened. */
export function TicketTable({ tickets, showTopic = false }: { tickets: readonly TicketRow[]; showTopic?: boolean }) {
  return (
    <table className="tickets">
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Channel</th>
          <th scope="col">Status</th>
          {showTopic && <th scope="col">Topic</th>}
          <th scope="col">Opened</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((ticket) => (
          <tr key={ticket.id}>
            <td className="subject">
              <a href={`/tickets/${encode(ticket.id)}`} onClick={onLinkClick}>
                {ticket.subject || "(no subject)"}
              </a>
              <span className="muted small"> #{ticket.id}</span>
            </td>
            <td>{ticket.channel}</td>
            <td>
              <span className={`status status-${ticket.status}`}>{statusLabel[ticket.status]}</span>
            </td>
            {showTopic && <td>{ticket.topic ?? "—"}</td>}
            <td>{dateTime(ticket.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
