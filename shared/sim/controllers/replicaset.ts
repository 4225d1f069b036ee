/**
 * ReplicaSet controller: keeps `spec.replicas` pods of its template alive. A pod that is
 * deleted or fails is replaced by a NEW pod — new name, new IP — never repaired (fact 6).
 * A pod whose labels leave the selector is released; an orphan pod whose labels match the
 * selector (no controller owns it) is adopted, and counts toward `spec.replicas` again.
 */
import { generatePodName, ownerRef, podFromTemplate } from "../apiserver";
import {
  controllerOf,
  del,
  edit,
  event,
  put,
  keysOfKind,
  type Change,
  type ControlLoop,
  enqueueSelfAndOwner,
} from "../loop";
import { keyOf } from "../store";
import type { Pod, ReplicaSet } from "../types";
import { isPodReady, type World } from "../world";

/** Whether a pod's labels still match a ReplicaSet's selector. */
export function matchesSelector(pod: Pod, rs: ReplicaSet): boolean {
  return Object.entries(rs.spec.selector.matchLabels).every(([k, v]) => pod.metadata.labels[k] === v);
}

/** Pods a ReplicaSet counts: matching its selector, not finished and not being deleted. */
export function activePods(world: World, rs: ReplicaSet): Pod[] {
  return world.store
    .podsOwnedBy(rs.metadata.uid)
    .filter(
      (p) =>
        p.status.phase !== "Failed" &&
        p.status.phase !== "Succeeded" &&
        !p.metadata.deletionTimestamp &&
        matchesSelector(p, rs),
    );
}

/**
 * Which pods go first when scaling down, as Kubernetes ranks them: unbound before bound,
 * Pending before Running, not Ready before Ready, newer before older; then by name.
 */
export function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod) => [
    p.spec.nodeName ? 1 : 0,
    p.status.phase === "Running" ? 1 : 0,
    isPodReady(p) ? 1 : 0,
    -p.metadata.creationTimestamp,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return a.metadata.name < b.metadata.name ? -1 : 1;
}

/** Whether a pod is alive and owned by no controller: one a matching ReplicaSet adopts. */
export function isOrphan(pod: Pod): boolean {
  return (
    !controllerOf(pod) &&
    !pod.metadata.deletionTimestamp &&
    pod.status.phase !== "Failed" &&
    pod.status.phase !== "Succeeded"
  );
}

/** Orphan pods in a ReplicaSet's namespace that match its selector, sorted by key. */
export function adoptablePods(world: World, rs: ReplicaSet): Pod[] {
  return world.store.podsMatching(rs.metadata.namespace!, rs.spec.selector.matchLabels).filter(isOrphan);
}

/** The ReplicaSets whose selector matches a pod (in its namespace), sorted by key. */
export function replicaSetsMatching(world: World, pod: Pod): ReplicaSet[] {
  return world.store
    .list("ReplicaSet")
    .filter((rs) => rs.metadata.namespace === pod.metadata.namespace && matchesSelector(pod, rs));
}

/** A pod made a ReplicaSet's own (its controller owner reference set), as adoption writes it. */
export function adopted(pod: Pod, rs: ReplicaSet): Pod {
  const next = edit(pod);
  next.metadata.ownerReferences = [ownerRef(rs)];
  return next;
}

/** Creates one replacement pod for a ReplicaSet (shared by the loop and the createPod intent). */
export function newReplicaSetPod(world: World, rs: ReplicaSet): Pod {
  const ns = rs.metadata.namespace!;
  return podFromTemplate(world, generatePodName(world, rs.metadata.name, ns), ns, rs.spec.template, rs);
}

/** The ReplicaSet control loop. */
export const replicaSetController: ControlLoop = {
  name: "replicaset",
  role: "workload-controller",
  enqueue(ev, world, add) {
    enqueueSelfAndOwner("ReplicaSet", "Pod")(ev, world, add);
    // An orphan that (again) matches a selector wakes that ReplicaSet, which adopts it.
    if (ev.obj?.kind === "Pod" && isOrphan(ev.obj))
      for (const rs of replicaSetsMatching(world, ev.obj)) add(keyOf(rs));
  },
  allKeys: (world) => keysOfKind(world, "ReplicaSet"),
  sync(key, world) {
    const rs = world.store.get("ReplicaSet", key);
    if (!rs) return [];
    const changes: Change[] = [];
    const all = world.store.podsOwnedBy(rs.metadata.uid);
    // A failed pod is gone for good under restartPolicy Always only when evicted; clean it up.
    for (const p of all)
      if (p.status.phase === "Failed")
        changes.push(del(p), event(p, "Killing", `deleting failed pod ${p.metadata.name}`));
    // A pod whose labels drifted out of the selector is released (orphaned), and replaced.
    for (const p of all)
      if (p.status.phase !== "Failed" && !matchesSelector(p, rs)) {
        const orphan = edit(p);
        delete orphan.metadata.ownerReferences;
        changes.push(
          put(orphan),
          event(rs, "Orphaned", `Released pod ${p.metadata.name}: its labels no longer match the selector`),
        );
      }
    const orphans = adoptablePods(world, rs).map((p) => adopted(p, rs));
    changes.push(...orphans.map(put));
    const active = [...activePods(world, rs), ...orphans];
    const diff = rs.spec.replicas - active.length;
    let kept = active;
    if (diff > 0) {
      for (let i = 0; i < diff; i++) {
        const pod = newReplicaSetPod(world, rs);
        changes.push(put(pod), event(rs, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`));
      }
    } else if (diff < 0) {
      const doomed = [...active].sort(deletionOrder).slice(0, -diff);
      for (const p of doomed)
        changes.push(del(p), event(rs, "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`));
      kept = active.filter((p) => !doomed.includes(p));
    }
    // Counted from the pods it keeps: a pod deleted in this sync is no longer available.
    const ready = kept.filter(isPodReady).length;
    const replicas = kept.length + Math.max(diff, 0);
    if (
      rs.status.replicas !== replicas ||
      rs.status.readyReplicas !== ready ||
      rs.status.availableReplicas !== ready
    ) {
      const next = edit(rs);
      next.status = { replicas, readyReplicas: ready, availableReplicas: ready };
      changes.push(put(next));
    }
    return changes;
  },
};
