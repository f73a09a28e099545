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
};

export default defineConfig({
  test: {
    globalSetup: [`${server}/testing/global-setup.ts`],
    projects: [
      project("core", areas.core),
      project("storage", areas.storage),
      project("http", areas.http),
      // These spawn `responder` processes.
      project("cli", areas.cli, { timeout: 120 * seconds }),
      // Everything else (src/demo, other packages).
      project("other", ["packages/*/src/**/*.test.ts"], { exclude: Object.values(areas).flat() }),
    ],
  },
});
