/**
 * Label selectors as `kubectl -l` takes them: comma-separated requirements `k=v`, `k==v`,
 * `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` (exists) and `!k` (does not exist), all of
 * which must hold.
 */
import type { Labels } from "../sim/types";

/** One requirement of a selector. */
export type Requirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists" };

/** A parsed selector, or why the text is not one (kubectl's wording). */
export type ParsedSelector = { ok: true; requirements: Requirement[] } | { ok: false; error: string };

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

/** Splits at commas that are not inside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/** Parses a selector; the empty selector selects everything. */
export function parseSelector(text: string): ParsedSelector {
  const requirements: Requirement[] = [];
  if (text.trim() === "") return { ok: true, requirements };
  for (const raw of splitTop(text)) {
    const part = raw.trim();
    const bad = (why: string): ParsedSelector => ({
      ok: false,
      error: `error: unable to parse requirement: ${why}`,
    });
    const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
    if (set) {
      const values = set[3]!
        .split(",")
        .map((v) => v.trim())
        .filter((v) => v !== "");
      if (!KEY.test(set[1]!)) return bad(`invalid label key "${set[1]}"`);
      if (values.some((v) => !VALUE.test(v))) return bad(`invalid label value in "${part}"`);
      requirements.push({ key: set[1]!, op: set[2] as "in" | "notin", values });
      continue;
    }
    const eq = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (eq) {
      if (!KEY.test(eq[1]!)) return bad(`invalid label key "${eq[1]}"`);
      if (!VALUE.test(eq[3]!)) return bad(`invalid label value: "${eq[3]}"`);
      requirements.push({ key: eq[1]!, op: eq[2] === "!=" ? "!=" : "=", value: eq[3]! });
      continue;
    }
    const exists = /^(!?)([^=!\s()]+)$/.exec(part);
    if (exists && KEY.test(exists[2]!)) {
      requirements.push({ key: exists[2]!, op: exists[1] ? "!exists" : "exists" });
      continue;
    }
    return bad(`found '${part}', expected: key, !key, key=value, key!=value, key in (…), key notin (…)`);
  }
  return { ok: true, requirements };
}

/** Whether labels satisfy every requirement. */
export function matches(requirements: readonly Requirement[], labels: Labels): boolean {
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = labels[r.key];
    switch (r.op) {
      case "=":
        return has && v === r.value;
      case "!=":
        return !has || v !== r.value;
      case "in":
        return has && r.values.includes(v!);
      case "notin":
        return !has || !r.values.includes(v!);
      case "exists":
        return has;
      case "!exists":
        return !has;
    }
  });
}
