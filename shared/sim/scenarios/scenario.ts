/**
 * Scenarios: a cluster (nodes), the manifests applied to it, the users' traffic — and
 * `createWorld`, which brings the cluster up the Kubernetes way (controllers create the
 * pods, the scheduler binds them, kubelets start them) before the match clock starts, so
 * at time 0 every tier is reachable.
 */
import { clone } from "../hash";
import { materialize, type Manifest } from "../apiserver";
import { CLOCK_NAMES, TICK_SECONDS, type ClockName } from "../clock";
import { CONTROL_LOOPS } from "../controllers";
import { edit, resyncAll } from "../loop";
import { addNode, type NodePool } from "../nodes";
import { seedRng, type RngState } from "../rng";
import { emptyScore } from "../score-state";
import { keyOf } from "../store";
import { step } from "../step";
import {
  emptyTraffic,
  emptyWorld,
  type ChaosEvent,
  type NodeNetworks,
  type TrafficConfig,
  type World,
} from "../world";

/** What a scenario declares. */
export interface ScenarioDefinition {
  name: string;
  description: string;
  nodes: NodePool;
  manifests: () => Manifest[];
  traffic: TrafficConfig;
  /** Manifests to apply once the cluster is up (e.g. the traditional IP wiring). */
  afterBringUp?: (world: World) => Manifest[];
  /**
   * The scenario's seeded chaos schedule (times in game seconds from the match start). It
   * draws from its own generator, seeded from the world's seed, so turning it off leaves
   * the rest of the world's randomness as it was.
   */
  chaos?: (rng: RngState, world: World) => ChaosEvent[];
  /** The clock a match uses when its options name none (default arcade). */
  clock?: ClockName;
  /** What the players should achieve, in a sentence (shown with the description). */
  goal?: string;
}

/** Game seconds the cluster gets to come up before the match clock reads 0. */
export const BRING_UP_SECONDS = 60;

/** Thrown for a scenario name nobody defined. */
export class UnknownScenarioError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`unknown scenario "${name}" (known: ${known.join(", ")})`);
    this.name = "UnknownScenarioError";
  }
}

/** Thrown for options createWorld cannot use (a seed that is not an integer, an unknown clock). */
export class InvalidWorldOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidWorldOptionsError";
  }
}

/** `kubectl apply`: creates the object, or replaces the spec of the existing one. */
export function applyManifest(world: World, manifest: Manifest): void {
  const obj = materialize(world, manifest);
  const existing = world.store.get(obj.kind, keyOf(obj));
  if (!existing) {
    world.store.put(obj);
    return;
  }
  const next = edit(existing) as typeof existing & { spec: unknown };
  next.spec = clone((manifest as { spec: unknown }).spec) as never;
  next.metadata.generation = (next.metadata.generation ?? 1) + 1;
  world.store.put(next);
}

/** Options of {@link createWorld}. */
export interface WorldOptions {
  scenario: string;
  seed: number;
  clock?: ClockName;
  /** Whether the scenario's chaos schedule runs (default true); injected chaos always does. */
  chaos?: boolean;
  /** A custom scenario file (YAML text and its file name); `scenario` is then its header's name. */
  scenarioFile?: { name: string; text: string };
}

/**
 * Builds a scenario's world and brings it up: nodes, manifests applied, control loops run
 * for {@link BRING_UP_SECONDS} of game time before the clock starts. Throws
 * {@link UnknownScenarioError} or {@link InvalidWorldOptionsError} on bad options.
 */
export function createWorldFrom(registry: Record<string, ScenarioDefinition>, opts: WorldOptions): World {
  const def = registry[opts.scenario];
  if (!def) throw new UnknownScenarioError(opts.scenario, Object.keys(registry));
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0)
    throw new InvalidWorldOptionsError(`seed must be a non-negative integer, got ${opts.seed}`);
  const clock = opts.clock ?? def.clock ?? "arcade";
  if (!CLOCK_NAMES.includes(clock))
    throw new InvalidWorldOptionsError(`unknown clock "${clock}" (known: ${CLOCK_NAMES.join(", ")})`);
  const world = emptyWorld({
    scenario: def.name,
    seed: opts.seed,
    clock,
    rng: seedRng(opts.seed),
    trafficConfig: clone(def.traffic),
    nodeNetworks: nodeNetworksOf(def.nodes),
  });
  world.time = -BRING_UP_SECONDS;
  world.tick = -Math.round(BRING_UP_SECONDS / TICK_SECONDS);
  for (let i = 0; i < def.nodes.count; i++) addNode(world, i, def.nodes);
  for (const m of def.manifests()) {
    applyManifest(world, m);
    if (m.kind === "Service") world.serviceManifests[`${m.metadata.namespace}/${m.metadata.name}`] = clone(m);
  }
  resyncAll(world, CONTROL_LOOPS);
  const half = world.tick / 2;
  while (world.tick < 0) {
    if (world.tick === Math.round(half) && def.afterBringUp)
      for (const m of def.afterBringUp(world)) applyManifest(world, m);
    step(world, [], TICK_SECONDS);
  }
  world.time = 0;
  world.tick = 0;
  world.traffic = emptyTraffic();
  world.score = emptyScore();
  if (def.chaos && opts.chaos !== false) world.chaos.pending = chaosScheduleFor(def, world, opts.seed);
  return world;
}

/** The node pool's address ranges, only those it sets (no keys holding undefined). */
function nodeNetworksOf(nodes: NodePool): NodeNetworks {
  const out: NodeNetworks = {};
  if (nodes.nodeNetwork !== undefined) out.nodeNetwork = nodes.nodeNetwork;
  if (nodes.clusterCIDR !== undefined) out.clusterCIDR = nodes.clusterCIDR;
  return out;
}

/** The seeded chaos schedule of a scenario for a seed (sorted by time; ties keep their order). */
export function chaosScheduleFor(def: ScenarioDefinition, world: World, seed: number): ChaosEvent[] {
  if (!def.chaos) return [];
  const rng = seedRng(seed);
  rng.state = (rng.state ^ 0x43484153) >>> 0;
  return def
    .chaos(rng, world)
    .map((ev, i) => ({ ev, i }))
    .sort((a, b) => a.ev.at - b.ev.at || a.i - b.i)
    .map(({ ev }) => ev);
}

/** Whether every workload has all its replicas Ready and every Service has its DNS record. */
export function isSteady(world: World): boolean {
  const deployments = world.store
    .list("Deployment")
    .every((d) => d.status.readyReplicas === d.spec.replicas && d.status.updatedReplicas === d.spec.replicas);
  const sts = world.store.list("StatefulSet").every((s) => s.status.readyReplicas === s.spec.replicas);
  const pending = world.store.pendingUnbound.size === 0;
  return deployments && sts && pending;
}
