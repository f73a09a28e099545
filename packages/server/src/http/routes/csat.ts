import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  type CsatScore,
  type CsatStore,
  type CsatSurveyView,
  csatLabels,
  csatScores,
  hashSurveyToken,
  isSurveyOpen,
  looksLikeSurveyToken,
} from "../../core/csat/csat.ts";
import { answerCsatSurvey } from "../../core/csat/csat-use-cases.ts";
import { isDeskError } from "../../core/errors.ts";
import type { Clock } from "../../core/ports.ts";
import { publicBodyLimitBytes, publicLimits, tooManyRequests } from "./public-limits.ts";

/** Requests to survey pages from one address beyond this, per window, are refused. */
export const csatPageLimit = { max: 30, timeWindow: "1 minute" };

const scoreField = z.coerce
  .number({ message: "Please choose a score from 1 to 5." })
  .int("Please choose a score from 1 to 5.")
  .min(1, "Please choose a score from 1 to 5.")
  .max(5, "Please choose a score from 1 to 5.");

const answerBody = z.object({
  score: scoreField,
  comment: z.string().trim().max(5000, "Please shorten your comment to 5,000 characters.").optional().default(""),
});

const pageQuery = z.object({ score: scoreField.optional().catch(undefined) });

const escapeHtml = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

const style = `body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933;line-height:1.5}
fieldset{border:0;padding:0;margin:1rem 0;display:flex;flex-wrap:wrap;gap:.5rem}
label.choice{border:1px solid #9aa5b1;border-radius:.5rem;padding:.5rem .75rem;cursor:pointer}
textarea{width:100%;min-height:6rem}button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}
.error{color:#b00020}.note{color:#52606d;font-size:.9rem}`;

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

export function surveyPage(input: {
  token: string;
  survey: CsatSurveyView;
  preselected: number | null;
  error?: string;
  comment?: string;
}): string {
  const { survey } = input;
  const chosen = input.preselected ?? survey.current?.score ?? null;
  const choices = csatScores
    .map(
      (score) =>
        `<label class="choice"><input type="radio" name="score" value="${score}"${score === chosen ? " checked" : ""} required> ${score} · ${escapeHtml(csatLabels[score])}</label>`,
    )
    .join("");
  const about = survey.ticketSubject ? ` about “${escapeHtml(survey.ticketSubject)}”` : "";
  const comment = input.comment ?? survey.current?.comment ?? "";
  return layout(
    "How did we do?",
    `<h1>How did we do?</h1>
<p>Your request ${escapeHtml(survey.ticketId)}${about} was solved. How satisfied are you with the help you received?</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ""}
${survey.current ? `<p class="note">You answered ${survey.current.score}. You can change your answer until ${escapeHtml(survey.closesAt.toUTCString())}.</p>` : ""}
<form method="post" action="/csat/${escapeHtml(input.token)}">
<fieldset><legend>Your score, from 1 (very dissatisfied) to 5 (very satisfied)</legend>${choices}</fieldset>
<label for="comment">Anything you would like to add? (optional)</label>
<textarea id="comment" name="comment" maxlength="5000">${escapeHtml(comment)}</textarea>
<button type="submit">Send</button>
</form>`,
  );
}

const thanksPage = (score: CsatScore, token: string, closesAt: Date) =>
  layout(
    "Thank you",
    `<h1>Thank you</h1><p>We recorded your score of ${score} (${escapeHtml(csatLabels[score])}).</p>
<p class="note">Changed your mind? <a href="/csat/${escapeHtml(token)}">Change your answer</a> until ${escapeHtml(closesAt.toUTCString())}.</p>`,
  );

const unknownPage = () =>
  layout(
    "Survey not found",
    "<h1>Survey not found</h1><p>This survey link is not valid. Please check that you copied all of it.</p>",
  );

const closedPage = () =>
  layout(
    "Survey closed",
    "<h1>This survey has closed</h1><p>Answers are accepted for 7 days after the survey was sent. Thank you all the same.</p>",
  );

/**
 * The public survey page: GET shows the five choices (a `?score=` preselects one) and records
 * nothing, so link scanners that follow links in mail cast no votes; only the form's POST records
 * the answer. The token in the URL is the capability (no cookies, so there is no session to forge).
 */
export async function registerCsatRoutes(app: FastifyInstance, deps: { csat: CsatStore; clock: Clock }) {
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply
      .status(status)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .header("x-frame-options", "DENY")
      .header(
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      )
      .send(body);

  const find = async (token: string) =>
    looksLikeSurveyToken(token) ? deps.csat.findByToken(hashSurveyToken(token)) : null;

  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      errorResponseBuilder: tooManyRequests("Too many requests for survey pages"),
    });
    // Per link as well as per address: a real survey's link, forwarded around or leaked, cannot be hammered from many addresses.
    const perLink = scope.createRateLimit({
      ...publicLimits.surveyLink,
      keyGenerator: (request) => `survey:${(request.params as { token?: string }).token ?? ""}`,
    });
    const limitPerLink = async (request: FastifyRequest, reply: FastifyReply) => {
      const limit = await perLink(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      reply.header("retry-after", limit.ttlInSeconds);
      const minutes = Math.ceil(limit.ttlInSeconds / 60);
      throw Object.assign(
        new Error(
          `This survey link was used too often: wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
        ),
        { statusCode: 429 },
      );
    };
    scope.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.get(
      "/csat/:token",
      { config: { rateLimit: csatPageLimit }, schema: { hide: true } },
      async (request, reply) => {
        const { token } = request.params as { token: string };
        const survey = await find(token);
        if (!survey) return html(reply, unknownPage(), 404);
        await limitPerLink(request, reply);
        if (!isSurveyOpen(survey, deps.clock.now())) return html(reply, closedPage(), 410);
        const { score } = pageQuery.parse(request.query);
        return html(reply, surveyPage({ token, survey, preselected: score ?? null }));
      },
    );

    scope.post(
      "/csat/:token",
      {
        config: { rateLimit: csatPageLimit },
        bodyLimit: publicBodyLimitBytes.surveyAnswer,
        schema: { hide: true },
      },
      async (request, reply) => {
        const { token } = request.params as { token: string };
        const survey = await find(token);
        if (!survey) return html(reply, unknownPage(), 404);
        await limitPerLink(request, reply);
        const parsed = answerBody.safeParse(request.body ?? {});
        if (!parsed.success) {
          const comment =
            typeof (request.body as { comment?: unknown })?.comment === "string"
              ? (request.body as { comment: string }).comment
              : undefined;
          const message = parsed.error.issues[0]?.message ?? "Please choose a score from 1 to 5.";
          return html(reply, surveyPage({ token, survey, preselected: null, error: message, comment }), 400);
        }
        const score = parsed.data.score as CsatScore;
        try {
          await answerCsatSurvey({ token, score, comment: parsed.data.comment || null }, deps);
        } catch (error) {
          if (isDeskError(error) && error.code === "conflict") return html(reply, closedPage(), 410);
          throw error;
        }
        return html(reply, thanksPage(score, token, survey.closesAt));
      },
    );
  });
}
