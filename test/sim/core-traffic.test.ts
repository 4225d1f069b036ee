/**
 * DESIGN §3: every failure reason comes out of the real request path (entry → nginx → tomcat →
 * mysql) when the world is broken the way the reason describes, and is blamed on the right tier.
 */
import { describe, expect, it } from "vitest";
import {
  availability,
  createWorld,
  step,
  type FailureReason,
  type Intent,
  type QueuedIntent,
  type RequestOutcome,
  type Role,
  type Tier,
  type World,
} from "../../shared/sim";
import { nginxDeployment } from "./scenarios/legacy-nmt";
import { applyManifest } from "../../shared/sim/scenarios/scenario";
import { keyOf } from "../../shared/sim/store";
import { update } from "./fixtures";

const q = (role: Role, intent: Intent): QueuedIntent => ({ actor: "test", role, intent });

/** Steps the world and collects every request outcome of those ticks. */
function runCollect(world: World, seconds: number, first: QueuedIntent[] = []): RequestOutcome[] {
  const out: RequestOutcome[] = [];
  for (let i = 0; i < Math.round(seconds * 10); i++) {
    step(world, i === 0 ? first : []);
    out.push(...world.traffic.recent);
  }
  return out;
}

/** Failures of a reason, and the tiers they were blamed on. */
function blamed(outcomes: RequestOutcome[], reason: FailureReason): { count: number; tiers: Tier[] } {
  const hits = outcomes.filter((o) => o.reason === reason);
  return { count: hits.length, tiers: [...new Set(hits.map((o) => o.failedTier!))].sort() };
}

const shopPods = (world: World, app: string) => world.store.podsMatching("shop", { app });

describe("healthy traffic", () => {
  it("a healthy nmt serves 100% over 60 s from time 0, every tier", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    expect(world.time).toBe(0);
    expect(availability(world)).toEqual({ overall: 1, nginx: 1, tomcat: 1, mysql: 1 }); // no traffic yet
    const outcomes = runCollect(world, 60);
    expect(world.traffic.total).toBe(20 * 60);
    expect(world.traffic.ok).toBe(world.traffic.total);
    expect(availability(world)).toEqual({ overall: 1, nginx: 1, tomcat: 1, mysql: 1 });
    expect(world.traffic.perSecond).toHaveLength(60);
    expect(world.traffic.perSecond.every(([n, ok]) => n === 20 && ok === 20)).toBe(true);
    const ok = outcomes.find((o) => !o.reason)!;
    expect(ok.hops).toHaveLength(3);
    expect(ok.hops[0]).toMatch(/^shop\/nginx-/);
    expect(ok.hops[1]).toMatch(/^shop\/tomcat-/);
    expect(ok.hops[2]).toBe("shop/mysql-0");
  });
});

describe("failure reasons through the real path", () => {
  it("NXDOMAIN: nginx configured with a name nobody registered fails at tomcat", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    applyManifest(world, nginxDeployment("tomact:8080"));
    const outcomes = runCollect(world, 20);
    expect(blamed(outcomes, "NXDOMAIN")).toEqual({ count: expect.any(Number), tiers: ["tomcat"] });
    expect(blamed(outcomes, "NXDOMAIN").count).toBeGreaterThan(0);
    expect(outcomes.slice(-20).every((o) => o.reason === "NXDOMAIN")).toBe(true);
  });

  it("DNS_UNAVAILABLE: with CoreDNS scaled to 0, new nginx pods cannot resolve tomcat", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    const intents = [
      q("workload-controller", { type: "scale", workload: "Deployment/kube-system/coredns", replicas: 0 }),
      ...shopPods(world, "nginx").map((p) => q("workload-controller", { type: "deletePod", pod: keyOf(p) })),
    ];
    const outcomes = runCollect(world, 10, intents);
    const r = blamed(outcomes, "DNS_UNAVAILABLE");
    expect(r.count).toBeGreaterThan(0);
    expect(r.tiers).toEqual(["tomcat"]);
  });

  it("NO_ENDPOINTS: tomcat scaled to 0 refuses connections at the tomcat tier", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    const scale = q("workload-controller", {
      type: "scale",
      workload: "Deployment/shop/tomcat",
      replicas: 0,
    });
    const outcomes = runCollect(world, 5, [scale]);
    const r = blamed(outcomes, "NO_ENDPOINTS");
    expect(r.count).toBeGreaterThan(0);
    expect(r.tiers).toEqual(["tomcat"]);
    expect(outcomes.slice(-20).every((o) => o.reason === "NO_ENDPOINTS" && o.hops.length === 1)).toBe(true);
  });

  it("STALE_ADDRESS: nginx wired to a tomcat pod IP breaks when that pod is replaced; by name it survives", () => {
    const trad = createWorld({ scenario: "nmt-traditional", seed: 42 });
    const upstream = trad.store.list("Deployment").find((d) => d.metadata.name === "nginx")!.spec.template
      .spec.containers[0]!.env![0]!.value;
    const target = trad.store.podWithIP(upstream.split(":")[0]!)!;
    expect(target.metadata.labels.app).toBe("tomcat");
    expect(runCollect(trad, 2).every((o) => !o.reason)).toBe(true);
    const kill = q("workload-controller", { type: "deletePod", pod: keyOf(target) });
    const outcomes = runCollect(trad, 10, [kill]);
    const r = blamed(outcomes, "STALE_ADDRESS");
    expect(r.count).toBeGreaterThan(0);
    expect(r.tiers).toEqual(["tomcat"]);
    // The replacement is up with a new IP, yet nginx still points at the old one.
    expect(shopPods(trad, "tomcat").every((p) => p.status.podIP !== target.status.podIP)).toBe(true);
    expect(outcomes.slice(-20).every((o) => o.reason === "STALE_ADDRESS")).toBe(true);

    const named = createWorld({ scenario: "nmt", seed: 42 });
    runCollect(named, 2);
    const victim = shopPods(named, "tomcat")[0]!;
    runCollect(named, 10, [q("workload-controller", { type: "deletePod", pod: keyOf(victim) })]);
    expect(availability(named).overall).toBe(1);
  });

  it("STALE_ADDRESS: Endpoints left stale (service controller on manual) point at a deleted pod", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    world.roles["service-controller"] = "manual";
    const victim = shopPods(world, "tomcat")[0]!;
    const outcomes = runCollect(world, 3, [
      q("workload-controller", { type: "deletePod", pod: keyOf(victim) }),
    ]);
    const r = blamed(outcomes, "STALE_ADDRESS");
    expect(r.count).toBeGreaterThan(0);
    expect(r.tiers).toEqual(["tomcat"]);
  });

  it("POD_NOT_READY: a terminating nginx pod still in stale Endpoints fails at nginx", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    world.roles["service-controller"] = "manual";
    const pod = shopPods(world, "nginx")[0]!;
    update(world, "Pod", keyOf(pod), (p) => {
      p.metadata.deletionTimestamp = world.time;
    });
    const r = blamed(runCollect(world, 3), "POD_NOT_READY");
    expect(r.count).toBeGreaterThan(0);
    expect(r.tiers).toEqual(["nginx"]);
  });

  it("NODE_DOWN: the machine under mysql-0 dies and mysql requests fail at the mysql tier", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    const node = world.store.get("Pod", "shop/mysql-0")!.spec.nodeName!;
    world.machines[node]!.up = false;
    const r = blamed(runCollect(world, 2), "NODE_DOWN");
    expect(r.count).toBeGreaterThan(0);
    expect(r.tiers).toEqual(["mysql"]);
  });

  it("NODE_DOWN: with every machine down the users cannot even reach a NodePort", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    for (const m of Object.values(world.machines)) m.up = false;
    const outcomes = runCollect(world, 1);
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.reason === "NODE_DOWN" && o.failedTier === "nginx")).toBe(true);
  });

  it("OVERLOADED: tomcat pods that serve 5 req/s each drop what is beyond 10 req/s", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    world.trafficConfig.podCapacity.tomcat = 5;
    const outcomes = runCollect(world, 5);
    const r = blamed(outcomes, "OVERLOADED");
    expect(r.tiers).toEqual(["tomcat"]);
    expect(r.count).toBe(5 * (20 - 10));
    expect(world.traffic.tiers.tomcat.ok).toBe(5 * 10);
  });

  it("OVERLOADED: a traffic spike beyond the nginx pods' capacity fails at nginx", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    world.faults.spike = { extraPerSecond: 100, until: 3 };
    const r = blamed(runCollect(world, 3), "OVERLOADED");
    expect(r.tiers).toContain("nginx");
    // 120 req/s against 2 × 40: 40 per second dropped at nginx.
    expect(world.traffic.tiers.nginx.total - world.traffic.tiers.nginx.ok).toBe(3 * 40);
  });

  it("VOLUME_UNAVAILABLE, not DATA_LOST: mysql with its volume detached fails at the mysql tier; attached again, it serves the same data", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    world.faults.detachedVolumes.push("shop/data-mysql-0");
    const outcomes = runCollect(world, 2);
    expect(blamed(outcomes, "VOLUME_UNAVAILABLE").tiers).toEqual(["mysql"]);
    expect(outcomes.every((o) => o.reason === "VOLUME_UNAVAILABLE" && o.hops.length === 2)).toBe(true);
    expect(world.traffic.failed.DATA_LOST).toBe(0);
    world.faults.detachedVolumes = [];
    expect(runCollect(world, 1).every((o) => !o.reason)).toBe(true);
  });

  it("DATA_LOST: only when mysql's claim itself is gone (its volume deleted with it)", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    world.store.delete("PersistentVolumeClaim", "shop/data-mysql-0");
    const outcomes = runCollect(world, 1);
    expect(blamed(outcomes, "DATA_LOST").tiers).toEqual(["mysql"]);
    expect(outcomes.every((o) => o.reason === "DATA_LOST")).toBe(true);
  });

  it("a hard-coded pod IP reaches a running container even when the pod is not Ready (readiness only steers Services)", () => {
    const trad = createWorld({ scenario: "nmt-traditional", seed: 42 });
    const upstream = trad.store.list("Deployment").find((d) => d.metadata.name === "nginx")!.spec.template
      .spec.containers[0]!.env![0]!.value;
    const target = trad.store.podWithIP(upstream.split(":")[0]!)!;
    update(trad, "Pod", keyOf(target), (p) => {
      p.status.conditions = p.status.conditions.map((c) =>
        c.type === "Ready" ? { ...c, status: "False" } : c,
      );
    });
    expect(runCollect(trad, 0.1).every((o) => !o.reason)).toBe(true);
    // A container that is not running answers nothing, whatever the address.
    update(trad, "Pod", keyOf(target), (p) => {
      p.status.containerStatuses = p.status.containerStatuses!.map((c) => ({
        ...c,
        state: { waiting: { reason: "CrashLoopBackOff" } },
      }));
    });
    const r = blamed(runCollect(trad, 0.1), "POD_NOT_READY");
    expect(r.count).toBeGreaterThan(0);
    expect(r.tiers).toEqual(["tomcat"]);
  });

  it("DNS_UNAVAILABLE on the realistic clock: with every CoreDNS pod killed, lookups fail at once (no cache in the client pods)", () => {
    const world = createWorld({ scenario: "nmt", seed: 42, clock: "realistic", chaos: false });
    runCollect(world, 2); // every CoreDNS pod has cached tomcat's answer (TTL 30 s)
    const outcomes = runCollect(world, 1, [
      ...world.store
        .podsMatching("kube-system", { "k8s-app": "kube-dns" })
        .map((p) => q("workload-controller", { type: "deletePod", pod: keyOf(p) })),
    ]);
    const r = blamed(outcomes, "DNS_UNAVAILABLE");
    expect(r.tiers).toEqual(["tomcat"]);
    expect(r.count).toBeGreaterThanOrEqual(15);
    expect(world.dns.cache).toEqual({});
  });
});

describe("availability", () => {
  it("is ok/total overall and per tier, counting only requests that got to try a tier", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    world.faults.detachedVolumes.push("shop/data-mysql-0");
    runCollect(world, 2);
    const a = availability(world);
    const t = world.traffic;
    expect(a.overall).toBe(0);
    expect(a.nginx).toBe(1);
    expect(a.tomcat).toBe(1);
    expect(a.mysql).toBe(0);
    expect(t.tiers.nginx.total).toBe(40);
    expect(t.tiers.mysql.total).toBe(40);
    expect(t.failed.VOLUME_UNAVAILABLE).toBe(40);
    world.faults.detachedVolumes = [];
    runCollect(world, 2);
    const b = availability(world);
    expect(b.overall).toBe(0.5);
    expect(b.mysql).toBe(0.5);
    expect(b.nginx).toBe(1);
  });

  it("NO_ENDPOINTS at tomcat leaves nginx at 100% and never counts mysql", () => {
    const world = createWorld({ scenario: "nmt", seed: 42 });
    step(world, [
      q("workload-controller", { type: "scale", workload: "Deployment/shop/tomcat", replicas: 0 }),
    ]);
    const mysqlBefore = world.traffic.tiers.mysql.total;
    runCollect(world, 2);
    expect(availability(world).nginx).toBe(1);
    expect(availability(world).tomcat).toBe(0);
    expect(world.traffic.tiers.mysql.total).toBe(mysqlBefore);
  });
});
