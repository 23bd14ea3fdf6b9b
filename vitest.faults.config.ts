// `npm run test:faults`: the long reliability tests (test/faults/long/) in workerd, apart from `npm test`.
import { workersPool } from "./vitest.workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [workersPool({ RATE_LIMIT_WRITES: "1000000", FAULTS_DELIVERIES: process.env.FAULTS_DELIVERIES ?? "10000" })],
  test: {
    name: "faults",
    include: ["test/faults/long/**/*.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
    testTimeout: 3_600_000,
  },
});
