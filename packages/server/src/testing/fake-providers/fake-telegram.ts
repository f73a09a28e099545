import { type FakeServer, startFakeServer } from "./fake-server.ts";

/** The Telegram Bot API: /bot<token>/sendMessage, /bot<token>/getFile and /file/bot<token>/<file_path>. */
export type FakeTelegram = FakeServer & {
  addFile(fileId: string, content: Buffer): void;
  /** The sendMessage bodies, in order. */
  sent(): { chat_id: string | number; text: string }[];
};

export async function startFakeTelegram(options: { botToken: string }): Promise<FakeTelegram> {
  const files = new Map<string, Buffer>();
  let messageId = 500;
  const server = await startFakeServer((request) => {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(request.path);
    if (download) {
      if (download[1] !== options.botToken) return { status: 401 };
      const content = files.get(decodeURIComponent(download[2] ?? "").replace(/^files\//, ""));
      return content
        ? { status: 200, headers: { "content-type": "application/octet-stream" }, body: content }
        : { status: 404 };
    }
    const method = /^\/bot([^/]+)\/(\w+)$/.exec(request.path);
    if (!method || method[1] !== options.botToken) {
      return { status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } };
    }
    if (method[2] === "getFile") {
      const fileId = request.query.get("file_id") ?? "";
      const content = files.get(fileId);
      if (!content)
        return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: invalid file_id" } };
      return {
        status: 200,
        body: {
          ok: true,
          result: {
            file_id: fileId,
            file_unique_id: `u${fileId}`,
            file_size: content.length,
            file_path: `files/${fileId}`,
          },
        },
      };
    }
    if (method[2] === "sendMessage") {
      const body = request.json as { chat_id?: string | number; text?: string } | undefined;
      if (!body?.chat_id)
        return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: chat not found" } };
      if (!body.text)
        return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: message text is empty" } };
      if (body.text.length > 4096)
        return { status: 400, body: { ok: false, error_code: 400, description: "Bad Request: message is too long" } };
      messageId += 1;
      return {
        status: 200,
        body: {
          ok: true,
          result: {
            message_id: messageId,
            from: { id: 1, is_bot: true, first_name: "Support" },
            chat: { id: Number(body.chat_id), type: "private" },
            date: 1772442000,
            text: body.text,
          },
        },
      };
    }
    return { status: 404, body: { ok: false, error_code: 404, description: "Not Found: method not found" } };
  });
  return {
    ...server,
    addFile: (fileId, content) => files.set(fileId, content),
    sent: () =>
      server.requests
        .filter((request) => request.path.endsWith("/sendMessage") && request.method === "POST")
        .map((request) => request.json as { chat_id: string | number; text: string }),
  };
}
