import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  type CsatScore,
  type CsatStore,
  type CsatSurveyView,
  csatScores,
  hashSurveyToken,
  isSurveyOpen,
  looksLikeSurveyToken,
} from "../../core/csat/csat.ts";
import { answerCsatSurvey } from "../../core/csat/csat-use-cases.ts";
import { surveyLanguage, surveyText } from "../../core/csat/survey-text.ts";
import { isDeskError } from "../../core/errors.ts";
import type { Clock } from "../../core/ports.ts";
import { publicBodyLimitBytes, publicLimits, sharedRateLimitStore, tooManyRequests } from "./public-limits.ts";

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

const locales = { en: "en-GB", de: "de-DE", fr: "fr-FR", es: "es-ES", zh: "zh-CN" } as const;

/** Until when an answer may change, as the survey's reader writes dates (always in UTC, said so). */
function until(date: Date, language: string | null): string {
  const lang = surveyLanguage(language);
  if (lang === "en") return date.toUTCString();
  const formatted = new Intl.DateTimeFormat(locales[lang], {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(date);
  return `${formatted} UTC`;
}

function layout(title: string, body: string, language: string | null = null): string {
  return `<!doctype html><html lang="${surveyLanguage(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>${style}</style></head><body>${body}</body></html>`;
}

export function surveyPage(input: {
  token: string;
  survey: CsatSurveyView;
  preselected: number | null;
  error?: string;
  comment?: string;
}): string {
  const { survey } = input;
  const text = surveyText(survey.language);
  const chosen = input.preselected ?? survey.current?.score ?? null;
  const choices = csatScores
    .map(
      (score) =>
        `<label class="choice"><input type="radio" name="score" value="${score}"${score === chosen ? " checked" : ""} required> ${score} · ${escapeHtml(text.labels[score])}</label>`,
    )
    .join("");
  const comment = input.comment ?? survey.current?.comment ?? "";
  return layout(
    text.pageTitle,
    `<h1>${escapeHtml(text.pageTitle)}</h1>
<p>${escapeHtml(text.solved(survey.ticketId, survey.ticketSubject))}</p>
${input.error ? `<p class="error" role="alert">${escapeHtml(input.error)}</p>` : ""}
${survey.current ? `<p class="note">${escapeHtml(text.answered(survey.current.score, until(survey.closesAt, survey.language)))}</p>` : ""}
<form method="post" action="/csat/${escapeHtml(input.token)}">
<fieldset><legend>${escapeHtml(text.legend)}</legend>${choices}</fieldset>
<label for="comment">${escapeHtml(text.commentLabel)}</label>
<textarea id="comment" name="comment" maxlength="5000">${escapeHtml(comment)}</textarea>
<button type="submit">${escapeHtml(text.send)}</button>
</form>`,
    survey.language,
  );
}

const thanksPage = (score: CsatScore, token: string, survey: CsatSurveyView) => {
  const text = surveyText(survey.language);
  const changeBy = escapeHtml(text.changeUntil(until(survey.closesAt, survey.language)));
  return layout(
    text.thanksTitle,
    `<h1>${escapeHtml(text.thanksTitle)}</h1><p>${escapeHtml(text.recorded(score, text.labels[score]))}</p>
<p class="note">${escapeHtml(text.changeAnswer)} <a href="/csat/${escapeHtml(token)}">${changeBy}</a></p>`,
    survey.language,
  );
};

const unknownPage = () => {
  const text = surveyText("en");
  return layout(text.unknownTitle, `<h1>${text.unknownTitle}</h1><p>${text.unknownBody}</p>`);
};

const closedPage = (language: string | null) => {
  const text = surveyText(language);
  return layout(
    text.closedTitle,
    `<h1>${escapeHtml(text.closedHeading)}</h1><p>${escapeHtml(text.closedBody)}</p>`,
    language,
  );
};

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
      ...sharedRateLimitStore(scope, "csat"),
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
        if (!isSurveyOpen(survey, deps.clock.now())) return html(reply, closedPage(survey.language), 410);
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
          const text = surveyText(survey.language);
          const message = parsed.error.issues[0]?.path[0] === "comment" ? text.commentTooLong : text.chooseError;
          return html(reply, surveyPage({ token, survey, preselected: null, error: message, comment }), 400);
        }
        const score = parsed.data.score as CsatScore;
        try {
          await answerCsatSurvey({ token, score, comment: parsed.data.comment || null }, deps);
        } catch (error) {
          if (isDeskError(error) && error.code === "conflict") return html(reply, closedPage(survey.language), 410);
          throw error;
        }
        return html(reply, thanksPage(score, token, survey));
      },
    );
  });
}
