import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, it } from "vitest";
import { hashSurveyToken, newSurveyToken } from "../core/csat/csat.ts";
import { openTicket } from "../core/tickets/ticket-use-cases.ts";
import { createTestDesk, type TestDesk } from "../testing/create-test-desk.ts";
import { assertNoProblems, type RefusalShape, sendAndCheck } from "../testing/fuzz/check-answer.ts";
import { fuzzParameters } from "../testing/fuzz/fuzz-settings.ts";
import { fuzzRequest, type RouteUnderFuzz } from "../testing/fuzz/route-requests.ts";

let desk: TestDesk;
let app: FastifyInstance;
let articleId: string;
let surveyToken: string;

beforeAll(async () => {
  desk = await createTestDesk();
  app = await desk.app();
  const article = await desk.articles.create(
    desk.workspaceId,
    { title: "Resetting your password", body: "Use the link on the sign-in page.", tags: [], public: true },
    desk.clock.now(),
  );
  articleId = article.id;
  const ticket = await openTicket(
    {
      workspaceId: desk.workspaceId,
      customer: { email: "ana@example.com", name: "Ana" },
      channel: "email",
      subject: "Export fails",
      message: { author: "customer", body: "The export stops." },
      actor: "customer",
    },
    desk,
  );
  surveyToken = newSurveyToken();
  await desk.csat.create({
    workspaceId: desk.workspaceId,
    ticketId: ticket.id,
    sentAt: desk.clock.now(),
    messageId: null,
    closesAt: new Date(desk.clock.now().getTime() + 7 * 24 * 60 * 60 * 1000),
    tokenHash: hashSurveyToken(surveyToken),
  });
});
afterAll(() => desk?.close());

type PublicRoute = RouteUnderFuzz & { refusal: RefusalShape; runs: number };

const publicRoutes = (): PublicRoute[] => [
  { method: "GET", path: "/api/v1/health", refusal: "json", runs: 15 },
  { method: "GET", path: "/api/v1/session/setup", refusal: "json", runs: 15 },
  { method: "POST", path: "/api/v1/session", bodyKeys: ["email", "password"], refusal: "json", runs: 60 },
  {
    method: "POST",
    path: "/api/v1/session/first-admin",
    bodyKeys: ["name", "email", "password"],
    refusal: "json",
    runs: 60,
  },
  { method: "DELETE", path: "/api/v1/session", refusal: "json", runs: 20 },
  { method: "GET", path: "/help", queryKeys: ["sent"], refusal: "page", runs: 20 },
  { method: "GET", path: "/help/search", queryKeys: ["q"], refusal: "page", runs: 40 },
  { method: "GET", path: "/help/articles/:id", existing: { id: [articleId] }, refusal: "page", runs: 40 },
  {
    method: "POST",
    path: "/help/contact",
    bodyKeys: ["name", "email", "subject", "message", "website"],
    refusal: "page",
    runs: 80,
  },
  {
    method: "GET",
    path: "/csat/:token",
    existing: { token: [surveyToken] },
    queryKeys: ["score"],
    refusal: "page",
    runs: 40,
  },
  {
    method: "POST",
    path: "/csat/:token",
    existing: { token: [surveyToken] },
    bodyKeys: ["score", "comment"],
    refusal: "page",
    runs: 80,
  },
  { method: "GET", path: "/widget.js", refusal: "json", runs: 10 },
  { method: "GET", path: "/widget/socket", queryKeys: ["workspace"], refusal: "json", runs: 20 },
  { method: "GET", path: "/assets/*", refusal: "json", runs: 40 },
  { method: "GET", path: "/*", refusal: "json", runs: 40 },
];

// The routes are listed before the fixtures exist; each test reads its entry again once they do.
describe("every public route, sent hostile input, never answers 5xx, refuses in its promised shape and writes nothing when it refuses", () => {
  for (const [index, { method, path }] of publicRoutes().entries()) {
    it(`${method} ${path}`, async () => {
      const route = publicRoutes()[index] as PublicRoute;
      await fc.assert(
        fc.asyncProperty(fuzzRequest(route), fc.ipV4(), async (request, remoteAddress) => {
          // Each case from its own address, so the per-address limits do not hide deeper code.
          const sent = { ...request, remoteAddress };
          const check = await sendAndCheck(app, desk.database.db, sent, { refusal: route.refusal });
          assertNoProblems(sent, check);
        }),
        fuzzParameters(route.runs),
      );
    });
  }
});
