/** Score: availability, SLO error budget, incidents with MTTR, player points, timeline. */
import { describe, expect, it } from "vitest";
import {
  compareScores,
  createWorld,
  injectChaos,
  scoreOf,
  step,
  type QueuedIntent,
  type World,
} from "../../shared/sim";

function run(w: World, seconds: number, at: Record<number, QueuedIntent[]> = {}) {
  const start = w.tick;
  for (let i = 0; i < Math.round(seconds * 10); i++) step(w, at[w.tick - start] ?? []);
}

describe("score", () => {
  it("a healthy run meets the SLO with its whole error budget left and no incidents", () => {
    const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
    run(w, 30);
    const s = scoreOf(w);
    expect(s.availability.overall).toBe(1);
    expect(s.slo).toMatchObject({ target: 0.99, met: true });
    expect(s.slo.errorBudget.remaining).toBe(1);
    expect(s.incidents).toEqual([]);
    expect(s.timeline.seconds).toHaveLength(30);
  });

  it("a chaos event opens an incident that closes when the chain is healthy again (MTTR)", () => {
    const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
    run(w, 5);
    injectChaos(w, { type: "volume-detach" });
    run(w, 20);
    const s = scoreOf(w);
    expect(s.incidents).toHaveLength(1);
    const i = s.incidents[0]!;
    expect(i.cause).toBe("volume-detach");
    expect(i.start).toBe(5);
    expect(i.end).not.toBeNull();
    expect(i.mttr).toBeGreaterThanOrEqual(5);
    expect(s.mttrSeconds).toBe(i.mttr);
    expect(s.slo.errorBudget.usedFailures).toBeGreaterThan(0);
    expect(s.timeline.marks).toContainEqual(
      expect.objectContaining({ kind: "chaos", label: "volume-detach" }),
    );
  });

  it("a machine coming back or a node joining is no incident; the crash before it is one", () => {
    const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
    run(w, 5);
    injectChaos(w, { type: "node-crash", target: "node-2" });
    run(w, 10);
    injectChaos(w, { type: "node-recover", target: "node-2" });
    injectChaos(w, { type: "node-join" });
    run(w, 10);
    const fired = w.chaos.fired.filter((e) => !e.skipped).map((e) => e.type);
    expect(fired).toEqual(["node-crash", "node-recover", "node-join"]);
    expect(scoreOf(w).incidents.map((i) => i.cause)).toEqual(["node-crash:node-2"]);
  });

  it("an intent that restores reachability earns points; one that breaks it costs points", () => {
    const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
    w.roles["service-controller"] = "manual";
    run(w, 4);
    injectChaos(w, { type: "service-recreate", target: "shop/tomcat" });
    run(w, 8);
    const q = (actor: string, intent: QueuedIntent["intent"], role: QueuedIntent["role"]) => [
      { actor, role, intent },
    ];
    run(w, 1, { 0: q("alice", { type: "recreateService", service: "shop/tomcat" }, "service-controller") });
    run(w, 1, { 0: q("alice", { type: "registerDns", service: "shop/tomcat" }, "service-controller") });
    run(w, 1, { 0: q("alice", { type: "updateEndpoints", service: "shop/tomcat" }, "service-controller") });
    run(w, 10);
    const bad = q(
      "bob",
      { type: "scale", workload: "Deployment/shop/tomcat", replicas: 0 },
      "workload-controller",
    );
    run(w, 10, { 0: bad });
    const s = scoreOf(w);
    const alice = s.players.find((p) => p.actor === "alice")!;
    const bob = s.players.find((p) => p.actor === "bob")!;
    expect(alice.points).toBeGreaterThan(0);
    expect(alice.restored).toBeGreaterThan(0);
    expect(bob.points).toBeLessThan(0);
    expect(bob.broke).toBe(1);
    expect(s.timeline.marks.filter((m) => m.kind === "intent").map((m) => m.actor)).toEqual([
      "alice",
      "alice",
      "alice",
      "bob",
    ]);
  });

  it("ranks availability first, then MTTR, then fewer actions", () => {
    const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
    run(w, 3);
    const base = scoreOf(w);
    const worse = { ...base, availability: { ...base.availability, overall: 0.9 } };
    const slower = { ...base, mttrSeconds: 9 };
    const busier = { ...base, actions: { ...base.actions, ok: 5 } };
    expect(compareScores(base, worse)).toBeLessThan(0);
    expect(compareScores(base, slower)).toBeLessThan(0);
    expect(compareScores(base, busier)).toBeLessThan(0);
  });
});

describe("error budget over a match window", () => {
  it("counts early failures against the whole window's allowance, not just the requests so far", () => {
    const w = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    for (let i = 0; i < 50; i++) step(w);
    // Fail a few requests early: kill every nginx pod through the store, then let traffic hit it.
    for (const p of w.store.list("Pod").filter((x) => x.metadata.labels.app === "nginx"))
      w.store.delete("Pod", `shop/${p.metadata.name}`);
    for (let i = 0; i < 3; i++) step(w);
    const failed = w.traffic.total - w.traffic.ok;
    expect(failed).toBeGreaterThan(0);
    const soFar = scoreOf(w).slo.errorBudget;
    const match = scoreOf(w, { windowSeconds: 180 }).slo.errorBudget;
    expect(soFar.allowedFailures).toBeCloseTo(w.traffic.total * 0.01, 3);
    expect(match.allowedFailures).toBeCloseTo(180 * w.trafficConfig.requestsPerSecond * 0.01, 3);
    expect(match.remaining).toBeGreaterThan(soFar.remaining);
    expect(match.remaining).toBeCloseTo(1 - failed / match.allowedFailures, 3);
  });
});
