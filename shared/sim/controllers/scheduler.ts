/**
 * kube-scheduler: for each Pending pod without a node, filter the nodes (Ready, not
 * cordoned, taints tolerated, requests fit what is left of allocatable), score the rest
 * (spread a workload's replicas, then balance load), and bind to the best (fact 12).
 * Ties go to the node whose name sorts first. A pod nothing fits stays Pending, with why.
 */
import { controllerOf, edit, event, put, type Change, type ControlLoop } from "../loop";
import { podRequests } from "../store";
import type { Node, Pod, Taint, Toleration } from "../types";
import { isNodeReady, round3, type World } from "../world";

/** Whether a toleration tolerates a taint (key/operator/value/effect matching as the API defines). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === "Exists") return t.key === undefined || t.key === taint.key;
  return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
}

/** Why a node cannot take a pod, or undefined when it can (the scheduler's filter plugins). */
export function filterNode(world: World, pod: Pod, node: Node): string | undefined {
  // Cordon (spec.unschedulable) steers kube-scheduler only: a Binding written by hand is
  // accepted by the API server (kubectl cordon / Binding API), so bindPod skips this one.
  if (node.spec.unschedulable) return "node(s) were unschedulable";
  return filterNodeButCordon(world, pod, node);
}

/** {@link filterNode} without the cordon check: what still stops a pod bound by hand. */
export function filterNodeButCordon(world: World, pod: Pod, node: Node): string | undefined {
  if (!isNodeReady(node)) return "node(s) were not ready";
  for (const taint of node.spec.taints ?? []) {
    if (taint.effect === "PreferNoSchedule") continue;
    if (!(pod.spec.tolerations ?? []).some((t) => tolerates(t, taint)))
      return "node(s) had untolerated taint";
  }
  const used = world.store.nodeUsage.get(node.metadata.name) ?? { cpu: 0, memory: 0, pods: 0 };
  const req = podRequests(pod);
  const alloc = node.status.allocatable;
  if (used.pods + 1 > alloc.pods) return "Too many pods";
  if (used.cpu + req.cpu > alloc.cpu) return "Insufficient cpu";
  if (used.memory + req.memory > alloc.memory) return "Insufficient memory";
  return undefined;
}

/** The changes that bind a pod to a node (what POST pods/binding does). */
export function bindChanges(world: World, pod: Pod, node: string, by: string): Change[] {
  const next = edit(pod);
  next.spec.nodeName = node;
  next.status.conditions = [
    ...next.status.conditions.filter((c) => c.type !== "PodScheduled"),
    { type: "PodScheduled", status: "True", lastTransitionTime: round3(world.time) },
  ];
  delete next.status.reason;
  delete next.status.message;
  return [
    put(next),
    event(
      pod,
      "Scheduled",
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node} (${by})`,
    ),
  ];
}

/** Scores feasible nodes: fewer replicas of the same owner first, then the least requested share. */
export function scoreNodes(world: World, pod: Pod, nodes: Node[]): Node[] {
  const owner = controllerOf(pod);
  const sameOwner = new Map<string, number>();
  if (owner) {
    for (const p of world.store.podsOwnedBy(owner.uid)) {
      if (p.spec.nodeName) sameOwner.set(p.spec.nodeName, (sameOwner.get(p.spec.nodeName) ?? 0) + 1);
    }
  }
  const score = (n: Node) => {
    const used = world.store.nodeUsage.get(n.metadata.name) ?? { cpu: 0, memory: 0, pods: 0 };
    const share = (used.cpu / n.status.allocatable.cpu + used.memory / n.status.allocatable.memory) / 2;
    return (sameOwner.get(n.metadata.name) ?? 0) * 10 + share;
  };
  return nodes
    .map((n) => ({ n, s: score(n) }))
    .sort((a, b) => a.s - b.s || (a.n.metadata.name < b.n.metadata.name ? -1 : 1))
    .map((x) => x.n);
}

/** Summarises filter failures the way kube-scheduler does: `0/3 nodes are available: 2 Insufficient cpu.` */
export function unschedulableMessage(reasons: string[], total: number): string {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([r, n]) => `${n} ${r}`);
  return `0/${total} nodes are available: ${parts.join(", ")}.`;
}

/** How long an unschedulable pod waits before the scheduler tries it again. */
const RETRY_SECONDS = 1;

/** The scheduler loop; keys are pod keys. */
export const scheduler: ControlLoop = {
  name: "scheduler",
  role: "scheduler",
  enqueue(ev, world, add) {
    if (
      ev.kind === "Pod" &&
      ev.obj?.kind === "Pod" &&
      !ev.obj.spec.nodeName &&
      ev.obj.status.phase === "Pending"
    )
      add(ev.key);
    // A node that changes (joins, recovers, is uncordoned) may fit pods that fitted nowhere.
    if (ev.kind === "Node") for (const k of world.store.pendingUnbound) add(k);
  },
  allKeys: (world) => [...world.store.pendingUnbound].sort(),
  sync(key, world, ctx) {
    const pod = world.store.get("Pod", key);
    if (!pod || pod.spec.nodeName || pod.status.phase !== "Pending") return [];
    const nodes = world.store.list("Node");
    const feasible: Node[] = [];
    const reasons: string[] = [];
    for (const n of nodes) {
      const why = filterNode(world, pod, n);
      if (why) reasons.push(why);
      else feasible.push(n);
    }
    if (feasible.length > 0)
      return bindChanges(world, pod, scoreNodes(world, pod, feasible)[0]!.metadata.name, "default-scheduler");
    const message = unschedulableMessage(reasons, nodes.length);
    ctx.requeueAfter(key, RETRY_SECONDS);
    if (pod.status.message === message) return [];
    const next = edit(pod);
    next.status.reason = "Unschedulable";
    next.status.message = message;
    next.status.conditions = [
      ...next.status.conditions.filter((c) => c.type !== "PodScheduled"),
      {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message,
        lastTransitionTime: round3(world.time),
      },
    ];
    return [put(next), event(pod, "FailedScheduling", message, "Warning")];
  },
};
