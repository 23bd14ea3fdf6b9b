// The workerd pool both vitest configs use: the Worker itself, its migrations, and the test secrets.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";

export const workersPool = (bindings: Record<string, string> = {}) =>
  cloudflareTest(async () => ({
    main: "./src/index.ts",
    wrangler: { configPath: "./wrangler.toml" },
    miniflare: {
      bindings: {
        TEST_MIGRATIONS: await readD1Migrations("./migrations"),
        HUB_ADMIN_TOKEN: "test-admin-token",
        GITHUB_WEBHOOK_SECRET: "test-webhook-secret",
        ...bindings,
      },
    },
  }));
