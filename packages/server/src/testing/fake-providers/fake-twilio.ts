import { type FakeServer, startFakeServer } from "./fake-server.ts";

/** Twilio's Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, basic auth) and media URLs. */
export type FakeTwilio = FakeServer & {
  addMedia(id: string, content: Buffer, contentType: string): void;
  /** The form fields of each message created, in order. */
  sent(): Record<string, string>[];
};

export async function startFakeTwilio(options: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
  const media = new Map<string, { content: Buffer; contentType: string }>();
  const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  let counter = 0;
  const server = await startFakeServer((request) => {
    if (request.headers.authorization !== expected) {
      return {
        status: 401,
        body: {
          code: 20003,
          message: "Authenticate",
          more_info: "https://www.twilio.com/docs/errors/20003",
          status: 401,
        },
      };
    }
    const file = /^\/media\/([^/]+)$/.exec(request.path);
    if (file && request.method === "GET") {
      const item = media.get(file[1] ?? "");
      return item
        ? { status: 200, headers: { "content-type": item.contentType }, body: item.content }
        : { status: 404 };
    }
    const messages = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(request.path);
    if (messages && request.method === "POST" && messages[1] === options.accountSid) {
      const to = request.form.get("To");
      const body = request.form.get("Body") ?? "";
      if (!to || !/^\+\d{6,15}$/.test(to)) {
        return {
          status: 400,
          body: {
            code: 21211,
            message: `The 'To' number ${to ?? ""} is not a valid phone number.`,
            more_info: "https://www.twilio.com/docs/errors/21211",
            status: 400,
          },
        };
      }
      if (!request.form.get("From") && !request.form.get("MessagingServiceSid")) {
        return { status: 400, body: { code: 21603, message: "A 'From' phone number is required.", status: 400 } };
      }
      if (body.length > 1600) {
        return {
          status: 400,
          body: {
            code: 21617,
            message: "The concatenated message body exceeds the 1600 character limit.",
            status: 400,
          },
        };
      }
      counter += 1;
      const sid = `SM${String(counter).padStart(32, "0")}`;
      return {
        status: 201,
        body: {
          sid,
          account_sid: options.accountSid,
          to,
          from: request.form.get("From"),
          body,
          status: "queued",
          num_segments: "1",
          direction: "outbound-api",
        },
      };
    }
    return { status: 404, body: { code: 20404, message: "The requested resource was not found", status: 404 } };
  });
  return {
    ...server,
    addMedia: (id, content, contentType) => media.set(id, { content, contentType }),
    sent: () =>
      server.requests
        .filter((request) => request.method === "POST" && request.path.endsWith("/Messages.json"))
        .map((request) => Object.fromEntries(request.form.entries())),
  };
}
