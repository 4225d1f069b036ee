/**
 * Attach/detach reconcile (kube-controller-manager's attach-detach controller with the
 * kubelet's volume manager): a claim whose volume was detached from its node is attached
 * again after a while, or at once when the pod that mounts it is deleted and recreated.
 * Keys are claim keys (`shop/data-mysql-0`); chaos `volume-detach` sets the timer.
 */
import { event, type ControlLoop } from "../loop";

/** The loop's name (chaos schedules its timers). */
export const VOLUME_ATTACH_LOOP = "volume-attach";

/** The attach/detach loop (system). */
export const volumeAttachController: ControlLoop = {
  name: VOLUME_ATTACH_LOOP,
  role: null,
  enqueue(ev, world, add) {
    // A pod that mounted a detached claim is gone: its replacement gets the volume attached.
    if (ev.kind !== "Pod" || ev.type !== "DELETED" || ev.old?.kind !== "Pod") return;
    const ns = ev.old.metadata.namespace;
    for (const v of ev.old.spec.volumes ?? []) {
      const key = `${ns}/${v.persistentVolumeClaim?.claimName}`;
      if (v.persistentVolumeClaim && world.faults.detachedVolumes.includes(key)) add(key);
    }
  },
  allKeys: (world) => [...world.faults.detachedVolumes],
  sync(key, world) {
    if (!world.faults.detachedVolumes.includes(key)) return [];
    world.faults.detachedVolumes = world.faults.detachedVolumes.filter((k) => k !== key);
    return [
      event(
        `PersistentVolumeClaim/${key}`,
        "SuccessfulAttachVolume",
        `AttachVolume.Attach succeeded for ${key}`,
      ),
    ];
  },
};
