/**
 * The workload controller's new actions in the client, on views of the real projection: a
 * rollout step by step (O grows the new ReplicaSet — creating it first — X shrinks the old
 * one), adopting an orphan (A), a StatefulSet's next pod to update (O), and CoreDNS's pods
 * recreated from its row in the Workloads panel. The client only builds the intents; the
 * server judges them (the sim tests cover the rules).
 */
import { describe, expect, it } from "vitest";
import { createWorld, injectChaos, step, type Intent, type QueuedIntent, type World } from "../../shared/sim";
import { Projector } from "../../server/rooms/project";
import { MatchState } from "../../server/rooms/schema/MatchState";
import { actionForKey, actionsFor, commandsForKey } from "../../client/src/input";
import { toMatchView, type MatchView } from "../../client/src/net/view";
import { selectionOrder } from "../../client/src/selection";

const ROLE = "workload-controller";

function run(world: World, seconds: number, intents: Intent[] = []): void {
  const queued = intents.map((intent): QueuedIntent => ({ actor: "ada", role: ROLE, intent }));
  for (let i = 0; i < Math.round(seconds * 10); i++) step(world, i === 0 ? queued : []);
}

function viewOf(world: World): MatchView {
  const state = new MatchState();
  new Projector().project(state, world, { hash: false });
  state.phase = "running";
  return toMatchView(state);
}

function manualShop(): World {
  const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
  run(w, 1);
  w.roles[ROLE] = "manual";
  return w;
}

const row = (key: string) => ({ kind: "workload" as const, key });
const NGINX = "Deployment/shop/nginx";
const setNginx: Intent = { type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" };

describe("input: rollout steps by hand", () => {
  it("no rollout under way: no rollout step is offered", () => {
    const v = viewOf(manualShop());
    const keys = actionsFor(ROLE, row(NGINX), v).map((a) => a.key);
    expect(keys).toEqual(["+", "-", "n", "i", "z"]);
  });

  it("a changed template without its ReplicaSet: O creates it", () => {
    const w = manualShop();
    run(w, 0.1, [setNginx]);
    const v = viewOf(w);
    expect(actionForKey("o", actionsFor(ROLE, row(NGINX), v))?.intent).toEqual({
      type: "createReplicaSet",
      workload: NGINX,
    });
    // The ReplicaSet of the old template may shrink first (maxSurge 0 rolls out that way);
    // with maxUnavailable 0, as here, the server refuses it and says why.
    const old = v.workloads.find((x) => x.owner === NGINX)!;
    expect(actionForKey("x", actionsFor(ROLE, row(NGINX), v))?.intent).toEqual({
      type: "scale",
      workload: old.key,
      replicas: 1,
    });
  });

  it("mid-rollout: O grows the new ReplicaSet by one, X shrinks the old one, N creates the new one's pod", () => {
    const w = manualShop();
    run(w, 0.1, [setNginx]);
    run(w, 0.1, [{ type: "createReplicaSet", workload: NGINX }]);
    const v = viewOf(w);
    const d = v.workloads.find((x) => x.key === NGINX)!;
    const sets = v.workloads.filter((x) => x.owner === NGINX);
    const old = sets.find((x) => x.key !== d.currentReplicaSet)!;
    const current = sets.find((x) => x.key === d.currentReplicaSet)!;
    expect(current.desired).toBe(1);
    const actions = actionsFor(ROLE, row(NGINX), v);
    // The new ReplicaSet has its 1 of 2: O asks for 2 (the server refuses it while maxSurge is used up).
    expect(actionForKey("o", actions)?.intent).toEqual({ type: "scale", workload: current.key, replicas: 2 });
    expect(actionForKey("x", actions)?.intent).toEqual({ type: "scale", workload: old.key, replicas: 1 });
    expect(actionForKey("n", actions)?.intent).toEqual({ type: "createPod", owner: current.key });
    // The same actions from one of the Deployment's pods, after Delete.
    const pod = v.pods.find((p) => p.workload === NGINX)!;
    const fromPod = actionsFor(ROLE, { kind: "pod", key: pod.key }, v);
    expect(fromPod.map((a) => a.key)).toEqual(["d", "+", "-", "n", "i", "z", "o", "x"]);
    expect(
      commandsForKey("x", false, {
        view: v,
        role: ROLE,
        selection: { kind: "pod", key: pod.key },
        cardOpen: false,
      }),
    ).toEqual([{ type: "send", intent: { type: "scale", workload: old.key, replicas: 1 } }]);
  });

  it("N creates a pod for whichever of the Deployment's ReplicaSets is short of its pods", () => {
    const w = manualShop();
    run(w, 0.1, [setNginx]);
    run(w, 0.1, [{ type: "createReplicaSet", workload: NGINX }]);
    const before = viewOf(w);
    const d = before.workloads.find((x) => x.key === NGINX)!;
    const old = before.workloads.find((x) => x.owner === NGINX && x.key !== d.currentReplicaSet)!;
    const current = d.currentReplicaSet;
    run(w, 0.1, [{ type: "createPod", owner: current }]);
    const oldPod = viewOf(w).pods.find((p) => p.workload === NGINX && p.name.startsWith(old.name))!;
    run(w, 0.1, [{ type: "deletePod", pod: oldPod.key }]);
    expect(actionForKey("n", actionsFor(ROLE, row(NGINX), viewOf(w)))?.intent).toEqual({
      type: "createPod",
      owner: old.key,
    });
  });
});

describe("input: orphans, StatefulSets, CoreDNS", () => {
  it("an orphan pod offers Delete and Adopt", () => {
    const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
    injectChaos(w, { type: "label-drift", target: "shop/tomcat" });
    run(w, 2);
    const v = viewOf(w);
    const orphan = v.pods.find((p) => p.tier !== "tomcat" && p.name.startsWith("tomcat-"))!;
    expect(orphan.workload).toBe("");
    expect(actionsFor(ROLE, { kind: "pod", key: orphan.key }, v).map((a) => a.intent)).toEqual([
      { type: "deletePod", pod: orphan.key },
      { type: "adoptPod", pod: orphan.key },
    ]);
  });

  it("a StatefulSet with a pod on an older image offers O: update that pod", () => {
    const w = manualShop();
    const mysql = "StatefulSet/shop/mysql";
    expect(actionForKey("o", actionsFor(ROLE, row(mysql), viewOf(w)))).toBeUndefined();
    run(w, 0.1, [{ type: "setImage", workload: mysql, container: "mysql", image: "mysql:8.4" }]);
    const o = actionForKey("o", actionsFor(ROLE, row(mysql), viewOf(w)));
    expect(o?.intent).toEqual({ type: "updateStatefulPod", pod: "shop/mysql-0" });
    expect(o?.params).toEqual({ pod: "mysql-0" });
  });

  it("CoreDNS is a row of the Workloads panel; after an outage, N recreates its pods in kube-system", () => {
    const w = manualShop();
    injectChaos(w, { type: "dns-outage" });
    run(w, 1);
    const v = viewOf(w);
    const coredns = "Deployment/kube-system/coredns";
    expect(selectionOrder(v)).toContainEqual(row(coredns));
    const d = v.workloads.find((x) => x.key === coredns)!;
    expect(d.ready).toBe(0);
    expect(d.currentReplicaSet).toMatch(/^ReplicaSet\/kube-system\/coredns-/);
    expect(actionForKey("n", actionsFor(ROLE, row(coredns), v))?.intent).toEqual({
      type: "createPod",
      owner: d.currentReplicaSet,
    });
  });
});
