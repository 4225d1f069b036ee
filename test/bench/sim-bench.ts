/**
 * The simulation's step cost: median microseconds of one `step` for `nmt`, and for a
 * synthetic 1,000-node, 30,000-pod cluster in steady state and under churn (a pod killed
 * every tick, so the loops and indexes have real work). Also bots against autopilot:
 * availability per seed (1–10, the default chaos) with every role on autopilot and with a
 * bot in each role, the means and their ratio (target ≥ 0.9).
 */
import { performance } from "node:perf_hooks";
import { createWorld, injectChaos, step, TICK_SECONDS } from "../../shared/sim";
import { createWorldFrom } from "../../shared/sim/scenarios/scenario";
import { syntheticScenario } from "../../shared/sim/scenarios/synthetic";
import type { World } from "../../shared/sim";
import { CONTROL_LOOPS, CORE_LOOP_NAMES } from "../../shared/sim/controllers";
import type { ControlLoop } from "../../shared/sim/loop";
import { botsVsAutopilot } from "./bots-vs-autopilot";

/** Summary statistics of step timings, in microseconds. */
export interface StepTiming {
  ticks: number;
  medianMicros: number;
  p99Micros: number;
  meanMicros: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Times `ticks` steps of a world (after `warmup` untimed ones); `before` runs untimed ahead of each. */
export function timeSteps(
  world: World,
  ticks: number,
  warmup: number,
  before?: (w: World) => void,
  loops: readonly ControlLoop[] = CONTROL_LOOPS,
): StepTiming {
  for (let i = 0; i < warmup; i++) {
    before?.(world);
    step(world, [], TICK_SECONDS, loops);
  }
  const samples: number[] = [];
  for (let i = 0; i < ticks; i++) {
    before?.(world);
    const t0 = performance.now();
    step(world, [], TICK_SECONDS, loops);
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    ticks,
    medianMicros: round(percentile(samples, 0.5)),
    p99Micros: round(percentile(samples, 0.99)),
    meanMicros: round(samples.reduce((a, b) => a + b, 0) / samples.length),
  };
}

/** Runs the simulation benchmarks and returns their JSON-ready results. */
export function benchSim(opts: { nodes?: number; pods?: number } = {}): Record<string, unknown> {
  const nodes = opts.nodes ?? 1000;
  const pods = opts.pods ?? 30000;
  const quiet = createWorld({ scenario: "nmt", seed: 1, chaos: false });
  const nmtSteady = timeSteps(quiet, 3000, 300);
  const chaotic = createWorld({ scenario: "nmt", seed: 1 });
  const nmtChaos = timeSteps(chaotic, 3000, 0);

  const t0 = performance.now();
  const big = createWorldFrom(
    { big: syntheticScenario(nodes, pods) },
    { scenario: "big", seed: 1, chaos: false },
  );
  const bringUpMs = Math.round(performance.now() - t0);
  const podCount = big.store.count("Pod");
  const workloads = Math.ceil(pods / 30);
  let n = 0;
  const killOne = (w: World) => {
    n += 1;
    const app = (n * 7) % workloads;
    injectChaos(w, { type: "pod-kill", target: `team-${Math.floor(app / 20)}/app-${app}` });
  };
  // The loops issue 2 built on, then every loop, on the same world: the ratio is the cost of issue 3's loops.
  const core = CONTROL_LOOPS.filter((l) => CORE_LOOP_NAMES.includes(l.name));
  const steadyCore = timeSteps(big, 200, 20, undefined, core);
  const steadyAll = timeSteps(big, 200, 20);
  const churnCore = timeSteps(big, 200, 20, killOne, core);
  const churnAll = timeSteps(big, 200, 20, killOne);
  const ratio = (a: StepTiming, b: StepTiming) => Math.round((a.medianMicros / b.medianMicros) * 100) / 100;
  // Not a speed figure: how close bots in every role come to autopilot (deterministic).
  const botsAgainstAutopilot = botsVsAutopilot([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  return {
    botsVsAutopilot: {
      ...botsAgainstAutopilot,
      targetRatio: 0.9,
      withinTarget: botsAgainstAutopilot.mean.ratio >= 0.9,
    },
    nmt: {
      pods: quiet.store.count("Pod"),
      steady: nmtSteady,
      withDefaultChaos: nmtChaos,
      targetMedianMicros: 50,
      withinTarget: nmtSteady.medianMicros <= 50,
    },
    large: {
      nodes: big.store.count("Node"),
      pods: podCount,
      bringUpMs,
      coreLoops: { steady: steadyCore, churn: churnCore },
      allLoops: { steady: steadyAll, churn: churnAll },
      allOverCore: { steady: ratio(steadyAll, steadyCore), churn: ratio(churnAll, churnCore) },
      targetMedianMicros: 20000,
      withinTarget:
        churnCore.medianMicros <= 20000 && churnAll.medianMicros <= 2 * Math.max(churnCore.medianMicros, 1),
    },
  };
}
