import { describe, expect, it } from "vitest";
import { scheduler, unschedulableMessage } from "../../../shared/sim/controllers/scheduler";
import type { ReplicaSet } from "../../../shared/sim/types";
import {
  apply,
  eventsOf,
  fixtureWorld,
  putPod,
  putsOf,
  replicaSet,
  runSync,
  setNodeNotReady,
  update,
} from "../fixtures";

function bound(world: ReturnType<typeof fixtureWorld>, key: string) {
  const { changes, requeues } = runSync(scheduler, key, world);
  const pod = putsOf(changes, "Pod")[0];
  return { changes, requeues, pod, node: pod?.spec.nodeName };
}

describe("scheduler", () => {
  it("binds a Pending pod to a node and marks it PodScheduled", () => {
    const world = fixtureWorld();
    putPod(world, "web", "shop");
    const { pod, node, changes } = bound(world, "shop/web");
    expect(node).toBe("node-1"); // empty nodes tie; the first name wins
    expect(pod?.status.conditions).toContainEqual(
      expect.objectContaining({ type: "PodScheduled", status: "True" }),
    );
    expect(eventsOf(changes)[0]?.message).toBe(
      "Successfully assigned shop/web to node-1 (default-scheduler)",
    );
  });

  it("filters out a cordoned node", () => {
    const world = fixtureWorld();
    update(world, "Node", "node-1", (n) => {
      n.spec.unschedulable = true;
    });
    putPod(world, "web", "shop");
    expect(bound(world, "shop/web").node).toBe("node-2");
  });

  it("filters out a NotReady node", () => {
    const world = fixtureWorld();
    setNodeNotReady(world, "node-1");
    putPod(world, "web", "shop");
    expect(bound(world, "shop/web").node).toBe("node-2");
  });

  it("filters out a node whose allocatable the pod does not fit", () => {
    const world = fixtureWorld();
    putPod(world, "big", "shop", { node: "node-1", cpu: 1950 });
    putPod(world, "web", "shop", { cpu: 100 });
    expect(bound(world, "shop/web").node).not.toBe("node-1");
  });

  it("filters out a node with an untolerated NoSchedule taint", () => {
    const world = fixtureWorld({ nodes: 1 });
    update(world, "Node", "node-1", (n) => {
      n.spec.taints = [{ key: "dedicated", value: "db", effect: "NoSchedule" }];
    });
    putPod(world, "web", "shop");
    expect(bound(world, "shop/web").node).toBeUndefined();
  });

  it("leaves the pod Pending with `0/3 nodes are available: …` when nothing fits", () => {
    const world = fixtureWorld();
    update(world, "Node", "node-1", (n) => {
      n.spec.unschedulable = true;
    });
    setNodeNotReady(world, "node-2");
    putPod(world, "big", "shop", { node: "node-3", cpu: 1950 });
    putPod(world, "web", "shop", { cpu: 100 });
    const { changes, requeues } = runSync(scheduler, "shop/web", world);
    const [pod] = putsOf(changes, "Pod");
    const message =
      "0/3 nodes are available: 1 Insufficient cpu, 1 node(s) were not ready, 1 node(s) were unschedulable.";
    expect(pod?.spec.nodeName).toBeUndefined();
    expect(pod?.status.phase).toBe("Pending");
    expect(pod?.status.message).toBe(message);
    expect(pod?.status.conditions).toContainEqual(
      expect.objectContaining({ type: "PodScheduled", status: "False", reason: "Unschedulable" }),
    );
    expect(eventsOf(changes)).toEqual([
      expect.objectContaining({ type: "FailedScheduling", severity: "Warning", message }),
    ]);
    expect(requeues).toEqual([{ key: "shop/web", seconds: expect.any(Number) }]);
  });

  it("does not repeat the FailedScheduling event when the reason is unchanged", () => {
    const world = fixtureWorld({ nodes: 1 });
    setNodeNotReady(world, "node-1");
    putPod(world, "web", "shop");
    for (const p of putsOf(runSync(scheduler, "shop/web", world).changes, "Pod")) world.store.put(p);
    expect(runSync(scheduler, "shop/web", world).changes).toEqual([]);
  });

  it("spreads a workload's replicas: the next one goes where it has none", () => {
    const world = fixtureWorld();
    const rs = apply(world, replicaSet("web-abc", "shop", { app: "web" }, 2))[0] as ReplicaSet;
    putPod(world, "web-abc-11111", "shop", { owner: rs, node: "node-1" });
    putPod(world, "other-on-2", "shop", { node: "node-2", cpu: 1000 });
    putPod(world, "other-on-3", "shop", { node: "node-3", cpu: 500 });
    putPod(world, "web-abc-22222", "shop", { owner: rs });
    // node-1 is the least loaded but already holds a replica; of the others node-3 is less busy.
    expect(bound(world, "shop/web-abc-22222").node).toBe("node-3");
  });

  it("ignores pods that are already bound or gone", () => {
    const world = fixtureWorld();
    putPod(world, "web", "shop", { node: "node-2" });
    expect(runSync(scheduler, "shop/web", world).changes).toEqual([]);
    expect(runSync(scheduler, "shop/ghost", world).changes).toEqual([]);
  });

  it("summarises reasons with counts, sorted", () => {
    expect(unschedulableMessage(["Insufficient cpu", "Insufficient cpu", "Too many pods"], 3)).toBe(
      "0/3 nodes are available: 2 Insufficient cpu, 1 Too many pods.",
    );
  });
});
