/**
 * The named checks a level file may use to decide a step or the level: each reads the world
 * (and what it looked like when the level and the step began) and answers yes or no. Pure:
 * the same world and memory always give the same answer. A facilitator picks them by name.
 */
import { z } from "../sim/scenarios/zod";
import { isPodReady, type World } from "../sim/world";
import type { Pod } from "../sim/types";
import { lookup } from "../sim/resolver";

/** What the world looked like at a moment the checks compare against (level start, step start). */
export interface WorldMemory {
  /** Live pods by key: their IP then ("" when none). */
  pods: Record<string, string>;
  /** Services by key: their ClusterIP then. */
  clusterIPs: Record<string, string>;
}

/** What a check sees besides the world. */
export interface CheckContext {
  level: WorldMemory;
  step: WorldMemory;
}

const labels = z.record(z.string(), z.string());
const ns = z.string().min(1).default("shop");
const since = z.enum(["level", "step"]).default("step");
const count = z.number().int().min(0).max(50).default(1);

/** The argument schemas of every check, by name. */
export const CHECK_SCHEMAS = {
  /** At least `count` pods matching `selector` are Running and Ready (running an image that starts with `imagePrefix`, when given). */
  podsRunning: z.strictObject({
    check: z.literal("podsRunning"),
    namespace: ns,
    selector: labels,
    count,
    imagePrefix: z.string().min(1).optional(),
  }),
  /** A live pod matching `selector` has a container waiting for `reason` (ErrImagePull, ImagePullBackOff, CrashLoopBackOff…). */
  podWaiting: z.strictObject({
    check: z.literal("podWaiting"),
    namespace: ns,
    selector: labels,
    reason: z.array(z.string().min(1)).min(1).max(5),
  }),
  /** The match clock has reached `seconds` (a graded round is judged at its end). */
  timeAtLeast: z.strictObject({ check: z.literal("timeAtLeast"), seconds: z.number().min(0).max(600) }),
  /** At least `count` Running, Ready pods matching `selector` did not exist at the level's / step's start (a NEW name). */
  newPodsRunning: z.strictObject({
    check: z.literal("newPodsRunning"),
    namespace: ns,
    selector: labels,
    count,
    since,
  }),
  /** No pod in the namespace waits for a node. */
  noPendingPods: z.strictObject({ check: z.literal("noPendingPods"), namespace: ns }),
  /** At least one pod is Pending (waiting for the scheduler). */
  somePodPending: z.strictObject({ check: z.literal("somePodPending"), namespace: ns }),
  /** A pod matching `selector` is bound to `node` (any node when absent); `newOnly`: one that was not there at the step's start. */
  podBoundTo: z.strictObject({
    check: z.literal("podBoundTo"),
    namespace: ns,
    selector: labels,
    node: z.string().optional(),
    newOnly: z.boolean().default(false),
  }),
  /** No live pod carries these labels (a drifted label is gone). */
  noPodsMatching: z.strictObject({ check: z.literal("noPodsMatching"), namespace: ns, selector: labels }),
  /** A node is cordoned (spec.unschedulable). */
  nodeCordoned: z.strictObject({ check: z.literal("nodeCordoned"), node: z.string().optional() }),
  /** The Service's Endpoints hold exactly the IPs of its Ready, selected pods, and at least `count` of them. */
  endpointsContain: z.strictObject({
    check: z.literal("endpointsContain"),
    service: z.string().min(1),
    count,
  }),
  /** The Service's Endpoints hold an IP no Ready selected pod has (a stale or dropped address). */
  endpointsStale: z.strictObject({ check: z.literal("endpointsStale"), service: z.string().min(1) }),
  /** At least `count` live pods carry every label of the Service's selector. */
  selectorMatches: z.strictObject({ check: z.literal("selectorMatches"), service: z.string().min(1), count }),
  /** A pod that was there at the start (same name) now has another IP. */
  podIPChanged: z.strictObject({
    check: z.literal("podIPChanged"),
    namespace: ns,
    selector: labels,
    since,
  }),
  /** The Service exists and its ClusterIP is the one it had at the start (`changed: true`: another one). */
  clusterIP: z.strictObject({
    check: z.literal("clusterIP"),
    service: z.string().min(1),
    changed: z.boolean().default(false),
    since,
  }),
  /** The Service exists. */
  serviceExists: z.strictObject({ check: z.literal("serviceExists"), service: z.string().min(1) }),
  /** Cluster DNS answers `name` (asked from `from`) with the Service's current ClusterIP. */
  dnsResolves: z.strictObject({
    check: z.literal("dnsResolves"),
    name: z.string().min(1),
    from: ns,
    service: z.string().min(1),
  }),
  /** The Deployment's first container's image starts with `prefix`. */
  deploymentImage: z.strictObject({
    check: z.literal("deploymentImage"),
    deployment: z.string().min(1),
    prefix: z.string().min(1),
  }),
  /** Of the requests of the last `seconds` game seconds, at least `ratio` succeeded (and some were made). */
  availability: z.strictObject({
    check: z.literal("availability"),
    ratio: z.number().min(0).max(1),
    seconds: z.number().int().min(1).max(600).default(5),
  }),
} as const;

/** Every check's name. */
export const CHECK_NAMES = Object.keys(CHECK_SCHEMAS) as (keyof typeof CHECK_SCHEMAS)[];

/** One check as a level file writes it (validated, defaults filled). */
export const checkSchema = z.discriminatedUnion("check", [
  CHECK_SCHEMAS.podsRunning,
  CHECK_SCHEMAS.podWaiting,
  CHECK_SCHEMAS.timeAtLeast,
  CHECK_SCHEMAS.newPodsRunning,
  CHECK_SCHEMAS.noPendingPods,
  CHECK_SCHEMAS.somePodPending,
  CHECK_SCHEMAS.podBoundTo,
  CHECK_SCHEMAS.noPodsMatching,
  CHECK_SCHEMAS.nodeCordoned,
  CHECK_SCHEMAS.endpointsContain,
  CHECK_SCHEMAS.endpointsStale,
  CHECK_SCHEMAS.selectorMatches,
  CHECK_SCHEMAS.podIPChanged,
  CHECK_SCHEMAS.clusterIP,
  CHECK_SCHEMAS.serviceExists,
  CHECK_SCHEMAS.dnsResolves,
  CHECK_SCHEMAS.deploymentImage,
  CHECK_SCHEMAS.availability,
]);
/** One validated check. */
export type Check = z.infer<typeof checkSchema>;

function live(p: Pod): boolean {
  return (
    p.metadata.deletionTimestamp === undefined &&
    p.status.phase !== "Succeeded" &&
    p.status.phase !== "Failed"
  );
}

function keyOfPod(p: Pod): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

/** A Service key: `shop/tomcat`, or a bare name in `shop`. */
function serviceKey(name: string): string {
  return name.includes("/") ? name : `shop/${name}`;
}

/** The IPs of the Ready pods a Service selects. */
function readyIPs(world: World, service: string): string[] | undefined {
  const svc = world.store.get("Service", service);
  if (!svc) return undefined;
  return world.store
    .podsMatching(svc.metadata.namespace ?? "default", svc.spec.selector)
    .filter((p) => isPodReady(p) && p.status.podIP)
    .map((p) => p.status.podIP!)
    .sort();
}

function endpointIPs(world: World, service: string): string[] {
  const ep = world.store.get("Endpoints", service);
  return (ep?.subsets ?? []).flatMap((s) => s.addresses.map((a) => a.ip)).sort();
}

/** What the world looks like now, for later comparison. */
export function rememberWorld(world: World): WorldMemory {
  const pods: Record<string, string> = {};
  for (const p of world.store.list("Pod")) if (live(p)) pods[keyOfPod(p)] = p.status.podIP ?? "";
  const clusterIPs: Record<string, string> = {};
  for (const s of world.store.list("Service"))
    clusterIPs[`${s.metadata.namespace}/${s.metadata.name}`] = s.spec.clusterIP;
  return { pods, clusterIPs };
}

/** What changed since a memory: pods gone and new (names), pods that kept their name but not their IP, Services with another ClusterIP. */
export interface WorldChanges {
  gone: string[];
  fresh: string[];
  movedPods: { pod: string; from: string; to: string }[];
  movedServices: { service: string; from: string; to: string }[];
}

/** The changes between a memory and the world now, in name order (the closing card names them). */
export function changesSince(before: WorldMemory, world: World): WorldChanges {
  const now = rememberWorld(world);
  const names = (o: Record<string, string>) => Object.keys(o).sort();
  return {
    gone: names(before.pods).filter((k) => !(k in now.pods)),
    fresh: names(now.pods).filter((k) => !(k in before.pods)),
    movedPods: names(now.pods)
      .filter((k) => before.pods[k] && now.pods[k] && before.pods[k] !== now.pods[k])
      .map((k) => ({ pod: k, from: before.pods[k]!, to: now.pods[k]! })),
    movedServices: names(now.clusterIPs)
      .filter((k) => before.clusterIPs[k] !== undefined && before.clusterIPs[k] !== now.clusterIPs[k])
      .map((k) => ({ service: k, from: before.clusterIPs[k]!, to: now.clusterIPs[k]! })),
  };
}

/** Whether a check holds in this world. */
export function holds(check: Check, world: World, ctx: CheckContext): boolean {
  switch (check.check) {
    case "podsRunning":
      return (
        world.store
          .podsMatching(check.namespace, check.selector)
          .filter(
            (p) =>
              isPodReady(p) &&
              (check.imagePrefix === undefined ||
                (p.spec.containers[0]?.image ?? "").startsWith(check.imagePrefix)),
          ).length >= check.count
      );
    case "podWaiting":
      return world.store
        .podsMatching(check.namespace, check.selector)
        .some(
          (p) =>
            live(p) &&
            (p.status.containerStatuses ?? []).some((c) =>
              check.reason.includes(c.state.waiting?.reason ?? ""),
            ),
        );
    case "timeAtLeast":
      return world.time >= check.seconds;
    case "newPodsRunning": {
      const before = ctx[check.since].pods;
      const fresh = world.store
        .podsMatching(check.namespace, check.selector)
        .filter((p) => isPodReady(p) && !(keyOfPod(p) in before));
      return fresh.length >= check.count;
    }
    case "noPendingPods":
      return !world.store
        .list("Pod")
        .some((p) => p.metadata.namespace === check.namespace && live(p) && !p.spec.nodeName);
    case "somePodPending":
      return world.store
        .list("Pod")
        .some((p) => p.metadata.namespace === check.namespace && live(p) && !p.spec.nodeName);
    case "podBoundTo":
      return world.store
        .podsMatching(check.namespace, check.selector)
        .some(
          (p) =>
            live(p) &&
            !!p.spec.nodeName &&
            (check.node === undefined || p.spec.nodeName === check.node) &&
            !(check.newOnly && keyOfPod(p) in ctx.step.pods),
        );
    case "noPodsMatching":
      return !world.store.podsMatching(check.namespace, check.selector).some(live);
    case "nodeCordoned":
      return world.store
        .list("Node")
        .some((n) => !!n.spec.unschedulable && (check.node === undefined || n.metadata.name === check.node));
    case "endpointsContain": {
      const want = readyIPs(world, serviceKey(check.service));
      if (!want) return false;
      const have = endpointIPs(world, serviceKey(check.service));
      return have.length >= check.count && have.join() === want.join();
    }
    case "endpointsStale": {
      const want = new Set(readyIPs(world, serviceKey(check.service)) ?? []);
      return endpointIPs(world, serviceKey(check.service)).some((ip) => !want.has(ip));
    }
    case "selectorMatches": {
      const svc = world.store.get("Service", serviceKey(check.service));
      if (!svc) return false;
      return (
        world.store.podsMatching(svc.metadata.namespace ?? "default", svc.spec.selector).filter(live)
          .length >= check.count
      );
    }
    case "podIPChanged": {
      const before = ctx[check.since].pods;
      return world.store.podsMatching(check.namespace, check.selector).some((p) => {
        const was = before[keyOfPod(p)];
        return live(p) && !!was && !!p.status.podIP && p.status.podIP !== was;
      });
    }
    case "clusterIP": {
      const key = serviceKey(check.service);
      const svc = world.store.get("Service", key);
      const was = ctx[check.since].clusterIPs[key];
      if (!svc || was === undefined) return false;
      return (svc.spec.clusterIP !== was) === check.changed;
    }
    case "serviceExists":
      return !!world.store.get("Service", serviceKey(check.service));
    case "dnsResolves": {
      const svc = world.store.get("Service", serviceKey(check.service));
      if (!svc) return false;
      const answer = lookup(world, check.name, check.from);
      return !!answer && answer.ips.length === 1 && answer.ips[0] === svc.spec.clusterIP;
    }
    case "deploymentImage": {
      const d = world.store.get("Deployment", serviceKey(check.deployment));
      return !!d && (d.spec.template.spec.containers[0]?.image ?? "").startsWith(check.prefix);
    }
    case "availability": {
      const recent = world.traffic.perSecond.slice(-check.seconds);
      const req = recent.reduce((n, [r]) => n + r, 0);
      const ok = recent.reduce((n, [, o]) => n + o, 0);
      return req > 0 && ok / req >= check.ratio;
    }
  }
}
