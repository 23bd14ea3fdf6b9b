// One `vitest run` holds every test project: pure node tests and workerd tests (routes, D1, Workflows).
import { workersPool } from "./vitest.workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // The dashboard in Debian's Chromium (playwright-core) against `npm run dev`; slow by nature.
        test: { name: "browser", environment: "node", include: ["test/browser/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 180_000 },
      },
      {
        test: {
          name: "node",
          environment: "node",
          // The CLI tests spawn node per call and CI shares two cores among the projects: 5 s is a laptop's budget.
          testTimeout: 30_000,
          include: ["test/*.test.ts", "test/domain/**/*.test.ts", "test/cli/**/*.test.ts", "test/integrations-node/**/*.test.ts", "test/contract/**/*-node.test.ts", "test/faults/*-node.test.ts", "test/architecture/**/*.test.ts"],
        },
      },
      {
        test: {
          // The real Claude Code CLI against wrangler dev and a stand-in model API: slow, so its own project.
          name: "system",
          environment: "node",
          include: ["test/system/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // convex/ functions in convex-test, which needs the edge runtime Convex itself runs them in.
          name: "convex",
          environment: "edge-runtime",
          // convex-test scans whole tables in JavaScript; the search tests seed 2,500 tasks on a shared machine.
          testTimeout: 60_000,
          include: ["test/contract/**/*convex*.test.ts", "test/convex/**/*.test.ts"],
          server: { deps: { inline: ["convex-test"] } },
        },
      },
      {
        plugins: [workersPool()],
        test: {
          name: "worker",
          // Workflows run for real here and the machine is shared: a run may take seconds. Nothing asserts time.
          testTimeout: 30_000,
          include: ["test/routes/**/*.test.ts", "test/workflows/**/*.test.ts", "test/integrations/**/*.test.ts", "test/e2e/**/*.test.ts", "test/contract/**/*.test.ts", "test/faults/**/*.test.ts", "test/fuzz/**/*.test.ts", "test/security/**/*.test.ts"],
          // test/faults/long/ runs in `npm run test:faults` (vitest.faults.config.ts): minutes, not seconds.
          exclude: ["test/contract/**/*-node.test.ts", "test/contract/**/*convex*.test.ts", "test/faults/long/**", "test/faults/**/*-node.test.ts"],
          setupFiles: ["./test/apply-migrations.ts"],
        },
      },
    ],
  },
});
