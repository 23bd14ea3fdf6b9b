// `npm run test:faults`: the long reliability tests (test/faults/long/), against the hub as `npm run dev` serves it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "faults",
    environment: "node",
    include: ["test/faults/long/**/*.test.ts"],
    testTimeout: 3_600_000,
    hookTimeout: 180_000,
  },
});
