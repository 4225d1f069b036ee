/**
 * Properties of the world under random intents and seeds: pod IPs unique and inside their node's
 * podCIDR; Endpoints equal the Ready matching pods after every tick; no two live Services share
 * a ClusterIP. Runs are kept short so the suite stays fast.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorld, step, type Intent, type QueuedIntent, type World } from "../../shared/sim";
import { cidrContains, SERVICE_CIDR } from "../../shared/sim/network";
import { keyOf } from "../../shared/sim/store";
import { isPodReady } from "../../shared/sim/world";
import { INTENT_ROLES } from "../../shared/sim/intents";

/** An abstract action; turned into a concrete intent against the world as it is when it fires. */
type Action =
  | { kind: "deletePod"; app: "nginx" | "tomcat" | "mysql"; pick: number }
  | { kind: "scale"; workload: "tomcat" | "nginx"; replicas: number }
  | { kind: "labelPod"; app: "nginx" | "tomcat"; pick: number; value: string }
  | { kind: "recreateService"; service: "tomcat" | "nginx" | "mysql" }
  | { kind: "wait" };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    kind: fc.constant("deletePod" as const),
    app: fc.constantFrom("nginx" as const, "tomcat" as const, "mysql" as const),
    pick: fc.nat(9),
  }),
  fc.record({
    kind: fc.constant("scale" as const),
    workload: fc.constantFrom("tomcat" as const, "nginx" as const),
    replicas: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({
    kind: fc.constant("labelPod" as const),
    app: fc.constantFrom("nginx" as const, "tomcat" as const),
    pick: fc.nat(9),
    value: fc.constantFrom("debug", "tomcat", "nginx"),
  }),
  fc.record({
    kind: fc.constant("recreateService" as const),
    service: fc.constantFrom("tomcat" as const, "nginx" as const, "mysql" as const),
  }),
  fc.constant({ kind: "wait" as const }),
);

/** The intents an action stands for now (a recreate first deletes the Service through the store). */
function toIntents(world: World, a: Action): Intent[] {
  const pickPod = (app: string, n: number) => {
    const pods = world.store.podsMatching("shop", { app });
    return pods.length ? keyOf(pods[n % pods.length]!) : undefined;
  };
  switch (a.kind) {
    case "deletePod": {
      const pod = pickPod(a.app, a.pick);
      return pod ? [{ type: "deletePod", pod }] : [];
    }
    case "scale":
      return [{ type: "scale", workload: `Deployment/shop/${a.workload}`, replicas: a.replicas }];
    case "labelPod": {
      const pod = pickPod(a.app, a.pick);
      return pod ? [{ type: "labelPod", pod, labels: { app: a.value } }] : [];
    }
    case "recreateService":
      world.store.delete("Service", `shop/${a.service}`);
      return [{ type: "recreateService", service: `shop/${a.service}` }];
    case "wait":
      return [];
  }
}

const queued = (intent: Intent): QueuedIntent => ({ actor: "prop", role: INTENT_ROLES[intent.type], intent });

/** Every invariant of this file, checked on one world at the end of a tick. */
function checkInvariants(world: World): void {
  // Pod IPs: unique, and inside the podCIDR of the node the pod runs on.
  const seen = new Map<string, string>();
  for (const p of world.store.list("Pod")) {
    const ip = p.status.podIP;
    if (!ip) continue;
    expect(seen.get(ip), `IP ${ip} held by ${seen.get(ip)} and ${keyOf(p)}`).toBeUndefined();
    seen.set(ip, keyOf(p));
    const node = world.store.get("Node", p.spec.nodeName!)!;
    expect(cidrContains(node.spec.podCIDR, ip), `${keyOf(p)} ${ip} outside ${node.spec.podCIDR}`).toBe(true);
  }
  // Endpoints = the IPs of the Ready pods matching the selector in the Service's namespace.
  for (const svc of world.store.list("Service")) {
    if (Object.keys(svc.spec.selector).length === 0) continue;
    const want = world.store
      .podsMatching(svc.metadata.namespace!, svc.spec.selector)
      .filter((p) => isPodReady(p) && p.status.podIP)
      .map((p) => p.status.podIP!)
      .sort();
    const ep = world.store.get("Endpoints", keyOf(svc));
    const have = (ep?.subsets ?? []).flatMap((s) => s.addresses.map((a) => a.ip)).sort();
    expect(have, `endpoints of ${keyOf(svc)}`).toEqual(want);
  }
  // ClusterIPs: in the service CIDR, never two live Services on one.
  const ips = new Map<string, string>();
  for (const svc of world.store.list("Service")) {
    const ip = svc.spec.clusterIP;
    if (ip === "None") continue;
    expect(cidrContains(SERVICE_CIDR, ip)).toBe(true);
    expect(ips.get(ip), `ClusterIP ${ip} of ${ips.get(ip)} and ${keyOf(svc)}`).toBeUndefined();
    ips.set(ip, keyOf(svc));
  }
}

describe("world invariants under random intents", () => {
  it("hold after every tick for random seeds and intent sequences", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.tuple(action, fc.integer({ min: 1, max: 15 })), { minLength: 1, maxLength: 8 }),
        (seed, plan) => {
          const world = createWorld({ scenario: "nmt", seed });
          checkInvariants(world);
          for (const [a, ticks] of plan) {
            const intents = toIntents(world, a).map(queued);
            for (let t = 0; t < ticks; t++) {
              step(world, t === 0 ? intents : []);
              checkInvariants(world);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("never hands one ClusterIP to two live Services, however often Services are recreated", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.constantFrom("tomcat", "nginx", "mysql", "kube-dns"), { minLength: 1, maxLength: 30 }),
        (seed, victims) => {
          const world = createWorld({ scenario: "nmt", seed });
          for (const v of victims) {
            const key = v === "kube-dns" ? "kube-system/kube-dns" : `shop/${v}`;
            world.store.delete("Service", key);
            step(world, [queued({ type: "recreateService", service: key })]);
            expect(world.store.get("Service", key)).toBeDefined();
            const live = world.store
              .list("Service")
              .map((s) => s.spec.clusterIP)
              .filter((ip) => ip !== "None");
            expect(new Set(live).size).toBe(live.length);
            expect(world.store.serviceByClusterIP.size).toBe(live.length);
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
