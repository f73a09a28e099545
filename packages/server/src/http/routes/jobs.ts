import { z } from "zod";
import type { JobRecord, JobRunner } from "../../jobs/job-runner.ts";
import { jobStates } from "../../jobs/job-runner.ts";
import type { HttpApp } from "../app.ts";
import { principalOf } from "../auth.ts";
import { csvOf, errorResponse } from "../schemas.ts";

const errors = { 400: errorResponse, 401: errorResponse, 403: errorResponse };

export const jobResponse = z
  .object({
    id: z.string(),
    name: z.string().describe("what the job does, e.g. sla.check or notify.<subscriber>"),
    state: z.enum(jobStates).describe("retried: failed and waiting for its next attempt"),
    payload: z.record(z.string(), z.unknown()),
    runAt: z.string().describe("when it runs (or ran, or runs again after a failure)"),
    attempts: z.number().int(),
    retryLimit: z.number().int().describe("retries after the first attempt before it is marked failed"),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: "Job" });

const listJobsQuery = z.object({
  state: csvOf(jobStates)
    .optional()
    .describe("comma-separated: pending, active, completed, failed, retried, cancelled"),
  name: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const presentJob = (job: JobRecord) => ({
  ...job,
  runAt: job.runAt.toISOString(),
  createdAt: job.createdAt.toISOString(),
  finishedAt: job.finishedAt?.toISOString() ?? null,
});

export function registerJobRoutes(api: HttpApp, deps: { jobs: Pick<JobRunner, "list"> }) {
  api.get(
    "/jobs",
    {
      config: { access: "admin" },
      schema: {
        tags: ["jobs"],
        summary: "The desk's durable jobs (timers, deliveries) of this workspace, latest run time first",
        querystring: listJobsQuery,
        response: { 200: z.object({ jobs: z.array(jobResponse) }), ...errors },
      },
    },
    async (request) => {
      const jobs = await deps.jobs.list({
        workspaceId: principalOf(request).workspaceId,
        state: request.query.state,
        name: request.query.name,
        limit: request.query.limit,
      });
      return { jobs: jobs.map(presentJob) };
    },
  );
}
