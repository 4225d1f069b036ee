/**
 * A rollout by hand: a person holding the workload controller does the deployment
 * controller's work through intents — creates the new ReplicaSet from the changed template,
 * then moves replicas between old and new with `scale` — and the game refuses any step
 * that would break maxSurge or maxUnavailable, saying which bound and the numbers.
 * `rollout undo` works by hand and renumbers the revision rolled back to.
 */
import { describe, expect, it } from "vitest";
import {
  createWorld,
  isPodReady,
  step,
  type Intent,
  type IntentResult,
  type ReplicaSet,
  type World,
} from "../../shared/sim";
import { REVISION_ANNOTATION } from "../../shared/sim/controllers/deployment";
import { ownedReplicaSets, revisionOf, rolloutOf } from "../../shared/sim/controllers/rollout";
import { activePods } from "../../shared/sim/controllers/replicaset";
import { keyOf } from "../../shared/sim/store";

/** The nmt shop with a person as workload controller (the scheduler and service controller on autopilot). */
function manualShop(): World {
  const w = createWorld({ scenario: "nmt", seed: 7, chaos: false });
  w.roles["workload-controller"] = "manual";
  return w;
}

/** Bounds seen over every tick since the last reset: the Deployment's live pods and Ready pods. */
const seen = { minReady: Infinity, maxPods: 0 };

function observe(w: World): void {
  const d = w.store.get("Deployment", "shop/nginx")!;
  const pods = ownedReplicaSets(w, d).flatMap((rs) => activePods(w, rs));
  seen.minReady = Math.min(seen.minReady, pods.filter(isPodReady).length);
  seen.maxPods = Math.max(seen.maxPods, pods.length);
}

/** Sends one intent as the workload controller (one tick) and returns its result. */
function act(w: World, intent: Intent): IntentResult {
  const { results } = step(w, [{ actor: "ada", role: "workload-controller", intent }]);
  observe(w);
  return results[0]!;
}

/** Steps until `done` holds (at most `seconds`), watching the bounds. */
function until(w: World, done: () => boolean, seconds = 30): void {
  for (let i = 0; i < seconds * 10 && !done(); i++) {
    step(w);
    observe(w);
  }
  expect(done()).toBe(true);
}

const sets = (w: World) => rolloutOf(w, w.store.get("Deployment", "shop/nginx")!);
const ref = (rs: ReplicaSet) => `ReplicaSet/${keyOf(rs)}`;
const allReady = (w: World, rs: ReplicaSet) => {
  const pods = activePods(w, w.store.get("ReplicaSet", keyOf(rs))!);
  return pods.length > 0 && pods.every(isPodReady);
};
const image = (w: World) => w.store.get("Deployment", "shop/nginx")!.spec.template.spec.containers[0]!.image;

describe("a rollout by hand (2 replicas: maxSurge 1, maxUnavailable 0)", () => {
  it("creates the new ReplicaSet, moves replicas one step at a time, refuses steps past either bound", () => {
    const w = manualShop();
    seen.minReady = Infinity;
    seen.maxPods = 0;
    expect(
      act(w, { type: "setImage", workload: "Deployment/shop/nginx", container: "nginx", image: "nginx:1.26" })
        .ok,
    ).toBe(true);
    // By hand, nothing else happens: the new ReplicaSet is the deployment controller's work.
    expect(sets(w).current).toBeUndefined();

    const created = act(w, { type: "createReplicaSet", workload: "Deployment/shop/nginx" });
    expect(created).toMatchObject({ ok: true, kubectl: "", controller: "deployment-controller" });
    expect(created.message).toContain("in a real cluster the deployment controller does this");
    const { current, old } = sets(w);
    const hash = current!.metadata.labels["pod-template-hash"]!;
    expect(current!.metadata.name).toBe(`nginx-${hash}`);
    expect(current!.spec.selector.matchLabels["pod-template-hash"]).toBe(hash);
    expect(current!.spec.template.spec.containers[0]!.image).toBe("nginx:1.26");
    expect(current!.metadata.annotations?.[REVISION_ANNOTATION]).toBe("2");
    expect(current!.metadata.ownerReferences?.[0]).toMatchObject({ kind: "Deployment", name: "nginx" });
    // As the controller does: as many replicas as the surge allows (2 + 1 − 2 = 1).
    expect(current!.spec.replicas).toBe(1);
    const oldRs = old[0]!;

    expect(act(w, { type: "createReplicaSet", workload: "Deployment/shop/nginx" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    const surge = act(w, { type: "scale", workload: ref(current!), replicas: 2 });
    expect(surge).toMatchObject({ ok: false, code: "CONFLICT" });
    // The new ReplicaSet has no pod yet and the old one may not shrink (maxUnavailable 0): its pod comes first.
    expect(surge.message).toBe(
      `maxSurge: deployment nginx would have 4 pods, more than replicas 2 + maxSurge 1 = 3; next: create a pod for replicaset ${current!.metadata.name} (it has 0 of 1)`,
    );
    expect(act(w, { type: "createPod", owner: ref(current!) }).ok).toBe(true);
    const early = act(w, { type: "scale", workload: ref(oldRs), replicas: 1 });
    expect(early).toMatchObject({ ok: false, code: "CONFLICT" });
    const fresh = activePods(w, w.store.get("ReplicaSet", keyOf(current!))!)[0]!;
    expect(early.message).toBe(
      `maxUnavailable: deployment nginx would have 1 Ready pods, fewer than replicas 2 − maxUnavailable 0 = 2; next: wait until pod ${fresh.metadata.name} is Ready (if it never gets Ready, roll back)`,
    );
    // Refused steps change nothing.
    expect(w.store.get("ReplicaSet", keyOf(oldRs))!.spec.replicas).toBe(2);
    expect(w.store.get("ReplicaSet", keyOf(current!))!.spec.replicas).toBe(1);

    until(w, () => allReady(w, current!));
    const moved = act(w, { type: "scale", workload: ref(oldRs), replicas: 1 });
    expect(moved).toMatchObject({
      ok: true,
      kubectl: `kubectl -n shop scale replicaset ${oldRs.metadata.name} --replicas=1`,
    });
    expect(moved.message).toContain("deployment controller");
    // The ReplicaSet controller's part: remove the pod the old ReplicaSet no longer wants.
    const surplus = activePods(w, w.store.get("ReplicaSet", keyOf(oldRs))!)[0]!;
    expect(act(w, { type: "deletePod", pod: keyOf(surplus) }).ok).toBe(true);
    expect(act(w, { type: "scale", workload: ref(current!), replicas: 2 }).ok).toBe(true);
    expect(act(w, { type: "createPod", owner: ref(current!) }).ok).toBe(true);
    until(
      w,
      () => activePods(w, w.store.get("ReplicaSet", keyOf(current!))!).filter(isPodReady).length === 2,
    );
    expect(act(w, { type: "scale", workload: ref(oldRs), replicas: 0 }).ok).toBe(true);
    const last = activePods(w, w.store.get("ReplicaSet", keyOf(oldRs))!)[0]!;
    expect(act(w, { type: "deletePod", pod: keyOf(last) }).ok).toBe(true);

    const pods = w.store.podsMatching("shop", { app: "nginx" });
    expect(pods.map((p) => p.spec.containers[0]!.image)).toEqual(["nginx:1.26", "nginx:1.26"]);
    expect(pods.every(isPodReady)).toBe(true);
    // Never below replicas − maxUnavailable Ready, never above replicas + maxSurge pods.
    expect(seen.minReady).toBe(2);
    expect(seen.maxPods).toBe(3);
  });

  it("only the current template's ReplicaSet grows, and never past the Deployment's replicas", () => {
    const w = manualShop();
    const rs = sets(w).current!;
    const r = act(w, { type: "scale", workload: ref(rs), replicas: 3 });
    expect(r).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(r.message).toContain("more than deployment nginx's replicas (2)");
    act(w, { type: "setImage", workload: "Deployment/shop/nginx", container: "nginx", image: "nginx:1.26" });
    act(w, { type: "createReplicaSet", workload: "Deployment/shop/nginx" });
    act(w, { type: "scale", workload: ref(sets(w).current!), replicas: 0 });
    const up = act(w, { type: "scale", workload: ref(rs), replicas: 3 });
    expect(up.message).toContain(`${rs.metadata.name} is an old revision`);
  });
});

describe("rollout undo by hand", () => {
  /** A broken template rolled out by hand as far as its first pod. */
  function breakNginx(w: World, tag: string): ReplicaSet {
    act(w, {
      type: "setImage",
      workload: "Deployment/shop/nginx",
      container: "nginx",
      image: `nginx:${tag}`,
    });
    expect(act(w, { type: "createReplicaSet", workload: "Deployment/shop/nginx" }).ok).toBe(true);
    const bad = sets(w).current!;
    expect(act(w, { type: "createPod", owner: ref(bad) }).ok).toBe(true);
    until(w, () =>
      activePods(w, w.store.get("ReplicaSet", keyOf(bad))!).some(
        (p) => p.status.containerStatuses?.[0]?.state.waiting?.reason === "ImagePullBackOff",
      ),
    );
    return bad;
  }

  it("puts the template back and makes its ReplicaSet the newest revision; undo again after another bad rollout → the last good template", () => {
    const w = manualShop();
    seen.minReady = Infinity;
    const good = sets(w).current!;
    const bad = breakNginx(w, "broken");
    const undo = act(w, { type: "rolloutUndo", workload: "Deployment/shop/nginx" });
    expect(undo).toMatchObject({ ok: true, kubectl: "kubectl -n shop rollout undo deployment/nginx" });
    expect(undo.message).toContain("rolled back to revision 1");
    expect(image(w)).toBe("nginx:1.25");
    expect(sets(w).current?.metadata.name).toBe(good.metadata.name);
    expect(revisionOf(w.store.get("ReplicaSet", keyOf(good))!)).toBe(3);
    // The broken pods were never Ready: scaling them away costs no availability.
    expect(act(w, { type: "scale", workload: ref(bad), replicas: 0 }).ok).toBe(true);
    const pod = activePods(w, w.store.get("ReplicaSet", keyOf(bad))!)[0]!;
    expect(act(w, { type: "deletePod", pod: keyOf(pod) }).ok).toBe(true);

    breakNginx(w, "does-not-exist");
    expect(act(w, { type: "rolloutUndo", workload: "Deployment/shop/nginx" }).ok).toBe(true);
    expect(image(w)).toBe("nginx:1.25");
    expect(seen.minReady).toBe(2);
  });

  it("undoes a template change nobody rolled out yet back to the newest ReplicaSet, without renumbering it", () => {
    const w = manualShop();
    act(w, { type: "setImage", workload: "Deployment/shop/nginx", container: "nginx", image: "nginx:1.26" });
    const r = act(w, { type: "rolloutUndo", workload: "Deployment/shop/nginx" });
    expect(r).toMatchObject({ ok: true, message: "deployment.apps/nginx rolled back to revision 1" });
    expect(image(w)).toBe("nginx:1.25");
    expect(ownedReplicaSets(w, w.store.get("Deployment", "shop/nginx")!).map(revisionOf)).toEqual([1]);
    expect(act(w, { type: "rolloutUndo", workload: "Deployment/shop/nginx" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "no rollout history for Deployment/shop/nginx: nothing to undo",
    });
  });

  it("createReplicaSet renumbers a ReplicaSet whose template came back by hand", () => {
    const w = manualShop();
    const good = sets(w).current!;
    breakNginx(w, "broken");
    act(w, { type: "setImage", workload: "Deployment/shop/nginx", container: "nginx", image: "nginx:1.25" });
    const r = act(w, { type: "createReplicaSet", workload: "Deployment/shop/nginx" });
    expect(r.ok).toBe(true);
    expect(r.message).toContain(
      `replicaset.apps/${good.metadata.name} already has this template: it is revision 3 now`,
    );
    expect(revisionOf(w.store.get("ReplicaSet", keyOf(good))!)).toBe(3);
  });
});
