/**
 * The synthetic users. Each request walks the real path hop by hop (DESIGN §3): a Ready
 * node's NodePort → kube-proxy → an nginx pod; nginx resolves its upstream (a Service
 * name through cluster DNS, or a hard-coded IP) → kube-proxy → a tomcat pod; tomcat
 * resolves `mysql-0.mysql` → the mysql pod, which needs its volume. A failure records the
 * tier it could not reach and why, in Kubernetes terms.
 */
import { pickServiceEndpoint, type ProxyResult } from "./kube-proxy";
import { resolve } from "./resolver";
import { nextInt } from "./rng";
import { keyOf } from "./store";
import type { Pod } from "./types";
import {
  containersRunning,
  isNodeReady,
  TIERS,
  type FailureReason,
  type RequestOutcome,
  type Tier,
  type World,
} from "./world";

/** Availability so far: ok / total overall and per tier (1 before any request). */
export function availability(world: World): Record<"overall" | Tier, number> {
  const t = world.traffic;
  const ratio = (ok: number, total: number) => (total === 0 ? 1 : ok / total);
  return {
    overall: ratio(t.ok, t.total),
    nginx: ratio(t.tiers.nginx.ok, t.tiers.nginx.total),
    tomcat: ratio(t.tiers.tomcat.ok, t.tiers.tomcat.total),
    mysql: ratio(t.tiers.mysql.ok, t.tiers.mysql.total),
  };
}

/** The tier a pod belongs to by its labels, if any. */
export function tierOf(world: World, pod: Pod): Tier | undefined {
  const sel = world.trafficConfig.tierSelectors;
  return TIERS.find((t) => Object.entries(sel[t]).every(([k, v]) => pod.metadata.labels[k] === v));
}

/** Why the pod that a connection reached cannot serve `tier`, or undefined when it can. */
function podFailure(world: World, pod: Pod, tier: Tier): FailureReason | undefined {
  // An IP now held by some other app's pod answers nothing useful: the address is stale.
  if (tierOf(world, pod) !== tier) return "STALE_ADDRESS";
  if (!world.machines[pod.spec.nodeName ?? ""]?.up) return "NODE_DOWN";
  // Readiness only steers which pods a Service lists: a connection that reaches a running
  // container (a hard-coded pod IP, a stale endpoint) is answered, Ready or not. A pod whose
  // container is not running (or that is shutting down) answers nothing.
  if (!containersRunning(pod)) return "POD_NOT_READY";
  const volume = tier === "mysql" ? volumeFailure(world, pod) : undefined;
  if (volume) return volume;
  const key = keyOf(pod);
  const served = world.load.perPod[key] ?? 0;
  if (served >= world.trafficConfig.podCapacity[tier]) return "OVERLOADED";
  world.load.perPod[key] = served + 1;
  return undefined;
}

/**
 * Why the pod's data cannot be read: its claim is gone or unbound — the data itself is lost
 * (DATA_LOST) — or its volume is detached from the node — the data is intact but out of
 * reach until it is attached again (VOLUME_UNAVAILABLE).
 */
function volumeFailure(world: World, pod: Pod): FailureReason | undefined {
  const ns = pod.metadata.namespace!;
  let detached = false;
  for (const v of pod.spec.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (!claim) continue;
    const pvc = world.store.get("PersistentVolumeClaim", `${ns}/${claim}`);
    if (pvc?.status.phase !== "Bound") return "DATA_LOST";
    if (world.faults.detachedVolumes.includes(`${ns}/${claim}`)) detached = true;
  }
  return detached ? "VOLUME_UNAVAILABLE" : undefined;
}

/** Where a client pod's connection to `host` lands: DNS (unless an IP), then kube-proxy or the pod. */
function connect(world: World, client: Pod, host: string): ProxyResult | { error: FailureReason } {
  const r = resolve(world, client.metadata.namespace!, host);
  if ("error" in r) return r;
  const ip = r.ips[nextInt(world.rng, r.ips.length)]!;
  const svc = world.store.serviceWithClusterIP(ip);
  if (svc) return pickServiceEndpoint(world, svc);
  const pod = world.store.podWithIP(ip);
  return pod ? { ip, pod } : { error: "STALE_ADDRESS" };
}

/** The upstream host a pod is configured with (`UPSTREAM=tomcat:8080` → `tomcat`). */
export function upstreamHost(world: World, pod: Pod): string | undefined {
  const env = world.trafficConfig.upstreamEnv;
  for (const c of pod.spec.containers) {
    const v = c.env?.find((e) => e.name === env)?.value;
    if (v) return v.split(":")[0];
  }
  return undefined;
}

/** Walks one request through the tiers. */
export function walkRequest(world: World, readyNodes: number): RequestOutcome {
  const cfg = world.trafficConfig;
  const hops: string[] = [];
  const fail = (tier: Tier, reason: FailureReason): RequestOutcome => ({ hops, failedTier: tier, reason });
  let client: Pod | undefined;
  for (const tier of TIERS) {
    world.traffic.tiers[tier].total += 1;
    let landed: ProxyResult | { error: FailureReason };
    if (!client) {
      // Users reach nginx through the NodePort of any Ready node (an external load balancer's pick).
      if (readyNodes === 0) return fail(tier, "NODE_DOWN");
      const entry = world.store.get("Service", `${cfg.namespace}/${cfg.entryService}`);
      if (!entry) return fail(tier, "NO_ENDPOINTS");
      landed = pickServiceEndpoint(world, entry);
    } else {
      const host = upstreamHost(world, client);
      if (!host) return fail(tier, "NXDOMAIN");
      landed = connect(world, client, host);
    }
    if ("error" in landed) return fail(tier, landed.error);
    const why = podFailure(world, landed.pod, tier);
    if (why) return fail(tier, why);
    world.traffic.tiers[tier].ok += 1;
    hops.push(keyOf(landed.pod));
    client = landed.pod;
  }
  return { hops };
}

/** How many request outcomes of the last tick are kept for drawing. */
const RECENT_LIMIT = 24;

/** Sends this tick's requests and adds up the results. */
export function runTraffic(world: World, dt: number): void {
  const t = world.traffic;
  const second = Math.ceil(world.time - 1e-9) - 1;
  if (world.load.second !== second) world.load = { second, perPod: {} };
  const spike = world.time <= world.faults.spike.until ? world.faults.spike.extraPerSecond : 0;
  const exact = t.carry + (world.trafficConfig.requestsPerSecond + spike) * dt;
  const n = Math.floor(exact + 1e-9);
  t.carry = Math.round((exact - n) * 1e6) / 1e6;
  const readyNodes = world.store
    .list("Node")
    .filter((node) => isNodeReady(node) && world.machines[node.metadata.name]?.up).length;
  while (t.perSecond.length <= second) t.perSecond.push([0, 0]);
  const bucket = t.perSecond[second]!;
  t.recent = [];
  for (let i = 0; i < n; i++) {
    const outcome = walkRequest(world, readyNodes);
    t.total += 1;
    bucket[0] += 1;
    if (outcome.reason) t.failed[outcome.reason] += 1;
    else {
      t.ok += 1;
      bucket[1] += 1;
    }
    if (t.recent.length < RECENT_LIMIT) t.recent.push(outcome);
  }
}
