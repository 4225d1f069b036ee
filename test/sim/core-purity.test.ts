/**
 * shared/ is pure and deterministic (DESIGN §7): it imports nothing outside shared/, and uses no
 * wall clock, no unseeded randomness and no Node or DOM APIs. Checked on the source text, with
 * comments and string literals blanked so prose like "no Date" does not count.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(process.cwd(), "shared");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

/** Blanks comments and the contents of string/template literals (keeps import specifiers apart). */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/(^|[^:])\/\/.*$/gm, "$1")
    .replace(/`(?:\\[\s\S]|[^`\\])*`/g, "``")
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])*'/g, "''");
}

const files = sourceFiles(ROOT);

/**
 * npm packages shared/ may import: pure, deterministic parsers with no I/O, chosen for
 * issue 15 (the scenario files are YAML validated by a schema — a hand-written YAML parser
 * would be worse). Anything else outside shared/ still fails.
 */
const PURE_PACKAGES = new Set(["yaml", "zod"]);

describe("shared/ purity", () => {
  it("has sources to check", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith(join("sim", "step.ts")))).toBe(true);
  });

  it("imports only relative modules that stay inside shared/ (and the pure parsers yaml and zod)", () => {
    const bad: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(
        /(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']/g,
      )) {
        const spec = m[1] ?? m[2]!;
        if (PURE_PACKAGES.has(spec)) continue;
        if (!spec.startsWith(".")) bad.push(`${relative(ROOT, f)}: ${spec}`);
        else if (relative(ROOT, resolve(dirname(f), spec)).startsWith(".."))
          bad.push(`${relative(ROOT, f)}: ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("uses no Date, Math.random, process, require, fs, timers or DOM globals", () => {
    const forbidden =
      /\b(Date|process|require|setTimeout|setInterval|performance|window|document|Buffer|globalThis)\b|Math\.random|\bfs\./;
    const bad: string[] = [];
    for (const f of files) {
      code(readFileSync(f, "utf8"))
        .split("\n")
        .forEach((line, i) => {
          if (forbidden.test(line)) bad.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });

  it("the scan would catch a violation", () => {
    const sample = "const t = Date.now(); // fine comment about Date\nconst r = Math.random();";
    expect(/\bDate\b/.test(code(sample).split("\n")[0]!)).toBe(true);
    expect(code('// Date only in a comment\nconst s = "Date";')).not.toMatch(/\bDate\b/);
    expect(/Math\.random/.test(code(sample))).toBe(true);
  });
});
