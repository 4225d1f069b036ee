/**
 * The building blocks of API objects: their TypeScript shape, quantities as Kubernetes
 * writes them, stable IDs where the game keeps none, and kubectl's list order.
 */
import { digest } from "../sim/hash";

/** `metadata` as the API returns it: timestamps are RFC 3339 strings. */
export interface ApiObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller: boolean;
    blockOwnerDeletion: boolean;
  }[];
}

/** An object as the Kubernetes API returns it (apiVersion, kind, metadata, then spec/status or the kind's own fields). */
export interface ApiObject {
  apiVersion: string;
  kind: string;
  metadata: ApiObjectMeta;
  [field: string]: unknown;
}

/** A CPU amount in millicores as a Kubernetes quantity: `250m`, or whole cores as `2`. */
export function cpuQuantity(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${Math.round(millicores)}m`;
}

/** A memory amount in MiB as a canonical Kubernetes quantity: `256Mi`, `4Gi`, `512Ki`. */
export function memoryQuantity(mebibytes: number): string {
  const units = ["", "Ki", "Mi", "Gi", "Ti"] as const;
  let n = Math.round(mebibytes * 1024 * 1024);
  if (n === 0) return "0";
  let u = 0;
  while (u < units.length - 1 && n % 1024 === 0) {
    n /= 1024;
    u++;
  }
  return `${n}${units[u]}`;
}

/** 32 hex digits from a text (two digests): stable IDs where the game keeps none. */
export function hex32(text: string): string {
  return digest(text) + digest(`${text}\u0000`);
}

/** 64 hex digits from a text: the shape of a container ID or an image's sha256 digest. */
export function hex64(text: string): string {
  return hex32(`${text}#1`) + hex32(`${text}#2`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UID as Kubernetes writes it (a UUID); the game's derived uids (`…-ep`) are hashed into one. */
export function uuidOf(uid: string): string {
  if (UUID.test(uid)) return uid;
  const h = hex32(uid);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The object, or undefined when it has no keys (the API omits empty maps). */
export const nonEmpty = <T extends object>(o: T | undefined): T | undefined =>
  o && Object.keys(o).length > 0 ? o : undefined;

/** Drops undefined fields, so the JSON and YAML carry only what the API would print. */
export function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** kubectl's order: namespace, then name (cluster-scoped objects by name). */
export function byNamespaceThenName(a: ApiObject, b: ApiObject): number {
  const na = a.metadata.namespace ?? "";
  const nb = b.metadata.namespace ?? "";
  if (na !== nb) return na < nb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
