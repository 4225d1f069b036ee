/** The default chaos: autopilot keeps nmt above 90 %; an unplayed scheduler visibly degrades it. */
import { describe, expect, it } from "vitest";
import { createWorld, NOT_A_FAULT, scoreOf, setRoleMode, stateHash, step, type Role } from "../../shared/sim";

function run(seed: number, manual: Role[] = []) {
  const w = createWorld({ scenario: "nmt", seed });
  for (const r of manual) setRoleMode(w, r, "manual");
  for (let i = 0; i < 3000; i++) step(w);
  return w;
}

describe("nmt over 300 s with the default chaos", () => {
  it.each([42, 1, 2, 3])("autopilot stays above 90 %% (seed %i); every fault opens an incident", (seed) => {
    const w = run(seed);
    const s = scoreOf(w);
    expect(w.chaos.fired.length).toBeGreaterThanOrEqual(14);
    expect(s.availability.overall).toBeGreaterThan(0.9);
    const faults = w.chaos.fired.filter((e) => !e.skipped && !NOT_A_FAULT.has(e.type));
    expect(faults.length).toBeGreaterThanOrEqual(12);
    expect(s.incidents.map((i) => i.start)).toEqual(faults.map((e) => e.at));
  });

  it.each([42, 1])("with --manual scheduler and nobody playing it falls below 80 %% (seed %i)", (seed) => {
    const w = run(seed, ["scheduler"]);
    expect(w.traffic.ok / w.traffic.total).toBeLessThan(0.8);
    expect(w.store.pendingUnbound.size).toBeGreaterThan(0);
    expect(scoreOf(w).openIncidents).toBeGreaterThan(0);
  });

  it("is deterministic with chaos on: same seed same hash, different seed different hash", () => {
    expect(stateHash(run(9))).toBe(stateHash(run(9)));
    expect(stateHash(run(9))).not.toBe(stateHash(run(10)));
  });
});
