/** DaemonSet controller: one pod per eligible node, joins, leaves, extras, tolerations (fact 7). */
import { describe, expect, it } from "vitest";
import {
  DAEMON_TOLERATIONS,
  daemonSetController,
  shouldContinueRunning,
  shouldRunOn,
} from "../../../shared/sim/controllers/daemonset";
import { addNode } from "../../../shared/sim/nodes";
import type { DaemonSet, Node } from "../../../shared/sim";
import type { Manifest } from "../../../shared/sim/apiserver";
import {
  ALLOCATABLE,
  apply,
  deletesOf,
  fixtureWorld,
  podTemplate,
  putPod,
  putsOf,
  runSync,
  update,
} from "../fixtures";

function agent(): Manifest {
  const labels = { app: "agent" };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent", namespace: "kube-system", labels },
    spec: { selector: { matchLabels: labels }, template: podTemplate(labels) },
  };
}

describe("daemonset sync", () => {
  it("creates one pod per node, placed on that node, tolerating not-ready/unreachable forever", () => {
    const world = fixtureWorld();
    apply(world, agent());
    const pods = putsOf(runSync(daemonSetController, "kube-system/agent", world).changes, "Pod");
    expect(pods.map((p) => p.spec.nodeName)).toEqual(["node-1", "node-2", "node-3"]);
    for (const p of pods) {
      expect(p.metadata.ownerReferences?.[0]?.kind).toBe("DaemonSet");
      expect(
        p.spec.tolerations?.some(
          (t) =>
            t.key === "node.kubernetes.io/unreachable" &&
            t.effect === "NoExecute" &&
            t.tolerationSeconds === undefined,
        ),
      ).toBe(true);
    }
  });

  it("covers a node that joins later and nothing else", () => {
    const world = fixtureWorld();
    const [ds] = apply(world, agent()) as [DaemonSet];
    for (const n of ["node-1", "node-2", "node-3"])
      putPod(world, `agent-${n}`, "kube-system", { node: n, owner: ds });
    expect(putsOf(runSync(daemonSetController, "kube-system/agent", world).changes, "Pod")).toEqual([]);
    addNode(world, 3, { count: 4, allocatable: ALLOCATABLE });
    const pods = putsOf(runSync(daemonSetController, "kube-system/agent", world).changes, "Pod");
    expect(pods.map((p) => p.spec.nodeName)).toEqual(["node-4"]);
  });

  it("deletes extra pods on a node, and pods on a node that left", () => {
    const world = fixtureWorld({ nodes: 1 });
    const [ds] = apply(world, agent()) as [DaemonSet];
    putPod(world, "agent-a", "kube-system", { node: "node-1", owner: ds });
    world.time += 1;
    putPod(world, "agent-b", "kube-system", { node: "node-1", owner: ds });
    putPod(world, "agent-c", "kube-system", { node: "node-9", owner: ds });
    const { changes } = runSync(daemonSetController, "kube-system/agent", world);
    expect(deletesOf(changes).sort()).toEqual(["Pod/kube-system/agent-b", "Pod/kube-system/agent-c"]);
  });

  it("skips a node whose NoSchedule taint it does not tolerate, but keeps NotReady and cordoned nodes", () => {
    const world = fixtureWorld();
    const [ds] = apply(world, agent()) as [DaemonSet];
    const gpu = update(world, "Node", "node-1", (n) => {
      n.spec.taints = [{ key: "gpu", value: "true", effect: "NoSchedule" }];
    });
    const cordoned = update(world, "Node", "node-2", (n) => {
      n.spec.unschedulable = true;
      n.spec.taints = [{ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }];
    });
    expect(shouldRunOn(ds, gpu)).toBe(false);
    expect(shouldRunOn(ds, cordoned)).toBe(true);
  });

  it("adds exactly the tolerations the DaemonSet page lists, NoExecute ones without a time limit", () => {
    const world = fixtureWorld();
    apply(world, agent());
    const pod = putsOf(runSync(daemonSetController, "kube-system/agent", world).changes, "Pod")[0]!;
    const tols = (pod.spec.tolerations ?? []).map(
      (t) => `${t.key}:${t.effect}:${t.tolerationSeconds ?? "∞"}`,
    );
    expect(tols.sort()).toEqual([
      "node.kubernetes.io/disk-pressure:NoSchedule:∞",
      "node.kubernetes.io/memory-pressure:NoSchedule:∞",
      "node.kubernetes.io/not-ready:NoExecute:∞",
      "node.kubernetes.io/pid-pressure:NoSchedule:∞",
      "node.kubernetes.io/unreachable:NoExecute:∞",
      "node.kubernetes.io/unschedulable:NoSchedule:∞",
    ]);
    expect(
      DAEMON_TOLERATIONS.some((t) => t.key === "node.kubernetes.io/unreachable" && t.effect === "NoSchedule"),
    ).toBe(false);
  });

  it("keeps its pod on an unreachable node but starts none there (the NoSchedule taint is not tolerated)", () => {
    const world = fixtureWorld();
    const [ds] = apply(world, agent()) as [DaemonSet];
    putPod(world, "agent-1", "kube-system", { node: "node-1", owner: ds });
    const unreachable = (n: Node) => {
      n.spec.taints = [
        { key: "node.kubernetes.io/unreachable", effect: "NoSchedule" },
        { key: "node.kubernetes.io/unreachable", effect: "NoExecute" },
      ];
    };
    const n1 = update(world, "Node", "node-1", unreachable);
    const n2 = update(world, "Node", "node-2", unreachable);
    expect(shouldRunOn(ds, n2)).toBe(false);
    expect(shouldContinueRunning(ds, n1)).toBe(true);
    const { changes } = runSync(daemonSetController, "kube-system/agent", world);
    expect(deletesOf(changes)).toEqual([]);
    expect(putsOf(changes, "Pod").map((p) => p.spec.nodeName)).toEqual(["node-3"]);
    expect(putsOf(changes, "DaemonSet")[0]!.status.desiredNumberScheduled).toBe(1);
  });
});
