/**
 * The world: the API objects (the store) plus what lives outside the API server — the
 * real machines, the IP allocators, CoreDNS's records and its pods' caches, the
 * synthetic users' traffic — and the controllers' work queues. Everything a tick reads
 * or writes is here, so one world + one tick = one next world.
 */
import type { Manifest } from "./apiserver";
import type { ClockName } from "./clock";
import type { RngState } from "./rng";
import { emptyScore, type ScoreState } from "./score-state";
import { Store } from "./store";
import type { KubeObject } from "./types";

/** The player roles; every control loop belongs to one of them or to the system. */
export const ROLES = ["scheduler", "workload-controller", "service-controller"] as const;
/** A role name. */
export type Role = (typeof ROLES)[number];

/** Who runs a role: the built-in loop (`autopilot`), or people/bots through intents (`manual`). */
export type RoleMode = "autopilot" | "manual";

/** Why a request failed, in Kubernetes terms (DESIGN §3). */
export const FAILURE_REASONS = [
  "NXDOMAIN",
  "DNS_UNAVAILABLE",
  "NO_ENDPOINTS",
  "STALE_ADDRESS",
  "POD_NOT_READY",
  "NODE_DOWN",
  "OVERLOADED",
  "VOLUME_UNAVAILABLE",
  "DATA_LOST",
] as const;
/** One failure reason. */
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The tiers of the shop, in request order. */
export const TIERS = ["nginx", "tomcat", "mysql"] as const;
/** One tier. */
export type Tier = (typeof TIERS)[number];

/** A cluster event, like `kubectl get events` shows (time in game seconds). */
export interface SimEvent {
  time: number;
  type: string;
  object: string;
  message: string;
  /** `Normal` for routine work, `Warning` for trouble, `Chaos` for injected faults, `Intent` for players. */
  severity: "Normal" | "Warning" | "Chaos" | "Intent";
}

/** One synthetic request's path: the hops it made and where it failed. */
export interface RequestOutcome {
  /** Pods it reached, in order (`shop/nginx-…`). */
  hops: string[];
  /** The tier it failed to reach, or undefined when it succeeded. */
  failedTier?: Tier;
  reason?: FailureReason;
}

/** Traffic totals since the clock started. */
export interface TrafficStats {
  /** Fractional requests carried to the next tick, so rates below one per tick still add up. */
  carry: number;
  total: number;
  ok: number;
  failed: Record<FailureReason, number>;
  /** Per tier: requests that tried to reach it and how many it served. */
  tiers: Record<Tier, { total: number; ok: number }>;
  /** The outcomes of the last tick's requests (for drawing traffic). */
  recent: RequestOutcome[];
  /** Per game second: [requests, ok], the debrief's availability line. */
  perSecond: [number, number][];
}

/** One cached answer of a CoreDNS pod's `cache` plugin. */
export interface DnsCacheEntry {
  ips: string[];
  expires: number;
}

/**
 * The cache of one CoreDNS pod: its answers by FQDN, and the start of the container that
 * holds them in memory (a restarted container starts cold).
 */
export interface DnsServerCache {
  startedAt: number;
  answers: Record<string, DnsCacheEntry>;
}

/**
 * CoreDNS's view: the A records it serves, and each CoreDNS pod's cache (by pod key).
 * Client pods keep no DNS cache of their own: every lookup asks CoreDNS, so when every
 * CoreDNS pod is gone, so are the cached answers.
 */
export interface DnsState {
  records: Record<string, string[]>;
  cache: Record<string, DnsServerCache>;
}

/** The real machine behind a Node object: whether it is up, and since when. */
export interface MachineState {
  up: boolean;
  since: number;
  /** When the node lifecycle controller saw the machine stop posting status (its last heartbeat). */
  downSince?: number;
}

/** Per-scenario traffic and capacity settings. */
export interface TrafficConfig {
  /** Requests per game second from the synthetic users. */
  requestsPerSecond: number;
  /** Requests per second one pod of a tier can serve before it answers OVERLOADED. */
  podCapacity: Record<Tier, number>;
  /** Namespace of the shop. */
  namespace: string;
  /** The Service the users hit through its NodePort. */
  entryService: string;
  /** Labels that pick the pods of each tier (to attribute a pod to a tier). */
  tierSelectors: Record<Tier, Record<string, string>>;
  /** The environment variable that holds each tier's upstream address. */
  upstreamEnv: string;
}

/**
 * The address ranges a node takes its InternalIP and podCIDR from, kept in the world so a
 * node that joins mid-match is cut like the scenario's own (the kubeadm lab's when unset).
 */
export interface NodeNetworks {
  /** The node network (default 192.168.56.0/24). */
  nodeNetwork?: string;
  /** The cluster CIDR the nodes' podCIDRs are carved from (default 10.244.0.0/16). */
  clusterCIDR?: string;
}

/** Faults outside the API objects that chaos turns on and players work around. */
export interface Faults {
  /** Registries that cannot be reached (`k8s.gcr.io` in the seed's story). */
  unreachableRegistries: string[];
  /** Whether CoreDNS serves cached answers beyond their TTL (the cache plugin's serve_stale). */
  staleDns: boolean;
  /** Game time when stale DNS chaos ends (0 when none is running). */
  staleDnsUntil: number;
  /** Claims whose volume has been detached from the node (`namespace/name`). */
  detachedVolumes: string[];
  /** Extra request rate on top of the scenario's, and until when. */
  spike: { extraPerSecond: number; until: number };
}

/** A chaos event: what, where, and when (game seconds). */
export interface ChaosEvent {
  at: number;
  type: string;
  target?: string;
  /** Who caused it: the scenario's seeded schedule, or an injection. */
  source: "schedule" | "injected";
  /** Set on a fired event whose target was gone (it changed nothing). */
  skipped?: boolean;
}

/** The chaos timeline: events still to fire (sorted by time) and the ones that fired. */
export interface ChaosState {
  pending: ChaosEvent[];
  fired: ChaosEvent[];
}

/** A work-queue timer: sync `key` in `loop` at game time `at`. */
export interface Timer {
  at: number;
  loop: string;
  key: string;
}

/** The whole simulated world. */
export interface World {
  scenario: string;
  seed: number;
  clock: ClockName;
  /** Game seconds; negative while the cluster is brought up before the match. */
  time: number;
  /** Ticks since the match clock started (negative during bring-up). */
  tick: number;
  rng: RngState;
  store: Store;
  /** host-local IPAM: the last offset handed out per node. */
  ipam: Record<string, number>;
  machines: Record<string, MachineState>;
  dns: DnsState;
  traffic: TrafficStats;
  trafficConfig: TrafficConfig;
  nodeNetworks: NodeNetworks;
  faults: Faults;
  chaos: ChaosState;
  /** The Service manifests as the user keeps them (in git): what a deleted Service is recreated from. */
  serviceManifests: Record<string, Manifest>;
  /** Requests each pod served in the current game second (for OVERLOADED). */
  load: { second: number; perPod: Record<string, number> };
  events: SimEvent[];
  /** Events dropped from the front of `events` to bound memory. */
  eventsDropped: number;
  roles: Record<Role, RoleMode>;
  /** Each control loop's work queue: keys waiting for a sync. */
  queues: Record<string, Set<string>>;
  /** Delayed re-syncs, sorted by time then loop then key. */
  timers: Timer[];
  /** The score's bookkeeping: incidents, intents and their judged effect (see score.ts). */
  score: ScoreState;
}

/** How many events the world keeps (older ones are counted, not kept). */
export const MAX_EVENTS = 5000;

/** An empty world: no objects, clock at zero, every role on autopilot. */
export function emptyWorld(opts: {
  scenario: string;
  seed: number;
  clock: ClockName;
  rng: RngState;
  trafficConfig: TrafficConfig;
  nodeNetworks?: NodeNetworks;
}): World {
  return {
    scenario: opts.scenario,
    seed: opts.seed,
    clock: opts.clock,
    time: 0,
    tick: 0,
    rng: opts.rng,
    store: new Store(),
    ipam: {},
    machines: {},
    dns: { records: {}, cache: {} },
    traffic: emptyTraffic(),
    trafficConfig: opts.trafficConfig,
    nodeNetworks: { ...opts.nodeNetworks },
    faults: {
      unreachableRegistries: [],
      staleDns: false,
      staleDnsUntil: 0,
      detachedVolumes: [],
      spike: { extraPerSecond: 0, until: 0 },
    },
    load: { second: 0, perPod: {} },
    chaos: { pending: [], fired: [] },
    serviceManifests: {},
    events: [],
    eventsDropped: 0,
    roles: { scheduler: "autopilot", "workload-controller": "autopilot", "service-controller": "autopilot" },
    queues: {},
    timers: [],
    score: emptyScore(),
  };
}

/** Zeroed traffic totals. */
export function emptyTraffic(): TrafficStats {
  const failed = {} as Record<FailureReason, number>;
  for (const r of FAILURE_REASONS) failed[r] = 0;
  const tiers = {} as Record<Tier, { total: number; ok: number }>;
  for (const t of TIERS) tiers[t] = { total: 0, ok: 0 };
  return { carry: 0, total: 0, ok: 0, failed, tiers, recent: [], perSecond: [] };
}

/** Records a cluster event. */
export function recordEvent(
  world: World,
  severity: SimEvent["severity"],
  type: string,
  object: string,
  message: string,
): void {
  world.events.push({ time: round3(world.time), type, object, message, severity });
  if (world.events.length > MAX_EVENTS) {
    const drop = world.events.length - MAX_EVENTS;
    world.events.splice(0, drop);
    world.eventsDropped += drop;
  }
}

/** Rounds game time to the millisecond, so repeated additions of 0.1 never drift. */
export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Whether a pod is Running with its Ready condition True. */
export function isPodReady(obj: KubeObject): boolean {
  if (obj.kind !== "Pod") return false;
  return (
    obj.status.phase === "Running" &&
    obj.status.conditions.some((c) => c.type === "Ready" && c.status === "True") &&
    obj.metadata.deletionTimestamp === undefined
  );
}

/**
 * Whether every container of the pod is running and it is not shutting down: what decides
 * whether a connection to its IP gets an answer. Readiness does not: it only steers which
 * pods a Service's endpoints list (pod-lifecycle, Container probes).
 */
export function containersRunning(pod: KubeObject): boolean {
  if (pod.kind !== "Pod") return false;
  const cs = pod.status.containerStatuses ?? [];
  return (
    pod.status.phase === "Running" &&
    pod.metadata.deletionTimestamp === undefined &&
    cs.length === pod.spec.containers.length &&
    cs.every((c) => c.state.running !== undefined)
  );
}

/** Whether a Node object reports Ready. */
export function isNodeReady(obj: KubeObject | undefined): boolean {
  return (
    !!obj &&
    obj.kind === "Node" &&
    obj.status.conditions.some((c) => c.type === "Ready" && c.status === "True")
  );
}
