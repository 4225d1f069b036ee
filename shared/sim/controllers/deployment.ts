/**
 * Deployment controller: owns one ReplicaSet per pod template (`<name>-<template hash>`)
 * and moves replicas from old to new with a rolling update: at most `replicas + maxSurge`
 * pods, at least `replicas - maxUnavailable` available (fact 5). A new template whose pods
 * never become Ready leaves the rollout stuck with the old pods still serving.
 */
import { newMeta, ownerRef, templateHash } from "../apiserver";
import { clone } from "../hash";
import { edit, event, put, keysOfKind, type Change, type ControlLoop, enqueueSelfAndOwner } from "../loop";
import type { Deployment, ReplicaSet } from "../types";
import type { World } from "../world";

/** The annotation that numbers a ReplicaSet's revision, as `kubectl rollout history` shows it. */
export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

/** Resolves `25%` or `1` against a replica count; surge rounds up, unavailable rounds down. */
export function resolveIntOrPercent(value: string, total: number, roundUp: boolean): number {
  if (value.endsWith("%")) {
    const x = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(x) : Math.floor(x);
  }
  return Number(value);
}

/** maxSurge and maxUnavailable for a Deployment (both zero would deadlock, so unavailable becomes 1). */
export function rolloutLimits(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const r = d.spec.strategy.rollingUpdate;
  const maxSurge = resolveIntOrPercent(r.maxSurge, d.spec.replicas, true);
  let maxUnavailable = resolveIntOrPercent(r.maxUnavailable, d.spec.replicas, false);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable };
}

/** The ReplicaSets a Deployment owns, sorted by key. */
export function ownedReplicaSets(world: World, d: Deployment): ReplicaSet[] {
  return world.store.ownedObjects(d.metadata.uid, "ReplicaSet");
}

/** The revision number of a ReplicaSet (0 when unset). */
export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
}

function withReplicas(rs: ReplicaSet, replicas: number): Change {
  const next = edit(rs);
  next.spec.replicas = replicas;
  return put(next);
}

/** The Deployment control loop. */
export const deploymentController: ControlLoop = {
  name: "deployment",
  role: "workload-controller",
  enqueue: enqueueSelfAndOwner("Deployment", "ReplicaSet"),
  allKeys: (world) => keysOfKind(world, "Deployment"),
  sync(key, world) {
    const d = world.store.get("Deployment", key);
    if (!d) return [];
    const ns = d.metadata.namespace!;
    const hash = templateHash(d.spec.template);
    const all = ownedReplicaSets(world, d);
    const current = all.find((rs) => rs.metadata.labels["pod-template-hash"] === hash);
    const old = all.filter((rs) => rs !== current);
    const changes: Change[] = [];
    const { maxSurge, maxUnavailable } = rolloutLimits(d);
    const replicas = d.spec.replicas;

    if (!current) {
      const revision = Math.max(0, ...all.map(revisionOf)) + 1;
      const template = clone(d.spec.template);
      template.metadata.labels = { ...template.metadata.labels, "pod-template-hash": hash };
      const oldTotal = old.reduce((n, rs) => n + rs.spec.replicas, 0);
      const rs: ReplicaSet = {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          ...newMeta(world, `${d.metadata.name}-${hash}`, ns, template.metadata.labels),
          ownerReferences: [ownerRef(d)],
          annotations: { [REVISION_ANNOTATION]: String(revision) },
        },
        spec: {
          replicas:
            old.length === 0 ? replicas : Math.max(0, Math.min(replicas, replicas + maxSurge - oldTotal)),
          selector: { matchLabels: { ...d.spec.selector.matchLabels, "pod-template-hash": hash } },
          template,
        },
        status: { replicas: 0, readyReplicas: 0, availableReplicas: 0 },
      };
      changes.push(
        put(rs),
        event(d, "ScalingReplicaSet", `Scaled up replica set ${rs.metadata.name} to ${rs.spec.replicas}`),
      );
      return changes;
    }

    const oldActive = old.filter((rs) => rs.spec.replicas > 0);
    if (oldActive.length === 0) {
      // Steady state: the current ReplicaSet simply follows spec.replicas.
      if (current.spec.replicas !== replicas) {
        changes.push(
          withReplicas(current, replicas),
          event(
            d,
            "ScalingReplicaSet",
            `Scaled ${replicas > current.spec.replicas ? "up" : "down"} replica set ${current.metadata.name} to ${replicas}`,
          ),
        );
      }
    } else {
      // Rolling update. Scale the new ReplicaSet up within the surge budget...
      const total = all.reduce((n, rs) => n + rs.spec.replicas, 0);
      const up = Math.min(replicas - current.spec.replicas, replicas + maxSurge - total);
      if (up > 0) {
        changes.push(
          withReplicas(current, current.spec.replicas + up),
          event(
            d,
            "ScalingReplicaSet",
            `Scaled up replica set ${current.metadata.name} to ${current.spec.replicas + up}`,
          ),
        );
      }
      // ...and old ones down as far as availability allows. Old pods that are not ready
      // cost no availability, so they go first — but, as Kubernetes' cleanupUnhealthyReplicas,
      // only while the pods left (minus the new ReplicaSet's unavailable ones) stay above
      // the minimum: a replacement that is still starting is not cut.
      const available = all.reduce((n, rs) => n + rs.status.availableReplicas, 0);
      let budget = available - (replicas - maxUnavailable);
      const allPods = all.reduce((n, rs) => n + rs.status.replicas, 0);
      const newUnavailable = Math.max(0, current.spec.replicas - current.status.availableReplicas);
      let cleanup = allPods - (replicas - maxUnavailable) - newUnavailable;
      for (const rs of [...oldActive].sort((a, b) => revisionOf(a) - revisionOf(b))) {
        const unhealthy = Math.min(
          Math.max(0, rs.spec.replicas - rs.status.availableReplicas),
          Math.max(0, cleanup),
        );
        cleanup -= unhealthy;
        const cut = Math.min(rs.spec.replicas, unhealthy + Math.max(0, budget));
        if (cut <= 0) continue;
        budget -= Math.max(0, cut - unhealthy);
        changes.push(
          withReplicas(rs, rs.spec.replicas - cut),
          event(
            d,
            "ScalingReplicaSet",
            `Scaled down replica set ${rs.metadata.name} to ${rs.spec.replicas - cut}`,
          ),
        );
      }
    }

    const status = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: all.reduce((n, rs) => n + rs.status.replicas, 0),
      updatedReplicas: current.status.replicas,
      readyReplicas: all.reduce((n, rs) => n + rs.status.readyReplicas, 0),
      availableReplicas: all.reduce((n, rs) => n + rs.status.availableReplicas, 0),
    };
    const s = d.status;
    if (
      s.observedGeneration !== status.observedGeneration ||
      s.replicas !== status.replicas ||
      s.updatedReplicas !== status.updatedReplicas ||
      s.readyReplicas !== status.readyReplicas ||
      s.availableReplicas !== status.availableReplicas
    ) {
      const next = edit(d);
      next.status = { ...next.status, ...status };
      changes.push(put(next));
    }
    return changes;
  },
};
