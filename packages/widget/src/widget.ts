import { createConnection, type WidgetMemory } from "./connection.ts";
import type { HistoryItem, VisitorUser } from "./protocol.ts";

/**
 * The embeddable chat widget: `<script src="https://desk.example/widget.js" data-workspace="…" async>`.
 * A launcher button opens a panel; the conversation continues where it was (localStorage), and
 * `window.Responder` offers open(), close(), identify() and track() to the host page.
 */

const styles = `
:host{all:initial;font:14px/1.4 system-ui,sans-serif;color:#1f2328}
.launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#2957d8;color:#fff;font-size:24px;cursor:pointer;box-shadow:0 4px 12px #0003;z-index:2147483000}
.launcher[data-unread]::after{content:"";position:absolute;top:6px;right:6px;width:12px;height:12px;border-radius:50%;background:#e5484d;border:2px solid #fff}
.launcher:focus-visible,button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.panel{position:fixed;right:20px;bottom:88px;width:340px;max-width:calc(100vw - 40px);height:460px;max-height:calc(100vh - 120px);display:flex;flex-direction:column;background:#fff;border-radius:12px;box-shadow:0 8px 28px #0004;overflow:hidden;z-index:2147483000}
.panel[hidden]{display:none}
header{display:flex;align-items:center;justify-content:space-between;padding:12px 14px;background:#2957d8;color:#fff}
header h2{font-size:15px;margin:0}
header p{font-size:12px;margin:2px 0 0;opacity:.85}
header button{background:none;border:0;color:#fff;font-size:20px;cursor:pointer}
ol{list-style:none;margin:0;padding:12px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:8px}
li{max-width:80%;padding:8px 10px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word}
li.visitor{align-self:flex-end;background:#2957d8;color:#fff}
li.agent{align-self:flex-start;background:#eef1f6}
li.pending{opacity:.6}
.typing{padding:0 14px 6px;font-size:12px;color:#57606a;min-height:16px}
form{display:flex;gap:6px;padding:10px;border-top:1px solid #e5e7eb}
textarea,input{flex:1;font:inherit;padding:8px;border:1px solid #c9ced6;border-radius:8px;resize:none}
form button{background:#2957d8;color:#fff;border:0;border-radius:8px;padding:0 12px;cursor:pointer}
.offline{padding:10px;border-top:1px solid #e5e7eb;background:#fff8e6;font-size:13px}
.offline form{padding:6px 0 0;border:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

type Widget = {
  open(): void;
  close(): void;
  identify(user: VisitorUser): void;
  track(type: string, data?: Record<string, unknown>): void;
};

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function mount(script: HTMLScriptElement): Widget {
  const workspace = script.dataset.workspace ?? "default";
  const base = new URL(script.src, location.href);
  const socketUrl = `${base.protocol === "https:" ? "wss:" : "ws:"}//${base.host}/widget/socket?workspace=${encodeURIComponent(workspace)}`;
  const prefix = `responder:${workspace}:`;
  const memory: WidgetMemory = {
    get: (key) => {
      try {
        return localStorage.getItem(prefix + key);
      } catch {
        return null;
      }
    },
    set: (key, value) => {
      try {
        if (value === null) localStorage.removeItem(prefix + key);
        else localStorage.setItem(prefix + key, value);
      } catch {
        // Storage refused (private mode): the conversation lasts for this page only.
      }
    },
  };

  const host = element("div", { id: "responder-widget" });
  const root = host.attachShadow({ mode: "open" });
  root.append(element("style", {}, styles));
  const launcher = element("button", {
    class: "launcher",
    type: "button",
    "aria-label": "Open chat with support",
    "aria-expanded": "false",
    "aria-controls": "responder-panel",
  });
  launcher.textContent = "💬";
  const panel = element("section", {
    class: "panel",
    id: "responder-panel",
    role: "dialog",
    "aria-label": "Chat with support",
    hidden: "",
  });
  const header = element("header");
  const titles = element("div");
  const status = element("p", {}, "Connecting…");
  titles.append(element("h2", {}, "Chat with us"), status);
  const closeButton = element("button", { type: "button", "aria-label": "Close chat" }, "×");
  header.append(titles, closeButton);
  const log = element("ol", { role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  const typing = element("div", { class: "typing", "aria-live": "polite" });
  const form = element("form");
  const inputId = "responder-input";
  const label = element("label", { for: inputId, class: "sr" }, "Your message");
  const input = element("textarea", { id: inputId, rows: "2", placeholder: "Write a message…", maxlength: "5000" });
  const sendButton = element("button", { type: "submit" }, "Send");
  form.append(label, input, sendButton);
  const offline = element("div", { class: "offline", hidden: "" });
  panel.append(header, log, typing, offline, form);
  root.append(panel, launcher);
  document.body.append(host);

  const bubbles = new Map<string, HTMLLIElement>();
  let agentsOnline = true;
  let emailKnown = false;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let sentTyping = false;

  const scroll = () => {
    log.scrollTop = log.scrollHeight;
  };
  const show = (item: HistoryItem) => {
    if (bubbles.has(item.id)) return;
    const bubble = element("li", { class: item.from }, item.body);
    bubbles.set(item.id, bubble);
    log.append(bubble);
    scroll();
  };
  const showPending = (clientId: string, body: string) => {
    const bubble = element("li", { class: "visitor pending", "data-client-id": clientId }, body);
    bubbles.set(clientId, bubble);
    log.append(bubble);
    scroll();
  };
  const describeStatus = (state: string) => {
    status.textContent =
      state === "open" ? (agentsOnline ? "We are online" : "We are away: we will reply by email") : "Reconnecting…";
  };
  const askEmail = () => {
    if (emailKnown) return;
    offline.hidden = false;
    offline.replaceChildren();
    const emailForm = element("form");
    const emailId = "responder-email";
    offline.append(
      element(
        "p",
        { id: "responder-email-note" },
        "No one is online right now. Leave your email address and we will reply there.",
      ),
    );
    const emailLabel = element("label", { for: emailId, class: "sr" }, "Your email address");
    const emailInput = element("input", {
      id: emailId,
      type: "email",
      required: "",
      autocomplete: "email",
      "aria-describedby": "responder-email-note",
    });
    emailForm.append(emailLabel, emailInput, element("button", { type: "submit" }, "Save"));
    emailForm.addEventListener("submit", (event) => {
      event.preventDefault();
      if (emailInput.value.trim()) connection.leaveEmail(emailInput.value.trim());
    });
    offline.append(emailForm);
  };

  const connection = createConnection(
    socketUrl,
    memory,
    {
      welcome(frame, pending) {
        agentsOnline = frame.agentsOnline;
        emailKnown = frame.emailKnown;
        log.replaceChildren();
        bubbles.clear();
        for (const item of frame.history) show(item);
        for (const message of pending) showPending(message.clientId, message.body);
        describeStatus("open");
      },
      acknowledged(clientId, messageId) {
        const bubble = bubbles.get(clientId);
        if (!bubble) return;
        bubble.classList.remove("pending");
        bubbles.delete(clientId);
        bubbles.set(messageId, bubble);
      },
      message(item) {
        typing.textContent = "";
        show(item);
        if (panel.hidden) {
          launcher.dataset.unread = "";
          launcher.setAttribute("aria-label", "Open chat with support (new reply)");
        }
      },
      agentTyping(isTyping) {
        typing.textContent = isTyping ? "Support is typing…" : "";
      },
      presence(online) {
        agentsOnline = online;
        describeStatus("open");
      },
      askEmail,
      emailSaved() {
        emailKnown = true;
        offline.replaceChildren(element("p", {}, "Thanks: we will reply to your email address."));
      },
      status: describeStatus,
    },
    window.ResponderSettings?.user ?? null,
  );

  const stopTyping = () => {
    clearTimeout(typingTimer);
    if (sentTyping) connection.typing(false);
    sentTyping = false;
  };
  input.addEventListener("input", () => {
    if (!sentTyping) connection.typing(true);
    sentTyping = true;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(stopTyping, 3000);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const body = input.value.trim();
    if (!body) return;
    input.value = "";
    stopTyping();
    const message = connection.send(body);
    showPending(message.clientId, message.body);
  });

  const open = () => {
    panel.hidden = false;
    delete launcher.dataset.unread;
    launcher.setAttribute("aria-expanded", "true");
    launcher.setAttribute("aria-label", "Close chat with support");
    input.focus();
    scroll();
  };
  const close = () => {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-label", "Open chat with support");
    launcher.focus();
  };
  launcher.addEventListener("click", () => (panel.hidden ? open() : close()));
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") close();
  });
  addEventListener("online", () => connection.wake());
  connection.start();

  return {
    open,
    close,
    identify: (user) => connection.identify(user),
    track: (type, data) => connection.track(type, data),
  };
}

declare global {
  interface Window {
    Responder?: Widget;
    /** Set before the script loads to start identified: `window.ResponderSettings = { user: { userId, signature } }`. */
    ResponderSettings?: { user?: VisitorUser };
  }
}

const script = document.currentScript as HTMLScriptElement | null;
if (script && !window.Responder) {
  const start = () => {
    window.Responder = mount(script);
    document.dispatchEvent(new CustomEvent("responder:ready"));
  };
  if (document.body) start();
  else addEventListener("DOMContentLoaded", start);
}
