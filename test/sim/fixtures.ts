/**
 * Fixture worlds for the simulation core's unit tests, in the style of kubernetes/sample-controller:
 * build a small world (nodes + objects), call one loop's `sync(key, world, ctx)` directly and look at
 * the changes it returns. Objects go in through the API-server path (`applyManifest`) where that is what
 * a user would do, or straight into the store when a test needs a pod in a given state.
 */
import type { Manifest } from "../../shared/sim/apiserver";
import { newMeta } from "../../shared/sim/apiserver";
import { CLOCKS, TICK_SECONDS } from "../../shared/sim/clock";
import { CONTROL_LOOPS } from "../../shared/sim/controllers";
import { clone } from "../../shared/sim/hash";
import type { Change, ControlLoop, SyncContext } from "../../shared/sim/loop";
import { edit, resyncAll } from "../../shared/sim/loop";
import { seedRng } from "../../shared/sim/rng";
import { nmt } from "./scenarios/legacy-nmt";
import { addNode } from "../../shared/sim/nodes";
import { applyManifest } from "../../shared/sim/scenarios/scenario";
import { step } from "../../shared/sim/step";
import { keyOf } from "../../shared/sim/store";
import type {
  Container,
  KubeObject,
  Labels,
  Node,
  ObjectOfKind,
  Kind,
  Pod,
  PodTemplateSpec,
  Service,
} from "../../shared/sim/types";
import { emptyWorld, type World } from "../../shared/sim/world";

/** Node sizes of the fixtures (the nmt scenario's). */
export const ALLOCATABLE = { cpu: 2000, memory: 4096, pods: 110 };

/** An empty cluster: `nodes` Ready nodes, namespaces default/kube-system/shop/other, no traffic. */
export function fixtureWorld(opts: { nodes?: number; seed?: number; allocatable?: typeof ALLOCATABLE } = {}) {
  const seed = opts.seed ?? 1;
  const world = emptyWorld({
    scenario: "fixture",
    seed,
    clock: "arcade",
    rng: seedRng(seed),
    trafficConfig: { ...clone(nmt.traffic), requestsPerSecond: 0 },
  });
  const nodes = { count: opts.nodes ?? 3, allocatable: opts.allocatable ?? ALLOCATABLE };
  for (let i = 0; i < nodes.count; i++) addNode(world, i, nodes);
  for (const ns of ["default", "kube-system", "shop", "other"])
    applyManifest(world, { apiVersion: "v1", kind: "Namespace", metadata: { name: ns }, spec: {} });
  return world;
}

/** Applies manifests (kubectl apply) and returns the stored objects. */
export function apply(world: World, ...manifests: Manifest[]): KubeObject[] {
  return manifests.map((m) => {
    applyManifest(world, m);
    return world.store.get(m.kind, keyOf({ kind: m.kind, metadata: m.metadata } as KubeObject))!;
  });
}

/** A pod template with one container. */
export function podTemplate(
  labels: Labels,
  container: Partial<Container> = {},
  extra: Partial<PodTemplateSpec["spec"]> = {},
): PodTemplateSpec {
  return {
    metadata: { labels },
    spec: {
      restartPolicy: "Always",
      containers: [
        {
          name: "app",
          image: "nginx:1.25",
          resources: { requests: { cpu: 100, memory: 64 } },
          ...container,
        },
      ],
      ...extra,
    },
  };
}

/** A Deployment manifest. */
export function deployment(name: string, ns: string, labels: Labels, replicas: number): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: podTemplate(labels),
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    },
  };
}

/** A bare ReplicaSet manifest (no Deployment above it). */
export function replicaSet(name: string, ns: string, labels: Labels, replicas: number): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: ns, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: podTemplate(labels) },
  };
}

/** A StatefulSet manifest with a `data` volumeClaimTemplate. */
export function statefulSet(name: string, ns: string, labels: Labels, replicas: number): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas,
      serviceName: name,
      podManagementPolicy: "OrderedReady",
      selector: { matchLabels: labels },
      template: podTemplate(labels, { name: name, image: "mysql:8.0" }),
      volumeClaimTemplates: [
        {
          metadata: { name: "data" },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
        },
      ],
    },
  };
}

/** A Service manifest; `clusterIP` "" = allocate, "None" = headless. */
export function service(
  name: string,
  ns: string,
  selector: Labels,
  opts: { clusterIP?: string; type?: Service["spec"]["type"]; port?: number; targetPort?: number } = {},
): Manifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns, labels: { app: name } },
    spec: {
      type: opts.type ?? "ClusterIP",
      clusterIP: opts.clusterIP ?? "",
      selector,
      ports: [{ name: "http", port: opts.port ?? 80, targetPort: opts.targetPort ?? 8080, protocol: "TCP" }],
    },
  };
}

/** Options of {@link putPod}. */
export interface PodOptions {
  labels?: Labels;
  node?: string;
  ip?: string;
  phase?: Pod["status"]["phase"];
  ready?: boolean;
  owner?: KubeObject;
  cpu?: number;
  hostname?: string;
  subdomain?: string;
}

/** Puts a pod straight into the store in the state a test needs (as if the loops had got it there). */
export function putPod(world: World, name: string, ns: string, o: PodOptions = {}): Pod {
  const ready = o.ready ?? (o.phase === undefined || o.phase === "Running");
  const phase = o.phase ?? (o.node ? "Running" : "Pending");
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: newMeta(world, name, ns, o.labels ?? {}, o.owner),
    spec: {
      containers: [
        { name: "app", image: "nginx:1.25", resources: { requests: { cpu: o.cpu ?? 100, memory: 64 } } },
      ],
      restartPolicy: "Always",
    },
    status: { phase, conditions: [] },
  };
  if (o.node) pod.spec.nodeName = o.node;
  if (o.hostname) pod.spec.hostname = o.hostname;
  if (o.subdomain) pod.spec.subdomain = o.subdomain;
  if (o.ip) pod.status.podIP = o.ip;
  if (o.node && phase === "Running") {
    pod.status.startTime = world.time;
    pod.status.conditions = [{ type: "Ready", status: ready ? "True" : "False" }];
    pod.status.containerStatuses = [
      {
        name: "app",
        image: "nginx:1.25",
        ready,
        restartCount: 0,
        state: { running: { startedAt: world.time } },
      },
    ];
  }
  world.store.put(pod);
  return world.store.get("Pod", `${ns}/${name}`)!;
}

/** Rewrites a stored object through a copy (stored objects are never mutated in place). */
export function update<K extends Kind>(
  world: World,
  kind: K,
  key: string,
  fn: (obj: ObjectOfKind<K>) => void,
): ObjectOfKind<K> {
  const next = edit(world.store.get(kind, key)!);
  fn(next);
  world.store.put(next);
  return world.store.get(kind, key)!;
}

/** Marks a node NotReady (what the node lifecycle controller would write). */
export function setNodeNotReady(world: World, name: string): Node {
  return update(world, "Node", name, (n) => {
    n.status.conditions = [{ type: "Ready", status: "False", reason: "NodeStatusUnknown" }];
  });
}

/** A SyncContext at the world's time that records requeues instead of scheduling timers. */
export function syncContext(world: World): {
  ctx: SyncContext;
  requeues: { key: string; seconds: number }[];
} {
  const requeues: { key: string; seconds: number }[] = [];
  return {
    ctx: {
      time: world.time,
      clock: CLOCKS[world.clock],
      rng: world.rng,
      requeueAfter: (key, seconds) => requeues.push({ key, seconds }),
    },
    requeues,
  };
}

/** Calls one loop's sync for one key, as its worker would. */
export function runSync(loop: ControlLoop, key: string, world: World) {
  const { ctx, requeues } = syncContext(world);
  const changes = loop.sync(key, world, ctx);
  return { changes, requeues };
}

/** The objects a list of changes puts (optionally of one kind). */
export function putsOf<K extends Kind>(changes: readonly Change[], kind: K): ObjectOfKind<K>[] {
  return changes.flatMap((c) => (c.op === "put" && c.obj.kind === kind ? [c.obj as ObjectOfKind<K>] : []));
}

/** The `kind/key` of every delete in a list of changes. */
export function deletesOf(changes: readonly Change[]): string[] {
  return changes.flatMap((c) => (c.op === "delete" ? [`${c.kind}/${c.key}`] : []));
}

/** The events in a list of changes. */
export function eventsOf(changes: readonly Change[]) {
  return changes.flatMap((c) => (c.op === "event" ? [c] : []));
}

/** Runs every control loop from a full resync for `seconds` of game time (the bring-up of a fixture). */
export function settle(world: World, seconds: number): void {
  resyncAll(world, CONTROL_LOOPS);
  const ticks = Math.round(seconds / TICK_SECONDS);
  for (let i = 0; i < ticks; i++) step(world, [], TICK_SECONDS);
}

/** Steps a world for `seconds` with no intents. */
export function run(world: World, seconds: number): void {
  const ticks = Math.round(seconds / TICK_SECONDS);
  for (let i = 0; i < ticks; i++) step(world, [], TICK_SECONDS);
}

/** The pods of an app label in a namespace, sorted by key. */
export function podsOf(world: World, ns: string, app: string): Pod[] {
  return world.store.podsMatching(ns, { app });
}
