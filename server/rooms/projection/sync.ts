/** Change-only writes into schema objects: an unchanged field or view is never re-sent. */
import { ArraySchema, type MapSchema } from "@colyseus/schema";

/** Assigns `value` to `obj[key]` only when it differs, so unchanged fields are not re-sent. */
export function set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): void {
  if (obj[key] !== value) obj[key] = value;
}

// The version each view was last projected from: an unchanged source is skipped.
const projectedVersion = new WeakMap<object, string>();

/**
 * Makes `map` hold exactly the keys of `items`, creating views with `Ctor` and updating
 * each. With `versionOf`, a view whose source kept its version is skipped.
 */
export function syncMap<V extends object, I>(
  map: MapSchema<V>,
  items: Map<string, I>,
  Ctor: new () => V,
  update: (view: V, item: I, key: string) => void,
  versionOf?: (item: I) => string,
): void {
  for (const key of [...map.keys()]) if (!items.has(key)) map.delete(key);
  for (const [key, item] of items) {
    let view = map.get(key);
    const version = versionOf?.(item);
    if (view === undefined) {
      view = new Ctor();
      update(view, item, key);
      map.set(key, view);
    } else if (version === undefined || projectedVersion.get(view) !== version) {
      update(view, item, key);
    }
    if (version !== undefined) projectedVersion.set(view, version);
  }
}

/**
 * Makes `obj[key]` equal `values`. An unchanged array is left alone; a changed one is
 * replaced whole (splice + index writes in one patch decoded wrong in schema 3.0.76, and
 * these arrays hold a handful of IPs).
 */
export function syncStrings<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  values: readonly string[],
): void {
  const arr = obj[key] as unknown as ArraySchema<string>;
  if (arr.length === values.length && values.every((v, i) => arr[i] === v)) return;
  obj[key] = new ArraySchema<string>(...values) as unknown as T[K];
}

/** A game time rounded to the millisecond. */
export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** float32 fields: compare the value the client will decode, so rounding noise never re-sends. */
export function f32(n: number): number {
  return Math.fround(n);
}

/** Clamps to an int16 field. */
export function clampInt16(n: number): number {
  return Math.max(-32768, Math.min(32767, Math.trunc(n)));
}

/** Clamps to a uint16 field. */
export function clampUint16(n: number): number {
  return Math.max(0, Math.min(65535, Math.trunc(n)));
}

/** The resourceVersion of a Kubernetes-shaped object (the projection's change key). */
export const rvOf = (o: { metadata: { resourceVersion: string } }): string => o.metadata.resourceVersion;
