import { z } from "zod";
import type { StoredAttachment } from "../../core/channels/channel-ports.ts";
import { DeskError } from "../../core/errors.ts";
import type { HttpApp, HttpDeps } from "../app.ts";
import { principalOf } from "../auth.ts";
import { errorResponse, ticketIdParams } from "../schemas.ts";

const attachmentResponse = z.object({
  id: z.string(),
  messageId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  url: z.string().describe("where an agent downloads it"),
});

const errors = { 401: errorResponse, 403: errorResponse, 404: errorResponse };

// Types a browser shows without running anything; everything else (HTML, SVG, scripts) downloads as bytes.
const inlineSafeTypes = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/csv",
  "audio/mpeg",
  "audio/ogg",
  "video/mp4",
]);

/** The content type an attachment is served under: its own when harmless, else plain bytes. */
export function safeContentType(contentType: string): string {
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!inlineSafeTypes.has(type)) return "application/octet-stream";
  return type.startsWith("text/") ? `${type}; charset=utf-8` : type;
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, "_").replace(/[\r\n]/g, "") || "attachment";
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function registerAttachmentRoutes(api: HttpApp, deps: Pick<HttpDeps, "tickets" | "attachments">) {
  api.get(
    "/tickets/:id/attachments",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "The files customers sent on a ticket",
        params: ticketIdParams,
        response: { 200: z.object({ attachments: z.array(attachmentResponse) }), ...errors },
      },
    },
    async (request) => {
      const { workspaceId } = principalOf(request);
      const ticket = await deps.tickets.get(workspaceId, request.params.id);
      if (!ticket) throw new DeskError("not_found", `There is no ticket ${request.params.id}.`);
      const attachments = await deps.attachments.listForTicket(workspaceId, ticket.id);
      return { attachments: attachments.map(presentAttachment) };
    },
  );

  api.get(
    "/attachments/:id",
    {
      config: { access: "agent" },
      schema: {
        tags: ["tickets"],
        summary: "Downloads an attachment (always as a download, never rendered as a page)",
        params: z.object({ id: z.string().min(1).max(200) }),
      },
    },
    async (request, reply) => {
      const { workspaceId } = principalOf(request);
      const attachment = await deps.attachments.get(workspaceId, request.params.id);
      const content = attachment ? await deps.attachments.content(workspaceId, attachment.id) : null;
      if (!attachment || !content) throw new DeskError("not_found", `There is no attachment ${request.params.id}.`);
      return reply
        .header("content-type", safeContentType(attachment.contentType))
        .header("content-disposition", contentDisposition(attachment.filename))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, no-store")
        .send(content);
    },
  );
}

function presentAttachment(attachment: StoredAttachment) {
  return {
    id: attachment.id,
    messageId: attachment.messageId,
    filename: attachment.filename,
    contentType: attachment.contentType,
    size: attachment.size,
    createdAt: attachment.createdAt.toISOString(),
    url: `/api/v1/attachments/${encodeURIComponent(attachment.id)}`,
  };
}
