/**
 * Property test (issue 15's done-means): whatever text it gets — random, malformed, huge,
 * deeply nested, of the wrong kinds, or a built-in file randomly mutated — the loader
 * returns; a rejection carries at least one error with the file name, a line inside the
 * file and a message; and a file it accepts builds a world without throwing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorld } from "../../../shared/sim";
import { BUILTIN_SCENARIO_FILES } from "../../../shared/sim/scenarios/builtin.generated";
import { parseScenarioYaml, type ScenarioParse } from "../../../shared/sim/scenarios/load-yaml";

const FILES = Object.values(BUILTIN_SCENARIO_FILES);

/** Checks the loader's promise for one input; returns the result for further checks. */
function checked(text: string): ScenarioParse {
  let r: ScenarioParse | undefined;
  expect(() => (r = parseScenarioYaml(text, "fuzz.yaml"))).not.toThrow();
  if (!r!.ok) {
    expect(r!.errors.length).toBeGreaterThan(0);
    const lines = text.split("\n").length;
    for (const e of r!.errors) {
      expect(e.file).toBe("fuzz.yaml");
      expect(e.line).toBeGreaterThanOrEqual(1);
      expect(e.line).toBeLessThanOrEqual(lines + 1);
      expect(e.message.length).toBeGreaterThan(0);
    }
  }
  return r!;
}

/** One random edit of a file's lines. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("swap" as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    op: fc.constant("value" as const),
    at: fc.nat(),
    value: fc.oneof(
      fc.constantFrom(
        "-1",
        "1e9",
        "null",
        "[]",
        "{}",
        '""',
        "~",
        "*x",
        "&a",
        "true",
        "0x10",
        "99999",
        "[a, b]",
        "::",
      ),
      fc.string({ maxLength: 12 }),
    ),
  }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), text: fc.string({ maxLength: 20 }) }),
  fc.record({ op: fc.constant("indent" as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

/** Applies mutations to a file's lines. */
function mutate(text: string, edits: unknown[]): string {
  const lines = text.split("\n");
  for (const e of edits as {
    op: string;
    at: number;
    to?: number;
    value?: string;
    text?: string;
    by?: number;
  }[]) {
    if (lines.length === 0) break;
    const i = e.at % lines.length;
    switch (e.op) {
      case "delete":
        lines.splice(i, 1);
        break;
      case "duplicate":
        lines.splice(i, 0, lines[i]!);
        break;
      case "swap": {
        const j = e.to! % lines.length;
        [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        break;
      }
      case "truncate":
        lines.length = i;
        break;
      case "value":
        lines[i] = lines[i]!.includes(":")
          ? lines[i]!.replace(/:.*$/, `: ${e.value}`)
          : `${lines[i]} ${e.value}`;
        break;
      case "insert":
        lines[i] =
          lines[i]!.slice(0, e.at % (lines[i]!.length + 1)) +
          e.text +
          lines[i]!.slice(e.at % (lines[i]!.length + 1));
        break;
      case "indent":
        lines[i] =
          e.by! >= 0 ? " ".repeat(e.by!) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-e.by!}}`), "");
        break;
    }
  }
  return lines.join("\n");
}

describe("parseScenarioYaml never throws and always explains a rejection", () => {
  it("random text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: "grapheme" }), (text) => void checked(text)),
      { numRuns: 300 },
    );
  });

  it("random YAML-ish structures (JSON values printed as flow YAML)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        expect(checked(JSON.stringify(v)).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("deep nesting, however written", () => {
    fc.assert(
      fc.property(fc.integer({ min: 25, max: 30_000 }), fc.constantFrom("[", "{a: ", "- "), (depth, open) => {
        const close = open === "[" ? "]" : open === "{a: " ? "}" : "";
        const text =
          open === "- "
            ? Array.from({ length: Math.min(depth, 3000) }, (_, i) => " ".repeat(i * 2) + "- x:").join("\n")
            : "a: " + open.repeat(depth) + "1" + close.repeat(depth);
        expect(checked(text).ok).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it("huge files", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 256 * 1024 + 1, max: 2_000_000 }),
        fc.constantFrom("a", "- x\n", "# \n"),
        (n, unit) => {
          const r = checked(unit.repeat(Math.ceil(n / unit.length)));
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 10 },
    );
  });

  it("wrong kinds and apiVersions are rejected with a message naming the kind", () => {
    const header = FILES[0]!.slice(0, FILES[0]!.indexOf("---\n"));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(
            "ConfigMap",
            "Node",
            "Pod",
            "Ingress",
            "Secret",
            "CronJob",
            "toString",
            "constructor",
            "__proto__",
            "Endpoints",
            "scenario",
            "",
          ),
          fc.string({ maxLength: 10 }),
        ),
        (kind) => {
          fc.pre(
            ![
              "Namespace",
              "Service",
              "PersistentVolumeClaim",
              "Deployment",
              "StatefulSet",
              "DaemonSet",
              "Job",
              "Scenario",
            ].includes(kind),
          );
          const r = checked(
            `${header}---\napiVersion: v1\nkind: ${JSON.stringify(kind)}\nmetadata: { name: x }\n`,
          );
          expect(r.ok).toBe(false);
          if (!r.ok) expect(r.errors.map((e) => e.message).join("\n")).toMatch(/kind|apiVersion/);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("random mutations of the built-in files; an accepted mutant builds a world", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...FILES),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        fc.nat(1000),
        (file, edits, seed) => {
          const text = mutate(file, edits);
          const r = checked(text);
          if (r.ok && accepted++ < 10)
            expect(() =>
              createWorld({ scenario: "", seed, scenarioFile: { name: "fuzz.yaml", text } }),
            ).not.toThrow();
        },
      ),
      { numRuns: 400 },
    );
  });
});
