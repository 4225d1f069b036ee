/**
 * `kubectl rollout restart` as the `rolloutRestart` intent: it stamps the pod template's
 * `kubectl.kubernetes.io/restartedAt` with the game time (RFC 3339), bumps the generation,
 * and — because the template hash changes — the controller rolls every pod over within
 * maxSurge / maxUnavailable, as for a new image. Only Deployments and StatefulSets restart.
 */
import { describe, expect, it } from "vitest";
import { createWorld, isPodReady, step, type Intent, type IntentResult, type World } from "../../shared/sim";
import { templateHash } from "../../shared/sim/apiserver";
import { timestampOf } from "../../shared/sim/apiTime";
import { ownedReplicaSets, rolloutLimits, rolloutOf } from "../../shared/sim/controllers/rollout";
import { activePods } from "../../shared/sim/controllers/replicaset";
import { RESTARTED_AT_ANNOTATION } from "../../shared/sim/intents/workload";

const NGINX = "Deployment/shop/nginx";
const nginx = (w: World) => w.store.get("Deployment", "shop/nginx")!;

/** Sends one intent as the workload controller (one tick) and returns its result. */
function act(w: World, intent: Intent): IntentResult {
  return step(w, [{ actor: "ada", role: "workload-controller", intent }]).results[0]!;
}

/** Steps `seconds` of game time, calling `each` after every tick. */
function run(w: World, seconds: number, each: () => void = () => {}): void {
  for (let i = 0; i < seconds * 10; i++) {
    step(w);
    each();
  }
}

/** A settled nmt shop (every Deployment rolled out and Ready). */
function settledShop(): World {
  const w = createWorld({ scenario: "nmt", seed: 7, chaos: false });
  run(w, 20);
  return w;
}

describe("rolloutRestart", () => {
  it("stamps restartedAt with the game time, bumps the generation, and the autopilot rolls out a new ReplicaSet within the bounds", () => {
    const w = settledShop();
    const before = nginx(w);
    const oldHash = templateHash(before.spec.template);
    const oldSets = ownedReplicaSets(w, before).map((rs) => rs.metadata.name);
    const at = timestampOf(w.time);
    const r = act(w, { type: "rolloutRestart", workload: NGINX });
    expect(r).toMatchObject({
      ok: true,
      kubectl: "kubectl -n shop rollout restart deployment/nginx",
      message: "deployment.apps/nginx restarted",
    });
    const after = nginx(w);
    expect(after.spec.template.metadata.annotations?.[RESTARTED_AT_ANNOTATION]).toBe(at);
    expect(at).toMatch(/^2026-01-01T00:00:\d\dZ$/);
    expect(after.metadata.generation).toBe((before.metadata.generation ?? 1) + 1);
    expect(templateHash(after.spec.template)).not.toBe(oldHash);

    const { maxSurge, maxUnavailable } = rolloutLimits(after);
    const replicas = after.spec.replicas;
    let minReady = Infinity;
    let maxPods = 0;
    run(w, 30, () => {
      const pods = ownedReplicaSets(w, nginx(w)).flatMap((rs) => activePods(w, rs));
      minReady = Math.min(minReady, pods.filter(isPodReady).length);
      maxPods = Math.max(maxPods, pods.length);
    });
    const r2 = rolloutOf(w, nginx(w));
    expect(r2.current).toBeDefined();
    expect(oldSets).not.toContain(r2.current!.metadata.name);
    expect(r2.current!.metadata.labels["pod-template-hash"]).toBe(templateHash(nginx(w).spec.template));
    expect(r2.current!.spec.replicas).toBe(replicas);
    expect(r2.old.every((rs) => rs.spec.replicas === 0)).toBe(true);
    expect(activePods(w, r2.current!).filter(isPodReady)).toHaveLength(replicas);
    expect(minReady).toBeGreaterThanOrEqual(replicas - maxUnavailable);
    expect(maxPods).toBeLessThanOrEqual(replicas + maxSurge);
  });

  it("a second restart later stamps a later time and changes the hash again; twice in one second is refused as kubectl does", () => {
    const w = settledShop();
    expect(act(w, { type: "rolloutRestart", workload: NGINX }).ok).toBe(true);
    const first = nginx(w);
    const again = act(w, { type: "rolloutRestart", workload: NGINX });
    expect(again).toMatchObject({ ok: false, code: "CONFLICT", reason: { key: "restartTooSoon" } });
    expect(again.message).toContain("if restart has already been triggered within the past second");
    expect(nginx(w).metadata.generation).toBe(first.metadata.generation);
    run(w, 5);
    expect(act(w, { type: "rolloutRestart", workload: NGINX }).ok).toBe(true);
    const second = nginx(w);
    const stamp = (d: typeof first) => d.spec.template.metadata.annotations![RESTARTED_AT_ANNOTATION]!;
    expect(stamp(second) > stamp(first)).toBe(true);
    expect(templateHash(second.spec.template)).not.toBe(templateHash(first.spec.template));
    expect(second.metadata.generation).toBe(first.metadata.generation! + 1);
  });

  it("restarts a StatefulSet's template too", () => {
    const w = settledShop();
    const sts = w.store.get("StatefulSet", "shop/mysql")!;
    const at = timestampOf(w.time);
    const r = act(w, { type: "rolloutRestart", workload: "StatefulSet/shop/mysql" });
    expect(r).toMatchObject({ ok: true, kubectl: "kubectl -n shop rollout restart statefulset/mysql" });
    const after = w.store.get("StatefulSet", "shop/mysql")!;
    expect(after.spec.template.metadata.annotations?.[RESTARTED_AT_ANNOTATION]).toBe(at);
    expect(templateHash(after.spec.template)).not.toBe(templateHash(sts.spec.template));
  });

  it("by hand, names the next step as a new image does", () => {
    const w = settledShop();
    w.roles["workload-controller"] = "manual";
    expect(act(w, { type: "rolloutRestart", workload: NGINX })).toMatchObject({
      ok: true,
      note: { key: "restarted", next: { key: "next.createReplicaSet", params: { deployment: "nginx" } } },
    });
    expect(act(w, { type: "rolloutRestart", workload: "StatefulSet/shop/mysql" })).toMatchObject({
      ok: true,
      note: { key: "restartedStateful", params: { workload: "mysql" } },
    });
  });

  it("refuses a DaemonSet and an unknown workload, and changes nothing", () => {
    const w = createWorld({ scenario: "nmt-full", seed: 7, chaos: false });
    run(w, 2);
    const ds = JSON.stringify(w.store.list("DaemonSet"));
    expect(act(w, { type: "rolloutRestart", workload: "DaemonSet/kube-system/node-agent" })).toMatchObject({
      ok: false,
      code: "INVALID",
      message: expect.stringContaining("the game restarts deployments and statefulsets only") as unknown,
    });
    expect(JSON.stringify(w.store.list("DaemonSet"))).toBe(ds);
    expect(act(w, { type: "rolloutRestart", workload: "Deployment/shop/nope" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});
