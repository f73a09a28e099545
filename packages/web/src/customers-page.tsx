import { type FormEvent, useEffect, useState } from "react";
import { type Customer, type CustomerDetail, client, encode } from "./api.ts";
import { dateTime } from "./format.ts";
import { navigate, onLinkClick } from "./router.ts";
import { TicketTable } from "./ticket-table.tsx";

/** Everyone who wrote in, newest first; the search matches name, email, phone or company. */
export function CustomersPage({ search }: { search: string | null }) {
  const [customers, setCustomers] = useState<Customer[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = search?.trim() ?? "";

  useEffect(() => {
    setCustomers(null);
    setError(null);
    client.customers
      .list({ limit: 50, ...(query ? { search: query } : {}) })
      .then((page) => {
        setCustomers(page.customers);
        setNextCursor(page.nextCursor);
      })
      .catch((caught: Error) => setError(caught.message));
  }, [query]);

  async function more() {
    if (!nextCursor) return;
    try {
      const page = await client.customers.list({ limit: 50, cursor: nextCursor, ...(query ? { search: query } : {}) });
      setCustomers((previous) => [...(previous ?? []), ...page.customers]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    navigate(value ? `/customers?q=${encode(value)}` : "/customers");
  }

  return (
    <section aria-labelledby="customers-title">
      <header className="toolbar">
        <h1 id="customers-title">Customers</h1>
        {customers && (
          <span className="muted">
            {customers.length}
            {nextCursor ? "+" : ""} {query ? `matching “${query}”` : "newest first"}
          </span>
        )}
        <search className="search">
          <form onSubmit={submit}>
            <label className="visually-hidden" htmlFor="customer-search">
              Search customers
            </label>
            <input
              id="customer-search"
              name="q"
              type="search"
              defaultValue={query}
              key={query}
              placeholder="Name, email, phone or company"
            />
          </form>
        </search>
      </header>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!customers && !error && <p className="muted">Loading customers…</p>}
      {customers?.length === 0 && (
        <p className="empty">
          {query
            ? `No customer matches “${query}”. Search by name, email, phone or company.`
            : "No customers yet. They appear when their first message arrives."}
        </p>
      )}
      {customers && customers.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Phone</th>
              <th scope="col">Company</th>
              <th scope="col">Plan</th>
            </tr>
          </thead>
          <tbody>
            {customers.map((customer) => (
              <tr key={customer.id}>
                <td className="subject">
                  <a href={`/customers/${encode(customer.id)}`} onClick={onLinkClick}>
                    {customer.name || customer.email || customer.phone || customer.id}
                  </a>
                </td>
                <td>{customer.email ?? "—"}</td>
                <td>{customer.phone ?? "—"}</td>
                <td>{customer.company ?? "—"}</td>
                <td>{customer.plan ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p>
          <button type="button" className="secondary" onClick={() => void more()}>
            Show more
          </button>
        </p>
      )}
    </section>
  );
}

/** One customer: who they are on each channel, every ticket they opened anywhere, what their account did. */
export function CustomerDetailPage({ customerId }: { customerId: string }) {
  const [customer, setCustomer] = useState<CustomerDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client.customers
      .get(customerId)
      .then(setCustomer)
      .catch((caught: Error) => setError(caught.message));
  }, [customerId]);

  if (error) {
    return (
      <p className="error" role="alert">
        {error}{" "}
        <a href="/customers" onClick={onLinkClick}>
          Back to customers
        </a>
      </p>
    );
  }
  if (!customer) return <p className="muted">Loading customer…</p>;

  const identities = identitiesOf(customer);
  const channels = [...new Set(customer.tickets.map((ticket) => ticket.channel))];
  const ratings = customer.tickets.filter((ticket) => ticket.csat);

  return (
    <section aria-labelledby="customer-title" className="customer-page">
      <header className="toolbar">
        <a href="/customers" onClick={onLinkClick} className="muted">
          ← Customers
        </a>
        <h1 id="customer-title">{customer.name || customer.email || customer.id}</h1>
        {customer.plan && <span className="tag">{customer.plan}</span>}
      </header>
      <div className="customer-columns">
        <div>
          <section className="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">Profile</h2>
            <dl className="facts">
              <dt>Company</dt>
              <dd>{customer.company ?? "—"}</dd>
              <dt>Plan</dt>
              <dd>{customer.plan ?? "—"}</dd>
              <dt>Language</dt>
              <dd>{customer.language ?? "—"}</dd>
              <dt>CSAT</dt>
              <dd>{ratings.length ? ratings.map((ticket) => `${ticket.csat?.score}`).join(", ") : "no ratings yet"}</dd>
              {Object.entries(customer.attributes ?? {}).map(([name, value]) => (
                <Fact key={name} name={name} value={typeof value === "string" ? value : JSON.stringify(value)} />
              ))}
            </dl>
          </section>
          <section className="panel" aria-labelledby="identities-title">
            <h2 id="identities-title">Identities</h2>
            {identities.length === 0 ? (
              <p className="muted small">No email, phone or handle is known for them.</p>
            ) : (
              <dl className="facts identities">
                {identities.map(([channel, value]) => (
                  <Fact key={`${channel}-${value}`} name={channel} value={value} />
                ))}
              </dl>
            )}
          </section>
        </div>
        <div>
          <section className="panel" aria-labelledby="customer-tickets-title">
            <h2 id="customer-tickets-title">
              Tickets{" "}
              <span className="muted small">
                ({customer.tickets.length}, across {channels.join(", ") || "no channel"})
              </span>
            </h2>
            {customer.tickets.length === 0 ? (
              <p className="muted small">They have not opened a ticket yet.</p>
            ) : (
              <TicketTable tickets={customer.tickets} />
            )}
          </section>
          <section className="panel" aria-labelledby="account-events-title">
            <h2 id="account-events-title">Account events</h2>
            {customer.accountEvents.length === 0 ? (
              <p className="muted small">Their product account recorded nothing yet.</p>
            ) : (
              <ol className="plain small events account-events">
                {customer.accountEvents.map((event) => (
                  <li key={event.id}>
                    <strong>{event.type}</strong> <time dateTime={event.at}>{dateTime(event.at)}</time>
                    {event.data && Object.keys(event.data).length > 0 && (
                      <span className="muted"> {summary(event.data)}</span>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </section>
  );
}

function Fact({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** Where the customer can be reached, by channel: email, phone, then each social or messaging handle. */
export function identitiesOf(customer: Customer): [string, string][] {
  const found: [string, string][] = [];
  if (customer.email) found.push(["email", customer.email]);
  if (customer.phone) found.push(["phone", customer.phone]);
  for (const [channel, handle] of Object.entries(customer.handles ?? {})) found.push([channel, handle]);
  return found;
}

function summary(data: Record<string, unknown>): string {
  return Object.entries(data)
    .slice(0, 4)
    .map(([name, value]) => `${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}
