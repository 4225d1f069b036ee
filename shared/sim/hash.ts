/** FNV-1a over a string, 32 bits: cheap, stable across platforms, no crypto needed. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A 64-bit-wide hex digest made of two FNV-1a passes with different seeds. */
export function digest(text: string): string {
  return (
    fnv1a(text).toString(16).padStart(8, "0") +
    fnv1a(text, 0x01000193 ^ 0x5bd1e995)
      .toString(16)
      .padStart(8, "0")
  );
}

/** JSON with object keys sorted, so equal values always print equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** Deep copy of plain JSON-shaped data (objects are never mutated in the store). */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    if (v !== undefined) out[k] = clone(v);
  return out as T;
}
