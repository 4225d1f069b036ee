/**
 * DaemonSet controller: exactly one pod per eligible node — a node whose taints the pod
 * tolerates — including nodes that join later; a pod on a node that left or stopped being
 * eligible is deleted (fact 7). DaemonSet pods get exactly the tolerations the DaemonSet
 * page lists ("Taints and tolerations"): not-ready and unreachable NoExecute with no time
 * limit, disk/memory/pid-pressure and unschedulable NoSchedule — so a cordoned node gets
 * its agent and a NotReady node keeps it. Like the real controller, it does not START a
 * pod on a node with a NoSchedule taint it does not tolerate (an unreachable node's), but
 * keeps one already running there as long as every NoExecute taint is tolerated. The
 * controller places each pod on its node itself (as DaemonSets did before they went
 * through the default scheduler), so it needs no binding.
 */
import { generatePodName, podFromTemplate } from "../apiserver";
import { controllerOf, del, edit, event, put, keysOfKind, type Change, type ControlLoop } from "../loop";
import { isTerminated } from "../store";
import type { DaemonSet, Node, Pod, Taint, Toleration } from "../types";
import { isPodReady, type World } from "../world";
import { NOT_READY_TAINT, UNREACHABLE_TAINT } from "./node-lifecycle";
import { tolerates } from "./scheduler";

/** The tolerations the DaemonSet controller adds to every pod it makes (kubernetes.io, DaemonSet). */
export const DAEMON_TOLERATIONS: Toleration[] = [
  { key: NOT_READY_TAINT, operator: "Exists", effect: "NoExecute" },
  { key: UNREACHABLE_TAINT, operator: "Exists", effect: "NoExecute" },
  { key: "node.kubernetes.io/disk-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/memory-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/pid-pressure", operator: "Exists", effect: "NoSchedule" },
  { key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" },
];

/** The tolerations of a DaemonSet's pods: its template's plus the daemon defaults. */
export function daemonTolerations(ds: DaemonSet): Toleration[] {
  return [...(ds.spec.template.spec.tolerations ?? []), ...DAEMON_TOLERATIONS];
}

/** Whether the DaemonSet's pods tolerate every taint of the node with one of these effects. */
function toleratesAll(ds: DaemonSet, node: Node, effects: readonly Taint["effect"][]): boolean {
  const tols = daemonTolerations(ds);
  return (node.spec.taints ?? [])
    .filter((t) => effects.includes(t.effect))
    .every((taint) => tols.some((t) => tolerates(t, taint)));
}

/** Whether the DaemonSet should start a pod on the node (every NoSchedule/NoExecute taint tolerated). */
export function shouldRunOn(ds: DaemonSet, node: Node): boolean {
  return toleratesAll(ds, node, ["NoSchedule", "NoExecute"]);
}

/** Whether a daemon pod already on the node may stay there (every NoExecute taint tolerated). */
export function shouldContinueRunning(ds: DaemonSet, node: Node): boolean {
  return toleratesAll(ds, node, ["NoExecute"]);
}

/** A new daemon pod for `node` (shared by the loop and the createPod intent). */
export function newDaemonPod(world: World, ds: DaemonSet, node: string): Pod {
  const ns = ds.metadata.namespace!;
  const pod = podFromTemplate(world, generatePodName(world, ds.metadata.name, ns), ns, ds.spec.template, ds);
  pod.spec.nodeName = node;
  pod.spec.tolerations = daemonTolerations(ds);
  pod.status.conditions = [{ type: "PodScheduled", status: "True", lastTransitionTime: world.time }];
  return pod;
}

/** Eligible nodes of a DaemonSet that have no live pod of it yet, sorted by name. */
export function nodesMissingDaemonPod(world: World, ds: DaemonSet): string[] {
  const have = new Set(
    world.store
      .podsOwnedBy(ds.metadata.uid)
      .filter((p) => !isTerminated(p) && p.metadata.deletionTimestamp === undefined)
      .map((p) => p.spec.nodeName),
  );
  return world.store
    .list("Node")
    .filter((n) => shouldRunOn(ds, n) && !have.has(n.metadata.name))
    .map((n) => n.metadata.name);
}

/** The DaemonSet control loop. */
export const daemonSetController: ControlLoop = {
  name: "daemonset",
  role: "workload-controller",
  enqueue(ev, world, add) {
    if (ev.kind === "DaemonSet") add(ev.key);
    else if (ev.kind === "Pod") {
      for (const o of [ev.old, ev.obj]) {
        const ref = o && controllerOf(o);
        if (ref?.kind === "DaemonSet") add(`${o!.metadata.namespace}/${ref.name}`);
      }
    } else if (ev.kind === "Node") {
      // A node that joins, leaves or changes taints may change where daemons run.
      const taints = (n: typeof ev.obj) => (n?.kind === "Node" ? JSON.stringify(n.spec.taints ?? []) : "");
      if (ev.type !== "MODIFIED" || taints(ev.old) !== taints(ev.obj))
        for (const k of world.store.keys("DaemonSet")) add(k);
    }
  },
  allKeys: (world) => keysOfKind(world, "DaemonSet"),
  sync(key, world) {
    const ds = world.store.get("DaemonSet", key);
    if (!ds) return [];
    const changes: Change[] = [];
    const pods = world.store.podsOwnedBy(ds.metadata.uid);
    const byNode = new Map<string, Pod[]>();
    for (const p of pods) {
      if (p.status.phase === "Failed") {
        changes.push(del(p), event(ds, "SuccessfulDelete", `Deleted failed pod: ${p.metadata.name}`));
        continue;
      }
      if (p.metadata.deletionTimestamp !== undefined || isTerminated(p)) continue;
      const list = byNode.get(p.spec.nodeName ?? "") ?? [];
      list.push(p);
      byNode.set(p.spec.nodeName ?? "", list);
    }
    let desired = 0;
    let current = 0;
    let ready = 0;
    const nodes = world.store.list("Node");
    const nodeNames = new Set<string>();
    for (const node of nodes) {
      const name = node.metadata.name;
      nodeNames.add(name);
      const here = byNode.get(name) ?? [];
      const run = shouldRunOn(ds, node);
      // Status counts only the nodes that should run a pod, as the real controller's does.
      if (run) {
        desired++;
        if (here.length > 0) current++;
        if (here.some(isPodReady)) ready++;
      }
      if (run || shouldContinueRunning(ds, node)) {
        if (here.length === 0 && run) {
          const pod = newDaemonPod(world, ds, name);
          changes.push(
            put(pod),
            event(ds, "SuccessfulCreate", `Created pod: ${pod.metadata.name} on ${name}`),
          );
        }
        // Oldest stays; any extra goes.
        const extra = [...here]
          .sort((a, b) => a.metadata.creationTimestamp - b.metadata.creationTimestamp)
          .slice(1);
        for (const p of extra)
          changes.push(del(p), event(ds, "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`));
      } else {
        for (const p of here)
          changes.push(del(p), event(ds, "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`));
      }
    }
    for (const [nodeName, here] of byNode)
      if (!nodeNames.has(nodeName))
        for (const p of here)
          changes.push(del(p), event(ds, "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`));

    const s = ds.status;
    if (
      s.desiredNumberScheduled !== desired ||
      s.currentNumberScheduled !== current ||
      s.numberReady !== ready
    ) {
      const next = edit(ds);
      next.status = { desiredNumberScheduled: desired, currentNumberScheduled: current, numberReady: ready };
      changes.push(put(next));
    }
    return changes;
  },
};
