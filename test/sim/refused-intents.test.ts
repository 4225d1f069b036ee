/**
 * A refused intent changes nothing: stepping a world with it gives the same state hash as
 * stepping the same world without it (DESIGN §4: "a rejected intent says why, and nothing
 * changes"). The score used to book refusals, so a NOT_FOUND moved the hash.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createWorld,
  INTENT_ROLES,
  MAX_REPLICAS,
  ROLES,
  scoreOf,
  stateHash,
  step,
  type Intent,
  type QueuedIntent,
  type Role,
  type World,
} from "../../shared/sim";

/** A running nmt world with every role manual, `ticks` in. */
function worldAt(ticks: number): World {
  const w = createWorld({ scenario: "nmt", seed: 7 });
  for (const role of ROLES) w.roles[role] = "manual";
  for (let i = 0; i < ticks; i++) step(w);
  return w;
}

/** Steps two copies of the same world, one with `q`, one without; returns both hashes and the result. */
function withAndWithout(ticks: number, q: QueuedIntent) {
  const a = worldAt(ticks);
  const b = worldAt(ticks);
  const { results } = step(a, [q]);
  step(b, []);
  return { result: results[0]!, withIt: stateHash(a), without: stateHash(b), world: a };
}

describe("refused intents", () => {
  it("a NOT_FOUND leaves the world hash as if the intent was never sent", () => {
    const q: QueuedIntent = {
      actor: "Ada",
      role: "workload-controller",
      intent: { type: "deletePod", pod: "shop/no-such-pod" },
    };
    const r = withAndWithout(25, q);
    expect(r.result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(r.withIt).toBe(r.without);
    expect(scoreOf(r.world).players.find((p) => p.actor === "Ada")).toBeUndefined();
  });

  it("a WRONG_ROLE leaves the world hash untouched too", () => {
    const q: QueuedIntent = { actor: "Bob", role: "scheduler", intent: { type: "cordon", node: "node-9" } };
    const wrong: QueuedIntent = { ...q, role: "service-controller" };
    const r = withAndWithout(12, wrong);
    expect(r.result).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(r.withIt).toBe(r.without);
  });

  it("whatever the intent, when the sim refuses it the hash equals the world stepped without it", () => {
    const base = worldAt(15);
    const names = {
      pod: [...base.store.list("Pod").map((p) => `${p.metadata.namespace}/${p.metadata.name}`), "shop/ghost"],
      node: ["node-1", "node-2", "node-9", ""],
      workload: ["Deployment/shop/tomcat", "StatefulSet/shop/mysql", "Deployment/shop/nope", "Job/x/y"],
      service: ["shop/tomcat", "shop/mysql", "shop/nope", "kube-system/kube-dns"],
    };
    const pick = (xs: string[]) => fc.constantFrom(...xs);
    const intent: fc.Arbitrary<Intent> = fc.oneof(
      fc.record({ type: fc.constant("bindPod" as const), pod: pick(names.pod), node: pick(names.node) }),
      fc.record({ type: fc.constantFrom("cordon" as const, "uncordon" as const), node: pick(names.node) }),
      fc.record({ type: fc.constant("createPod" as const), owner: pick(names.workload) }),
      fc.record({ type: fc.constant("deletePod" as const), pod: pick(names.pod) }),
      fc.record({
        type: fc.constant("scale" as const),
        workload: pick(names.workload),
        replicas: fc.integer({ min: 0, max: MAX_REPLICAS + 2 }),
      }),
      fc.record({
        type: fc.constant("setImage" as const),
        workload: pick(names.workload),
        container: fc.constantFrom("nginx", "tomcat", "nope"),
        image: fc.constantFrom("nginx:1.27", "", "tomcat:10"),
      }),
      fc.record({ type: fc.constant("rolloutUndo" as const), workload: pick(names.workload) }),
      fc.record({
        type: fc.constant("labelPod" as const),
        pod: pick(names.pod),
        labels: fc.constantFrom({ app: "x" }, { "bad key!": "v" }, { app: null }),
      }),
      fc.record({
        type: fc.constantFrom("recreateService" as const, "updateEndpoints" as const, "registerDns" as const),
        service: pick(names.service),
      }),
    ) as fc.Arbitrary<Intent>;
    let refused = 0;
    fc.assert(
      fc.property(intent, fc.boolean(), (i, rightRole) => {
        const role: Role = rightRole ? INTENT_ROLES[i.type] : ROLES.find((r) => r !== INTENT_ROLES[i.type])!;
        const r = withAndWithout(15, { actor: "Cy", role, intent: i });
        if (r.result.ok) return;
        refused++;
        expect(r.withIt, `${r.result.code}: ${r.result.message}`).toBe(r.without);
      }),
      { numRuns: 150, seed: 10 },
    );
    // The property means something only if many of the runs were refusals.
    expect(refused).toBeGreaterThan(50);
  });
});
