/**
 * The game clock. `realistic` keeps Kubernetes' own delays; `arcade` (the default) scales
 * the long ones down so a 3–10 minute match shows every effect. This one table is what
 * players are shown ("eviction: 300 s in Kubernetes, 15 s here").
 */
export const CLOCK_NAMES = ["arcade", "realistic"] as const;
/** A clock name. */
export type ClockName = (typeof CLOCK_NAMES)[number];

/** Every delay the simulation uses, in game seconds. */
export interface ClockTable {
  /** Kubelet: from bind to the sandbox/IP (ContainerCreating). */
  containerCreate: number;
  /** Image pull of a cached/available image. */
  imagePull: number;
  /** From container start to the readiness probe passing. */
  readinessDelay: number;
  /** Node heartbeat grace period before NotReady (kube-controller-manager's node-monitor-grace-period: 50 s since v1.32). */
  nodeGracePeriod: number;
  /** Default tolerationSeconds for not-ready/unreachable NoExecute taints (300 s). */
  evictionToleration: number;
  /** First CrashLoopBackOff / ImagePullBackOff delay (10 s). */
  backoffBase: number;
  /** Back-off cap for containers (300 s). */
  backoffCap: number;
  /** Back-off reset after this long running (10 min). */
  backoffReset: number;
  /** Job retry back-off cap (6 min). */
  jobBackoffCap: number;
  /** Cluster DNS answer TTL (CoreDNS default 30 s). */
  dnsTtl: number;
  /** How long a Job pod takes to run to completion. */
  jobRunTime: number;
}

/** The clock table: Kubernetes defaults, and the arcade scaling of the long ones. */
export const CLOCKS: Record<ClockName, ClockTable> = {
  realistic: {
    containerCreate: 2,
    imagePull: 3,
    readinessDelay: 5,
    nodeGracePeriod: 50,
    evictionToleration: 300,
    backoffBase: 10,
    backoffCap: 300,
    backoffReset: 600,
    jobBackoffCap: 360,
    dnsTtl: 30,
    jobRunTime: 20,
  },
  arcade: {
    containerCreate: 0.5,
    imagePull: 1,
    readinessDelay: 1.5,
    nodeGracePeriod: 6,
    evictionToleration: 15,
    backoffBase: 2,
    backoffCap: 20,
    backoffReset: 60,
    jobBackoffCap: 20,
    dnsTtl: 5,
    jobRunTime: 4,
  },
};

/** The simulation tick: 10 ticks per game second. */
export const TICK_SECONDS = 0.1;
/** Ticks per game second. */
export const TICKS_PER_SECOND = 10;
