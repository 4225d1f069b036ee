/**
 * Chaos: faults fired at a game time, from the scenario's seeded schedule or injected by
 * a facilitator. Each type breaks the world the way the real fault would and nothing
 * more — healing is the control loops' (or the players') job.
 *
 * | type               | what breaks                                                     | who heals                          |
 * |--------------------|-----------------------------------------------------------------|------------------------------------|
 * | pod-kill           | a pod is deleted                                                | ReplicaSet/StatefulSet → scheduler |
 * | node-crash         | a machine stops; its node goes NotReady after the grace period  | node lifecycle evicts → controllers|
 * | node-recover       | the machine comes back; its node turns Ready                    | —                                  |
 * | pod-ip-change      | a pod's sandbox dies: same pod, Running, restart +1, NEW IP     | kubelet; DNS/Endpoints follow      |
 * | service-recreate   | a Service is deleted; re-applied it gets a NEW ClusterIP        | service controller, DNS            |
 * | dns-outage         | every CoreDNS pod dies                                          | ReplicaSet → scheduler             |
 * | dns-stale          | CoreDNS keeps serving cached answers past their TTL for a while | time                               |
 * | label-drift        | a pod's label is changed by hand: it falls out of its selector  | ReplicaSet replaces; or labelPod   |
 * | crashloop          | a bad config is rolled out: new pods CrashLoopBackOff           | rolloutUndo (a person)             |
 * | image-pull-fail    | `k8s.gcr.io` unreachable and a workload pulls from it           | setImage to a mirror / rolloutUndo |
 * | volume-detach      | mysql's volume is detached: VOLUME_UNAVAILABLE, data intact     | attach/detach reconcile; deletePod |
 * | traffic-spike      | extra users for a while: OVERLOADED                             | scale                              |
 * | node-join          | a new node joins                                                | DaemonSet covers it                |
 * | bad-rollout        | an image tag that does not exist is rolled out: stuck rollout   | rolloutUndo                        |
 */
import type { ClockTable } from "./clock";
import { CLOCKS } from "./clock";
import { addTimer, del, edit, event, put, type Change } from "./loop";
import { applyChanges } from "./loop";
import { pick } from "./rng";
import { addNode } from "./nodes";
import { keyOf } from "./store";
import type { Deployment, Pod } from "./types";
import { round3, type ChaosEvent, type World } from "./world";
import { CONFIG_ENV } from "./controllers/kubelet";
import { VOLUME_ATTACH_LOOP } from "./controllers/volume-attach";

/** Every chaos type. */
export const CHAOS_TYPES = [
  "pod-kill",
  "node-crash",
  "node-recover",
  "pod-ip-change",
  "service-recreate",
  "dns-outage",
  "dns-stale",
  "label-drift",
  "crashloop",
  "image-pull-fail",
  "volume-detach",
  "traffic-spike",
  "node-join",
  "bad-rollout",
] as const;
/** One chaos type. */
export type ChaosType = (typeof CHAOS_TYPES)[number];

/**
 * Chaos that breaks nothing — a crashed machine coming back, a new node joining — so it
 * opens no incident: scoring it "not recovered" would teach that a node returning is a fault.
 */
export const NOT_A_FAULT: ReadonlySet<string> = new Set<ChaosType>(["node-recover", "node-join"]);

/** What an injection asks for: a type and an optional target (`shop/tomcat`, `node-2`, …). */
export interface ChaosSpec {
  type: ChaosType;
  target?: string;
}

/** A chaos handler: the changes a fault makes, or an error when the target makes no sense. */
export type ChaosHandler = (world: World, target: string | undefined) => Change[] | { error: string };

/** The registry the seed document could not reach, and the mirror it used instead. */
export const UNREACHABLE_REGISTRY = "k8s.gcr.io";
/** A mirror of k8s.gcr.io images that stays reachable. */
export const MIRROR_REGISTRY = "registry.aliyuncs.com/google_containers";
/** How long a traffic spike lasts (game seconds) and how many times the base rate it adds. */
export const SPIKE_SECONDS = 10;
export const SPIKE_FACTOR = 2;
/** How many DNS TTLs stale answers are served for. */
export const STALE_DNS_TTLS = 4;

function splitTarget(target: string, defaultNs = "shop"): [string, string] {
  const i = target.indexOf("/");
  return i < 0 ? [defaultNs, target] : [target.slice(0, i), target.slice(i + 1)];
}

/**
 * Pods a target names: a pod key (`shop/tomcat-…-x7k2p`), or a workload/app name
 * (`shop/tomcat`) meaning the pods labelled `app=tomcat` in that namespace.
 */
export function podsForTarget(world: World, target: string | undefined, fallback = "shop/tomcat"): Pod[] {
  const [ns, name] = splitTarget(target ?? fallback);
  const exact = world.store.get("Pod", `${ns}/${name}`);
  if (exact) return [exact];
  return world.store.podsMatching(ns, { app: name });
}

function livePods(world: World, pods: Pod[]): Pod[] {
  return pods.filter(
    (p) =>
      p.metadata.deletionTimestamp === undefined &&
      p.status.phase !== "Succeeded" &&
      p.status.phase !== "Failed",
  );
}

function deploymentFor(world: World, target: string | undefined, fallback: string): Deployment | undefined {
  const [ns, name] = splitTarget(target ?? fallback);
  return world.store.get("Deployment", `${ns}/${name}`);
}

function chaosEvent(object: string, type: string, message: string): Change {
  return event(object, type, message, "Chaos");
}

/** Rolls a Deployment's first container to a new template (a `kubectl set image/env` by someone). */
function rollTemplate(
  d: Deployment,
  change: (c: Deployment["spec"]["template"]["spec"]["containers"][number]) => void,
) {
  const next = edit(d);
  change(next.spec.template.spec.containers[0]!);
  next.metadata.generation = (next.metadata.generation ?? 1) + 1;
  return next;
}

/** The handlers by type. */
export const CHAOS_HANDLERS: Record<ChaosType, ChaosHandler> = {
  "pod-kill": (world, target) => {
    const pods = livePods(world, podsForTarget(world, target));
    if (pods.length === 0) return { error: `no pod matches "${target ?? "shop/tomcat"}"` };
    const victim = pick(world.rng, pods);
    return [
      del(victim),
      chaosEvent(`Pod/${keyOf(victim)}`, "ChaosPodKill", `pod ${keyOf(victim)} was killed`),
    ];
  },

  "node-crash": (world, target) => {
    const up = world.store.list("Node").filter((n) => world.machines[n.metadata.name]?.up);
    const node = target
      ? up.find((n) => n.metadata.name === target)
      : up.length > 0
        ? pick(world.rng, up)
        : undefined;
    if (!node) return { error: target ? `node ${target} is not up` : "no node is up" };
    const name = node.metadata.name;
    world.machines[name] = { up: false, since: round3(world.time) };
    return [
      chaosEvent(
        `Node/${name}`,
        "ChaosNodeCrash",
        `machine ${name} crashed: its kubelet stopped posting status`,
      ),
    ];
  },

  "node-recover": (world, target) => {
    const down = world.store.list("Node").filter((n) => !world.machines[n.metadata.name]?.up);
    const node = target ? down.find((n) => n.metadata.name === target) : down[0];
    if (!node) return { error: target ? `node ${target} is not down` : "no node is down" };
    const name = node.metadata.name;
    world.machines[name] = { up: true, since: round3(world.time) };
    return [
      chaosEvent(
        `Node/${name}`,
        "ChaosNodeRecover",
        `machine ${name} is back: its kubelet posts status again`,
      ),
    ];
  },

  "pod-ip-change": (world, target) => {
    const pods = livePods(world, podsForTarget(world, target)).filter(
      (p) => p.status.podIP && p.spec.nodeName && world.machines[p.spec.nodeName]?.up,
    );
    if (pods.length === 0) return { error: `no running pod matches "${target ?? "shop/tomcat"}"` };
    const victim = pick(world.rng, pods);
    const next = edit(victim);
    const now = round3(world.time);
    // The sandbox and its network namespace are gone, the pod object stays (still Running):
    // the kubelet notices, kills the containers and makes a new sandbox with a new IP.
    delete next.status.podIP;
    next.status.conditions = [
      ...next.status.conditions.filter((c) => c.type !== "Ready" && c.type !== "ContainersReady"),
      { type: "Ready", status: "False", reason: "SandboxChanged", lastTransitionTime: now },
      { type: "ContainersReady", status: "False", reason: "SandboxChanged", lastTransitionTime: now },
    ];
    next.status.containerStatuses = next.status.containerStatuses?.map((c) => ({ ...c, ready: false }));
    return [
      put(next),
      chaosEvent(
        `Pod/${keyOf(victim)}`,
        "SandboxChanged",
        `pod ${keyOf(victim)} sandbox died: it will be killed and re-created with a new IP (${victim.status.podIP} is gone)`,
      ),
    ];
  },

  "service-recreate": (world, target) => {
    const [ns, name] = splitTarget(target ?? "shop/tomcat");
    const key = `${ns}/${name}`;
    const svc = world.store.get("Service", key);
    if (!svc) return { error: `service ${key} not found` };
    const changes: Change[] = [del(svc)];
    const ep = world.store.get("Endpoints", key);
    if (ep) changes.push(del(ep));
    changes.push(
      chaosEvent(
        `Service/${key}`,
        "ChaosServiceDeleted",
        `service ${key} (ClusterIP ${svc.spec.clusterIP}) was deleted; re-applied it gets a new ClusterIP`,
      ),
    );
    return changes;
  },

  "dns-outage": (world) => {
    const pods = livePods(world, world.store.podsMatching("kube-system", { "k8s-app": "kube-dns" }));
    if (pods.length === 0) return { error: "no CoreDNS pod is running" };
    return [
      ...pods.map(del),
      chaosEvent(
        "Service/kube-system/kube-dns",
        "ChaosDnsOutage",
        `all ${pods.length} CoreDNS pods were killed`,
      ),
    ];
  },

  "dns-stale": (world) => {
    const clock = CLOCKS[world.clock];
    world.faults.staleDns = true;
    world.faults.staleDnsUntil = round3(world.time + STALE_DNS_TTLS * clock.dnsTtl);
    return [
      chaosEvent(
        "Service/kube-system/kube-dns",
        "ChaosStaleDns",
        `CoreDNS serves cached answers past their TTL until t=${world.faults.staleDnsUntil}s`,
      ),
    ];
  },

  "label-drift": (world, target) => {
    const pods = livePods(world, podsForTarget(world, target)).filter((p) => p.metadata.labels.tier);
    if (pods.length === 0) return { error: `no pod with a tier label matches "${target ?? "shop/tomcat"}"` };
    const victim = pick(world.rng, pods);
    const next = edit(victim);
    const was = next.metadata.labels.tier!;
    next.metadata.labels.tier = "debug";
    return [
      put(next),
      chaosEvent(
        `Pod/${keyOf(victim)}`,
        "ChaosLabelDrift",
        `someone ran: kubectl -n ${victim.metadata.namespace} label pod ${victim.metadata.name} tier=debug --overwrite (was tier=${was})`,
      ),
    ];
  },

  crashloop: (world, target) => {
    const d = deploymentFor(world, target, "shop/tomcat");
    if (!d) return { error: `deployment ${target ?? "shop/tomcat"} not found` };
    const next = rollTemplate(d, (c) => {
      c.env = [
        ...(c.env ?? []).filter((e) => e.name !== CONFIG_ENV),
        { name: CONFIG_ENV, value: "broken-v2" },
      ];
    });
    return [
      put(next),
      chaosEvent(
        `Deployment/${keyOf(d)}`,
        "ChaosBadConfig",
        `a bad config (${CONFIG_ENV}=broken-v2) was rolled out to ${keyOf(d)}: new pods will crash — kubectl rollout undo`,
      ),
    ];
  },

  "image-pull-fail": (world, target) => {
    const d = deploymentFor(world, target, "shop/nginx");
    if (!d) return { error: `deployment ${target ?? "shop/nginx"} not found` };
    if (!world.faults.unreachableRegistries.includes(UNREACHABLE_REGISTRY))
      world.faults.unreachableRegistries = [
        ...world.faults.unreachableRegistries,
        UNREACHABLE_REGISTRY,
      ].sort();
    const image = d.spec.template.spec.containers[0]!.image;
    const repo = image.split("/").pop()!;
    const pulled = `${UNREACHABLE_REGISTRY}/${repo}`;
    if (image === pulled)
      return [
        chaosEvent(`Deployment/${keyOf(d)}`, "ChaosRegistryDown", `${UNREACHABLE_REGISTRY} is unreachable`),
      ];
    const next = rollTemplate(d, (c) => {
      c.image = pulled;
    });
    return [
      put(next),
      chaosEvent(
        `Deployment/${keyOf(d)}`,
        "ChaosRegistryDown",
        `${keyOf(d)} now pulls ${pulled} but ${UNREACHABLE_REGISTRY} is unreachable: set a mirror (${MIRROR_REGISTRY}/${repo}) or roll back`,
      ),
    ];
  },

  "volume-detach": (world, target) => {
    const [ns, name] = splitTarget(target ?? "shop/data-mysql-0");
    const key = `${ns}/${name}`;
    const pvc = world.store.get("PersistentVolumeClaim", key);
    if (!pvc) return { error: `persistentvolumeclaim ${key} not found` };
    if (world.faults.detachedVolumes.includes(key)) return { error: `volume of ${key} is already detached` };
    world.faults.detachedVolumes = [...world.faults.detachedVolumes, key].sort();
    addTimer(world, world.time + reattachSeconds(CLOCKS[world.clock]), VOLUME_ATTACH_LOOP, key);
    return [
      chaosEvent(
        `PersistentVolumeClaim/${key}`,
        "ChaosVolumeDetached",
        `the volume of ${key} was detached from its node: its data is intact but unreachable`,
      ),
    ];
  },

  "traffic-spike": (world, target) => {
    const extra =
      target && /^\d+$/.test(target) ? Number(target) : world.trafficConfig.requestsPerSecond * SPIKE_FACTOR;
    world.faults.spike = { extraPerSecond: extra, until: round3(world.time + SPIKE_SECONDS) };
    return [
      chaosEvent(
        `Service/${world.trafficConfig.namespace}/${world.trafficConfig.entryService}`,
        "ChaosTrafficSpike",
        `+${extra} requests/s for ${SPIKE_SECONDS}s`,
      ),
    ];
  },

  "node-join": (world) => {
    const nodes = world.store.list("Node");
    const template = nodes[0];
    if (!template) return { error: "no node to copy capacity from" };
    let index = 0;
    for (const n of nodes) index = Math.max(index, Number(n.metadata.name.replace(/^node-/, "")) || 0);
    const node = addNode(world, index, {
      ...world.nodeNetworks,
      count: nodes.length + 1,
      allocatable: { ...template.status.allocatable },
    });
    return [
      chaosEvent(
        `Node/${node.metadata.name}`,
        "ChaosNodeJoin",
        `node ${node.metadata.name} joined the cluster (podCIDR ${node.spec.podCIDR})`,
      ),
    ];
  },

  "bad-rollout": (world, target) => {
    const d = deploymentFor(world, target, "shop/nginx");
    if (!d) return { error: `deployment ${target ?? "shop/nginx"} not found` };
    const image = d.spec.template.spec.containers[0]!.image;
    const repo = image.replace(/:[^:/]*$/, "");
    const next = rollTemplate(d, (c) => {
      c.image = `${repo}:does-not-exist`;
    });
    return [
      put(next),
      chaosEvent(
        `Deployment/${keyOf(d)}`,
        "ChaosBadRollout",
        `${keyOf(d)} was rolled out with image ${repo}:does-not-exist — kubectl rollout undo`,
      ),
    ];
  },
};

/** How long a detached volume stays detached before the attach/detach reconcile re-attaches it. */
export function reattachSeconds(clock: ClockTable): number {
  return clock.nodeGracePeriod;
}

/** Whether a string is a chaos type. */
export function isChaosType(type: string): type is ChaosType {
  return (CHAOS_TYPES as readonly string[]).includes(type);
}

/**
 * Checks a target without changing anything: undefined when it names something of the
 * right kind (or when none is needed), else why not.
 */
export function checkChaosTarget(world: World, spec: ChaosSpec): string | undefined {
  const t = spec.target;
  if (t === undefined) return undefined;
  if (t.length === 0 || t.length > 253 || !/^[a-z0-9][a-z0-9./-]*$/.test(t))
    return `"${t}" is not a valid target`;
  switch (spec.type) {
    case "node-crash":
    case "node-recover":
      return world.store.get("Node", t) ? undefined : `node ${t} not found`;
    case "pod-kill":
    case "pod-ip-change":
    case "label-drift":
      return podsForTarget(world, t).length > 0 ? undefined : `no pod matches "${t}"`;
    case "service-recreate":
      return world.serviceManifests[splitTarget(t).join("/")] ? undefined : `service ${t} not found`;
    case "crashloop":
    case "image-pull-fail":
    case "bad-rollout":
      return deploymentFor(world, t, "") ? undefined : `deployment ${t} not found`;
    case "volume-detach":
      return world.store.get("PersistentVolumeClaim", splitTarget(t).join("/"))
        ? undefined
        : `persistentvolumeclaim ${t} not found`;
    case "traffic-spike":
      return /^\d+$/.test(t) && Number(t) <= 10_000
        ? undefined
        : `traffic-spike takes requests/s, got "${t}"`;
    case "dns-outage":
    case "dns-stale":
    case "node-join":
      return `${spec.type} takes no target`;
  }
}

/** Queues an injected chaos event for the next tick; refuses unknown types and bad targets. */
export function injectChaos(world: World, spec: ChaosSpec): { ok: true } | { ok: false; error: string } {
  if (!isChaosType(spec.type))
    return {
      ok: false,
      error: `unknown chaos type "${String(spec.type)}" (known: ${CHAOS_TYPES.join(", ")})`,
    };
  const bad = checkChaosTarget(world, spec);
  if (bad) return { ok: false, error: bad };
  scheduleChaos(world, {
    at: round3(world.time),
    type: spec.type,
    ...(spec.target ? { target: spec.target } : {}),
    source: "injected",
  });
  return { ok: true };
}

/** Inserts a chaos event in time order (ties keep insertion order). */
export function scheduleChaos(world: World, ev: ChaosEvent): void {
  const p = world.chaos.pending;
  let i = p.length;
  while (i > 0 && p[i - 1]!.at > ev.at) i--;
  p.splice(i, 0, ev);
}

/** Fires every chaos event that is due, and ends timed faults whose time is up. */
export function runChaos(world: World): void {
  if (
    world.faults.staleDns &&
    world.faults.staleDnsUntil > 0 &&
    world.time + 1e-9 >= world.faults.staleDnsUntil
  ) {
    world.faults.staleDns = false;
    world.faults.staleDnsUntil = 0;
    applyChanges(world, [
      event("Service/kube-system/kube-dns", "StaleDnsOver", "CoreDNS honours TTLs again"),
    ]);
  }
  const p = world.chaos.pending;
  while (p.length > 0 && p[0]!.at <= world.time + 1e-9) {
    const ev = p.shift()!;
    const handler = isChaosType(ev.type) ? CHAOS_HANDLERS[ev.type] : undefined;
    const out = handler ? handler(world, ev.target) : { error: "no handler" };
    if ("error" in out) {
      applyChanges(world, [event(`Chaos/${ev.type}`, "ChaosSkipped", out.error, "Warning")]);
      world.chaos.fired.push({ ...ev, skipped: true });
    } else {
      applyChanges(world, out);
      world.chaos.fired.push(ev);
    }
  }
}
