import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { receiveMessage } from "../../core/channels/receive-message.ts";
import { apiClient, createTestDesk, type TestDesk } from "../../testing/create-test-desk.ts";
import { contentDisposition, safeContentType } from "./attachments.ts";

let desk: TestDesk;
let app: Awaited<ReturnType<TestDesk["app"]>>;
let token: string;
let ticketId: string;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  token = await desk.issueToken("agent");
  const received = await receiveMessage(
    {
      workspaceId: desk.workspaceId,
      message: {
        channel: "email",
        provider: "smtp",
        externalId: "with-files@example.test",
        threadIds: [],
        from: { email: "ada@example.test" },
        body: "See attached",
        at: desk.clock.now(),
        attachments: [
          {
            filename: "page.html",
            contentType: "text/html",
            size: 31,
            content: Buffer.from("<script>alert(1)</script>"),
          },
          { filename: "Rechnung März.pdf", contentType: "application/pdf", size: 4, content: Buffer.from("%PDF") },
        ],
      },
    },
    desk,
  );
  ticketId = received.ticketId;
});

afterAll(async () => {
  await desk.close();
});

describe("attachments", () => {
  it("lists a ticket's attachments with where to download them", async () => {
    const response = await apiClient(app, token).get(`/tickets/${ticketId}/attachments`);
    expect(response.status).toBe(200);
    expect(response.body.attachments.map((file: { filename: string }) => file.filename)).toEqual([
      "page.html",
      "Rechnung März.pdf",
    ]);
    expect(response.body.attachments[0].url).toMatch(/^\/api\/v1\/attachments\/att_/);
  });

  it("serves an attachment as a download, and HTML as plain bytes", async () => {
    const list = await apiClient(app, token).get(`/tickets/${ticketId}/attachments`);
    const [html, pdf] = list.body.attachments;

    const page = await apiClient(app, token).get(html.url);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("application/octet-stream");
    expect(page.headers["content-disposition"]).toBe(`attachment; filename="page.html"; filename*=UTF-8''page.html`);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.text).toBe("<script>alert(1)</script>");

    const document = await apiClient(app, token).get(pdf.url);
    expect(document.headers["content-type"]).toBe("application/pdf");
    expect(document.headers["content-disposition"]).toContain("filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf");
  });

  it("needs a token, and keeps other workspaces' attachments out of reach", async () => {
    const list = await apiClient(app, token).get(`/tickets/${ticketId}/attachments`);
    const url = list.body.attachments[0].url;
    expect((await apiClient(app).get(url)).status).toBe(401);

    await desk.addWorkspace("elsewhere");
    const outsider = await desk.issueToken("admin", { workspaceId: "elsewhere" });
    expect((await apiClient(app, outsider).get(url)).status).toBe(404);
    expect((await apiClient(app, outsider).get(`/tickets/${ticketId}/attachments`)).status).toBe(404);
  });
});

describe("safe download headers", () => {
  it("downloads anything a browser could run as bytes", () => {
    expect(safeContentType("text/html; charset=utf-8")).toBe("application/octet-stream");
    expect(safeContentType("image/svg+xml")).toBe("application/octet-stream");
    expect(safeContentType("IMAGE/PNG")).toBe("image/png");
    expect(safeContentType("text/plain")).toBe("text/plain; charset=utf-8");
  });

  it("cannot be broken out of by a file name", () => {
    expect(contentDisposition('evil"\r\nSet-Cookie: x=1.txt')).not.toMatch(/[\r\n]/);
    expect(contentDisposition('a"b.txt')).toContain('filename="a_b.txt"');
  });
});
