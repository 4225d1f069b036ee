/** The game clock: the realistic table keeps Kubernetes' defaults; the node grace period is 50 s (v1.32+). */
import { describe, expect, it } from "vitest";
import { CLOCKS, createWorld, injectChaos, step, type World } from "../../shared/sim";

const readyStatus = (w: World, node: string) =>
  w.store.get("Node", node)!.status.conditions.find((c) => c.type === "Ready")!.status;
const run = (w: World, seconds: number) => {
  for (let i = 0; i < Math.round(seconds * 10); i++) step(w);
};

describe("clock table", () => {
  it("realistic: node-monitor-grace-period 50 s, eviction 300 s, back-off 10 s → 300 s, reset 10 min", () => {
    expect(CLOCKS.realistic).toMatchObject({
      nodeGracePeriod: 50,
      evictionToleration: 300,
      backoffBase: 10,
      backoffCap: 300,
      backoffReset: 600,
      jobBackoffCap: 360,
    });
  });

  it("arcade scales every delay down, none up", () => {
    for (const k of Object.keys(CLOCKS.realistic) as (keyof typeof CLOCKS.realistic)[])
      expect(CLOCKS.arcade[k]).toBeLessThanOrEqual(CLOCKS.realistic[k]);
  });

  it("on the realistic clock a crashed node stays Ready for 50 s, then turns NotReady", () => {
    const w = createWorld({ scenario: "nmt", seed: 7, clock: "realistic", chaos: false });
    expect(injectChaos(w, { type: "node-crash", target: "node-1" })).toEqual({ ok: true });
    run(w, 49);
    expect(readyStatus(w, "node-1")).toBe("True");
    run(w, 2);
    expect(readyStatus(w, "node-1")).toBe("Unknown");
  });
});
