/**
 * The simulation's step cost: median microseconds of one `step` for `nmt`, and for a
 * synthetic 1,000-node, 30,000-pod cluster in steady state and under churn (a pod killed
 * every tick, so the loops and indexes have real work).
 */
import { performance } from "node:perf_hooks";
import { createWorld, injectChaos, step, TICK_SECONDS } from "../../shared/sim";
import { createWorldFrom } from "../../shared/sim/scenarios/scenario";
import { syntheticScenario } from "../../shared/sim/scenarios/synthetic";
import type { World } from "../../shared/sim";

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
): StepTiming {
  for (let i = 0; i < warmup; i++) {
    before?.(world);
    step(world, [], TICK_SECONDS);
  }
  const samples: number[] = [];
  for (let i = 0; i < ticks; i++) {
    before?.(world);
    const t0 = performance.now();
    step(world, [], TICK_SECONDS);
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
  const nmt = createWorld({ scenario: "nmt", seed: 1 });
  const nmtSteady = timeSteps(nmt, 3000, 300);

  const t0 = performance.now();
  const big = createWorldFrom({ big: syntheticScenario(nodes, pods) }, { scenario: "big", seed: 1 });
  const bringUpMs = Math.round(performance.now() - t0);
  const podCount = big.store.count("Pod");
  const workloads = Math.ceil(pods / 30);
  const bigSteady = timeSteps(big, 200, 20);
  let n = 0;
  const bigChurn = timeSteps(big, 200, 20, (w) => {
    n += 1;
    const app = (n * 7) % workloads;
    injectChaos(w, { type: "pod-kill", target: `team-${Math.floor(app / 20)}/app-${app}` });
  });
  return {
    nmt: { pods: nmt.store.count("Pod"), step: nmtSteady, targetMedianMicros: 50 },
    large: {
      nodes: big.store.count("Node"),
      pods: podCount,
      bringUpMs,
      steady: bigSteady,
      churn: bigChurn,
      targetMedianMicros: 20000,
    },
  };
}
