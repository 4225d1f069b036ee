import { defineConfig } from "vitest/config";

/** Test runner config: every suite under test/ (sim, integration, client, e2e); TS via tsconfig.json. */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
  },
});
