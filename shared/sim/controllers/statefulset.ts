/**
 * StatefulSet controller: pods `name-0..N-1` with stable names, each created only when its
 * predecessor is Running and Ready, removed highest ordinal first; pod `name-i` always
 * mounts PVC `<template>-name-i`, which outlives the pod (fact 8). A pod stuck on a dead
 * node is NOT replaced until someone deletes it: two `mysql-0` must never run at once.
 * A changed template rolls out with the RollingUpdate strategy (the default; OnDelete waits
 * for someone to delete each pod): highest
 * ordinal first, one pod at a time, each deleted and recreated from the new template only
 * once every pod is Running and Ready. Each pod carries the revision it was made from in
 * its `controller-revision-hash` label.
 */
import { newMeta, podFromTemplate, templateHash } from "../apiserver";
import {
  del,
  edit,
  event,
  put,
  keysOfKind,
  type Change,
  type ControlLoop,
  enqueueSelfAndOwner,
} from "../loop";
import type { PersistentVolumeClaim, Pod, StatefulSet } from "../types";
import { isPodReady, type World } from "../world";

/** The PVC name of template `claim` for ordinal `i` (`data-mysql-0`). */
export function claimName(sts: StatefulSet, claim: string, i: number): string {
  return `${claim}-${sts.metadata.name}-${i}`;
}

/** The ordinal of a StatefulSet pod name, or -1. */
export function ordinalOf(sts: StatefulSet, podName: string): number {
  const prefix = `${sts.metadata.name}-`;
  if (!podName.startsWith(prefix)) return -1;
  const n = Number(podName.slice(prefix.length));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

/** The label naming the template revision a StatefulSet pod was created from. */
export const REVISION_LABEL = "controller-revision-hash";

/** The revision of a StatefulSet's current template (`mysql-<hash>`), as its new pods are labelled. */
export function updateRevision(sts: StatefulSet): string {
  return `${sts.metadata.name}-${templateHash(sts.spec.template)}`;
}

/** Whether a pod was created from an older template than its StatefulSet's (a pod without the label is taken as current). */
export function isOutdated(sts: StatefulSet, pod: Pod): boolean {
  const rev = pod.metadata.labels[REVISION_LABEL];
  return rev !== undefined && rev !== updateRevision(sts);
}

/**
 * The pod a RollingUpdate replaces next — the highest ordinal still on an old revision —
 * or why it must wait: every pod of `0..replicas-1` must exist and be Running and Ready.
 * Undefined when every pod runs the current template.
 */
export function nextStatefulUpdate(
  world: World,
  sts: StatefulSet,
): { pod: Pod } | { wait: string; blocker: string; missing: boolean } | undefined {
  const pods = world.store.podsOwnedBy(sts.metadata.uid);
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(sts, p.metadata.name), p] as const));
  let target: Pod | undefined;
  for (let i = sts.spec.replicas - 1; i >= 0 && !target; i--) {
    const p = byOrdinal.get(i);
    if (p && isOutdated(sts, p)) target = p;
  }
  if (!target) return undefined;
  for (let i = 0; i < sts.spec.replicas; i++) {
    const p = byOrdinal.get(i);
    const name = `${sts.metadata.name}-${i}`;
    if (!p) return { wait: `${name} does not exist yet`, blocker: name, missing: true };
    if (!isPodReady(p))
      return { wait: `${name} is not Running and Ready yet`, blocker: name, missing: false };
  }
  return { pod: target };
}

/** The pod (and any missing PVCs) for ordinal `i`, as the controller or a createPod intent makes it. */
export function newStatefulPod(world: World, sts: StatefulSet, i: number): Change[] {
  const ns = sts.metadata.namespace!;
  const name = `${sts.metadata.name}-${i}`;
  const changes: Change[] = [];
  const pod: Pod = podFromTemplate(world, name, ns, sts.spec.template, sts, {
    [REVISION_LABEL]: updateRevision(sts),
    "statefulset.kubernetes.io/pod-name": name,
    "apps.kubernetes.io/pod-index": String(i),
  });
  pod.spec.hostname = name;
  pod.spec.subdomain = sts.spec.serviceName;
  const volumes = [...(pod.spec.volumes ?? [])];
  for (const t of sts.spec.volumeClaimTemplates) {
    const claim = claimName(sts, t.metadata.name, i);
    volumes.push({ name: t.metadata.name, persistentVolumeClaim: { claimName: claim } });
    if (!world.store.get("PersistentVolumeClaim", `${ns}/${claim}`)) {
      const pvc: PersistentVolumeClaim = {
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: newMeta(world, claim, ns, { ...sts.spec.selector.matchLabels }),
        spec: {
          accessModes: [...t.spec.accessModes],
          resources: { requests: { ...t.spec.resources.requests } },
        },
        status: { phase: "Pending" },
      };
      changes.push(
        put(pvc),
        event(
          sts,
          "SuccessfulCreate",
          `create Claim ${claim} Pod ${name} in StatefulSet ${sts.metadata.name} success`,
        ),
      );
    }
  }
  pod.spec.volumes = volumes;
  changes.push(
    put(pod),
    event(sts, "SuccessfulCreate", `create Pod ${name} in StatefulSet ${sts.metadata.name} successful`),
  );
  return changes;
}

/** The StatefulSet control loop. */
export const statefulSetController: ControlLoop = {
  name: "statefulset",
  role: "workload-controller",
  enqueue: enqueueSelfAndOwner("StatefulSet", "Pod"),
  allKeys: (world) => keysOfKind(world, "StatefulSet"),
  sync(key, world) {
    const sts = world.store.get("StatefulSet", key);
    if (!sts) return [];
    const changes: Change[] = [];
    const pods = world.store.podsOwnedBy(sts.metadata.uid);
    const byOrdinal = new Map<number, Pod>();
    for (const p of pods) byOrdinal.set(ordinalOf(sts, p.metadata.name), p);
    const ordered = sts.spec.podManagementPolicy !== "Parallel";

    // Failed pods are deleted; the next pass recreates them under the same name.
    for (const p of pods)
      if (p.status.phase === "Failed")
        changes.push(
          del(p),
          event(
            sts,
            "SuccessfulDelete",
            `delete Pod ${p.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
          ),
        );

    let blocked = false;
    for (let i = 0; i < sts.spec.replicas && !blocked; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        changes.push(...newStatefulPod(world, sts, i));
        if (ordered) blocked = true;
      } else if (ordered && !isPodReady(p)) blocked = true;
    }
    // Scale down: the highest ordinal above the desired count goes first, one at a time.
    const extra = pods.map((p) => ordinalOf(sts, p.metadata.name)).filter((i) => i >= sts.spec.replicas);
    if (extra.length > 0) {
      const top = byOrdinal.get(Math.max(...extra))!;
      changes.push(
        del(top),
        event(
          sts,
          "SuccessfulDelete",
          `delete Pod ${top.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
        ),
      );
    }

    // RollingUpdate: once nothing is missing or starting, replace the highest outdated ordinal.
    const rolling = sts.spec.updateStrategy?.type !== "OnDelete";
    const update =
      rolling && changes.length === 0 && extra.length === 0 ? nextStatefulUpdate(world, sts) : undefined;
    if (update && "pod" in update)
      changes.push(
        del(update.pod),
        event(
          sts,
          "SuccessfulDelete",
          `delete Pod ${update.pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
        ),
      );

    const ready = pods.filter(isPodReady).length;
    if (sts.status.replicas !== pods.length || sts.status.readyReplicas !== ready) {
      const next = edit(sts);
      next.status = { replicas: pods.length, readyReplicas: ready, currentReplicas: pods.length };
      changes.push(put(next));
    }
    return changes;
  },
};
