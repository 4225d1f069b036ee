import { describe, expect, it } from "vitest";
import { availability, createWorld, isSteady, stateHash, step } from "../../shared/sim";

describe("nmt comes up the Kubernetes way", () => {
  it("is steady and fully reachable from time 0", () => {
    const world = createWorld({ scenario: "nmt", seed: 7 });
    expect(world.time).toBe(0);
    expect(isSteady(world)).toBe(true);
    for (let i = 0; i < 100; i++) step(world);
    expect(world.traffic.total).toBeGreaterThan(0);
    expect(availability(world).overall).toBe(1);
  });

  it("gives the same hash for the same seed and a different one for another seed", () => {
    const run = (seed: number) => {
      const w = createWorld({ scenario: "nmt", seed });
      for (let i = 0; i < 50; i++) step(w);
      return stateHash(w);
    };
    expect(run(3)).toBe(run(3));
    expect(run(3)).not.toBe(run(4));
  });
});
