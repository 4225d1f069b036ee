/**
 * The arithmetic of a Deployment's rolling update (fact 5), in one place for everyone who
 * moves replicas between its ReplicaSets: the deployment controller on autopilot, a person
 * holding the workload controller (whose `scale` of a ReplicaSet is checked here) and that
 * person's bot. Counts come from the pods themselves, never from a status a controller
 * wrote a tick ago: a stale `availableReplicas` let a rollout drop below its floor.
 *
 * Bounds, as Kubernetes keeps them: at most `replicas + maxSurge` pods across the
 * Deployment's ReplicaSets, and at least `replicas − maxUnavailable` of them Ready.
 */
import { templateHash } from "../apiserver";
import type { Deployment, ReplicaSet } from "../types";
import { isPodReady, type World } from "../world";
import { activePods } from "./replicaset";

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

/** A Deployment's rollout as its controller sees it. */
export interface Rollout {
  deployment: Deployment;
  /** The pod-template-hash of the Deployment's template now. */
  hash: string;
  /** The ReplicaSet of that template, once one exists. */
  current: ReplicaSet | undefined;
  /** Every other ReplicaSet it owns, oldest revision first. */
  old: ReplicaSet[];
  replicas: number;
  maxSurge: number;
  maxUnavailable: number;
  /** `replicas − maxUnavailable`: the fewest Ready pods a step may leave. */
  minAvailable: number;
  /** `replicas + maxSurge`: the most pods a step may make. */
  maxTotal: number;
}

/** Reads a Deployment's rollout from the world. */
export function rolloutOf(world: World, d: Deployment): Rollout {
  const hash = templateHash(d.spec.template);
  const all = ownedReplicaSets(world, d);
  const current = all.find((rs) => rs.metadata.labels["pod-template-hash"] === hash);
  const old = all
    .filter((rs) => rs !== current)
    .sort((a, b) => revisionOf(a) - revisionOf(b) || (a.metadata.name < b.metadata.name ? -1 : 1));
  const { maxSurge, maxUnavailable } = rolloutLimits(d);
  const replicas = d.spec.replicas;
  return {
    deployment: d,
    hash,
    current,
    old,
    replicas,
    maxSurge,
    maxUnavailable,
    minAvailable: Math.max(0, replicas - maxUnavailable),
    maxTotal: replicas + maxSurge,
  };
}

/** Every ReplicaSet of a rollout, the current one last. */
export function setsOf(r: Rollout): ReplicaSet[] {
  return r.current ? [...r.old, r.current] : [...r.old];
}

/** Ready pods of a ReplicaSet that are not finished or being deleted. */
export function readyPodsOf(world: World, rs: ReplicaSet): number {
  return activePods(world, rs).filter(isPodReady).length;
}

/** Ready pods a ReplicaSet keeps: it removes not-Ready pods first, so at most `spec.replicas` of its Ready ones. */
export function availableOf(world: World, rs: ReplicaSet): number {
  return Math.min(readyPodsOf(world, rs), rs.spec.replicas);
}

/** Pods a ReplicaSet has or is about to have: the larger of its desired and its live pods. */
export function podCountOf(world: World, rs: ReplicaSet): number {
  return Math.max(rs.spec.replicas, activePods(world, rs).length);
}

/** Sums a count over ReplicaSets. */
function sum(sets: readonly ReplicaSet[], f: (rs: ReplicaSet) => number): number {
  return sets.reduce((n, rs) => n + f(rs), 0);
}

/**
 * Why setting `rs` to `replicas` breaks the rollout's rules, or undefined when the step
 * is allowed. Only the current template's ReplicaSet grows, never past `replicas`; a step
 * may not take the pods above `replicas + maxSurge` nor the Ready pods (of every
 * ReplicaSet of the Deployment) below `replicas − maxUnavailable`. A step that costs no
 * Ready pod (dropping pods that are not Ready) is allowed even below the floor.
 */
export function checkRolloutScale(
  world: World,
  r: Rollout,
  rs: ReplicaSet,
  replicas: number,
): string | undefined {
  const name = r.deployment.metadata.name;
  const sets = setsOf(r);
  if (replicas > rs.spec.replicas) {
    if (rs !== r.current)
      return `only the ReplicaSet of deployment ${name}'s current template${r.current ? ` (${r.current.metadata.name})` : ""} scales up; ${rs.metadata.name} is an old revision`;
    if (replicas > r.replicas)
      return `${rs.metadata.name} would have ${replicas} replicas, more than deployment ${name}'s replicas (${r.replicas})`;
    const before = sum(sets, (x) => podCountOf(world, x));
    const after = before - podCountOf(world, rs) + Math.max(replicas, activePods(world, rs).length);
    if (after > r.maxTotal && after > before)
      return `maxSurge: deployment ${name} would have ${after} pods, more than replicas ${r.replicas} + maxSurge ${r.maxSurge} = ${r.maxTotal}; scale an old ReplicaSet down first`;
  } else if (replicas < rs.spec.replicas) {
    const before = sum(sets, (x) => readyPodsOf(world, x));
    const own = readyPodsOf(world, rs);
    const after = before - own + Math.min(own, replicas);
    if (after < r.minAvailable && after < before)
      return `maxUnavailable: deployment ${name} would have ${after} Ready pods, fewer than replicas ${r.replicas} − maxUnavailable ${r.maxUnavailable} = ${r.minAvailable}; wait until a new pod is Ready`;
  }
  return undefined;
}

/** One move of the deployment controller: create the current template's ReplicaSet, or set one's replicas. */
export type RolloutStep =
  { kind: "create"; replicas: number } | { kind: "scale"; rs: ReplicaSet; replicas: number };

/**
 * The deployment controller's next move for a rollout, as Kubernetes' rolling update
 * makes it (one move per sync): create the new ReplicaSet with as many replicas as the
 * surge allows; else scale it up within `replicas + maxSurge`; else scale old ReplicaSets
 * down — first their pods that are not Ready, then Ready ones while at least
 * `replicas − maxUnavailable` stay Ready; in the steady state follow `spec.replicas`.
 * Undefined when there is nothing to do (done, or waiting for pods to become Ready).
 */
export function nextRolloutStep(world: World, r: Rollout): RolloutStep | undefined {
  const { current, old, replicas, maxTotal, minAvailable } = r;
  if (!current) {
    const oldTotal = sum(old, (rs) => rs.spec.replicas);
    return {
      kind: "create",
      replicas: oldTotal === 0 ? replicas : Math.max(0, Math.min(replicas, maxTotal - oldTotal)),
    };
  }
  const oldActive = old.filter((rs) => rs.spec.replicas > 0);
  if (oldActive.length === 0)
    return current.spec.replicas !== replicas ? { kind: "scale", rs: current, replicas } : undefined;

  const all = setsOf(r);
  const total = sum(all, (rs) => rs.spec.replicas);
  const up = Math.min(replicas - current.spec.replicas, maxTotal - total);
  if (up > 0) return { kind: "scale", rs: current, replicas: current.spec.replicas + up };

  const newUnavailable = Math.max(0, current.spec.replicas - availableOf(world, current));
  const maxScaledDown = total - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return undefined;
  // Old pods that are not Ready cost no availability: they go first (cleanupUnhealthyReplicas).
  for (const rs of oldActive) {
    const unhealthy = rs.spec.replicas - availableOf(world, rs);
    if (unhealthy > 0)
      return { kind: "scale", rs, replicas: rs.spec.replicas - Math.min(unhealthy, maxScaledDown) };
  }
  const budget = sum(all, (rs) => availableOf(world, rs)) - minAvailable;
  if (budget <= 0) return undefined;
  const rs = oldActive[0]!;
  return { kind: "scale", rs, replicas: rs.spec.replicas - Math.min(rs.spec.replicas, budget) };
}

/** The revision the current template's ReplicaSet must carry: newer than every old one. */
export function nextRevision(r: Rollout): number {
  return Math.max(0, ...r.old.map(revisionOf)) + 1;
}
