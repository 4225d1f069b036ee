/**
 * The rest of the workload controller's work, by hand, under the rules its loops keep:
 * a StatefulSet updated highest ordinal first and created in order; an orphan adopted by
 * the ReplicaSet whose selector it matches (and, on autopilot, after "Fix labels" the
 * ReplicaSet adopts it and trims back to its replicas); CoreDNS's pods recreated in
 * kube-system, which ends a CoreDNS outage.
 */
import { describe, expect, it } from "vitest";
import {
  createWorld,
  injectChaos,
  isPodReady,
  step,
  workloadSummaries,
  type Intent,
  type IntentResult,
  type QueuedIntent,
  type World,
} from "../../shared/sim";
import { validateIntent } from "../../shared/protocol";
import { controllerOf } from "../../shared/sim/loop";
import { keyOf } from "../../shared/sim/store";
import { apply, fixtureWorld, putPod, replicaSet, settle, statefulSet, update } from "./fixtures";

const as = (role: QueuedIntent["role"], intent: Intent): QueuedIntent => ({ actor: "ada", role, intent });

function act(w: World, intent: Intent): IntentResult {
  return step(w, [as("workload-controller", intent)]).results[0]!;
}

function run(w: World, seconds: number): void {
  for (let i = 0; i < seconds * 10; i++) step(w);
}

function until(w: World, done: () => boolean, seconds = 30): void {
  for (let i = 0; i < seconds * 10 && !done(); i++) step(w);
  expect(done()).toBe(true);
}

describe("a StatefulSet by hand", () => {
  /** A settled StatefulSet `db` of 3, then a person takes the workload controller. */
  function db(): World {
    const w = fixtureWorld({ nodes: 3 });
    apply(w, statefulSet("db", "shop", { app: "db" }, 3));
    settle(w, 30);
    w.roles["workload-controller"] = "manual";
    return w;
  }
  const ready = (w: World, name: string) => {
    const p = w.store.get("Pod", `shop/${name}`);
    return !!p && isPodReady(p);
  };
  const imageOf = (w: World, name: string) => w.store.get("Pod", `shop/${name}`)?.spec.containers[0]!.image;

  it("updateStatefulPod: highest ordinal first, one at a time, each recreated from the new template", () => {
    const w = db();
    expect(act(w, { type: "updateStatefulPod", pod: "shop/db-2" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: expect.stringContaining("already runs its current template"),
    });
    expect(
      act(w, { type: "setImage", workload: "StatefulSet/shop/db", container: "db", image: "mysql:8.4" })
        .message,
    ).toContain("highest ordinal first (the StatefulSet controller's work)");
    expect(act(w, { type: "updateStatefulPod", pod: "shop/db-0" })).toMatchObject({
      ok: false,
      message: "the StatefulSet controller updates the highest ordinal first: db-2 before db-0",
    });
    const uid = w.store.get("Pod", "shop/db-2")!.metadata.uid;
    const r = act(w, { type: "updateStatefulPod", pod: "shop/db-2" });
    expect(r).toMatchObject({
      ok: true,
      kubectl: "",
      controller: "statefulset-controller",
      inspect: "kubectl -n shop describe statefulset db",
    });
    expect(r.message).toContain("in a real cluster the StatefulSet controller does this");
    expect(w.store.get("Pod", "shop/db-2")!.metadata.uid).not.toBe(uid);
    expect(imageOf(w, "db-2")).toBe("mysql:8.4");
    expect(act(w, { type: "updateStatefulPod", pod: "shop/db-1" })).toMatchObject({
      ok: false,
      message: "the StatefulSet controller updates one pod at a time: db-2 is not Running and Ready yet",
    });
    until(w, () => ready(w, "db-2"));
    expect(act(w, { type: "updateStatefulPod", pod: "shop/db-1" }).ok).toBe(true);
    until(w, () => ready(w, "db-1"));
    expect(act(w, { type: "updateStatefulPod", pod: "shop/db-0" }).ok).toBe(true);
    until(w, () => ready(w, "db-0"));
    expect(["db-0", "db-1", "db-2"].map((n) => imageOf(w, n))).toEqual([
      "mysql:8.4",
      "mysql:8.4",
      "mysql:8.4",
    ]);
  });

  it("refuses a pod that is not a StatefulSet's, and one that does not exist", () => {
    const w = createWorld({ scenario: "nmt", seed: 4, chaos: false });
    const tomcat = w.store.podsMatching("shop", { app: "tomcat" })[0]!;
    expect(act(w, { type: "updateStatefulPod", pod: keyOf(tomcat) })).toMatchObject({
      ok: false,
      code: "INVALID",
    });
    expect(act(w, { type: "updateStatefulPod", pod: "shop/nope-0" })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });

  it("createPod creates the lowest missing ordinal, and the next only once its predecessor is Running and Ready", () => {
    const w = db();
    expect(act(w, { type: "deletePod", pod: "shop/db-0" }).ok).toBe(true);
    expect(act(w, { type: "deletePod", pod: "shop/db-1" }).ok).toBe(true);
    expect(act(w, { type: "createPod", owner: "StatefulSet/shop/db" })).toMatchObject({
      ok: true,
      message: "pod/db-0 created",
    });
    expect(act(w, { type: "createPod", owner: "StatefulSet/shop/db" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "the StatefulSet controller creates db-1 only after db-0 is Running and Ready",
    });
    until(w, () => ready(w, "db-0"));
    expect(act(w, { type: "createPod", owner: "StatefulSet/shop/db" })).toMatchObject({
      ok: true,
      message: "pod/db-1 created",
    });
  });
});

describe("adopting orphans", () => {
  it("autopilot: after label drift and Fix labels, the ReplicaSet adopts its pod back and tomcat has 2 pods again", () => {
    const w = createWorld({ scenario: "nmt", seed: 9, chaos: false });
    injectChaos(w, { type: "label-drift", target: "shop/tomcat" });
    run(w, 5);
    const tomcat = () => w.store.podsMatching("shop", { app: "tomcat" });
    const orphan = tomcat().find((p) => !controllerOf(p))!;
    expect(orphan.metadata.labels.tier).toBe("debug");
    expect(tomcat()).toHaveLength(3);
    const { results } = step(w, [
      as("service-controller", { type: "labelPod", pod: keyOf(orphan), labels: { tier: "backend" } }),
    ]);
    expect(results[0]!.ok).toBe(true);
    run(w, 3);
    expect(tomcat()).toHaveLength(2);
    const rs = w.store.list("ReplicaSet").find((x) => x.metadata.name.startsWith("tomcat-"))!;
    for (const p of tomcat()) expect(controllerOf(p)?.uid).toBe(rs.metadata.uid);
    // The older pod (the one adopted) stays; the newer replacement is the one removed.
    expect(tomcat().map(keyOf)).toContain(keyOf(orphan));
  });

  it("adoptPod: an orphan whose labels match a ReplicaSet's selector becomes that ReplicaSet's", () => {
    const w = fixtureWorld();
    const rs = apply(w, replicaSet("web", "shop", { app: "web" }, 1))[0]!;
    settle(w, 10);
    w.roles["workload-controller"] = "manual";
    const bare = putPod(w, "stray", "shop", { labels: { app: "web" }, node: "node-1", ip: "10.244.1.99" });
    const r = act(w, { type: "adoptPod", pod: keyOf(bare) });
    expect(r).toMatchObject({
      ok: true,
      kubectl: "",
      controller: "replicaset-controller",
      inspect: "kubectl -n shop describe pod stray",
      message: "pod/stray adopted by replicaset web (in a real cluster the ReplicaSet controller does this)",
    });
    expect(controllerOf(w.store.get("Pod", "shop/stray")!)).toMatchObject({
      kind: "ReplicaSet",
      name: "web",
      uid: rs.metadata.uid,
    });
    expect(act(w, { type: "adoptPod", pod: "shop/stray" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "pod shop/stray already belongs to ReplicaSet web",
    });
    putPod(w, "loner", "shop", { labels: { app: "other" }, node: "node-1" });
    expect(act(w, { type: "adoptPod", pod: "shop/loner" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      message: "no ReplicaSet's selector matches the labels of pod shop/loner: fix its labels first",
    });
    expect(act(w, { type: "adoptPod", pod: "shop/ghost" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("autopilot: a ReplicaSet adopts a matching bare pod and trims back to its replicas", () => {
    const w = fixtureWorld();
    apply(w, replicaSet("web", "shop", { app: "web" }, 1));
    settle(w, 10);
    putPod(w, "stray", "shop", { labels: { app: "web" }, node: "node-1", ip: "10.244.1.99" });
    update(w, "Pod", "shop/stray", (p) => {
      p.metadata.creationTimestamp = -100;
    });
    run(w, 1);
    const web = w.store.podsMatching("shop", { app: "web" });
    expect(web.map((p) => p.metadata.name)).toEqual(["stray"]);
    expect(controllerOf(web[0]!)?.name).toBe("web");
  });
});

describe("CoreDNS by hand", () => {
  it("a person ends a CoreDNS outage by creating its pods from the Workloads panel's ReplicaSet", () => {
    const w = createWorld({ scenario: "nmt", seed: 42, chaos: false });
    w.roles["workload-controller"] = "manual";
    injectChaos(w, { type: "dns-outage" });
    run(w, 2);
    const dns = () => w.store.podsMatching("kube-system", { "k8s-app": "kube-dns" });
    expect(dns()).toHaveLength(0);
    const failed = w.traffic.failed.DNS_UNAVAILABLE;
    run(w, 5);
    // Nobody plays the ReplicaSet controller: the outage goes on.
    expect(w.traffic.failed.DNS_UNAVAILABLE).toBeGreaterThan(failed);
    // What the client offers on the row Deployment/kube-system/coredns: createPod for its current ReplicaSet.
    const row = workloadSummaries(w).find((s) => s.key === "Deployment/kube-system/coredns")!;
    expect(row.currentReplicaSet).toMatch(/^ReplicaSet\/kube-system\/coredns-/);
    // The wire takes it as it is (kube-system included), and the sim applies it.
    const create: Intent = { type: "createPod", owner: row.currentReplicaSet };
    expect(validateIntent(create)).toEqual({ ok: true, value: create });
    for (let i = 0; i < 2; i++) expect(act(w, create)).toMatchObject({ ok: true });
    expect(act(w, { type: "createPod", owner: row.currentReplicaSet })).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
    until(w, () => dns().length === 2 && dns().every(isPodReady));
    run(w, 2);
    const before = { total: w.traffic.total, ok: w.traffic.ok };
    run(w, 3);
    expect(w.traffic.total - before.total).toBeGreaterThan(0);
    expect(w.traffic.ok - before.ok).toBe(w.traffic.total - before.total);
  });
});
