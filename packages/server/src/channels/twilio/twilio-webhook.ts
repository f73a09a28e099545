import type { InboundAttachment, InboundMessage, ReceivedMessage } from "../../core/channels/channel.ts";
import { DeskError } from "../../core/errors.ts";
import type { ChannelAccountWithSecrets, ChannelWebhook, TicketStore, WebhookRequest } from "../../core/ports.ts";
import { planTicketUpdate } from "../../core/tickets/lifecycle.ts";
import {
  clipBody,
  defaultMaxMediaBytes,
  downloadWithin,
  extensionOf,
  externalIdOf,
  forbidden,
  jsonReply,
  receiveInConversation,
  textReply,
  type WebhookDeps,
} from "../api/provider-support.ts";
import { verifyTwilioSignature } from "./twilio-signature.ts";

export type TwilioWebhookDeps = WebhookDeps & { tickets: TicketStore };

/** Calls that never reached anyone: the ticket is tagged for a call back. */
export const missedCallStatuses = ["busy", "no-answer", "failed", "canceled"] as const;
export const callbackTag = "callback";

const twiml = (inner = "") =>
  textReply(200, `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`, "text/xml");

/**
 * Twilio's webhooks for one number, by path after /webhook/: `sms` (a text message), `voice` (a
 * call comes in), `voice/status` (the call's progress), `voice/recording`, `voice/transcription`.
 * Each is form-encoded and signed with X-Twilio-Signature over the URL Twilio called.
 */
export function createTwilioWebhook(deps: TwilioWebhookDeps): ChannelWebhook {
  return {
    provider: "twilio",
    async handle(request, account) {
      const params = new URLSearchParams(request.method === "POST" ? request.rawBody.toString("utf8") : "");
      if (
        !verifyTwilioSignature(
          account.secrets.authToken,
          signedUrl(request, account),
          params,
          request.headers["x-twilio-signature"],
        )
      ) {
        return forbidden(
          "X-Twilio-Signature is missing or does not match this URL and parameters signed with the auth token.",
        );
      }
      const form = Object.fromEntries(params.entries());
      switch (request.event) {
        case "sms":
          await receiveSms(deps, account, form);
          return twiml();
        case "sms/status":
          return twiml();
        case "voice":
          await openCall(deps, account, form);
          return twiml(answerCall(account, request));
        case "voice/status":
          await recordCallStatus(deps, account, form);
          return twiml();
        case "voice/recording":
          await recordRecording(deps, account, form);
          return twiml();
        case "voice/transcription":
          await recordTranscription(deps, account, form);
          return twiml();
        default:
          return jsonReply(404, {
            code: "not_found",
            message: `Unknown Twilio webhook "${request.event ?? ""}": use sms, voice, voice/status, voice/recording or voice/transcription.`,
          });
      }
    },
  };
}

/** The URL as Twilio signed it: behind a proxy, the account's webhookBaseUrl says what the public one is. */
function signedUrl(request: WebhookRequest, account: ChannelAccountWithSecrets): string {
  const base = account.settings.webhookBaseUrl;
  if (!base) return request.url;
  const given = new URL(request.url);
  return `${base.replace(/\/+$/, "")}${given.pathname}${given.search}`;
}

type Form = Record<string, string>;

const baseAttributes = (account: ChannelAccountWithSecrets, caller: string, medium: "sms" | "voice") => ({
  provider: "twilio",
  channelAccountId: account.id,
  recipient: caller,
  medium,
});

async function receiveSms(deps: TwilioWebhookDeps, account: ChannelAccountWithSecrets, form: Form) {
  const sid = form.MessageSid ?? form.SmsSid;
  const from = form.From;
  if (!sid || !from) throw new DeskError("invalid_input", "A Twilio SMS webhook needs MessageSid and From.");
  const attachments = await smsMedia(deps, account, form);
  const message: InboundMessage = {
    channel: "phone",
    provider: "twilio",
    externalId: externalIdOf("twilio", account.id, sid),
    threadIds: [],
    from: { phone: from },
    body: clipBody(form.Body?.trim() || (attachments.length > 0 ? "[media]" : "")),
    at: deps.clock.now(),
    attributes: baseAttributes(account, from, "sms"),
    ...(attachments.length > 0 ? { attachments } : {}),
  };
  await receiveInConversation(deps, account, `sms:${from}`, message);
}

async function smsMedia(
  deps: TwilioWebhookDeps,
  account: ChannelAccountWithSecrets,
  form: Form,
): Promise<InboundAttachment[]> {
  const count = Math.min(Number(form.NumMedia ?? 0) || 0, 10);
  const credentials = Buffer.from(`${account.settings.accountSid ?? ""}:${account.secrets.authToken ?? ""}`).toString(
    "base64",
  );
  const attachments: InboundAttachment[] = [];
  for (let index = 0; index < count; index++) {
    const url = form[`MediaUrl${index}`];
    if (!url) continue;
    const file = await downloadWithin(deps, url, deps.maxMediaBytes ?? defaultMaxMediaBytes, {
      authorization: `Basic ${credentials}`,
    });
    if (!file) continue;
    const contentType = form[`MediaContentType${index}`] ?? file.contentType ?? "application/octet-stream";
    attachments.push({
      filename: `mms-${index + 1}.${extensionOf(contentType)}`,
      contentType,
      size: file.content.length,
      content: file.content,
    });
  }
  return attachments;
}

const callIdOf = (account: ChannelAccountWithSecrets, callSid: string) => externalIdOf("twilio", account.id, callSid);

/**
 * The call log's first line. Every voice webhook makes sure it exists (the same CallSid is one
 * message), so events threaded under it land on the call's ticket even if they arrive first.
 */
async function openCall(
  deps: TwilioWebhookDeps,
  account: ChannelAccountWithSecrets,
  form: Form,
): Promise<ReceivedMessage> {
  const callSid = form.CallSid;
  const caller = form.From ?? form.Caller;
  if (!callSid || !caller) throw new DeskError("invalid_input", "A Twilio voice webhook needs CallSid and From.");
  return deps.receive(account.workspaceId, {
    channel: "phone",
    provider: "twilio",
    externalId: callIdOf(account, callSid),
    threadIds: [],
    from: { phone: caller },
    subject: `Phone call from ${caller}`,
    body: `Call log: incoming call from ${caller} to ${form.To ?? form.Called ?? "our number"} (${callSid}).`,
    at: deps.clock.now(),
    internalNote: true,
    attributes: { ...baseAttributes(account, caller, "voice"), callSid },
  });
}

async function callNote(
  deps: TwilioWebhookDeps,
  account: ChannelAccountWithSecrets,
  form: Form,
  note: { key: string; body: string; fromCustomer?: boolean },
): Promise<ReceivedMessage> {
  const call = await openCall(deps, account, form);
  const caller = form.From ?? form.Caller ?? "";
  return deps.receive(account.workspaceId, {
    channel: "phone",
    provider: "twilio",
    externalId: externalIdOf("twilio", account.id, `${form.CallSid}:${note.key}`),
    threadIds: [callIdOf(account, form.CallSid ?? "")],
    from: { phone: caller },
    body: clipBody(note.body),
    at: deps.clock.now(),
    ...(note.fromCustomer ? {} : { internalNote: true }),
    attributes: { ...baseAttributes(account, caller, "voice"), callSid: form.CallSid, callTicketId: call.ticketId },
  });
}

async function recordCallStatus(deps: TwilioWebhookDeps, account: ChannelAccountWithSecrets, form: Form) {
  const status = form.CallStatus ?? "unknown";
  const caller = form.From ?? form.Caller ?? "the caller";
  const missed = (missedCallStatuses as readonly string[]).includes(status);
  const body = missed
    ? `Call log: missed call (${status}) from ${caller}. Call them back.`
    : status === "in-progress"
      ? "Call log: call answered."
      : status === "completed"
        ? `Call log: call ended after ${duration(Number(form.CallDuration ?? 0))}.`
        : `Call log: call ${status}.`;
  const received = await callNote(deps, account, form, { key: `status:${status}`, body });
  if (missed) await tagForCallback(deps.tickets, account.workspaceId, received.ticketId, deps.clock.now());
}

async function tagForCallback(tickets: TicketStore, workspaceId: string, ticketId: string, now: Date) {
  try {
    await tickets.change(workspaceId, ticketId, (ticket) =>
      ticket.tags.includes(callbackTag)
        ? { at: now, fields: {}, events: [] }
        : planTicketUpdate(ticket, { tags: [...ticket.tags, callbackTag] }, "system", now),
    );
  } catch (error) {
    // A closed ticket keeps its tags; the note already says to call back.
    if (!(error instanceof DeskError && error.code === "invalid_transition")) throw error;
  }
}

async function recordRecording(deps: TwilioWebhookDeps, account: ChannelAccountWithSecrets, form: Form) {
  const recordingSid = form.RecordingSid ?? "recording";
  const url = form.RecordingUrl ? ` ${form.RecordingUrl}` : "";
  const body =
    form.RecordingStatus && form.RecordingStatus !== "completed"
      ? `Call log: recording ${form.RecordingStatus}.`
      : `Call log: recording of ${duration(Number(form.RecordingDuration ?? 0))}:${url}`;
  await callNote(deps, account, form, { key: `recording:${recordingSid}`, body });
}

async function recordTranscription(deps: TwilioWebhookDeps, account: ChannelAccountWithSecrets, form: Form) {
  const key = `transcription:${form.TranscriptionSid ?? form.RecordingSid ?? "transcription"}`;
  const text = form.TranscriptionText?.trim();
  if (form.TranscriptionStatus === "failed" || !text) {
    await callNote(deps, account, form, {
      key,
      body: "Call log: the voicemail could not be transcribed; listen to the recording.",
    });
    return;
  }
  // What the caller said is the customer's message on the ticket.
  await callNote(deps, account, form, { key, body: text, fromCustomer: true });
}

/** TwiML for a new call: ring the team's number if one is set, else take a voicemail and transcribe it. */
function answerCall(account: ChannelAccountWithSecrets, request: WebhookRequest): string {
  const base = signedUrl(request, account).replace(/\/voice(\?.*)?$/, "");
  const callbacks = `recordingStatusCallback="${escapeXml(`${base}/voice/recording`)}"`;
  const greeting = escapeXml(account.settings.greeting ?? "Thanks for calling. Please leave a message after the tone.");
  const forwardTo = account.settings.forwardTo;
  if (forwardTo) {
    return `<Dial timeout="20" record="record-from-answer" ${callbacks}>${escapeXml(forwardTo)}</Dial><Say>${greeting}</Say><Record maxLength="300" transcribe="true" transcribeCallback="${escapeXml(`${base}/voice/transcription`)}" ${callbacks}/>`;
  }
  return `<Say>${greeting}</Say><Record maxLength="300" transcribe="true" transcribeCallback="${escapeXml(`${base}/voice/transcription`)}" ${callbacks}/>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return "0 s";
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}
