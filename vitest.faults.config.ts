// `npm run test:faults`: the long reliability tests (test/faults/long/) in workerd, apart from `npm test`.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [
    cloudflareTest(async () => ({
      main: "./src/index.ts",
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations("./migrations"),
          HUB_ADMIN_TOKEN: "test-admin-token",
          GITHUB_WEBHOOK_SECRET: "test-webhook-secret",
          RATE_LIMIT_WRITES: "1000000",
          FAULTS_DELIVERIES: process.env.FAULTS_DELIVERIES ?? "10000",
        },
      },
    })),
  ],
  test: {
    name: "faults",
    include: ["test/faults/long/**/*.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
    testTimeout: 3_600_000,
  },
});
