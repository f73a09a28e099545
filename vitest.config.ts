import { availableParallelism } from "node:os";
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from "vitest/config";

// One suite per area, runnable alone: `vitest run --project storage`.
// The global setup (root only: it runs once per run, not once per project) prepares the template
// database that createTestDatabase() copies, and prints which backend the run uses.

const server = "packages/server/src";
const seconds = 1000;

function project(
  name: string,
  include: string[],
  options: { timeout?: number; exclude?: string[] } = {},
): TestProjectInlineConfiguration {
  const timeout = options.timeout ?? 30 * seconds;
  return {
    test: {
      name,
      include,
      exclude: [...configDefaults.exclude, ...(options.exclude ?? [])],
      testTimeout: timeout,
      hookTimeout: timeout,
      teardownTimeout: timeout,
    },
  };
}

const areas = {
  core: [`${server}/core/**/*.test.ts`],
  storage: [`${server}/storage/**/*.test.ts`, `${server}/testing/**/*.test.ts`],
  http: [`${server}/http/**/*.test.ts`],
  cli: [`${server}/cli/**/*.test.ts`],
  responder: [`${server}/responder/**/*.test.ts`],
  insights: [`${server}/insights/**/*.test.ts`],
  jobs: [`${server}/jobs/**/*.test.ts`],
};

export default defineConfig({
  test: {
    // Vitest's default (cores - 1) is a single worker on a 2-core CI machine; the suites wait on
    // child processes and the database often enough that 2 workers there took 35 s instead of 54 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: [`${server}/testing/global-setup.ts`],
    projects: [
      project("core", areas.core),
      project("storage", areas.storage),
      project("http", areas.http),
      project("responder", areas.responder),
      project("insights", areas.insights),
      project("jobs", areas.jobs),
      // These spawn `responder` processes.
      project("cli", areas.cli, { timeout: 120 * seconds }),
      // Browser journeys: a desk process driven by Debian's chromium (needs `npm run build` first).
      project("e2e", ["e2e/**/*.test.ts"], { timeout: 120 * seconds }),
      // Everything else (src/demo, other packages).
      project("other", ["packages/*/src/**/*.test.ts"], { exclude: Object.values(areas).flat() }),
    ],
  },
});
