import { defineConfig } from "vitest/config";

/** Test runner config: unit and integration suites; e2e suites live under test/e2e. */
export default defineConfig({
  esbuild: { target: "es2022" },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    fileParallelism: true,
  },
});
