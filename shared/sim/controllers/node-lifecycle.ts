/**
 * Node lifecycle controller (kube-controller-manager) with its taint manager: a node whose
 * machine stops posting status is marked NotReady (Ready=Unknown) after the grace period,
 * tainted `node.kubernetes.io/unreachable` NoSchedule + NoExecute, and its pods are marked
 * not Ready; after their tolerationSeconds (default 300 s, scaled by the clock) the pods are
 * evicted — marked for deletion. A dead kubelet cannot confirm the deletion, so evicted pods
 * stay Terminating until the node comes back or someone force-deletes them: a ReplicaSet
 * replaces them at once, a StatefulSet does not (fact 8). DaemonSet pods tolerate the
 * taints forever (fact 7). A machine that comes back makes its node Ready again (fact 11).
 *
 * It watches every node each monitor period (`node-monitor-period`): cheap for a thousand
 * nodes, and it never scans pods except those on a tainted node.
 */
import { del, edit, event, put, type Change, type ControlLoop } from "../loop";
import { isTerminated } from "../store";
import type { Condition, Node, Pod, Taint } from "../types";
import { isNodeReady, round3, type World } from "../world";
import { tolerates } from "./scheduler";

/** The taint a node gets when its kubelet stops reporting. */
export const UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";
/** The taint a node gets when its kubelet reports NotReady. */
export const NOT_READY_TAINT = "node.kubernetes.io/not-ready";
/** How often the controller looks at the nodes (game seconds). */
export const NODE_MONITOR_PERIOD = 0.5;
/** The loop's single key: one pass over every node. */
export const NODE_MONITOR_KEY = "*";

const LIFECYCLE_TAINTS = new Set([UNREACHABLE_TAINT, NOT_READY_TAINT]);

function readyCondition(node: Node): Condition | undefined {
  return node.status.conditions.find((c) => c.type === "Ready");
}

function setPodNotReady(pod: Pod, now: number): Pod {
  const next = edit(pod);
  next.status.conditions = [
    ...next.status.conditions.filter((c) => c.type !== "Ready"),
    { type: "Ready", status: "False", reason: "NodeNotReady", lastTransitionTime: now },
  ];
  next.status.containerStatuses = next.status.containerStatuses?.map((c) => ({ ...c, ready: false }));
  return next;
}

/**
 * When a pod on a node with these NoExecute taints must go: now (a taint it does not
 * tolerate), at `taint.timeAdded + tolerationSeconds`, or never (tolerated forever).
 * Pods without a toleration for not-ready/unreachable get the default one
 * (`tolerationSeconds: evictionToleration`), as the DefaultTolerationSeconds admission adds.
 */
export function evictionTime(pod: Pod, taints: readonly Taint[], defaultSeconds: number): number | undefined {
  let at: number | undefined;
  let forever = true;
  for (const taint of taints) {
    if (taint.effect !== "NoExecute") continue;
    const added = taint.timeAdded ?? 0;
    const matching = (pod.spec.tolerations ?? []).filter((t) => tolerates(t, taint));
    let seconds: number | undefined;
    if (matching.length > 0) {
      if (matching.some((t) => t.tolerationSeconds === undefined)) continue;
      seconds = Math.min(...matching.map((t) => Math.max(0, t.tolerationSeconds!)));
    } else if (LIFECYCLE_TAINTS.has(taint.key)) seconds = defaultSeconds;
    else seconds = 0;
    forever = false;
    at = Math.min(at ?? Infinity, added + seconds);
  }
  return forever ? undefined : at;
}

function markNotReady(world: World, node: Node, now: number): Change[] {
  const next = edit(node);
  next.status.conditions = [
    ...next.status.conditions.filter((c) => c.type !== "Ready"),
    {
      type: "Ready",
      status: "Unknown",
      reason: "NodeStatusUnknown",
      message: "Kubelet stopped posting node status.",
      lastTransitionTime: now,
    },
  ];
  const taints = (next.spec.taints ?? []).filter((t) => !LIFECYCLE_TAINTS.has(t.key));
  taints.push(
    { key: UNREACHABLE_TAINT, effect: "NoSchedule", timeAdded: now },
    { key: UNREACHABLE_TAINT, effect: "NoExecute", timeAdded: now },
  );
  next.spec.taints = taints;
  const changes: Change[] = [
    put(next),
    event(node, "NodeNotReady", `Node ${node.metadata.name} status is now: NodeNotReady`, "Warning"),
  ];
  for (const pod of world.store.podsOnNode(node.metadata.name)) {
    if (isTerminated(pod)) continue;
    if (pod.status.conditions.some((c) => c.type === "Ready" && c.status === "True"))
      changes.push(put(setPodNotReady(pod, now)));
  }
  return changes;
}

function markReady(world: World, node: Node, now: number): Change[] {
  const next = edit(node);
  next.status.conditions = [
    ...next.status.conditions.filter((c) => c.type !== "Ready"),
    { type: "Ready", status: "True", reason: "KubeletReady", lastTransitionTime: now },
  ];
  next.spec.taints = (next.spec.taints ?? []).filter((t) => !LIFECYCLE_TAINTS.has(t.key));
  const changes: Change[] = [
    put(next),
    event(node, "NodeReady", `Node ${node.metadata.name} status is now: NodeReady`),
  ];
  // The kubelet is back: it confirms the deletion of the pods evicted while it was away.
  for (const pod of world.store.podsOnNode(node.metadata.name))
    if (pod.metadata.deletionTimestamp !== undefined)
      changes.push(del(pod), event(pod, "Killing", `Stopping container of evicted pod ${pod.metadata.name}`));
  return changes;
}

function evictions(world: World, node: Node, now: number, defaultSeconds: number): Change[] {
  const taints = (node.spec.taints ?? []).filter((t) => t.effect === "NoExecute");
  if (taints.length === 0) return [];
  const changes: Change[] = [];
  for (const pod of world.store.podsOnNode(node.metadata.name)) {
    if (isTerminated(pod) || pod.metadata.deletionTimestamp !== undefined) continue;
    const at = evictionTime(pod, taints, defaultSeconds);
    if (at === undefined || now + 1e-9 < at) continue;
    const next = setPodNotReady(pod, now);
    next.metadata.deletionTimestamp = now;
    changes.push(
      put(next),
      event(
        pod,
        "TaintManagerEviction",
        `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
        "Warning",
      ),
    );
  }
  return changes;
}

/** The node lifecycle loop (system). Its one key re-queues itself every monitor period. */
export const nodeLifecycleController: ControlLoop = {
  name: "node-lifecycle",
  role: null,
  enqueue() {
    // Driven by its own timer: machines are not API objects, so there is nothing to watch.
  },
  allKeys: () => [NODE_MONITOR_KEY],
  sync(_key, world, ctx) {
    ctx.requeueAfter(NODE_MONITOR_KEY, NODE_MONITOR_PERIOD);
    const now = round3(ctx.time);
    const changes: Change[] = [];
    for (const node of world.store.list("Node")) {
      const machine = world.machines[node.metadata.name];
      const up = machine?.up ?? false;
      const ready = isNodeReady(node);
      // The last heartbeat: when the machine went down, as far as this controller can tell.
      if (machine && !up && machine.downSince === undefined)
        machine.downSince = machine.since >= now - NODE_MONITOR_PERIOD - 1e-9 ? machine.since : now;
      if (machine && up && machine.downSince !== undefined) delete machine.downSince;
      if (!up && ready && now + 1e-9 >= (machine?.downSince ?? now) + ctx.clock.nodeGracePeriod)
        changes.push(...markNotReady(world, node, now));
      else if (up && !ready && readyCondition(node)?.reason !== "KubeletNotReady")
        changes.push(...markReady(world, node, now));
      else if (!ready) changes.push(...evictions(world, node, now, ctx.clock.evictionToleration));
    }
    return changes;
  },
};
