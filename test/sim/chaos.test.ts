/** Chaos: every type does its damage (and the loops heal what they can); the seeded schedule. */
import { describe, expect, it } from "vitest";
import { CHAOS_TYPES, createWorld, injectChaos, step, stateHash, type World } from "../../shared/sim";
import { keyOf } from "../../shared/sim/store";

const quiet = () => createWorld({ scenario: "nmt", seed: 42, chaos: false });
function run(w: World, seconds: number) {
  for (let i = 0; i < Math.round(seconds * 10); i++) step(w);
}
const fire = (w: World, type: (typeof CHAOS_TYPES)[number], target?: string) => {
  expect(injectChaos(w, { type, ...(target ? { target } : {}) })).toEqual({ ok: true });
  step(w);
};

describe("chaos handlers", () => {
  it("refuses unknown types and bad targets without queueing anything", () => {
    const w = quiet();
    expect(injectChaos(w, { type: "nope" as never })).toMatchObject({ ok: false });
    expect(injectChaos(w, { type: "node-crash", target: "node-9" })).toEqual({
      ok: false,
      error: "node node-9 not found",
    });
    expect(injectChaos(w, { type: "dns-outage", target: "x" })).toMatchObject({ ok: false });
    expect(w.chaos.pending).toEqual([]);
  });

  it("node-crash / node-recover stop and restart a machine", () => {
    const w = quiet();
    fire(w, "node-crash", "node-2");
    expect(w.machines["node-2"]!.up).toBe(false);
    run(w, 7);
    expect(w.store.get("Node", "node-2")!.status.conditions[0]!.status).not.toBe("True");
    fire(w, "node-recover", "node-2");
    run(w, 1);
    expect(w.machines["node-2"]!.up).toBe(true);
    expect(w.store.get("Node", "node-2")!.status.conditions.find((c) => c.type === "Ready")!.status).toBe(
      "True",
    );
  });

  it("pod-ip-change: same pod, still Running, one restart more, a new IP (a new sandbox), Ready again", () => {
    const w = quiet();
    const pod = w.store.podsMatching("shop", { app: "tomcat" })[0]!;
    const restarts = pod.status.containerStatuses![0]!.restartCount;
    fire(w, "pod-ip-change", keyOf(pod));
    const during = w.store.get("Pod", keyOf(pod))!;
    expect(during.status.phase).toBe("Running");
    expect(during.status.podIP).not.toBe(pod.status.podIP);
    expect(
      w.store.get("Endpoints", "shop/tomcat")!.subsets.flatMap((s) => s.addresses.map((a) => a.ip)),
    ).not.toContain(pod.status.podIP);
    run(w, 5);
    const after = w.store.get("Pod", keyOf(pod))!;
    expect(after.metadata.uid).toBe(pod.metadata.uid);
    expect(after.status.phase).toBe("Running");
    expect(after.status.startTime).toBe(pod.status.startTime);
    expect(after.status.containerStatuses![0]!.restartCount).toBe(restarts + 1);
    expect(after.status.podIP).toBeDefined();
    expect(after.status.podIP).not.toBe(pod.status.podIP);
    expect(after.status.conditions).toContainEqual(
      expect.objectContaining({ type: "Ready", status: "True" }),
    );
  });

  it("service-recreate: the Service comes back with a new ClusterIP and DNS follows (autopilot)", () => {
    const w = quiet();
    const ip = w.store.get("Service", "shop/tomcat")!.spec.clusterIP;
    fire(w, "service-recreate", "shop/tomcat");
    const svc = w.store.get("Service", "shop/tomcat")!;
    expect(svc.spec.clusterIP).not.toBe(ip);
    expect(w.dns.records["tomcat.shop.svc.cluster.local"]).toEqual([svc.spec.clusterIP]);
  });

  it("service-recreate in manual: gone until recreateService, DNS stale until registerDns", () => {
    const w = quiet();
    w.roles["service-controller"] = "manual";
    const ip = w.store.get("Service", "shop/tomcat")!.spec.clusterIP;
    fire(w, "service-recreate", "shop/tomcat");
    expect(w.store.get("Service", "shop/tomcat")).toBeUndefined();
    const q = (intent: never) => [{ actor: "p", role: "service-controller" as const, intent }];
    step(w, q({ type: "recreateService", service: "shop/tomcat" } as never));
    expect(w.dns.records["tomcat.shop.svc.cluster.local"]).toEqual([ip]);
    step(w, q({ type: "registerDns", service: "shop/tomcat" } as never));
    expect(w.dns.records["tomcat.shop.svc.cluster.local"]).toEqual([
      w.store.get("Service", "shop/tomcat")!.spec.clusterIP,
    ]);
  });

  it("dns-outage kills every CoreDNS pod; the ReplicaSet brings them back", () => {
    const w = quiet();
    const before = w.store.podsMatching("kube-system", { "k8s-app": "kube-dns" }).map((p) => p.metadata.name);
    fire(w, "dns-outage");
    run(w, 5);
    const after = w.store.podsMatching("kube-system", { "k8s-app": "kube-dns" });
    expect(after).toHaveLength(2);
    expect(after.some((p) => before.includes(p.metadata.name))).toBe(false);
  });

  it("dns-stale serves cached answers for a while, then ends", () => {
    const w = quiet();
    fire(w, "dns-stale");
    expect(w.faults.staleDns).toBe(true);
    run(w, 25);
    expect(w.faults.staleDns).toBe(false);
  });

  it("label-drift: the pod falls out of the selector, the ReplicaSet orphans and replaces it", () => {
    const w = quiet();
    const pod = w.store.podsMatching("shop", { app: "tomcat" })[0]!;
    fire(w, "label-drift", keyOf(pod));
    const drifted = w.store.get("Pod", keyOf(pod))!;
    expect(drifted.metadata.labels.tier).toBe("debug");
    expect(drifted.metadata.ownerReferences).toBeUndefined();
    const ep = w.store.get("Endpoints", "shop/tomcat")!;
    expect(ep.subsets.flatMap((s) => s.addresses.map((a) => a.ip))).not.toContain(pod.status.podIP);
    run(w, 5);
    expect(w.store.podsMatching("shop", { app: "tomcat", tier: "backend" }).length).toBe(2);
  });

  it("image-pull-fail: k8s.gcr.io unreachable, the rollout's pods ImagePullBackOff, old ones serve", () => {
    const w = quiet();
    fire(w, "image-pull-fail", "shop/nginx");
    run(w, 5);
    expect(w.faults.unreachableRegistries).toContain("k8s.gcr.io");
    const reasons = w.store
      .podsMatching("shop", { app: "nginx" })
      .map((p) => p.status.containerStatuses?.[0]?.state.waiting?.reason);
    expect(reasons).toContain("ImagePullBackOff");
  });

  it("bad-rollout: the new image tag does not exist; rollout undo fixes it", () => {
    const w = quiet();
    fire(w, "bad-rollout", "shop/nginx");
    run(w, 5);
    expect(w.store.get("Deployment", "shop/nginx")!.spec.template.spec.containers[0]!.image).toBe(
      "nginx:does-not-exist",
    );
    step(w, [
      {
        actor: "p",
        role: "workload-controller",
        intent: { type: "rolloutUndo", workload: "Deployment/shop/nginx" },
      },
    ]);
    run(w, 10);
    const nginx = w.store.podsMatching("shop", { app: "nginx" });
    expect(nginx.every((p) => p.spec.containers[0]!.image === "nginx:1.25")).toBe(true);
  });

  it("volume-detach: mysql's data is out of reach (not lost) until the volume is attached again", () => {
    const w = quiet();
    fire(w, "volume-detach");
    run(w, 2);
    expect(w.faults.detachedVolumes).toEqual(["shop/data-mysql-0"]);
    expect(w.traffic.failed.VOLUME_UNAVAILABLE).toBeGreaterThan(0);
    expect(w.traffic.failed.DATA_LOST).toBe(0);
    run(w, 5);
    expect(w.faults.detachedVolumes).toEqual([]);
  });

  it("traffic-spike overloads tomcat for a while", () => {
    const w = quiet();
    fire(w, "traffic-spike");
    run(w, 5);
    expect(w.traffic.failed.OVERLOADED).toBeGreaterThan(0);
  });

  it("node-join adds node-4 with the next podCIDR", () => {
    const w = quiet();
    fire(w, "node-join");
    expect(w.store.get("Node", "node-4")!.spec.podCIDR).toBe("10.244.4.0/24");
  });

  it("a fired event whose target vanished is recorded as skipped", () => {
    const w = quiet();
    w.chaos.pending.push({ at: w.time + 0.1, type: "node-recover", source: "injected" });
    step(w);
    expect(w.chaos.fired.at(-1)).toMatchObject({ type: "node-recover", skipped: true });
  });
});

describe("the seeded schedule", () => {
  it("covers every chaos type and is the same for the same seed", () => {
    const a = createWorld({ scenario: "nmt", seed: 7 });
    const b = createWorld({ scenario: "nmt", seed: 7 });
    const c = createWorld({ scenario: "nmt", seed: 8 });
    expect(a.chaos.pending).toEqual(b.chaos.pending);
    expect(a.chaos.pending).not.toEqual(c.chaos.pending);
    expect(new Set(a.chaos.pending.map((e) => e.type))).toEqual(new Set(CHAOS_TYPES));
    const times = a.chaos.pending.map((e) => e.at);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it("--no-chaos (chaos: false) leaves the rest of the world identical at time 0", () => {
    const on = createWorld({ scenario: "nmt", seed: 7 });
    const off = createWorld({ scenario: "nmt", seed: 7, chaos: false });
    expect(off.chaos.pending).toEqual([]);
    on.chaos.pending = [];
    expect(stateHash(on)).toBe(stateHash(off));
  });
});
