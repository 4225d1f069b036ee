import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Lint: typescript-eslint recommended, plus the purity rules that keep shared/ deterministic. */
export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        "Date",
        "window",
        "document",
        "process",
        "setTimeout",
        "setInterval",
        "performance",
        "Buffer",
        "require",
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use the seeded Rng." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "**/server/**",
            "**/client/**",
            "phaser",
            "colyseus.js",
            "@colyseus/*",
            "node:*",
            "fs",
            "path",
            "os",
            "crypto",
          ],
          // zod's default probes `new Function` (a CSP violation in the page): take the configured one.
          paths: [{ name: "zod", message: "Import { z } from shared/sim/scenarios/zod.ts (jitless)." }],
        },
      ],
    },
  },
  {
    files: ["shared/sim/scenarios/zod.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
