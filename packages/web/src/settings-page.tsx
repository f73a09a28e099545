import { type FormEvent, useState } from "react";
import { type ApiToken, client, type RoutingRule, type RoutingSettings } from "./api.ts";
import type { DeskContext } from "./app.tsx";
import { dateTime, relative } from "./format.ts";
import {
  AutonomySection,
  ChannelsSection,
  ModelSection,
  ServiceLevelsSection,
  TeamsSection,
  WebhooksSection,
  WidgetSection,
} from "./settings-sections.tsx";
import { useLoaded } from "./use-loaded.ts";

const priorities = ["low", "normal", "high", "urgent"] as const;
type Priority = (typeof priorities)[number];
const conditionFields = ["channel", "topic", "category", "priority", "plan"] as const;
type ConditionField = (typeof conditionFields)[number];

export function isAdmin(desk: DeskContext): boolean {
  // No agent means the desk's admin token signed in.
  return !desk.session.agent || desk.session.agent.role === "admin";
}

/** What admins set for the whole workspace: routing, teams, channels, the responder, webhooks and API tokens. */
export function SettingsPage({ desk }: { desk: DeskContext }) {
  if (!isAdmin(desk)) {
    return (
      <section aria-labelledby="settings-title">
        <h1 id="settings-title">Settings</h1>
        <p className="empty">Only admins change the workspace's settings. Ask one of them for what you need.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="settings-title" className="settings">
      <header className="toolbar">
        <h1 id="settings-title">Settings</h1>
        <nav aria-label="Settings sections" className="filters">
          {[
            ["#routing", "Routing and teams"],
            ["#macros", "Macros"],
            ["#triggers", "Triggers"],
            ["#teams", "Teams"],
            ["#service-levels", "SLA and hours"],
            ["#channels", "Channels"],
            ["#autonomy", "Autonomy"],
            ["#model", "Model"],
            ["#widget", "Chat widget"],
            ["#webhooks", "Webhooks"],
            ["#tokens", "API tokens"],
          ].map(([href, label]) => (
            <a key={href} className="filter-link" href={href}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <RoutingSection desk={desk} />
      <MacroSection />
      <TriggerSection />
      <TeamsSection desk={desk} />
      <ServiceLevelsSection />
      <ChannelsSection />
      <AutonomySection />
      <ModelSection />
      <WidgetSection />
      <WebhooksSection />
      <TokenSection desk={desk} />
    </section>
  );
}

const list = (text: string) =>
  text
    .split(",")
    .map((word) => word.trim())
    .filter(Boolean);

function RoutingSection({ desk }: { desk: DeskContext }) {
  const loaded = useLoaded(() => client.request("GET /routing"));
  const [draft, setDraft] = useState<RoutingSettings | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Bumped when the form is reset, so the rule inputs start again from the saved values.
  const [generation, setGeneration] = useState(0);
  const settings = draft ?? loaded.value;

  const edit = (change: (current: RoutingSettings) => RoutingSettings) => {
    if (!settings) return;
    setDraft(change(settings));
    setNotice(null);
  };
  const editRule = (index: number, change: Partial<RoutingRule>) =>
    edit((current) => ({
      ...current,
      rules: current.rules.map((rule, position) => (position === index ? { ...rule, ...change } : rule)),
    }));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    try {
      loaded.setValue(await client.request("PUT /routing", { body: draft }));
      setDraft(null);
      setGeneration((previous) => previous + 1);
      setFailure(null);
      setNotice("Routing saved. New tickets follow these rules from now on.");
    } catch (caught) {
      setFailure(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <section id="routing" className="panel" aria-labelledby="routing-title">
      <h2 id="routing-title">Routing and teams</h2>
      <p className="muted small">
        The workspace's teams: {desk.session.teams.map((team) => `${team.name} (${team.id})`).join(", ") || "none yet"}.
      </p>
      {loaded.error && (
        <p className="error" role="alert">
          {loaded.error}
        </p>
      )}
      {settings && (
        <form className="form wide" onSubmit={save}>
          <label className="inline">
            <input
              type="checkbox"
              checked={settings.enabled}
              onChange={(event) => edit((current) => ({ ...current, enabled: event.target.checked }))}
            />{" "}
            Route new tickets with these rules
          </label>
          <label>
            Open chats an agent holds at most
            <input
              type="number"
              min={1}
              max={100}
              value={settings.chatLimit}
              onChange={(event) => edit((current) => ({ ...current, chatLimit: Number(event.target.value) }))}
            />
          </label>
          <h3>Rules, first match first (separate several values with commas)</h3>
          <table className="rules">
            <thead>
              <tr>
                <th scope="col">Name</th>
                {conditionFields.map((field) => (
                  <th key={field} scope="col">
                    {field}
                  </th>
                ))}
                <th scope="col">Team</th>
                <th scope="col">Priority at least</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {settings.rules.map((rule, index) => (
                // Rules have no id: their place (and the list's length, so a removal starts the rows afresh) is the key.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <tr key={`${generation}-${settings.rules.length}-${index}`}>
                  <td>
                    <input
                      className="rule-field"
                      aria-label={`Rule ${index + 1} name`}
                      value={rule.name}
                      onChange={(event) => editRule(index, { name: event.target.value })}
                      required
                    />
                  </td>
                  {conditionFields.map((field) => (
                    <td key={field}>
                      <ConditionInput
                        label={`Rule ${index + 1} ${field}`}
                        values={rule.when[field] ?? []}
                        onChange={(values) => editRule(index, { when: withCondition(rule.when, field, values) })}
                      />
                    </td>
                  ))}
                  <td>
                    <select
                      className="rule-field"
                      aria-label={`Rule ${index + 1} team`}
                      aria-invalid={Boolean(rule.teamId) && !desk.session.teams.some((team) => team.id === rule.teamId)}
                      value={rule.teamId ?? ""}
                      onChange={(event) => editRule(index, { teamId: event.target.value || undefined })}
                    >
                      <option value="">keep</option>
                      {desk.session.teams.map((team) => (
                        <option key={team.id} value={team.id}>
                          {team.name}
                        </option>
                      ))}
                      {rule.teamId && !desk.session.teams.some((team) => team.id === rule.teamId) && (
                        <option value={rule.teamId}>{rule.teamId} (no such team)</option>
                      )}
                    </select>
                  </td>
                  <td>
                    <select
                      className="rule-field"
                      aria-label={`Rule ${index + 1} priority at least`}
                      value={rule.priorityAtLeast ?? ""}
                      onChange={(event) =>
                        editRule(index, { priorityAtLeast: (event.target.value || undefined) as Priority | undefined })
                      }
                    >
                      <option value="">keep</option>
                      {priorities.map((priority) => (
                        <option key={priority}>{priority}</option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        edit((current) => ({
                          ...current,
                          rules: current.rules.filter((_, position) => position !== index),
                        }))
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button
              type="button"
              className="secondary"
              onClick={() =>
                edit((current) => ({
                  ...current,
                  rules: [...current.rules, { name: `Rule ${current.rules.length + 1}`, when: {} }],
                }))
              }
            >
              Add rule
            </button>
            <button type="submit" disabled={!draft}>
              Save routing
            </button>
            {draft && (
              <button
                type="button"
                className="link"
                onClick={() => {
                  setDraft(null);
                  setGeneration((previous) => previous + 1);
                }}
              >
                Discard changes
              </button>
            )}
          </div>
          {failure && (
            <p className="error" role="alert">
              {failure}
            </p>
          )}
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
        </form>
      )}
    </section>
  );
}

/** Keeps what the agent is typing (commas and all) and hands the parsed list up as it changes. */
function ConditionInput({
  label,
  values,
  onChange,
}: {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
}) {
  const [text, setText] = useState(values.join(", "));
  return (
    <input
      className="rule-field"
      aria-label={label}
      value={text}
      placeholder="any"
      onChange={(event) => {
        setText(event.target.value);
        onChange(list(event.target.value));
      }}
    />
  );
}

function withCondition(when: RoutingRule["when"], field: ConditionField, values: string[]): RoutingRule["when"] {
  const { [field]: _replaced, ...rest } = when;
  if (values.length === 0) return rest;
  if (field === "priority") {
    return { ...rest, priority: values.filter((value): value is Priority => priorities.includes(value as Priority)) };
  }
  return { ...rest, [field]: values };
}

function describeAction(action: Record<string, unknown>): string {
  const { type, ...params } = action;
  const detail = Object.entries(params)
    .map(([name, value]) => `${name} ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join(", ");
  return `${String(type).replaceAll("_", " ")}${detail ? ` (${detail})` : ""}`;
}

function MacroSection() {
  const { value, error } = useLoaded(() => client.request("GET /macros"));
  return (
    <section id="macros" className="panel" aria-labelledby="macros-title">
      <h2 id="macros-title">Macros</h2>
      <p className="muted small">Saved replies agents apply from a ticket (m). Manage them with the /macros API.</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {value?.macros.length === 0 && <p className="empty">No macros yet.</p>}
      {value && value.macros.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Sends</th>
              <th scope="col">Then</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {value.macros.map((macro) => (
              <tr key={macro.id}>
                <td>
                  <strong>{macro.name}</strong>
                  <div className="macro-preview small">{macro.body}</div>
                </td>
                <td>{macro.public ? "reply" : "internal note"}</td>
                <td>{macro.actions.map(describeAction).join("; ") || "—"}</td>
                <td>{relative(macro.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TriggerSection() {
  const { value, error } = useLoaded(() => client.request("GET /triggers"));
  return (
    <section id="triggers" className="panel" aria-labelledby="triggers-title">
      <h2 id="triggers-title">Triggers</h2>
      <p className="muted small">
        Rules that act on tickets when something happens. Manage them with the /triggers API.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {value?.triggers.length === 0 && <p className="empty">No triggers yet.</p>}
      {value && value.triggers.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">When</th>
              <th scope="col">If</th>
              <th scope="col">Then</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {value.triggers.map((trigger) => (
              <tr key={trigger.id}>
                <td>
                  <strong>{trigger.name}</strong>
                </td>
                <td>{trigger.event}</td>
                <td>
                  {trigger.conditions
                    .map((condition) => `${condition.field} ${condition.operator} ${JSON.stringify(condition.value)}`)
                    .join(" and ") || "always"}
                </td>
                <td>{trigger.actions.map(describeAction).join("; ")}</td>
                <td>{trigger.enabled ? "yes" : "off"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TokenSection({ desk }: { desk: DeskContext }) {
  const { value, error, reload } = useLoaded(() => client.request("GET /tokens"));
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function revoke(token: ApiToken) {
    if (!confirm(`Revoke the token “${token.name}”? Programs using it stop working at once.`)) return;
    try {
      await client.request("DELETE /tokens/{id}", { params: { id: token.id } });
      setFailure(null);
      setNotice(`Token “${token.name}” revoked.`);
      reload();
    } catch (caught) {
      setFailure(caught instanceof Error ? caught.message : String(caught));
    }
  }

  return (
    <section id="tokens" className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted small">
        Programs use these to call the API as an agent. Issue one with <code>responder token</code> or POST /tokens.
      </p>
      {(error ?? failure) && (
        <p className="error" role="alert">
          {error ?? failure}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {value?.tokens.length === 0 && <p className="empty">No API tokens yet.</p>}
      {value && value.tokens.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Acts as</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Revoke</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.tokens.map((token) => (
              <tr key={token.id} className={token.revokedAt ? "revoked" : undefined}>
                <td>{token.name}</td>
                <td>{desk.agentNames.get(token.agentId) ?? token.agentId}</td>
                <td>{dateTime(token.createdAt)}</td>
                <td>{token.lastUsedAt ? relative(token.lastUsedAt) : "never"}</td>
                <td>
                  {token.revokedAt ? (
                    <span className="muted">revoked {relative(token.revokedAt)}</span>
                  ) : (
                    <button type="button" className="secondary" onClick={() => void revoke(token)}>
                      Revoke {token.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
