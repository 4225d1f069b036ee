/**
 * The scheduler's intents under the API's rules: a Binding to a cordoned node is accepted
 * (cordon only steers kube-scheduler), while the autopilot scheduler never picks one.
 */
import { describe, expect, it } from "vitest";
import { applyIntent, type World } from "../../shared/sim";
import { applyChanges } from "../../shared/sim/loop";
import { scheduler } from "../../shared/sim/controllers/scheduler";
import { fixtureWorld, putPod, putsOf, runSync, setNodeNotReady, update } from "./fixtures";

function bind(world: World, node: string) {
  return applyIntent(world, {
    actor: "ada",
    role: "scheduler",
    intent: { type: "bindPod", pod: "shop/web", node },
  });
}

describe("bindPod", () => {
  it("binds to a cordoned node: the API accepts a Binding whatever spec.unschedulable says", () => {
    const world = fixtureWorld();
    putPod(world, "web", "shop");
    update(world, "Node", "node-2", (n) => {
      n.spec.unschedulable = true;
    });
    const { result, changes } = bind(world, "node-2");
    expect(result).toMatchObject({ ok: true });
    applyChanges(world, changes);
    expect(world.store.get("Pod", "shop/web")!.spec.nodeName).toBe("node-2");
  });

  it("while kube-scheduler itself never picks the cordoned node", () => {
    const world = fixtureWorld({ nodes: 2 });
    putPod(world, "web", "shop");
    update(world, "Node", "node-1", (n) => {
      n.spec.unschedulable = true;
    });
    const pod = putsOf(runSync(scheduler, "shop/web", world).changes, "Pod")[0];
    expect(pod?.spec.nodeName).toBe("node-2");
  });

  it("still refuses a node that is NotReady, and changes nothing", () => {
    const world = fixtureWorld();
    putPod(world, "web", "shop");
    setNodeNotReady(world, "node-3");
    const { result, changes } = bind(world, "node-3");
    expect(result).toMatchObject({ ok: false, code: "UNSCHEDULABLE" });
    expect(changes).toEqual([]);
  });
});
