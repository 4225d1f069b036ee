/** Paths into a YAML document: where a field is (for errors), what the game did not read (ignored fields), how deep it nests. */
import { isCollection, isMap, isScalar, isSeq, type Document } from "yaml";

/** A field's path in a document (`["spec", "template", "spec", "containers", 0, "image"]`). */
export type Path = (string | number)[];
/** A parsed YAML document. */
export type Doc = Document.Parsed;

/** `spec.template.spec.containers[0].image`. */
export function fieldOf(path: Path): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** Paths present in the input but not in the parsed value: the fields the game ignores. */
export function unknownFields(raw: unknown, parsed: unknown, path: Path): Path[] {
  const out: Path[] = [];
  const stack: [unknown, unknown, Path][] = [[raw, parsed, path]];
  while (stack.length > 0 && out.length < 200) {
    const [r, p, at] = stack.pop()!;
    if (Array.isArray(r) && Array.isArray(p)) {
      for (let i = r.length - 1; i >= 0; i--) stack.push([r[i], p[i], [...at, i]]);
    } else if (isPlainObject(r) && isPlainObject(p)) {
      for (const k of Object.keys(r).reverse()) {
        if (!Object.hasOwn(p, k)) out.push([...at, k]);
        else stack.push([r[k], p[k], [...at, k]]);
      }
    }
  }
  return out;
}

/** The offset where a path's deepest existing key or item starts in a document. */
export function offsetOf(doc: Doc, path: Path): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = (node as { range?: [number] } | null)?.range?.[0];
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && it.key.value === step);
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === "number") {
      const item = node.items[step] as { range?: [number] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

/** The offset of a collection nested deeper than `max`, if any (walked without recursion). */
export function depthOver(doc: Doc, max: number): number | undefined {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isCollection(node)) continue;
    if (depth > max) return node.range?.[0] ?? 0;
    for (const item of node.items as unknown[]) {
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown };
        stack.push([pair.key, depth + 1], [pair.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

/** Whether a value is a mapping (not null, not a list). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
