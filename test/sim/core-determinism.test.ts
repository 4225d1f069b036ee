/** Same scenario + seed + intents ⇒ same state hash; another seed ⇒ another hash; the CLI agrees. */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createWorld, stateHash, step, TICK_SECONDS, type QueuedIntent, type World } from "../../shared/sim";
import { keyOf } from "../../shared/sim/store";

const exec = promisify(execFile);

/** A scripted match: a few intents from each role at fixed ticks. */
function scripted(world: World, tick: number): QueuedIntent[] {
  const tomcat = world.store.podsMatching("shop", { app: "tomcat" })[0];
  switch (tick) {
    case 10:
      return tomcat
        ? [{ actor: "p1", role: "workload-controller", intent: { type: "deletePod", pod: keyOf(tomcat) } }]
        : [];
    case 40:
      return [
        {
          actor: "p1",
          role: "workload-controller",
          intent: { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 },
        },
      ];
    case 70:
      return [{ actor: "p2", role: "scheduler", intent: { type: "cordon", node: "node-2" } }];
    case 90:
      return tomcat
        ? [
            {
              actor: "p3",
              role: "service-controller",
              intent: { type: "labelPod", pod: keyOf(tomcat), labels: { app: "x" } },
            },
          ]
        : [];
    default:
      return [];
  }
}

function play(seed: number, ticks = 150, scenario = "nmt"): World {
  const world = createWorld({ scenario, seed });
  for (let t = 0; t < ticks; t++) step(world, scripted(world, t), TICK_SECONDS);
  return world;
}

describe("determinism", () => {
  it("two runs with the same scenario, seed and intents end in the same state hash", () => {
    const a = play(42);
    const b = play(42);
    expect(stateHash(a)).toBe(stateHash(b));
    expect(stateHash(a)).toMatch(/^[0-9a-f]{16}$/);
    // The runs really did something: the scripted intents changed the world.
    expect(a.events.some((e) => e.severity === "Intent")).toBe(true);
  });

  it("a run with another seed ends in another state hash", () => {
    expect(stateHash(play(43))).not.toBe(stateHash(play(42)));
  });

  it("same seed but different intents end in different hashes", () => {
    const a = createWorld({ scenario: "nmt", seed: 42 });
    const b = createWorld({ scenario: "nmt", seed: 42 });
    expect(stateHash(a)).toBe(stateHash(b));
    step(a, [{ actor: "p", role: "scheduler", intent: { type: "cordon", node: "node-1" } }]);
    step(b, []);
    expect(stateHash(a)).not.toBe(stateHash(b));
  });

  it("is the same hash tick by tick, not only at the end", () => {
    const a = createWorld({ scenario: "nmt-traditional", seed: 9 });
    const b = createWorld({ scenario: "nmt-traditional", seed: 9 });
    for (let t = 0; t < 60; t++) {
      step(a, scripted(a, t));
      step(b, scripted(b, t));
      expect(stateHash(a)).toBe(stateHash(b));
    }
  });

  it("the CLI's --json stateHash equals an in-process run of the same scenario and seed", async () => {
    const { stdout } = await exec(
      process.execPath,
      [
        "--import",
        "tsx",
        "server/cli/sim.ts",
        "--scenario",
        "nmt",
        "--seed",
        "7",
        "--duration",
        "12",
        "--json",
      ],
      { cwd: process.cwd() },
    );
    const report = JSON.parse(stdout) as { stateHash: string; ticks: number };
    const world = createWorld({ scenario: "nmt", seed: 7 });
    for (let t = 0; t < 120; t++) step(world, [], TICK_SECONDS);
    expect(report.ticks).toBe(120);
    expect(report.stateHash).toBe(stateHash(world));
  });
});
