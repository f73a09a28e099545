import { useCallback, useEffect, useState } from "react";
import { type Agent, ApiError, client, type Session } from "./api.ts";
import { CustomerDetailPage, CustomersPage } from "./customers-page.tsx";
import { Inbox, type InboxView, inboxViews } from "./inbox.tsx";
import { KnowledgeBase } from "./knowledge-base.tsx";
import { KnownIssueDetailPage, KnownIssuesPage } from "./known-issues-page.tsx";
import { ReportPage } from "./report-page.tsx";
import { navigate, onLinkClick, usePath } from "./router.ts";
import { isAdmin, SettingsPage } from "./settings-page.tsx";
import { ShortcutHelp } from "./shortcut-help.tsx";
import { SignIn } from "./sign-in.tsx";
import { TicketList } from "./ticket-list.tsx";
import { TicketView } from "./ticket-view.tsx";

export type DeskContext = { session: Session; agents: Agent[]; agentNames: Map<string, string> };

type Gate =
  | { state: "loading" }
  | { state: "signed-out"; needsFirstAdmin: boolean }
  | { state: "in"; desk: DeskContext };

export function App() {
  const [gate, setGate] = useState<Gate>({ state: "loading" });
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const session = await client.session.get();
      const { agents } = await client.agents.list();
      setGate({
        state: "in",
        desk: { session, agents, agentNames: new Map(agents.map((agent) => [agent.id, agent.name])) },
      });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) {
        const setup = await client.session.setup().catch(() => null);
        setGate({ state: "signed-out", needsFirstAdmin: setup?.needsFirstAdmin ?? false });
      } else {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return (
      <main className="centered">
        <h1>The desk could not be reached</h1>
        <p role="alert">{error}</p>
        <button type="button" onClick={() => location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  if (gate.state === "loading") return <p className="centered muted">Loading…</p>;
  if (gate.state === "signed-out") return <SignIn needsFirstAdmin={gate.needsFirstAdmin} onSignedIn={load} />;
  return (
    <Shell
      desk={gate.desk}
      onSignOut={async () => {
        await client.session.signOut();
        navigate("/");
        setGate({ state: "signed-out", needsFirstAdmin: false });
      }}
    />
  );
}

const viewLabels: Record<InboxView, string> = {
  mine: "Mine",
  unassigned: "Unassigned",
  team: "My team",
  breaching: "Breaching soon",
  pending: "Waiting on customer",
  escalated: "Escalated",
  all: "All open",
};

function Shell({ desk, onSignOut }: { desk: DeskContext; onSignOut: () => void }) {
  const path = usePath();
  const [showHelp, setShowHelp] = useState(false);
  const url = new URL(path, location.origin);
  const ticketMatch = /^\/tickets\/([^/]+)$/.exec(url.pathname);
  const viewMatch = /^\/inbox\/([a-z]+)$/.exec(url.pathname);
  const view: InboxView = inboxViews.includes(viewMatch?.[1] as InboxView) ? (viewMatch?.[1] as InboxView) : "all";

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      if (event.key === "?") setShowHelp((shown) => !shown);
      if (event.key === "Escape") setShowHelp(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  let screen: React.ReactNode;
  if (ticketMatch?.[1])
    screen = <TicketView key={ticketMatch[1]} ticketId={decodeURIComponent(ticketMatch[1])} desk={desk} />;
  else if (url.pathname === "/articles" || url.pathname.startsWith("/articles/")) {
    const articleId = url.pathname.split("/")[2];
    screen = (
      <KnowledgeBase
        articleId={articleId ? decodeURIComponent(articleId) : null}
        proposalId={url.searchParams.get("proposal")}
        search={url.searchParams.get("q")}
        agentNames={desk.agentNames}
      />
    );
  } else if (url.pathname === "/customers") screen = <CustomersPage search={url.searchParams.get("q")} />;
  else if (url.pathname.startsWith("/customers/")) {
    const customerId = decodeURIComponent(url.pathname.slice("/customers/".length));
    screen = <CustomerDetailPage key={customerId} customerId={customerId} />;
  } else if (url.pathname === "/known-issues") screen = <KnownIssuesPage status={url.searchParams.get("status")} />;
  else if (url.pathname.startsWith("/known-issues/")) {
    const issueId = decodeURIComponent(url.pathname.slice("/known-issues/".length));
    screen = <KnownIssueDetailPage key={issueId} issueId={issueId} />;
  } else if (url.pathname === "/settings") screen = <SettingsPage desk={desk} />;
  else if (url.pathname === "/tickets") screen = <TicketList search={url.search} />;
  else if (url.pathname === "/reports") screen = <ReportPage month={url.searchParams.get("month")} />;
  else
    screen = (
      <Inbox key={view} view={view} viewLabel={viewLabels[view]} desk={desk} query={url.searchParams.get("q")} />
    );

  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Views">
        <div className="brand">{desk.session.workspace.name}</div>
        <ul>
          {inboxViews.map((name) => {
            const href = name === "all" ? "/" : `/inbox/${name}`;
            const current = (url.pathname === "/" || Boolean(viewMatch)) && view === name;
            return (
              <li key={name}>
                <a href={href} onClick={onLinkClick} aria-current={current ? "page" : undefined}>
                  {viewLabels[name]}
                </a>
              </li>
            );
          })}
        </ul>
        <ul>
          {sections.map(([href, label]) => (
            <li key={href}>
              <a href={href} onClick={onLinkClick} aria-current={url.pathname.startsWith(href) ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
          <li>
            <a
              href="/articles"
              onClick={onLinkClick}
              aria-current={url.pathname.startsWith("/articles") ? "page" : undefined}
            >
              Knowledge base
            </a>
          </li>
          <li>
            <a href="/reports" onClick={onLinkClick} aria-current={url.pathname === "/reports" ? "page" : undefined}>
              Reports
            </a>
          </li>
          {isAdmin(desk) && (
            <li>
              <a
                href="/settings"
                onClick={onLinkClick}
                aria-current={url.pathname === "/settings" ? "page" : undefined}
              >
                Settings
              </a>
            </li>
          )}
          <li>
            <a href="/help" target="_blank" rel="noreferrer">
              Help center ↗
            </a>
          </li>
        </ul>
        <div className="me">
          <span>{desk.session.agent?.name ?? "Admin token"}</span>
          <button type="button" className="link" onClick={onSignOut}>
            Sign out
          </button>
          <button type="button" className="link" onClick={() => setShowHelp(true)}>
            Shortcuts (?)
          </button>
        </div>
      </nav>
      <main id="main" className="content">
        {screen}
      </main>
      {showHelp && <ShortcutHelp onClose={() => setShowHelp(false)} />}
    </div>
  );
}

const sections: [string, string][] = [
  ["/customers", "Customers"],
  ["/known-issues", "Known issues"],
];

export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (event.metaKey || event.ctrlKey || event.altKey) return true;
  return Boolean(target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)));
}
