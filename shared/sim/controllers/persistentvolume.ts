/**
 * PersistentVolume binder: binds each Pending claim to a dynamically provisioned volume
 * (`pvc-<uid>`), as a default StorageClass would. A Bound claim keeps its volume — and its
 * data — when the pod that used it is replaced.
 */
import { edit, event, put, keysOfKind, type ControlLoop } from "../loop";

/** The PV binder control loop (system: no player plays storage). */
export const persistentVolumeBinder: ControlLoop = {
  name: "persistentvolume",
  role: null,
  enqueue(ev, _world, add) {
    if (ev.kind === "PersistentVolumeClaim" && ev.obj) add(ev.key);
  },
  allKeys: (world) => keysOfKind(world, "PersistentVolumeClaim"),
  sync(key, world) {
    const pvc = world.store.get("PersistentVolumeClaim", key);
    if (!pvc || pvc.status.phase !== "Pending") return [];
    const next = edit(pvc);
    next.spec.volumeName = `pvc-${pvc.metadata.uid}`;
    next.status = { phase: "Bound" };
    return [
      put(next),
      event(pvc, "ProvisioningSucceeded", `Successfully provisioned volume ${next.spec.volumeName}`),
    ];
  },
};
