/**
 * A workload-controller bot does its loops' work through intents only, and fixes what the
 * chaos breaks: a crashing config and a missing image tag are rolled back, the unreachable
 * `k8s.gcr.io` is swapped for the mirror and rolled out step by step, CoreDNS's pods are
 * recreated, an orphan is adopted. Every intent it sends is accepted.
 */
import { describe, expect, it } from "vitest";
import {
  botIntents,
  createBot,
  createWorld,
  injectChaos,
  isPodReady,
  MIRROR_REGISTRY,
  step,
  type ChaosType,
  type IntentResult,
  type Role,
  type World,
} from "../../shared/sim";
import { CONFIG_ENV } from "../../shared/sim/controllers/kubelet";
import { activePods } from "../../shared/sim/controllers/replicaset";
import { rolloutOf, setsOf } from "../../shared/sim/controllers/rollout";
import { controllerOf } from "../../shared/sim/loop";

/** The fewest Ready pods and the most live pods each Deployment had at the end of any tick. */
const bounds: Record<string, { minReady: number; maxPods: number }> = {};

/** Steps `seconds` with bots in `roles` (the other roles on autopilot); returns every result. */
function play(w: World, roles: Role[], seconds: number): IntentResult[] {
  const bots = roles.map((r) => createBot(w, r));
  for (const r of roles) w.roles[r] = "manual";
  for (const k of Object.keys(bounds)) delete bounds[k];
  const results: IntentResult[] = [];
  for (let i = 0; i < seconds * 10; i++) {
    results.push(
      ...step(
        w,
        bots.flatMap((b) => botIntents(w, b)),
      ).results,
    );
    for (const d of w.store.list("Deployment")) {
      const pods = setsOf(rolloutOf(w, d)).flatMap((rs) => activePods(w, rs));
      const b = (bounds[d.metadata.name] ??= { minReady: Infinity, maxPods: 0 });
      b.minReady = Math.min(b.minReady, pods.filter(isPodReady).length);
      b.maxPods = Math.max(b.maxPods, pods.length);
    }
  }
  return results;
}

function shopWith(chaos: ChaosType, target?: string): World {
  const w = createWorld({ scenario: "nmt", seed: 21, chaos: false });
  expect(injectChaos(w, { type: chaos, ...(target ? { target } : {}) })).toEqual({ ok: true });
  return w;
}

/** The Deployment's pods are all Ready on one template and only its current ReplicaSet has replicas. */
function settledOn(w: World, name: string) {
  const d = w.store.get("Deployment", `shop/${name}`)!;
  const r = rolloutOf(w, d);
  const pods = w.store.podsMatching("shop", { app: name });
  return {
    image: d.spec.template.spec.containers[0]!.image,
    env: d.spec.template.spec.containers[0]!.env?.find((e) => e.name === CONFIG_ENV)?.value,
    oldReplicas: r.old.reduce((n, rs) => n + rs.spec.replicas, 0),
    podImages: [...new Set(pods.map((p) => p.spec.containers[0]!.image))],
    ready: pods.filter(isPodReady).length,
    pods: pods.length,
  };
}

const types = (results: IntentResult[]) => [...new Set(results.map((r) => r.intent.type))].sort();

describe("workload-controller bot", () => {
  it("crashloop: rolls the bad config out, sees it crash, rolls back", () => {
    const w = shopWith("crashloop", "shop/tomcat");
    const results = play(w, ["workload-controller"], 60);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(types(results)).toEqual(
      expect.arrayContaining(["createReplicaSet", "createPod", "rolloutUndo", "scale", "deletePod"]),
    );
    expect(settledOn(w, "tomcat")).toMatchObject({ env: "shop-v1", oldReplicas: 0, ready: 2, pods: 2 });
    expect(bounds.tomcat).toEqual({ minReady: 2, maxPods: 3 });
  });

  it("bad-rollout: rolls back to the last good image", () => {
    const w = shopWith("bad-rollout", "shop/nginx");
    const results = play(w, ["workload-controller"], 60);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.some((r) => r.intent.type === "rolloutUndo")).toBe(true);
    expect(settledOn(w, "nginx")).toMatchObject({
      image: "nginx:1.25",
      podImages: ["nginx:1.25"],
      oldReplicas: 0,
      ready: 2,
    });
  });

  it("image-pull-fail: sets the mirror image and rolls it out step by step", () => {
    const w = shopWith("image-pull-fail", "shop/nginx");
    const results = play(w, ["workload-controller"], 90);
    expect(results.every((r) => r.ok)).toBe(true);
    const mirror = `${MIRROR_REGISTRY}/nginx:1.25`;
    expect(results).toContainEqual(
      expect.objectContaining({
        intent: { type: "setImage", workload: "Deployment/shop/nginx", container: "nginx", image: mirror },
      }),
    );
    expect(settledOn(w, "nginx")).toMatchObject({
      image: mirror,
      podImages: [mirror],
      oldReplicas: 0,
      ready: 2,
      pods: 2,
    });
    // Its rollout by intents kept both bounds (2 replicas: maxSurge 1, maxUnavailable 0).
    expect(bounds.nginx).toEqual({ minReady: 2, maxPods: 3 });
  });

  it("dns-outage: recreates CoreDNS's pods in kube-system", () => {
    const w = shopWith("dns-outage");
    const results = play(w, ["workload-controller"], 30);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results.filter((r) => r.intent.type === "createPod")).toHaveLength(2);
    const dns = w.store.podsMatching("kube-system", { "k8s-app": "kube-dns" });
    expect(dns.filter(isPodReady)).toHaveLength(2);
  });

  it("label-drift, with the service bot fixing labels: tomcat ends with exactly its 2 pods, all owned", () => {
    const w = shopWith("label-drift", "shop/tomcat");
    const results = play(w, ["workload-controller", "service-controller"], 40);
    expect(results.every((r) => r.ok)).toBe(true);
    const tomcat = w.store.podsMatching("shop", { app: "tomcat" });
    expect(tomcat).toHaveLength(2);
    expect(tomcat.every((p) => controllerOf(p) && p.metadata.labels.tier === "backend")).toBe(true);
  });

  it("adopts an orphan whose labels were fixed while the ReplicaSet controller was on autopilot", () => {
    const w = shopWith("label-drift", "shop/tomcat");
    for (let i = 0; i < 30; i++) step(w);
    const orphan = w.store.podsMatching("shop", { app: "tomcat" }).find((p) => !controllerOf(p))!;
    // The ReplicaSet controller released it and replaced it; now a bot takes over that loop.
    w.roles["workload-controller"] = "manual";
    step(w, [
      {
        actor: "ada",
        role: "service-controller",
        intent: { type: "labelPod", pod: `shop/${orphan.metadata.name}`, labels: { tier: "backend" } },
      },
    ]);
    const results = play(w, ["workload-controller"], 20);
    expect(results.find((r) => r.intent.type === "adoptPod")).toMatchObject({ ok: true });
    expect(w.store.podsMatching("shop", { app: "tomcat" })).toHaveLength(2);
  });
});
