/**
 * Every refusal of a rollout step by hand names the step a player can actually take next,
 * as the English message and as a code with parameters the client translates: after X
 * (an old ReplicaSet scaled down) the next O is refused by maxSurge until the pod that
 * ReplicaSet no longer wants is deleted (D) — not "scale an old ReplicaSet down" again.
 * A player who only ever follows the named next step finishes the rollout within bounds.
 */
import { describe, expect, it } from "vitest";
import { createWorld, isPodReady, step, type Intent, type IntentResult, type World } from "../../shared/sim";
import { activePods, deletionOrder } from "../../shared/sim/controllers/replicaset";
import { nextManualMove, rolloutOf, type RolloutMove } from "../../shared/sim/controllers/rollout";
import { edit } from "../../shared/sim/loop";
import { keyOf } from "../../shared/sim/store";

const NGINX = "Deployment/shop/nginx";

/** The nmt shop with a person as workload controller (nginx: 2 replicas, maxSurge 1, maxUnavailable 0). */
function manualShop(): World {
  const w = createWorld({ scenario: "nmt", seed: 7, chaos: false });
  w.roles["workload-controller"] = "manual";
  return w;
}

function act(w: World, intent: Intent): IntentResult {
  return step(w, [{ actor: "ada", role: "workload-controller", intent }]).results[0]!;
}

const rollout = (w: World) => rolloutOf(w, w.store.get("Deployment", "shop/nginx")!);
const rs = (w: World, name: string) => w.store.get("ReplicaSet", `shop/${name}`)!;
const podsOf = (w: World, name: string) => activePods(w, rs(w, name));

/** Steps until every pod of the ReplicaSet is Ready. */
function settle(w: World, name: string): void {
  for (let i = 0; i < 300 && !podsOf(w, name).every(isPodReady); i++) step(w);
  expect(podsOf(w, name).every(isPodReady)).toBe(true);
}

/** setImage, the new ReplicaSet, its pod Ready, then X: old ReplicaSet 2 → 1 with its 2 pods still there. */
function afterFirstX(w: World): { newRs: string; oldRs: string } {
  expect(act(w, { type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" }).ok).toBe(
    true,
  );
  expect(act(w, { type: "createReplicaSet", workload: NGINX }).ok).toBe(true);
  const newRs = rollout(w).current!.metadata.name;
  const oldRs = rollout(w).old[0]!.metadata.name;
  expect(act(w, { type: "createPod", owner: `ReplicaSet/shop/${newRs}` }).ok).toBe(true);
  settle(w, newRs);
  expect(act(w, { type: "scale", workload: `ReplicaSet/shop/${oldRs}`, replicas: 1 }).ok).toBe(true);
  expect(podsOf(w, oldRs)).toHaveLength(2);
  return { newRs, oldRs };
}

describe("rollout refusals name the next step", () => {
  it("after X, O is refused by maxSurge with D (the pod the old ReplicaSet no longer wants) as the next step", () => {
    const w = manualShop();
    const { newRs, oldRs } = afterFirstX(w);
    const surplus = [...podsOf(w, oldRs)].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const o = act(w, { type: "scale", workload: `ReplicaSet/shop/${newRs}`, replicas: 2 });
    expect(o.ok).toBe(false);
    if (o.ok) return;
    expect(o.code).toBe("CONFLICT");
    const next = o.reason?.next;
    expect(o.reason).toMatchObject({
      key: "maxSurge",
      params: { deployment: "nginx", pods: 4, replicas: 2, maxSurge: 1, max: 3 },
      next: { key: "next.deletePod", params: { replicaSet: oldRs, wants: 1, has: 2 } },
    });
    expect(surplus.map((p) => p.metadata.name)).toContain(next?.params.pod);
    const named = w.store.get("Pod", `shop/${String(next?.params.pod)}`)!;
    expect(next?.params.node).toBe(named.spec.nodeName);
    expect(o.message).toContain(
      `; next: delete pod ${named.metadata.name} on ${named.spec.nodeName} — replicaset ${oldRs} wants 1`,
    );
    expect(o.message).not.toContain("scale an old ReplicaSet down");
    // X again is refused too (maxUnavailable), and names the same way out.
    const x = act(w, { type: "scale", workload: `ReplicaSet/shop/${oldRs}`, replicas: 0 });
    expect(x).toMatchObject({ ok: false, reason: { key: "maxUnavailable", next: next } });

    // Doing what it says makes the refused step possible.
    expect(act(w, { type: "deletePod", pod: `shop/${String(next?.params.pod)}` }).ok).toBe(true);
    expect(act(w, { type: "scale", workload: `ReplicaSet/shop/${newRs}`, replicas: 2 }).ok).toBe(true);
  });

  it("counts a Terminating pod the way the sim does: not against maxSurge, so O goes through", () => {
    const w = manualShop();
    const { newRs, oldRs } = afterFirstX(w);
    // A pod on an unreachable node is Terminating (deletionTimestamp set, still listed).
    const gone = edit(podsOf(w, oldRs)[0]!);
    gone.metadata.deletionTimestamp = w.time;
    w.store.put(gone);
    expect(w.store.get("Pod", keyOf(gone))).toBeDefined();
    expect(nextManualMove(w, rollout(w))).toMatchObject({ step: "scaleUp", replicaSet: newRs, replicas: 2 });
    expect(act(w, { type: "scale", workload: `ReplicaSet/shop/${newRs}`, replicas: 2 }).ok).toBe(true);
  });

  it("early O (no pod yet) names N; early X (new pod not Ready) names the pod to wait for", () => {
    const w = manualShop();
    act(w, { type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" });
    const created = act(w, { type: "createReplicaSet", workload: NGINX });
    expect(created.ok).toBe(true);
    const newRs = rollout(w).current!.metadata.name;
    const oldRs = rollout(w).old[0]!.metadata.name;
    expect(act(w, { type: "createReplicaSet", workload: NGINX })).toMatchObject({
      ok: false,
      reason: {
        key: "replicaSetExists",
        next: { key: "next.createPod", params: { replicaSet: newRs, has: 0, wants: 1 } },
      },
    });
    expect(act(w, { type: "scale", workload: `ReplicaSet/shop/${newRs}`, replicas: 2 })).toMatchObject({
      ok: false,
      reason: { key: "maxSurge", next: { key: "next.createPod", params: { replicaSet: newRs } } },
    });
    expect(act(w, { type: "createPod", owner: `ReplicaSet/shop/${newRs}` }).ok).toBe(true);
    const fresh = podsOf(w, newRs)[0]!.metadata.name;
    expect(act(w, { type: "scale", workload: `ReplicaSet/shop/${oldRs}`, replicas: 1 })).toMatchObject({
      ok: false,
      reason: {
        key: "maxUnavailable",
        params: { ready: 1, min: 2 },
        next: { key: "next.waitReady", params: { pod: fresh } },
      },
    });
    expect(act(w, { type: "createPod", owner: `ReplicaSet/shop/${newRs}` })).toMatchObject({
      ok: false,
      reason: { key: "replicaSetFull", next: { key: "next.waitReady", params: { pod: fresh } } },
    });
  });

  it("a player who only follows the named next step completes the rollout, never past either bound", () => {
    const w = manualShop();
    act(w, { type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" });
    let minReady = Infinity;
    let maxPods = 0;
    const moves: RolloutMove["step"][] = [];
    for (let i = 0; i < 2000; i++) {
      const r = rollout(w);
      const pods = [...(r.current ? [r.current] : []), ...r.old].flatMap((x) => activePods(w, x));
      minReady = Math.min(minReady, pods.filter(isPodReady).length);
      maxPods = Math.max(maxPods, pods.length);
      const m = nextManualMove(w, r);
      if (m.step === "done") break;
      if (moves.at(-1) !== m.step) moves.push(m.step);
      const intent: Intent | undefined =
        m.step === "createReplicaSet"
          ? { type: "createReplicaSet", workload: NGINX }
          : m.step === "deletePod"
            ? { type: "deletePod", pod: `shop/${m.pod}` }
            : m.step === "createPod"
              ? { type: "createPod", owner: `ReplicaSet/shop/${m.replicaSet}` }
              : m.step === "scaleUp" || m.step === "scaleDown"
                ? { type: "scale", workload: `ReplicaSet/shop/${m.replicaSet}`, replicas: m.replicas }
                : undefined;
      if (intent) expect(act(w, intent).ok).toBe(true);
      else step(w);
    }
    expect(nextManualMove(w, rollout(w)).step).toBe("done");
    const pods = w.store.podsMatching("shop", { app: "nginx" });
    expect(pods.map((p) => p.spec.containers[0]!.image)).toEqual(["nginx:1.26", "nginx:1.26"]);
    expect(minReady).toBe(2);
    expect(maxPods).toBe(3);
    expect(moves).toEqual([
      "createReplicaSet",
      "createPod",
      "waitReady",
      "scaleDown",
      "deletePod",
      "scaleUp",
      "createPod",
      "waitReady",
      "scaleDown",
      "deletePod",
    ]);
  });

  it("each applied step of a rollout by hand says the next one: O after I, N after O, D after X, N after O", () => {
    const w = manualShop();
    expect(
      act(w, { type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" }),
    ).toMatchObject({
      ok: true,
      note: { key: "imageSet", next: { key: "next.createReplicaSet", params: { deployment: "nginx" } } },
    });
    const created = act(w, { type: "createReplicaSet", workload: NGINX });
    const newRs = rollout(w).current!.metadata.name;
    const oldRs = rollout(w).old[0]!.metadata.name;
    expect(created).toMatchObject({
      ok: true,
      note: {
        key: "replicaSetCreated",
        params: { replicaSet: newRs, replicas: 1, revision: 2 },
        next: { key: "next.createPod", params: { replicaSet: newRs, has: 0, wants: 1 } },
      },
    });
    act(w, { type: "createPod", owner: `ReplicaSet/shop/${newRs}` });
    settle(w, newRs);
    const first = [...podsOf(w, oldRs)].sort(deletionOrder)[0]!;
    const x = act(w, { type: "scale", workload: `ReplicaSet/shop/${oldRs}`, replicas: 1 });
    expect(x).toMatchObject({
      ok: true,
      note: {
        key: "scaled",
        params: { replicaSet: oldRs, replicas: 1 },
        next: {
          key: "next.deletePod",
          params: { pod: first.metadata.name, node: first.spec.nodeName, wants: 1, has: 2 },
        },
      },
    });
    expect(x.message).toContain(`; next: delete pod ${first.metadata.name} on ${first.spec.nodeName}`);
    act(w, { type: "deletePod", pod: keyOf(first) });
    expect(act(w, { type: "scale", workload: `ReplicaSet/shop/${newRs}`, replicas: 2 })).toMatchObject({
      ok: true,
      note: {
        key: "scaled",
        next: { key: "next.createPod", params: { replicaSet: newRs, has: 1, wants: 2 } },
      },
    });
    // On autopilot nobody needs telling: no note.
    const auto = createWorld({ scenario: "nmt", seed: 7, chaos: false });
    const r = step(auto, [
      {
        actor: "ada",
        role: "workload-controller",
        intent: { type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" },
      },
    ]).results[0]!;
    expect(r.ok && r.note).toBeFalsy();
  });

  it("D and N say the next step too, read after the change: D → O, and the last D → the rollout is complete", () => {
    const w = manualShop();
    const { newRs, oldRs } = afterFirstX(w);
    const first = [...podsOf(w, oldRs)].sort(deletionOrder)[0]!;
    expect(act(w, { type: "deletePod", pod: keyOf(first) })).toMatchObject({
      ok: true,
      note: {
        key: "podDeleted",
        params: { pod: first.metadata.name },
        next: { key: "next.scaleUp", params: { replicaSet: newRs, replicas: 2 } },
      },
    });
    act(w, { type: "scale", workload: `ReplicaSet/shop/${newRs}`, replicas: 2 });
    const created = act(w, { type: "createPod", owner: `ReplicaSet/shop/${newRs}` });
    const fresh = podsOf(w, newRs).find((p) => !isPodReady(p))!;
    expect(created).toMatchObject({
      ok: true,
      note: { key: "podCreated", next: { key: "next.waitReady", params: { pod: fresh.metadata.name } } },
    });
    settle(w, newRs);
    act(w, { type: "scale", workload: `ReplicaSet/shop/${oldRs}`, replicas: 0 });
    const last = podsOf(w, oldRs)[0]!;
    expect(act(w, { type: "deletePod", pod: keyOf(last) })).toMatchObject({
      ok: true,
      note: { key: "podDeleted", next: { key: "next.done", params: { deployment: "nginx" } } },
    });
  });

  it("undo with no history and a StatefulSet update with nothing to update carry their codes", () => {
    const w = manualShop();
    expect(act(w, { type: "rolloutUndo", workload: NGINX })).toMatchObject({
      ok: false,
      reason: { key: "noHistory", params: { deployment: "nginx" } },
    });
    expect(act(w, { type: "updateStatefulPod", pod: "shop/mysql-0" })).toMatchObject({
      ok: false,
      reason: { key: "statefulCurrent", params: { statefulSet: "mysql" } },
    });
  });

  it("setImage refusals carry their codes (the client's image field uses the same validator)", () => {
    const w = manualShop();
    expect(
      act(w, { type: "setImage", workload: NGINX, container: "nginx", image: "Nginx 1.26" }),
    ).toMatchObject({
      ok: false,
      code: "INVALID",
      reason: { key: "badImage", params: { image: "Nginx 1.26" } },
    });
    expect(
      act(w, { type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.25" }),
    ).toMatchObject({
      ok: false,
      code: "CONFLICT",
      reason: { key: "sameImage", params: { container: "nginx", image: "nginx:1.25" } },
    });
  });
});
