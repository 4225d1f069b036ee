/** Property tests of the control loops under chaos (fast-check). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHAOS_TYPES, createWorld, injectChaos, isPodReady, step, type World } from "../../shared/sim";
import { ordinalOf } from "../../shared/sim/controllers/statefulset";

const TARGETS: Partial<Record<(typeof CHAOS_TYPES)[number], string[]>> = {
  "pod-kill": ["shop/tomcat", "shop/nginx", "shop/mysql"],
  "pod-ip-change": ["shop/tomcat", "shop/mysql"],
  "label-drift": ["shop/tomcat", "shop/nginx"],
  "service-recreate": ["shop/tomcat", "shop/nginx", "shop/mysql"],
  "node-crash": ["node-1", "node-2", "node-3"],
};
/** Chaos that autopilot alone cannot undo (a person must roll back or delete) is excluded. */
const HEALABLE = CHAOS_TYPES.filter(
  (t) => !["crashloop", "image-pull-fail", "bad-rollout", "node-crash"].includes(t),
);

function readyOf(w: World, kind: "Deployment" | "StatefulSet", key: string): number {
  const obj = w.store.get(kind, key)!;
  const owners =
    kind === "Deployment"
      ? w.store.ownedObjects(obj.metadata.uid, "ReplicaSet").map((r) => r.metadata.uid)
      : [obj.metadata.uid];
  return owners.flatMap((u) => w.store.podsOwnedBy(u)).filter(isPodReady).length;
}

describe("loop properties", () => {
  it("replicas converge after any single (autopilot-healable) chaos event", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom(...HEALABLE),
        fc.nat(),
        fc.integer({ min: 1, max: 30 }),
        (seed, type, pickTarget, at) => {
          const w = createWorld({ scenario: "nmt-full", seed, chaos: false });
          for (let i = 0; i < at; i++) step(w);
          const targets = TARGETS[type];
          const target = targets ? targets[pickTarget % targets.length] : undefined;
          expect(injectChaos(w, { type, ...(target ? { target } : {}) })).toEqual({ ok: true });
          for (let i = 0; i < 400; i++) step(w);
          for (const d of w.store.list("Deployment"))
            expect(readyOf(w, "Deployment", `${d.metadata.namespace}/${d.metadata.name}`)).toBe(
              d.spec.replicas,
            );
          expect(readyOf(w, "StatefulSet", "shop/mysql")).toBe(1);
          const ds = w.store.get("DaemonSet", "kube-system/node-agent")!;
          const agents = w.store
            .podsOwnedBy(ds.metadata.uid)
            .map((p) => p.spec.nodeName)
            .sort();
          expect(agents).toEqual(w.store.list("Node").map((n) => n.metadata.name));
        },
      ),
      { numRuns: 25 },
    );
  });

  it("a node crash heals once the node recovers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom("node-1", "node-2", "node-3"),
        fc.integer({ min: 1, max: 40 }),
        (seed, node, down) => {
          const w = createWorld({ scenario: "nmt", seed, chaos: false });
          injectChaos(w, { type: "node-crash", target: node });
          for (let i = 0; i < down * 10; i++) step(w);
          injectChaos(w, { type: "node-recover", target: node });
          for (let i = 0; i < 150; i++) step(w);
          expect(readyOf(w, "Deployment", "shop/tomcat")).toBe(2);
          expect(readyOf(w, "Deployment", "shop/nginx")).toBe(2);
          expect(readyOf(w, "StatefulSet", "shop/mysql")).toBe(1);
        },
      ),
      { numRuns: 20 },
    );
  });

  it("no pod is ever bound twice, and a StatefulSet never has name-i twice, under the default chaos", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
        const w = createWorld({ scenario: "nmt-full", seed });
        const boundTo = new Map<string, string>();
        for (let i = 0; i < 3000; i++) {
          step(w);
          if (i % 5 !== 0) continue;
          for (const p of w.store.list("Pod")) {
            const k = `${p.metadata.namespace}/${p.metadata.name}/${p.metadata.uid}`;
            if (!p.spec.nodeName) continue;
            const was = boundTo.get(k);
            if (was !== undefined) expect(p.spec.nodeName).toBe(was);
            boundTo.set(k, p.spec.nodeName);
          }
          const sts = w.store.get("StatefulSet", "shop/mysql")!;
          const ordinals = w.store.podsOwnedBy(sts.metadata.uid).map((p) => ordinalOf(sts, p.metadata.name));
          expect(new Set(ordinals).size).toBe(ordinals.length);
        }
      }),
      { numRuns: 4 },
    );
  });
});
