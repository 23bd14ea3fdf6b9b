// One `vitest run` holds every test project: pure node tests now, workerd tests beside them.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          environment: "node",
          include: ["test/domain/**/*.test.ts", "test/cli/**/*.test.ts"],
        },
      },
    ],
  },
});
