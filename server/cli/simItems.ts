/**
 * The sim CLI's `items`: every object as the Kubernetes API returns it (so `--json` output
 * validates against Kubernetes' schemas), and the reverse step its tables need — an API
 * object read back in the game's shape for the shared kubectl printers.
 */
import { apiObjectsOf, gameSecondsOf, type ApiObject } from "../../shared/kubectl/objects";
import type { Kind, ObjectOfKind, World } from "../../shared/sim";

/** The kinds `items` lists, in this order (as the CLI always listed them). */
const ITEM_KINDS = [
  "Namespace",
  "Node",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "Pod",
  "Service",
  "Endpoints",
  "PersistentVolumeClaim",
  "DaemonSet",
  "Job",
] as const satisfies readonly Kind[];

/** Every object of the world as API objects, kind by kind. */
export function simItems(world: World): ApiObject[] {
  return ITEM_KINDS.flatMap((kind) => apiObjectsOf(world, kind));
}

/**
 * An API object of `kind` in the game's shape, for the printers: creationTimestamp back in
 * game seconds, and the lists the API omits when empty (`subsets`, `selector`) restored.
 */
export function printable<K extends Kind>(obj: ApiObject, kind: K): ObjectOfKind<K> | undefined {
  if (obj.kind !== kind) return undefined;
  const o = structuredClone(obj) as ApiObject & { spec?: Record<string, unknown>; subsets?: unknown[] };
  const meta = o.metadata as unknown as { creationTimestamp: number | undefined };
  meta.creationTimestamp = gameSecondsOf(obj.metadata.creationTimestamp);
  if (kind === "Endpoints")
    o.subsets = ((o.subsets ?? []) as { addresses?: unknown[] }[]).map((s) => ({
      ...s,
      addresses: s.addresses ?? [],
    }));
  if (kind === "Service" && o.spec) o.spec.selector ??= {};
  return o as unknown as ObjectOfKind<K>;
}
