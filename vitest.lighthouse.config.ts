// `npm run test:lighthouse`: Lighthouse's mobile audit of the dashboard, alone after `npm test` so the scores are not
// measured while the other projects load the two cores.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "lighthouse",
    environment: "node",
    include: ["test/lighthouse/**/*.test.ts"],
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
