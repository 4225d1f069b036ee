/**
 * `-o yaml` and `-o json` as kubectl prints them: the API object (sigs.k8s.io/yaml: keys
 * sorted, sequences not indented under their key; JSON indented by four spaces), and a
 * `v1 List` with `items` for more than one object.
 */
import { Document, parse, visit } from "yaml";
import type { ApiObject } from "./objects";

/** Keys sorted at every level, as Go's encoding/json writes a map. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object")
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** kubectl's `-o json`: keys as the API server sent them (sorted here), four-space indent. */
export function toJson(obj: unknown): string {
  return `${JSON.stringify(sortKeys(obj), null, 4)}\n`;
}

/** Whether a string written plain would read back as something else in YAML 1.1 (go-yaml's rule for double quotes). */
function ambiguous(s: string): boolean {
  if (/^(~|null|Null|NULL|)$/.test(s)) return true;
  try {
    const v: unknown = parse(s, { version: "1.1" });
    // A timestamp reads back as a Date (named by its tag: shared/ may not touch Date).
    return (
      typeof v === "number" || typeof v === "boolean" || Object.prototype.toString.call(v) === "[object Date]"
    );
  } catch {
    return false;
  }
}

/**
 * kubectl's `-o yaml` (go-yaml v2 under sigs.k8s.io/yaml): keys sorted, `- ` items level
 * with their key, strings that would read as another type (`"8080"`, `"true"`, `""`,
 * timestamps) double-quoted, other strings that cannot be plain single-quoted.
 */
export function toYaml(obj: unknown): string {
  const doc = new Document(sortKeys(obj), { version: "1.1" });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && ambiguous(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  return doc.toString({ indentSeq: false, singleQuote: true });
}

/** The `v1 List` kubectl wraps several objects in. */
export function listOf(items: readonly ApiObject[]): Record<string, unknown> {
  return { apiVersion: "v1", items: [...items], kind: "List", metadata: { resourceVersion: "" } };
}
