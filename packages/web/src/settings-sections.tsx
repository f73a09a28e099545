import { type FormEvent, type ReactNode, useState } from "react";
import {
  type ChannelAccount,
  client,
  type OperationBody,
  type OperationResponse,
  type WebhookDelivery,
  type WebhookSubscription,
} from "./api.ts";
import type { DeskContext } from "./app.tsx";
import { dateTime, relative } from "./format.ts";
import { useLoaded } from "./use-loaded.ts";

const message = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

const list = (text: string) =>
  text
    .split(",")
    .map((word) => word.trim())
    .filter(Boolean);

/** `key=value` lines into an object; blank lines are skipped. */
function keyValues(text: string): Record<string, string> {
  const entries = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf("=");
      return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    });
  return Object.fromEntries(entries);
}

function Feedback({ error, notice }: { error: string | null; notice: ReactNode }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <div className="notice" role="status">
          {notice}
        </div>
      )}
    </>
  );
}

export function TeamsSection({ desk }: { desk: DeskContext }) {
  const { value, error } = useLoaded(() => client.request("GET /teams"));
  const names = new Map((value?.teams ?? []).map((team) => [team.id, team.name]));
  return (
    <section id="teams" className="panel" aria-labelledby="teams-title">
      <h2 id="teams-title">Teams and escalation paths</h2>
      <p className="muted small">
        Pressing <kbd>e</kbd> on a ticket hands it to the next team on its path. Teams come with the workspace (
        <code>responder import</code>); routing above decides which team a new ticket starts with.
      </p>
      <Feedback error={error} notice={null} />
      {value?.teams.length === 0 && <p className="empty">No teams yet. Import a workspace that names its teams.</p>}
      {value && value.teams.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col">Escalates to, in order</th>
              <th scope="col">Members</th>
            </tr>
          </thead>
          <tbody>
            {value.teams.map((team) => {
              const members = desk.agents.filter((agent) => agent.teamId === team.id).map((agent) => agent.name);
              return (
                <tr key={team.id}>
                  <td>
                    {team.name} <span className="muted small">{team.id}</span>
                  </td>
                  <td>
                    {team.escalationPath.length > 0 ? (
                      team.escalationPath.map((id) => names.get(id) ?? id).join(" → ")
                    ) : (
                      <span className="muted">the last stop: nobody above</span>
                    )}
                  </td>
                  <td>{members.length > 0 ? members.join(", ") : <span className="muted">nobody yet</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

const providers = ["api", "whatsapp", "messenger", "instagram", "telegram", "twilio"] as const;
type Provider = (typeof providers)[number];

export function ChannelsSection() {
  const { value, error, reload } = useLoaded(() => client.request("GET /channels"));
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const webhookAddress = (channel: Pick<ChannelAccount, "webhookUrl">) =>
    `${window.location.origin}${channel.webhookUrl}`;

  async function connect(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      const created = await client.request("POST /channels", {
        body: {
          provider: String(form.get("provider")) as Provider,
          name: String(form.get("name") ?? "").trim(),
          settings: keyValues(String(form.get("settings") ?? "")),
          secrets: keyValues(String(form.get("secrets") ?? "")),
        },
      });
      const generated = Object.entries(created.generatedSecrets ?? {});
      setFailure(null);
      setNotice(
        <>
          <p>
            Channel “{created.name}” connected. Give the provider this webhook URL:{" "}
            <code>{webhookAddress(created)}</code>
          </p>
          {generated.map(([name, secret]) => (
            <p key={name}>
              Its {name} (shown only now, keep it): <code>{secret}</code>
            </p>
          ))}
        </>,
      );
      formElement.reset();
      reload();
    } catch (caught) {
      setFailure(message(caught));
    }
  }

  async function disconnect(channel: ChannelAccount) {
    if (!confirm(`Disconnect “${channel.name}”? Its tickets stay, but replies on them can no longer go out.`)) return;
    try {
      await client.request("DELETE /channels/{id}", { params: { id: channel.id } });
      setFailure(null);
      setNotice(`Channel “${channel.name}” disconnected.`);
      reload();
    } catch (caught) {
      setFailure(message(caught));
    }
  }

  return (
    <section id="channels" className="panel" aria-labelledby="channels-title">
      <h2 id="channels-title">Channels</h2>
      <p className="muted small">
        Email, the chat widget and the help center's contact form are built in (email's servers are set by environment,
        see Configuration in the README). Connect messaging providers here.
      </p>
      <Feedback error={error ?? failure} notice={notice} />
      {value?.channels.length === 0 && <p className="empty">No provider connected yet.</p>}
      {value && value.channels.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Provider</th>
              <th scope="col">Webhook URL</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Disconnect</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.channels.map((channel) => (
              <tr key={channel.id}>
                <td>{channel.name}</td>
                <td>{channel.provider}</td>
                <td>
                  <code className="small">{webhookAddress(channel)}</code>
                </td>
                <td>{channel.enabled ? "on" : "off"}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => void disconnect(channel)}>
                    Disconnect {channel.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="stacked-form" onSubmit={connect} aria-label="Connect a channel">
        <div className="row">
          <label>
            Provider
            <select name="provider" defaultValue="api">
              {providers.map((provider) => (
                <option key={provider} value={provider}>
                  {provider}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            Channel name
            <input name="name" required placeholder="e.g. WhatsApp Germany" />
          </label>
        </div>
        <div className="row">
          <label className="grow">
            Settings (one key=value per line)
            <textarea name="settings" rows={2} placeholder="phoneNumberId=1234" />
          </label>
          <label className="grow">
            Secrets (one key=value per line, never shown again)
            <textarea name="secrets" rows={2} placeholder="accessToken=…" />
          </label>
        </div>
        <button type="submit">Connect channel</button>
      </form>
    </section>
  );
}

export function AutonomySection() {
  const { value, error, setValue } = useLoaded(() => client.responder.autonomy());
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const saved = await client.responder.setAutonomy({
        enabled: form.get("enabled") === "on",
        threshold: Number(form.get("threshold")),
        categories: list(String(form.get("categories") ?? "")),
      });
      setValue(saved);
      setFailure(null);
      setNotice(
        saved.enabled
          ? "Autonomy saved: the responder sends drafts that meet the policy on its own."
          : "Autonomy saved: every draft waits for an agent.",
      );
    } catch (caught) {
      setNotice(null);
      setFailure(message(caught));
    }
  }

  return (
    <section id="autonomy" className="panel" aria-labelledby="autonomy-title">
      <h2 id="autonomy-title">Responder autonomy</h2>
      <p className="muted small">
        When on, the responder sends a draft itself only if its confidence reaches the threshold and its category is
        listed. Refunds, plan changes, credits and escalations always wait for a person.
      </p>
      <Feedback error={error ?? failure} notice={notice} />
      {value && (
        <form
          className="stacked-form"
          onSubmit={save}
          key={`${value.enabled}-${value.threshold}-${value.categories.join()}`}
        >
          <label className="inline">
            <input type="checkbox" name="enabled" defaultChecked={value.enabled} /> Let the responder send replies on
            its own
          </label>
          <div className="row">
            <label>
              Confidence threshold (0 to 1)
              <input name="threshold" type="number" min={0} max={1} step={0.05} defaultValue={value.threshold} />
            </label>
            <label className="grow">
              Categories it may answer alone (comma-separated, e.g. how_to, account)
              <input name="categories" defaultValue={value.categories.join(", ")} />
            </label>
          </div>
          <button type="submit">Save autonomy</button>
        </form>
      )}
    </section>
  );
}

export function ModelSection() {
  return (
    <section id="model" className="panel" aria-labelledby="model-title">
      <h2 id="model-title">Model provider</h2>
      <p>
        The responder drafts with its offline engine unless the desk is started with <code>RESPONDER_MODEL</code> (for
        example <code>openai:gpt-4.1-mini</code>, <code>anthropic:claude-sonnet-4-5</code> or{" "}
        <code>openai-compatible:llama3.1@http://127.0.0.1:11434/v1</code>) and its key in{" "}
        <code>RESPONDER_MODEL_API_KEY</code>. It is set by environment only, not here: see Configuration in the README.
      </p>
    </section>
  );
}

export function WidgetSection() {
  const { value, error, setValue } = useLoaded(() => client.request("GET /widget/settings"));
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [showSecret, setShowSecret] = useState(false);

  async function rotate() {
    if (!confirm("Replace the identity secret? Signatures made with the old one stop working at once.")) return;
    try {
      setValue(await client.request("POST /widget/settings/rotate-secret"));
      setFailure(null);
      setShowSecret(true);
      setNotice("New secret made. Update it on your server now: signed-in users are anonymous until you do.");
    } catch (caught) {
      setFailure(message(caught));
    }
  }

  return (
    <section id="widget" className="panel" aria-labelledby="widget-title">
      <h2 id="widget-title">Chat widget</h2>
      <Feedback error={error ?? failure} notice={notice} />
      {value && (
        <>
          <p className="muted small">Put this on your pages:</p>
          <pre className="snippet">
            <code>{value.snippet}</code>
          </pre>
          <p className="muted small">
            To identify signed-in users, sign each user id with HMAC-SHA256 under this secret on your server and pass it
            to <code>Responder.identify</code>.
          </p>
          <div className="row">
            <label className="inline">
              Identity secret{" "}
              <input
                className="secret"
                readOnly
                size={40}
                type={showSecret ? "text" : "password"}
                value={value.identitySecret}
              />
            </label>
            <button type="button" className="secondary" onClick={() => setShowSecret(!showSecret)}>
              {showSecret ? "Hide secret" : "Show secret"}
            </button>
            <button type="button" className="secondary" onClick={() => void rotate()}>
              Rotate secret
            </button>
          </div>
        </>
      )}
    </section>
  );
}

export function WebhooksSection() {
  const { value, error, reload } = useLoaded(() => client.request("GET /webhooks"));
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [opened, setOpened] = useState<string | null>(null);

  async function subscribe(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const description = String(form.get("description") ?? "").trim();
    try {
      const created = await client.request("POST /webhooks", {
        body: {
          url: String(form.get("url") ?? "").trim(),
          kinds: list(String(form.get("kinds") ?? "")),
          description: description || null,
        },
      });
      setFailure(null);
      setNotice(
        <p>
          Subscribed {created.url}. Its signing secret (shown only now, keep it): <code>{created.secret}</code>
        </p>,
      );
      formElement.reset();
      reload();
    } catch (caught) {
      setFailure(message(caught));
    }
  }

  async function remove(webhook: WebhookSubscription) {
    if (!confirm(`Delete the webhook to ${webhook.url} and its delivery log?`)) return;
    try {
      await client.request("DELETE /webhooks/{id}", { params: { id: webhook.id } });
      setFailure(null);
      setNotice(`Webhook to ${webhook.url} deleted.`);
      reload();
    } catch (caught) {
      setFailure(message(caught));
    }
  }

  return (
    <section id="webhooks" className="panel" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">Webhooks</h2>
      <p className="muted small">
        The desk POSTs signed JSON to these URLs when tickets, messages or customers change, retrying failures; after
        many failures in a row it pauses the subscription.
      </p>
      <Feedback error={error ?? failure} notice={notice} />
      {value?.webhooks.length === 0 && <p className="empty">No webhooks yet.</p>}
      {value && value.webhooks.length > 0 && (
        <table className="tickets">
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Events</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {value.webhooks.map((webhook) => (
              <WebhookRow
                key={webhook.id}
                webhook={webhook}
                opened={opened === webhook.id}
                onToggle={() => setOpened(opened === webhook.id ? null : webhook.id)}
                onRemove={() => void remove(webhook)}
              />
            ))}
          </tbody>
        </table>
      )}
      <form className="stacked-form" onSubmit={subscribe} aria-label="Add a webhook">
        <div className="row">
          <label className="grow">
            URL
            <input name="url" type="url" required placeholder="https://example.com/hooks/support" />
          </label>
          <label className="grow">
            Events (comma-separated)
            <input name="kinds" required defaultValue="ticket.*" />
          </label>
          <label className="grow">
            Description
            <input name="description" placeholder="what receives it" />
          </label>
        </div>
        <button type="submit">Add webhook</button>
      </form>
    </section>
  );
}

function WebhookRow({
  webhook,
  opened,
  onToggle,
  onRemove,
}: {
  webhook: WebhookSubscription;
  opened: boolean;
  onToggle: () => void;
  onRemove: () => void;
}) {
  return (
    <>
      <tr>
        <td>
          {webhook.url}
          {webhook.description && <div className="muted small">{webhook.description}</div>}
        </td>
        <td>{webhook.kinds.join(", ")}</td>
        <td>
          {webhook.status === "paused" ? `paused: ${webhook.pausedReason ?? "too many failures"}` : "active"}
          {webhook.consecutiveFailures > 0 && (
            <div className="muted small">{webhook.consecutiveFailures} failures in a row</div>
          )}
        </td>
        <td>
          <div className="row">
            <button
              type="button"
              className="secondary"
              aria-expanded={opened}
              aria-label={`Deliveries to ${webhook.url}`}
              onClick={onToggle}
            >
              Deliveries
            </button>
            <button
              type="button"
              className="secondary"
              aria-label={`Delete webhook to ${webhook.url}`}
              onClick={onRemove}
            >
              Delete
            </button>
          </div>
        </td>
      </tr>
      {opened && (
        <tr>
          <td colSpan={4}>
            <WebhookDeliveries webhookId={webhook.id} />
          </td>
        </tr>
      )}
    </>
  );
}

function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const { value, error } = useLoaded(() =>
    client.request("GET /webhooks/{id}/deliveries", { params: { id: webhookId }, query: { limit: 20 } }),
  );
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!value) return <p className="muted">Loading deliveries…</p>;
  if (value.deliveries.length === 0)
    return <p className="empty">Nothing delivered yet: deliveries appear when a subscribed event happens.</p>;
  return (
    <table className="tickets" aria-label="Deliveries">
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Result</th>
          <th scope="col">Tries</th>
          <th scope="col">When</th>
        </tr>
      </thead>
      <tbody>
        {value.deliveries.map((delivery: WebhookDelivery) => (
          <tr key={delivery.id}>
            <td>{delivery.kind}</td>
            <td>
              {delivery.status}
              {delivery.responseStatus !== null && ` (HTTP ${delivery.responseStatus})`}
              {delivery.lastError && <div className="muted small">{delivery.lastError}</div>}
            </td>
            <td>{delivery.attempts}</td>
            <td title={dateTime(delivery.createdAt)}>
              {relative(delivery.createdAt)}
              {delivery.nextAttemptAt && delivery.status === "pending" && (
                <div className="muted small">next try {relative(delivery.nextAttemptAt)}</div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type ServiceLevels = OperationResponse<"GET /service-levels">;
type ServiceLevelsBody = OperationBody<"PUT /service-levels">;
type SlaPolicy = ServiceLevelsBody["slaPolicies"][number];
type Weekday = NonNullable<ServiceLevelsBody["businessHours"]>["days"][number];
const weekdays: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const slaChannels = ["email", "chat", "phone", "social", "in_app", "api"] as const;
const slaPriorities = ["low", "normal", "high", "urgent"] as const;

function describePolicy(policy: SlaPolicy): string {
  const scope = [policy.channel, policy.priority].filter(Boolean).join(" + ") || "every ticket";
  const targets = [
    `first response ${policy.firstResponseMinutes} min`,
    policy.nextResponseMinutes !== undefined && `next response ${policy.nextResponseMinutes} min`,
    policy.resolutionMinutes !== undefined && `resolution ${policy.resolutionMinutes} min`,
  ].filter(Boolean);
  return `${scope}: ${targets.join(", ")}`;
}

const optionalMinutes = (text: string) => (text.trim() === "" ? undefined : Number(text));

export function ServiceLevelsSection() {
  const loaded = useLoaded(() => client.request("GET /service-levels"));
  const [draft, setDraft] = useState<ServiceLevelsBody | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const saved: ServiceLevels | null = loaded.value;
  const levels: ServiceLevelsBody | null =
    draft ??
    (saved && {
      businessHours: saved.businessHours,
      slaPolicies: saved.slaPolicies,
      reportInBusinessHours: saved.reportInBusinessHours,
    });

  const edit = (change: Partial<ServiceLevelsBody>) => {
    if (!levels) return;
    setDraft({ ...levels, ...change });
    setNotice(null);
  };
  const editPolicy = (index: number, change: Partial<SlaPolicy>) =>
    levels &&
    edit({
      slaPolicies: levels.slaPolicies.map((policy, position) => {
        if (position !== index) return policy;
        const next: Record<string, unknown> = { ...policy, ...change };
        for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
        return next as SlaPolicy;
      }),
    });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!levels) return;
    try {
      const answer = await client.request("PUT /service-levels", { body: levels });
      loaded.setValue(answer);
      setDraft(null);
      setFailure(null);
      setNotice("Service levels saved.");
    } catch (caught) {
      setFailure(message(caught));
    }
  }

  const hours = levels?.businessHours ?? null;
  return (
    <section id="service-levels" className="panel" aria-labelledby="service-levels-title">
      <h2 id="service-levels-title">SLA policies and business hours</h2>
      <Feedback error={loaded.error ?? failure} notice={notice} />
      {levels && saved && (
        <form className="stacked-form" onSubmit={save}>
          <fieldset>
            <legend>Business hours ({saved.timezone})</legend>
            <label className="inline">
              <input
                type="checkbox"
                checked={hours === null}
                onChange={(event) =>
                  edit({
                    businessHours: event.target.checked
                      ? null
                      : { days: ["mon", "tue", "wed", "thu", "fri"], start: "09:00", end: "17:00" },
                  })
                }
              />{" "}
              Around the clock (SLA clocks never pause)
            </label>
            {hours && (
              <div className="row">
                {weekdays.map((day) => (
                  <label key={day} className="inline">
                    <input
                      type="checkbox"
                      checked={hours.days.includes(day)}
                      onChange={(event) =>
                        edit({
                          businessHours: {
                            ...hours,
                            days: event.target.checked
                              ? weekdays.filter((each) => each === day || hours.days.includes(each))
                              : hours.days.filter((each) => each !== day),
                          },
                        })
                      }
                    />{" "}
                    {day}
                  </label>
                ))}
                <label>
                  Opens
                  <input
                    type="time"
                    value={hours.start}
                    onChange={(event) => edit({ businessHours: { ...hours, start: event.target.value } })}
                  />
                </label>
                <label>
                  Closes
                  <input
                    type="time"
                    value={hours.end}
                    onChange={(event) => edit({ businessHours: { ...hours, end: event.target.value } })}
                  />
                </label>
              </div>
            )}
            <label className="inline">
              <input
                type="checkbox"
                checked={levels.reportInBusinessHours}
                onChange={(event) => edit({ reportInBusinessHours: event.target.checked })}
              />{" "}
              Count first-response and resolution times in business hours in reports
            </label>
          </fieldset>
          <fieldset>
            <legend>Policies (for each target the strictest matching policy wins)</legend>
            {levels.slaPolicies.length === 0 && (
              <p className="muted small">
                None set, so the defaults apply: {saved.defaultSlaPolicies.map(describePolicy).join("; ")}.
              </p>
            )}
            {levels.slaPolicies.length > 0 && (
              <table className="tickets rules">
                <thead>
                  <tr>
                    <th scope="col">Channel</th>
                    <th scope="col">Priority</th>
                    <th scope="col">First response (min)</th>
                    <th scope="col">Next response (min)</th>
                    <th scope="col">Resolution (min)</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {levels.slaPolicies.map((policy, index) => {
                    const number = index + 1;
                    return (
                      // biome-ignore lint/suspicious/noArrayIndexKey: policies have no id; their position is what the agent edits.
                      <tr key={index}>
                        <td>
                          <select
                            aria-label={`Policy ${number} channel`}
                            value={policy.channel ?? ""}
                            onChange={(event) =>
                              editPolicy(index, {
                                channel: (event.target.value || undefined) as SlaPolicy["channel"],
                              })
                            }
                          >
                            <option value="">any channel</option>
                            {slaChannels.map((channel) => (
                              <option key={channel} value={channel}>
                                {channel}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <select
                            aria-label={`Policy ${number} priority`}
                            value={policy.priority ?? ""}
                            onChange={(event) =>
                              editPolicy(index, {
                                priority: (event.target.value || undefined) as SlaPolicy["priority"],
                              })
                            }
                          >
                            <option value="">any priority</option>
                            {slaPriorities.map((priority) => (
                              <option key={priority} value={priority}>
                                {priority}
                              </option>
                            ))}
                          </select>
                        </td>
                        <td>
                          <input
                            aria-label={`Policy ${number} first response minutes`}
                            type="number"
                            min={0}
                            step="any"
                            required
                            value={policy.firstResponseMinutes}
                            onChange={(event) =>
                              editPolicy(index, { firstResponseMinutes: Number(event.target.value) })
                            }
                          />
                        </td>
                        <td>
                          <input
                            aria-label={`Policy ${number} next response minutes`}
                            type="number"
                            min={0}
                            step="any"
                            value={policy.nextResponseMinutes ?? ""}
                            onChange={(event) =>
                              editPolicy(index, { nextResponseMinutes: optionalMinutes(event.target.value) })
                            }
                          />
                        </td>
                        <td>
                          <input
                            aria-label={`Policy ${number} resolution minutes`}
                            type="number"
                            min={0}
                            step="any"
                            value={policy.resolutionMinutes ?? ""}
                            onChange={(event) =>
                              editPolicy(index, { resolutionMinutes: optionalMinutes(event.target.value) })
                            }
                          />
                        </td>
                        <td>
                          <button
                            type="button"
                            className="secondary"
                            onClick={() =>
                              edit({
                                slaPolicies: levels.slaPolicies.filter((_policy, position) => position !== index),
                              })
                            }
                          >
                            Remove policy {number}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() =>
                edit({
                  slaPolicies: [
                    ...levels.slaPolicies,
                    ...(levels.slaPolicies.length === 0 ? saved.defaultSlaPolicies : [{ firstResponseMinutes: 120 }]),
                  ],
                })
              }
            >
              {levels.slaPolicies.length === 0 ? "Start from the defaults" : "Add policy"}
            </button>
          </fieldset>
          <div className="row">
            <button type="submit" disabled={!draft}>
              Save service levels
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
