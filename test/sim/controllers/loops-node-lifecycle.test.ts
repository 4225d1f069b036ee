/** Node lifecycle controller: NotReady after the grace period, NoExecute taint, pods not Ready, eviction (fact 11). */
import { describe, expect, it } from "vitest";
import {
  evictionTime,
  nodeLifecycleController,
  UNREACHABLE_TAINT,
} from "../../../shared/sim/controllers/node-lifecycle";
import { CLOCKS } from "../../../shared/sim/clock";
import { deletesOf, eventsOf, fixtureWorld, putPod, putsOf, runSync, update } from "../fixtures";

const clock = CLOCKS.arcade;

function downWorld() {
  const world = fixtureWorld();
  const pod = putPod(world, "web-1", "shop", { node: "node-2", ip: "10.244.2.5", labels: { app: "web" } });
  world.machines["node-2"] = { up: false, since: world.time };
  // The monitor notices the missing heartbeat on its next pass.
  runSync(nodeLifecycleController, "*", world);
  return { world, pod };
}

describe("node-lifecycle sync", () => {
  it("leaves a Ready node alone while its machine posts status", () => {
    const world = fixtureWorld();
    const { changes, requeues } = runSync(nodeLifecycleController, "*", world);
    expect(changes).toEqual([]);
    expect(requeues).toEqual([{ key: "*", seconds: 0.5 }]);
  });

  it("does not mark a dead machine's node NotReady before the grace period", () => {
    const { world } = downWorld();
    world.time += clock.nodeGracePeriod - 1;
    expect(runSync(nodeLifecycleController, "*", world).changes).toEqual([]);
  });

  it("marks the node NotReady (Unknown), taints it unreachable NoSchedule+NoExecute and its pods not Ready", () => {
    const { world } = downWorld();
    world.time += clock.nodeGracePeriod;
    const { changes } = runSync(nodeLifecycleController, "*", world);
    const node = putsOf(changes, "Node")[0]!;
    expect(node.status.conditions.find((c) => c.type === "Ready")?.status).toBe("Unknown");
    expect(node.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      `${UNREACHABLE_TAINT}:NoSchedule`,
      `${UNREACHABLE_TAINT}:NoExecute`,
    ]);
    const pod = putsOf(changes, "Pod")[0]!;
    expect(pod.status.conditions.find((c) => c.type === "Ready")?.status).toBe("False");
    expect(eventsOf(changes).map((e) => e.type)).toContain("NodeNotReady");
  });

  it("evicts (marks for deletion) pods after tolerationSeconds, not before", () => {
    const { world } = downWorld();
    world.time += clock.nodeGracePeriod;
    const first = runSync(nodeLifecycleController, "*", world).changes;
    for (const c of first) if (c.op === "put") world.store.put(c.obj);
    world.time += clock.evictionToleration - 1;
    expect(putsOf(runSync(nodeLifecycleController, "*", world).changes, "Pod")).toEqual([]);
    world.time += 1;
    const { changes } = runSync(nodeLifecycleController, "*", world);
    const evicted = putsOf(changes, "Pod")[0]!;
    expect(evicted.metadata.deletionTimestamp).toBe(world.time);
    expect(eventsOf(changes).map((e) => e.type)).toContain("TaintManagerEviction");
  });

  it("never evicts a pod that tolerates the taint without a time limit (DaemonSet pods)", () => {
    const taints = [{ key: UNREACHABLE_TAINT, effect: "NoExecute" as const, timeAdded: 0 }];
    const pod = putPod(fixtureWorld(), "agent", "kube-system", { node: "node-1" });
    expect(evictionTime(pod, taints, 15)).toBe(15);
    pod.spec.tolerations = [{ key: UNREACHABLE_TAINT, operator: "Exists", effect: "NoExecute" }];
    expect(evictionTime(pod, taints, 15)).toBeUndefined();
    pod.spec.tolerations = [
      { key: UNREACHABLE_TAINT, operator: "Exists", effect: "NoExecute", tolerationSeconds: 3 },
    ];
    expect(evictionTime(pod, taints, 15)).toBe(3);
  });

  it("makes the node Ready again when its machine is back, drops the taints and deletes evicted pods", () => {
    const { world, pod } = downWorld();
    update(world, "Node", "node-2", (n) => {
      n.status.conditions = [{ type: "Ready", status: "Unknown", reason: "NodeStatusUnknown" }];
      n.spec.taints = [{ key: UNREACHABLE_TAINT, effect: "NoExecute", timeAdded: 0 }];
    });
    update(world, "Pod", "shop/web-1", (p) => {
      p.metadata.deletionTimestamp = 0;
    });
    world.machines["node-2"] = { up: true, since: world.time };
    const { changes } = runSync(nodeLifecycleController, "*", world);
    const node = putsOf(changes, "Node")[0]!;
    expect(node.status.conditions.find((c) => c.type === "Ready")?.status).toBe("True");
    expect(node.spec.taints).toEqual([]);
    expect(deletesOf(changes)).toEqual([`Pod/shop/${pod.metadata.name}`]);
  });
});
