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
import type { IntentReason } from "../intents/types";
import { activePods, deletionOrder } from "./replicaset";

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
 * A refused rollout step: the English line (logs, bots, the CLI) and the same as a code
 * with parameters plus the next step a person can take, for the client to translate.
 */
export interface RolloutRefusal {
  message: string;
  reason: IntentReason;
}

/** Which bound a step breaks, with its numbers (before the next step is added). */
type Violation = { message: string; key: string; params: Record<string, string | number> };

/**
 * Why setting `rs` to `replicas` breaks the rollout's rules, or undefined when the step is
 * allowed. Only the current template's ReplicaSet grows, never past `replicas`; a step may
 * not take the pods above `replicas + maxSurge` nor the Ready pods (of every ReplicaSet of
 * the Deployment) below `replicas − maxUnavailable`. A step that costs no Ready pod
 * (dropping pods that are not Ready) is allowed even below the floor. Pods being deleted
 * (a `deletionTimestamp`: Terminating on an unreachable node) are not counted, as
 * {@link activePods} leaves them out — like the deployment controller, which counts the
 * ReplicaSets' replicas, not terminating pods.
 */
function violation(world: World, r: Rollout, rs: ReplicaSet, replicas: number): Violation | undefined {
  const name = r.deployment.metadata.name;
  const sets = setsOf(r);
  if (replicas > rs.spec.replicas) {
    if (rs !== r.current) {
      const current = r.current ? ` (${r.current.metadata.name})` : "";
      return {
        message: `only the ReplicaSet of deployment ${name}'s current template${current} scales up; ${rs.metadata.name} is an old revision`,
        key: "oldRevision",
        params: { deployment: name, replicaSet: rs.metadata.name },
      };
    }
    if (replicas > r.replicas)
      return {
        message: `${rs.metadata.name} would have ${replicas} replicas, more than deployment ${name}'s replicas (${r.replicas})`,
        key: "aboveReplicas",
        params: { deployment: name, replicaSet: rs.metadata.name, replicas: r.replicas, asked: replicas },
      };
    const before = sum(sets, (x) => podCountOf(world, x));
    const after = before - podCountOf(world, rs) + Math.max(replicas, activePods(world, rs).length);
    if (after > r.maxTotal && after > before)
      return {
        message: `maxSurge: deployment ${name} would have ${after} pods, more than replicas ${r.replicas} + maxSurge ${r.maxSurge} = ${r.maxTotal}`,
        key: "maxSurge",
        params: {
          deployment: name,
          pods: after,
          replicas: r.replicas,
          maxSurge: r.maxSurge,
          max: r.maxTotal,
        },
      };
  } else if (replicas < rs.spec.replicas) {
    const before = sum(sets, (x) => readyPodsOf(world, x));
    const own = readyPodsOf(world, rs);
    const after = before - own + Math.min(own, replicas);
    if (after < r.minAvailable && after < before)
      return {
        message: `maxUnavailable: deployment ${name} would have ${after} Ready pods, fewer than replicas ${r.replicas} − maxUnavailable ${r.maxUnavailable} = ${r.minAvailable}`,
        key: "maxUnavailable",
        params: {
          deployment: name,
          ready: after,
          replicas: r.replicas,
          maxUnavailable: r.maxUnavailable,
          min: r.minAvailable,
        },
      };
  }
  return undefined;
}

/**
 * Why setting `rs` to `replicas` breaks the rollout's rules (see {@link violation}), with
 * the step a person can take instead; undefined when the step is allowed.
 */
export function checkRolloutScale(
  world: World,
  r: Rollout,
  rs: ReplicaSet,
  replicas: number,
): RolloutRefusal | undefined {
  const v = violation(world, r, rs, replicas);
  if (!v) return undefined;
  const next = nextManualMove(world, r);
  return {
    message: `${v.message}; next: ${describeMove(next)}`,
    reason: { key: v.key, params: v.params, next: moveReason(next) },
  };
}

/**
 * The step a person doing the deployment and ReplicaSet controllers' work by hand can take
 * next in a rollout (the client names its key: O, N, D, X).
 */
export type RolloutMove =
  | { step: "createReplicaSet"; deployment: string }
  | { step: "deletePod"; pod: string; node: string; replicaSet: string; wants: number; has: number }
  | { step: "createPod"; replicaSet: string; wants: number; has: number }
  | { step: "scaleUp"; replicaSet: string; replicas: number }
  | { step: "scaleDown"; replicaSet: string; replicas: number }
  | { step: "waitReady"; pod: string }
  | { step: "done"; deployment: string };

/**
 * The next step of a rollout by hand, one that is allowed now, in the order the controllers
 * would take it: create the new ReplicaSet; remove a pod a ReplicaSet no longer wants (the
 * ReplicaSet controller's part after a scale-down: until it goes, it still counts against
 * maxSurge); create a missing pod of the new ReplicaSet; grow the new ReplicaSet; shrink an
 * old one; else wait for a new pod to become Ready.
 */
export function nextManualMove(world: World, r: Rollout): RolloutMove {
  const deployment = r.deployment.metadata.name;
  const current = r.current;
  if (!current) return { step: "createReplicaSet", deployment };
  for (const rs of setsOf(r)) {
    const pods = activePods(world, rs);
    if (pods.length > rs.spec.replicas) {
      const pod = [...pods].sort(deletionOrder)[0]!;
      return {
        step: "deletePod",
        pod: pod.metadata.name,
        // Where to find it on screen: its node, or the tray of pods no node runs yet.
        node: pod.spec.nodeName ?? "Unscheduled",
        replicaSet: rs.metadata.name,
        wants: rs.spec.replicas,
        has: pods.length,
      };
    }
  }
  const pods = activePods(world, current);
  if (pods.length < current.spec.replicas)
    return {
      step: "createPod",
      replicaSet: current.metadata.name,
      wants: current.spec.replicas,
      has: pods.length,
    };
  const up = current.spec.replicas + 1;
  if (current.spec.replicas < r.replicas && !violation(world, r, current, up))
    return { step: "scaleUp", replicaSet: current.metadata.name, replicas: up };
  const old = r.old.find((rs) => rs.spec.replicas > 0 && !violation(world, r, rs, rs.spec.replicas - 1));
  if (old) return { step: "scaleDown", replicaSet: old.metadata.name, replicas: old.spec.replicas - 1 };
  const waiting = setsOf(r)
    .reverse()
    .flatMap((rs) => activePods(world, rs))
    .find((p) => !isPodReady(p));
  if (waiting) return { step: "waitReady", pod: waiting.metadata.name };
  return { step: "done", deployment };
}

/**
 * The ReplicaSet controller's part once `rs` is set to `replicas`, by hand: delete the pod
 * it ranks first for removal, or create a missing one; undefined when its pods already match.
 */
export function podMoveAfterScale(world: World, rs: ReplicaSet, replicas: number): RolloutMove | undefined {
  const pods = activePods(world, rs);
  const replicaSet = rs.metadata.name;
  if (pods.length < replicas) return { step: "createPod", replicaSet, wants: replicas, has: pods.length };
  if (pods.length === replicas) return undefined;
  const pod = [...pods].sort(deletionOrder)[0]!;
  const node = pod.spec.nodeName ?? "Unscheduled";
  return { step: "deletePod", pod: pod.metadata.name, node, replicaSet, wants: replicas, has: pods.length };
}

/** A rollout move in English. */
export function describeMove(m: RolloutMove): string {
  switch (m.step) {
    case "createReplicaSet":
      return `create deployment ${m.deployment}'s new ReplicaSet`;
    case "deletePod":
      return `delete pod ${m.pod} on ${m.node} — replicaset ${m.replicaSet} wants ${m.wants} pod(s) and still has ${m.has}`;
    case "createPod":
      return `create a pod for replicaset ${m.replicaSet} (it has ${m.has} of ${m.wants})`;
    case "scaleUp":
      return `scale the new replicaset ${m.replicaSet} up to ${m.replicas}`;
    case "scaleDown":
      return `scale the old replicaset ${m.replicaSet} down to ${m.replicas}`;
    case "waitReady":
      return `wait until pod ${m.pod} is Ready (if it never gets Ready, roll back)`;
    case "done":
      return `nothing: deployment ${m.deployment}'s rollout is complete`;
  }
}

/** A rollout move as a translatable reason: `next.<step>` with the move's fields. */
export function moveReason(m: RolloutMove): IntentReason {
  const { step, ...params } = m;
  return { key: `next.${step}`, params };
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
