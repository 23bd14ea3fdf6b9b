// The Convex store bench (bench/store-convex.mjs runs it): convex-test in the edge runtime, as the convex test project, but never in npm test.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "convex-bench",
    root: new URL("../..", import.meta.url).pathname,
    environment: "edge-runtime",
    include: ["bench/convex/store.bench-test.ts"],
    server: { deps: { inline: ["convex-test"] } },
    testTimeout: 1_800_000,
  },
});
