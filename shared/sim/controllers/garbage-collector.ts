/**
 * Garbage collector: deletes objects whose controller owner is gone (cascading deletion),
 * so deleting a Deployment takes its ReplicaSets and their pods with it.
 */
import { controllerOf, del, keysOfKind, type ControlLoop } from "../loop";
import type { Kind } from "../types";

const OWNED_KINDS: Kind[] = ["ReplicaSet", "Pod"];

/** The garbage collector loop (system). Keys are `Kind|namespace/name`. */
export const garbageCollector: ControlLoop = {
  name: "garbage-collector",
  role: null,
  enqueue(ev, world, add) {
    if (ev.type !== "DELETED" || !ev.old) return;
    const uid = ev.old.metadata.uid;
    for (const p of world.store.podsOwnedBy(uid)) add(`Pod|${p.metadata.namespace}/${p.metadata.name}`);
    for (const rs of world.store.ownedObjects(uid, "ReplicaSet"))
      add(`ReplicaSet|${rs.metadata.namespace}/${rs.metadata.name}`);
  },
  allKeys: (world) => OWNED_KINDS.flatMap((k) => keysOfKind(world, k).map((key) => `${k}|${key}`)),
  sync(key, world) {
    const [kind, objKey] = key.split("|") as [Kind, string];
    const obj = world.store.get(kind, objKey);
    if (!obj) return [];
    const ref = controllerOf(obj);
    if (!ref) return [];
    const owner = world.store.get(ref.kind as Kind, `${obj.metadata.namespace}/${ref.name}`);
    return owner && owner.metadata.uid === ref.uid ? [] : [del(obj)];
  },
};
