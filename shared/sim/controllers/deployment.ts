/**
 * Deployment controller: owns one ReplicaSet per pod template (`<name>-<template hash>`)
 * and moves replicas from old to new with a rolling update: at most `replicas + maxSurge`
 * pods, at least `replicas - maxUnavailable` Ready (fact 5), one move per sync (the moves
 * are computed in rollout.ts, shared with the people who play this loop). A new template
 * whose pods never become Ready leaves the rollout stuck with the old pods still serving.
 * A template rolled back to gets its old ReplicaSet back, renumbered as the newest revision.
 */
import { newMeta, ownerRef } from "../apiserver";
import { clone } from "../hash";
import { edit, event, put, keysOfKind, type Change, type ControlLoop, enqueueSelfAndOwner } from "../loop";
import type { Deployment, ReplicaSet } from "../types";
import type { World } from "../world";
import {
  nextRevision,
  nextRolloutStep,
  REVISION_ANNOTATION,
  revisionOf,
  rolloutOf,
  setsOf,
  type Rollout,
} from "./rollout";

export {
  REVISION_ANNOTATION,
  resolveIntOrPercent,
  rolloutLimits,
  ownedReplicaSets,
  revisionOf,
} from "./rollout";

/** The ReplicaSet of a Deployment's current template, as the deployment controller (or a person) creates it. */
export function newReplicaSetFor(world: World, r: Rollout, replicas: number): ReplicaSet {
  const d = r.deployment;
  const template = clone(d.spec.template);
  template.metadata.labels = { ...template.metadata.labels, "pod-template-hash": r.hash };
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      ...newMeta(world, `${d.metadata.name}-${r.hash}`, d.metadata.namespace, template.metadata.labels),
      ownerReferences: [ownerRef(d)],
      annotations: { [REVISION_ANNOTATION]: String(nextRevision(r)) },
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...d.spec.selector.matchLabels, "pod-template-hash": r.hash } },
      template,
    },
    status: { replicas: 0, readyReplicas: 0, availableReplicas: 0 },
  };
}

/** Puts a new ReplicaSet, with the event Kubernetes records when it starts with pods. */
export function createdReplicaSet(d: Deployment, rs: ReplicaSet, by = ""): Change[] {
  const scaled = `Scaled up replica set ${rs.metadata.name} to ${rs.spec.replicas}${by}`;
  return [put(rs), ...(rs.spec.replicas > 0 ? [event(d, "ScalingReplicaSet", scaled)] : [])];
}

/** The current ReplicaSet renumbered as the newest revision (after a rollback to its template), or undefined. */
export function renumbered(r: Rollout): ReplicaSet | undefined {
  const rs = r.current;
  const revision = nextRevision(r);
  if (!rs || revisionOf(rs) >= revision) return undefined;
  const next = edit(rs);
  next.metadata.annotations = { ...next.metadata.annotations, [REVISION_ANNOTATION]: String(revision) };
  return next;
}

/** A ReplicaSet set to a new replica count, with the event the deployment controller records. */
export function scaleReplicaSet(d: Deployment, rs: ReplicaSet, replicas: number, by = ""): Change[] {
  const next = edit(rs);
  next.spec.replicas = replicas;
  const dir = replicas > rs.spec.replicas ? "up" : "down";
  return [
    put(next),
    event(d, "ScalingReplicaSet", `Scaled ${dir} replica set ${rs.metadata.name} to ${replicas}${by}`),
  ];
}

/** The Deployment's status from its ReplicaSets, when it changed. */
function statusChange(d: Deployment, r: Rollout): Change[] {
  const all = setsOf(r);
  const status = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: all.reduce((n, rs) => n + rs.status.replicas, 0),
    updatedReplicas: r.current?.status.replicas ?? 0,
    readyReplicas: all.reduce((n, rs) => n + rs.status.readyReplicas, 0),
    availableReplicas: all.reduce((n, rs) => n + rs.status.availableReplicas, 0),
  };
  const s = d.status;
  if (
    s.observedGeneration === status.observedGeneration &&
    s.replicas === status.replicas &&
    s.updatedReplicas === status.updatedReplicas &&
    s.readyReplicas === status.readyReplicas &&
    s.availableReplicas === status.availableReplicas
  )
    return [];
  const next = edit(d);
  next.status = { ...next.status, ...status };
  return [put(next)];
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
    const r = rolloutOf(world, d);
    const renumber = renumbered(r);
    // One write per sync, as Kubernetes' rollout returns after each; its watch event brings the next.
    if (renumber) return [put(renumber)];
    const step = nextRolloutStep(world, r);
    if (step?.kind === "create") return createdReplicaSet(d, newReplicaSetFor(world, r, step.replicas));
    const changes = step ? scaleReplicaSet(d, step.rs, step.replicas) : [];
    return [...changes, ...statusChange(d, r)];
  },
};
