/**
 * The game's objects as the Kubernetes API server returns them (`kubectl get -o json`):
 * RFC 3339 timestamps from a fixed epoch plus game time, resource quantities as strings
 * (`250m`, `256Mi`), the fields the API server and kubelet fill in (`imageID`,
 * `containerID`, `numberMisscheduled`, …) and none of the game's own bookkeeping (a
 * waiting container's `since`/`attempt`). Pure: the same world gives the same objects.
 */
import { shouldRunOn } from "../sim/controllers/daemonset";
import { clone, digest, fnv1a } from "../sim/hash";
import { NAME_ALPHABET } from "../sim/rng";
import { CLOCKS } from "../sim/clock";
import { NOT_READY_TAINT, UNREACHABLE_TAINT } from "../sim/controllers/node-lifecycle";
import { REVISION_ANNOTATION } from "../sim/controllers/rollout";
import { isTerminated } from "../sim/store";
import { KINDS } from "../sim/types";
import type {
  Condition,
  Container,
  ContainerStatus,
  DaemonSet,
  Deployment,
  EndpointAddress,
  Endpoints,
  Job,
  Kind,
  KubeObject,
  Namespace,
  Node,
  ObjectMeta,
  PersistentVolumeClaim,
  Pod,
  PodSpec,
  PodTemplateSpec,
  ReplicaSet,
  ResourceList,
  Service,
  StatefulSet,
  Taint,
  Toleration,
} from "../sim/types";
import type { SimEvent, World } from "../sim/world";

/** `metadata` as the API returns it: timestamps are RFC 3339 strings. */
export interface ApiObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: {
    apiVersion: string;
    kind: string;
    name: string;
    uid: string;
    controller: boolean;
    blockOwnerDeletion: boolean;
  }[];
}

/** An object as the Kubernetes API returns it (apiVersion, kind, metadata, then spec/status or the kind's own fields). */
export interface ApiObject {
  apiVersion: string;
  kind: string;
  metadata: ApiObjectMeta;
  [field: string]: unknown;
}

/** The wall-clock instant game second 0 stands for. */
export const EPOCH = "2026-01-01T00:00:00Z";
/** {@link EPOCH} in seconds since 1970-01-01T00:00:00Z. */
const EPOCH_UNIX_SECONDS = 1_767_225_600;
/** The Kubernetes version the simulated nodes report (DESIGN cites v1.33 behaviour). */
export const KUBERNETES_VERSION = "v1.33.0";
/** The grace period a Pod gets by default (`terminationGracePeriodSeconds`). */
const GRACE_SECONDS = 30;

/**
 * The wall-clock instant of a game time: a fixed epoch (2026-01-01T00:00:00Z) plus the game
 * seconds, RFC 3339 to the second (metav1.Time drops the fraction, so it truncates down).
 */
export function timestampOf(gameSeconds: number): string {
  // Game time is kept to the millisecond; round first so 2.9999999 is not read as 2.
  const unix = EPOCH_UNIX_SECONDS + Math.floor(Math.round(gameSeconds * 1000) / 1000);
  const days = Math.floor(unix / 86_400);
  const secs = unix - days * 86_400;
  // Howard Hinnant's civil_from_days: no Date in shared/ (determinism rule).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${String(year).padStart(4, "0")}-${p2(month)}-${p2(day)}T${p2(Math.floor(secs / 3600))}:${p2(Math.floor(secs / 60) % 60)}:${p2(secs % 60)}Z`;
}

/**
 * The game time of an RFC 3339 instant written by {@link timestampOf} (whole seconds), or
 * undefined when the text is not one: for AGE columns computed from API objects.
 */
export function gameSecondsOf(timestamp: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(timestamp);
  if (!m) return undefined;
  const [year, month, day, h, min, sec] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return days * 86_400 + h * 3600 + min * 60 + sec - EPOCH_UNIX_SECONDS;
}

/** A CPU amount in millicores as a Kubernetes quantity: `250m`, or whole cores as `2`. */
export function cpuQuantity(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${Math.round(millicores)}m`;
}

/** A memory amount in MiB as a canonical Kubernetes quantity: `256Mi`, `4Gi`, `512Ki`. */
export function memoryQuantity(mebibytes: number): string {
  const units = ["", "Ki", "Mi", "Gi", "Ti"] as const;
  let n = Math.round(mebibytes * 1024 * 1024);
  if (n === 0) return "0";
  let u = 0;
  while (u < units.length - 1 && n % 1024 === 0) {
    n /= 1024;
    u++;
  }
  return `${n}${units[u]}`;
}

function resources(r: ResourceList): Record<string, string> {
  return { cpu: cpuQuantity(r.cpu), memory: memoryQuantity(r.memory) };
}

/** 32 hex digits from a text (two digests): stable IDs where the game keeps none. */
function hex32(text: string): string {
  return digest(text) + digest(`${text}\u0000`);
}

/** 64 hex digits from a text: the shape of a container ID or an image's sha256 digest. */
function hex64(text: string): string {
  return hex32(`${text}#1`) + hex32(`${text}#2`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A UID as Kubernetes writes it (a UUID); the game's derived uids (`…-ep`) are hashed into one. */
function uuidOf(uid: string): string {
  if (UUID.test(uid)) return uid;
  const h = hex32(uid);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The 5-character generateName suffix of a Service's EndpointSlice, derived from its Endpoints' uid. */
export function sliceSuffix(uid: string): string {
  let n = fnv1a(uid);
  let s = "";
  for (let i = 0; i < 5; i++) {
    s += NAME_ALPHABET[n % NAME_ALPHABET.length];
    n = Math.floor(n / NAME_ALPHABET.length);
  }
  return s;
}

const nonEmpty = <T extends object>(o: T | undefined): T | undefined =>
  o && Object.keys(o).length > 0 ? o : undefined;

/** Drops undefined fields, so the JSON and YAML carry only what the API would print. */
function defined<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

function meta(
  m: ObjectMeta,
  opts: {
    generation?: boolean;
    extraLabels?: Record<string, string>;
    extraAnnotations?: Record<string, string>;
  } = {},
): ApiObjectMeta {
  const labels = nonEmpty({ ...m.labels, ...opts.extraLabels });
  const annotations = nonEmpty({ ...m.annotations, ...opts.extraAnnotations });
  return defined({
    name: m.name,
    namespace: m.namespace,
    uid: uuidOf(m.uid),
    resourceVersion: m.resourceVersion,
    generation: opts.generation ? (m.generation ?? 1) : undefined,
    creationTimestamp: timestampOf(m.creationTimestamp),
    deletionTimestamp: m.deletionTimestamp === undefined ? undefined : timestampOf(m.deletionTimestamp),
    deletionGracePeriodSeconds: m.deletionTimestamp === undefined ? undefined : 0,
    labels: labels ? { ...labels } : undefined,
    annotations,
    ownerReferences: m.ownerReferences?.map((r) => ({ ...r, blockOwnerDeletion: true })),
  });
}

function condition(c: Condition, extra: "lastUpdateTime" | "lastProbeTime" | null = null) {
  const at = c.lastTransitionTime === undefined ? undefined : timestampOf(c.lastTransitionTime);
  return defined({
    type: c.type,
    status: c.status,
    ...(extra && at ? { [extra]: at } : {}),
    lastTransitionTime: at,
    reason: c.reason,
    message: c.message,
  });
}

/** `Always` for an untagged or `:latest` image, else `IfNotPresent` (the API server's default). */
function pullPolicy(image: string): string {
  if (image.includes("@")) return "IfNotPresent";
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag === undefined || tag === "latest" ? "Always" : "IfNotPresent";
}

function container(c: Container) {
  return defined({
    name: c.name,
    image: c.image,
    imagePullPolicy: pullPolicy(c.image),
    ports: c.ports?.map((p) => defined({ name: p.name, containerPort: p.containerPort, protocol: "TCP" })),
    env: c.env?.map((e) => ({ ...e })),
    resources: { requests: resources(c.resources.requests) },
    volumeMounts: c.volumeMounts?.map((v) => ({ ...v })),
    terminationMessagePath: "/dev/termination-log",
    terminationMessagePolicy: "File",
  });
}

/** A pod spec with the defaults the API server fills in. */
function podSpec(s: PodSpec, isPod: boolean) {
  return defined({
    nodeName: s.nodeName,
    hostname: s.hostname,
    subdomain: s.subdomain,
    containers: s.containers.map(container),
    restartPolicy: s.restartPolicy,
    dnsPolicy: "ClusterFirst",
    schedulerName: "default-scheduler",
    // The ServiceAccount admission plugin sets it on Pods, not on templates.
    serviceAccountName: isPod ? "default" : undefined,
    securityContext: {},
    terminationGracePeriodSeconds: GRACE_SECONDS,
    tolerations: s.tolerations?.map((t) => ({ ...t })),
    volumes: s.volumes?.map((v) => clone(v)),
  });
}

function template(t: PodTemplateSpec) {
  return {
    metadata: defined({ labels: { ...t.metadata.labels }, annotations: nonEmpty(t.metadata.annotations) }),
    spec: podSpec(t.spec, false),
  };
}

/** The image digest a registry would answer for an image reference (`docker.io/library/nginx@sha256:…`). */
function imageIDOf(image: string): string {
  const repo = image.replace(/[:@].*$/, "");
  const full = repo.includes("/")
    ? repo.split("/")[0]!.includes(".")
      ? repo
      : `docker.io/${repo}`
    : `docker.io/library/${repo}`;
  return `${full}@sha256:${hex64(image)}`;
}

function containerStatus(pod: Pod, cs: ContainerStatus) {
  const { waiting, running, terminated } = cs.state;
  // A container that never started (ContainerCreating, ImagePullBackOff) has no ID and no image digest yet.
  const started = running !== undefined || terminated !== undefined || cs.restartCount > 0;
  const containerID = started
    ? `containerd://${hex64(`${pod.metadata.uid}/${cs.name}/${cs.restartCount}`)}`
    : undefined;
  const state = waiting
    ? { waiting: defined({ reason: waiting.reason, message: waiting.message }) }
    : running
      ? { running: { startedAt: timestampOf(running.startedAt) } }
      : terminated
        ? {
            terminated: {
              exitCode: terminated.exitCode,
              reason: terminated.reason,
              finishedAt: timestampOf(terminated.finishedAt),
              containerID,
            },
          }
        : {};
  return defined({
    name: cs.name,
    image: cs.image,
    imageID: started ? imageIDOf(cs.image) : "",
    containerID,
    ready: cs.ready,
    started: running !== undefined,
    restartCount: cs.restartCount,
    state,
    lastState: {},
  });
}

/** `Burstable` when some container requests something (the game sets no limits), else `BestEffort`. */
function qosClass(pod: Pod): string {
  return pod.spec.containers.some((c) => c.resources.requests.cpu > 0 || c.resources.requests.memory > 0)
    ? "Burstable"
    : "BestEffort";
}

/**
 * A pod's tolerations as the DefaultTolerationSeconds admission plugin leaves them: one for
 * the not-ready and unreachable NoExecute taints unless the pod has its own, for as long as
 * the game's clock lets a pod stay on a failed node (300 s on the realistic clock).
 */
function podTolerations(world: World, pod: Pod): Toleration[] | undefined {
  const own = pod.spec.tolerations ?? [];
  const seconds = CLOCKS[world.clock].evictionToleration;
  const defaults = [NOT_READY_TAINT, UNREACHABLE_TAINT]
    .filter(
      (key) =>
        !own.some(
          (t) =>
            (t.key === key || (t.key === undefined && t.operator === "Exists")) &&
            (t.effect ?? "NoExecute") === "NoExecute",
        ),
    )
    .map((key): Toleration => ({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: seconds }));
  const all = [...own.map((t) => ({ ...t })), ...defaults];
  return all.length ? all : undefined;
}

function podObject(world: World, pod: Pod): ApiObject {
  const s = pod.status;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      ...meta(pod.metadata),
      ...(pod.metadata.deletionTimestamp === undefined ? {} : { deletionGracePeriodSeconds: GRACE_SECONDS }),
    },
    spec: defined({ ...podSpec(pod.spec, true), tolerations: podTolerations(world, pod) }),
    status: defined({
      phase: s.phase,
      reason: s.reason,
      message: s.message,
      conditions: s.conditions.map((c) => condition(c)),
      hostIP: s.hostIP,
      hostIPs: s.hostIP ? [{ ip: s.hostIP }] : undefined,
      podIP: s.podIP,
      podIPs: s.podIP ? [{ ip: s.podIP }] : undefined,
      startTime: s.startTime === undefined ? undefined : timestampOf(s.startTime),
      containerStatuses: s.containerStatuses?.map((cs) => containerStatus(pod, cs)),
      qosClass: qosClass(pod),
    }),
  };
}

function taint(t: Taint) {
  return defined({
    key: t.key,
    value: t.value,
    effect: t.effect,
    timeAdded: t.timeAdded === undefined ? undefined : timestampOf(t.timeAdded),
  });
}

function nodeObject(world: World, node: Node): ApiObject {
  // The kubelet of a running machine has just posted status; a dead one last did when it went down.
  const machine = world.machines[node.metadata.name];
  const heartbeat =
    machine && !machine.up ? timestampOf(machine.downSince ?? machine.since) : timestampOf(world.time);
  const capacity = (r: Node["status"]["capacity"]) => ({ ...resources(r), pods: String(r.pods) });
  const id = hex32(node.metadata.uid);
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: meta(node.metadata),
    spec: defined({
      podCIDR: node.spec.podCIDR,
      podCIDRs: [...node.spec.podCIDRs],
      unschedulable: node.spec.unschedulable || undefined,
      taints: node.spec.taints?.length ? node.spec.taints.map(taint) : undefined,
    }),
    status: {
      addresses: node.status.addresses.map((a) => ({ ...a })),
      capacity: capacity(node.status.capacity),
      allocatable: capacity(node.status.allocatable),
      conditions: node.status.conditions.map((c) => ({
        ...condition(c),
        lastHeartbeatTime: heartbeat,
      })),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: "amd64",
        bootID: uuidOf(`${node.metadata.uid}/boot`),
        containerRuntimeVersion: "containerd://1.7.27",
        kernelVersion: "6.8.0-60-generic",
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: id,
        operatingSystem: "linux",
        osImage: "Ubuntu 24.04.2 LTS",
        systemUUID: uuidOf(`${node.metadata.uid}/system`),
      },
    },
  };
}

function namespaceObject(ns: Namespace): ApiObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    // The NamespaceDefaultLabelName admission (v1.22+) labels every namespace with its name.
    metadata: meta(ns.metadata, { extraLabels: { "kubernetes.io/metadata.name": ns.metadata.name } }),
    spec: { finalizers: ["kubernetes"] },
    status: { phase: ns.status.phase },
  };
}

function serviceObject(svc: Service): ApiObject {
  const s = svc.spec;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(svc.metadata),
    spec: defined({
      type: s.type,
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
      externalTrafficPolicy: s.type === "NodePort" ? "Cluster" : undefined,
      ports: s.ports.map((p) =>
        defined({
          name: p.name,
          protocol: p.protocol,
          port: p.port,
          targetPort: p.targetPort,
          nodePort: p.nodePort,
        }),
      ),
      selector: nonEmpty(s.selector) ? { ...s.selector } : undefined,
      publishNotReadyAddresses: s.publishNotReadyAddresses,
      sessionAffinity: "None",
    }),
    status: { loadBalancer: {} },
  };
}

function address(a: EndpointAddress) {
  return defined({ ip: a.ip, hostname: a.hostname, nodeName: a.nodeName, targetRef: { ...a.targetRef } });
}

function endpointsObject(ep: Endpoints): ApiObject {
  // The API drops a subset with no address at all, and `subsets` when none is left.
  const subsets = ep.subsets
    .filter((s) => s.addresses.length > 0 || (s.notReadyAddresses?.length ?? 0) > 0)
    .map((s) =>
      defined({
        addresses: s.addresses.length ? s.addresses.map(address) : undefined,
        notReadyAddresses: s.notReadyAddresses?.length ? s.notReadyAddresses.map(address) : undefined,
        ports: s.ports.map((p) => defined({ name: p.name, port: p.port, protocol: p.protocol })),
      }),
    );
  return defined({
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: meta(ep.metadata),
    subsets: subsets.length ? subsets : undefined,
  });
}

function deploymentObject(world: World, d: Deployment): ApiObject {
  const s = d.status;
  // The deployment controller copies its newest ReplicaSet's revision onto the Deployment.
  const revisions = world.store
    .ownedObjects(d.metadata.uid, "ReplicaSet")
    .map((rs) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0));
  const revision = Math.max(0, ...revisions);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(d.metadata, {
      generation: true,
      extraAnnotations: revision > 0 ? { [REVISION_ANNOTATION]: String(revision) } : undefined,
    }),
    spec: {
      replicas: d.spec.replicas,
      selector: { matchLabels: { ...d.spec.selector.matchLabels } },
      template: template(d.spec.template),
      strategy: clone(d.spec.strategy),
      revisionHistoryLimit: d.spec.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: 600,
    },
    // DeploymentStatus' counts are `omitempty`: a zero is not printed.
    status: defined({
      observedGeneration: s.observedGeneration,
      replicas: s.replicas || undefined,
      updatedReplicas: s.updatedReplicas || undefined,
      readyReplicas: s.readyReplicas || undefined,
      availableReplicas: s.availableReplicas || undefined,
      unavailableReplicas: Math.max(0, s.replicas - s.availableReplicas) || undefined,
      conditions: s.conditions?.map((c) => condition(c, "lastUpdateTime")),
    }),
  };
}

function replicaSetObject(rs: ReplicaSet): ApiObject {
  const s = rs.status;
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: meta(rs.metadata, { generation: true }),
    spec: {
      replicas: rs.spec.replicas,
      selector: { matchLabels: { ...rs.spec.selector.matchLabels } },
      template: template(rs.spec.template),
    },
    status: defined({
      replicas: s.replicas,
      fullyLabeledReplicas: s.replicas || undefined,
      readyReplicas: s.readyReplicas || undefined,
      availableReplicas: s.availableReplicas || undefined,
      observedGeneration: rs.metadata.generation ?? 1,
    }),
  };
}

function statefulSetObject(sts: StatefulSet): ApiObject {
  const s = sts.spec;
  const type = s.updateStrategy?.type ?? "RollingUpdate";
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: meta(sts.metadata, { generation: true }),
    spec: {
      replicas: s.replicas,
      serviceName: s.serviceName,
      selector: { matchLabels: { ...s.selector.matchLabels } },
      template: template(s.template),
      volumeClaimTemplates: s.volumeClaimTemplates.map((t) => ({
        apiVersion: "v1",
        kind: "PersistentVolumeClaim",
        metadata: { name: t.metadata.name },
        spec: { ...clone(t.spec), volumeMode: "Filesystem" },
        status: { phase: "Pending" },
      })),
      podManagementPolicy: s.podManagementPolicy,
      updateStrategy: type === "RollingUpdate" ? { type, rollingUpdate: { partition: 0 } } : { type },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
    },
    status: defined({
      observedGeneration: sts.metadata.generation ?? 1,
      replicas: sts.status.replicas,
      readyReplicas: sts.status.readyReplicas || undefined,
      currentReplicas: sts.status.currentReplicas || undefined,
      // minReadySeconds is 0, so a Ready pod is an available one.
      availableReplicas: sts.status.readyReplicas,
      collisionCount: 0,
    }),
  };
}

function daemonSetObject(world: World, ds: DaemonSet): ApiObject {
  // Nodes running a live pod of it that it should not run on (a taint it does not tolerate).
  const nodes = new Set(
    world.store
      .podsOwnedBy(ds.metadata.uid)
      .filter((p) => !isTerminated(p) && p.metadata.deletionTimestamp === undefined && p.spec.nodeName)
      .map((p) => p.spec.nodeName!),
  );
  let misscheduled = 0;
  for (const name of nodes) {
    const node = world.store.get("Node", name);
    if (!node || !shouldRunOn(ds, node)) misscheduled++;
  }
  const s = ds.status;
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: meta(ds.metadata, { generation: true }),
    spec: {
      selector: { matchLabels: { ...ds.spec.selector.matchLabels } },
      template: template(ds.spec.template),
      updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      revisionHistoryLimit: 10,
    },
    status: defined({
      currentNumberScheduled: s.currentNumberScheduled,
      desiredNumberScheduled: s.desiredNumberScheduled,
      numberMisscheduled: misscheduled,
      numberReady: s.numberReady,
      numberAvailable: s.numberReady || undefined,
      numberUnavailable: Math.max(0, s.desiredNumberScheduled - s.numberReady) || undefined,
      updatedNumberScheduled: s.currentNumberScheduled || undefined,
      observedGeneration: ds.metadata.generation ?? 1,
    }),
  };
}

function jobObject(job: Job): ApiObject {
  const s = job.status;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: meta(job.metadata, { generation: true }),
    spec: defined({
      completions: job.spec.completions,
      parallelism: job.spec.parallelism,
      backoffLimit: job.spec.backoffLimit,
      completionMode: "NonIndexed",
      suspend: false,
      selector: job.spec.selector ? { matchLabels: { ...job.spec.selector.matchLabels } } : undefined,
      template: template(job.spec.template),
    }),
    // JobStatus' counts are `omitempty`.
    status: defined({
      startTime: s.startTime === undefined ? undefined : timestampOf(s.startTime),
      completionTime: s.completionTime === undefined ? undefined : timestampOf(s.completionTime),
      active: s.active || undefined,
      succeeded: s.succeeded || undefined,
      failed: s.failed || undefined,
      conditions: s.conditions?.map((c) => condition(c, "lastProbeTime")),
      uncountedTerminatedPods: {},
    }),
  };
}

function pvcObject(pvc: PersistentVolumeClaim): ApiObject {
  const bound = pvc.status.phase === "Bound";
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: meta(pvc.metadata),
    spec: defined({
      accessModes: [...pvc.spec.accessModes],
      resources: { requests: { ...pvc.spec.resources.requests } },
      volumeMode: "Filesystem",
      volumeName: pvc.spec.volumeName,
    }),
    status: defined({
      phase: pvc.status.phase,
      accessModes: bound ? [...pvc.spec.accessModes] : undefined,
      capacity: bound ? { storage: pvc.spec.resources.requests.storage } : undefined,
    }),
  };
}

/** The object as the Kubernetes API returns it (apiVersion, kind, metadata with RFC 3339 creationTimestamp, spec, status). */
export function toApiObject(world: World, obj: KubeObject): ApiObject {
  switch (obj.kind) {
    case "Pod":
      return podObject(world, obj);
    case "Node":
      return nodeObject(world, obj);
    case "Namespace":
      return namespaceObject(obj);
    case "Service":
      return serviceObject(obj);
    case "Endpoints":
      return endpointsObject(obj);
    case "Deployment":
      return deploymentObject(world, obj);
    case "ReplicaSet":
      return replicaSetObject(obj);
    case "StatefulSet":
      return statefulSetObject(obj);
    case "DaemonSet":
      return daemonSetObject(world, obj);
    case "Job":
      return jobObject(obj);
    case "PersistentVolumeClaim":
      return pvcObject(obj);
  }
}

/** kubectl's order: namespace, then name (cluster-scoped objects by name). */
function byNamespaceThenName(a: ApiObject, b: ApiObject): number {
  const na = a.metadata.namespace ?? "";
  const nb = b.metadata.namespace ?? "";
  if (na !== nb) return na < nb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}

/** Every object of a kind as API objects, in kubectl's order (namespace, then name). */
export function apiObjectsOf(world: World, kind: Kind): ApiObject[] {
  return world.store
    .list(kind)
    .map((o) => toApiObject(world, o))
    .sort(byNamespaceThenName);
}

/**
 * The `discovery.k8s.io/v1` EndpointSlices the EndpointSlice controller would keep for the
 * world's Endpoints (the game keeps Endpoints; kube-proxy has watched slices since v1.21):
 * one IPv4 slice per Service, named `<service>-<5 characters>` (a generateName suffix
 * derived from the Endpoints' uid, so it stays put), in kubectl's order.
 */
export function endpointSlicesOf(world: World): ApiObject[] {
  const slices: ApiObject[] = [];
  for (const ep of world.store.list("Endpoints")) {
    const ns = ep.metadata.namespace ?? "default";
    const svc = world.store.get("Service", `${ns}/${ep.metadata.name}`);
    const endpoint = (a: EndpointAddress, ready: boolean) => {
      const pod = world.store.get("Pod", `${a.targetRef.namespace}/${a.targetRef.name}`);
      const terminating = pod?.metadata.deletionTimestamp !== undefined;
      return defined({
        addresses: [a.ip],
        // A terminating pod whose containers still run still serves (KEP-1672).
        conditions: {
          ready,
          serving: ready || (terminating && pod !== undefined && containersUp(pod)),
          terminating,
        },
        hostname: a.hostname,
        nodeName: a.nodeName,
        targetRef: { ...a.targetRef },
      });
    };
    const endpoints = [
      ...ep.subsets.flatMap((s) => s.addresses.map((a) => endpoint(a, true))),
      ...ep.subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => endpoint(a, false))),
    ];
    const ports = new Map<string, { name: string; port: number; protocol: string }>();
    for (const p of ep.subsets.flatMap((s) => s.ports))
      ports.set(`${p.name ?? ""}/${p.port}/${p.protocol}`, {
        name: p.name ?? "",
        port: p.port,
        protocol: p.protocol,
      });
    const labels: Record<string, string> = {
      ...svc?.metadata.labels,
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      "kubernetes.io/service-name": ep.metadata.name,
    };
    if (svc?.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    slices.push(
      defined({
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: defined({
          name: `${ep.metadata.name}-${sliceSuffix(ep.metadata.uid)}`,
          namespace: ns,
          uid: uuidOf(`${ep.metadata.uid}/slice`),
          resourceVersion: ep.metadata.resourceVersion,
          generation: 1,
          creationTimestamp: timestampOf(ep.metadata.creationTimestamp),
          labels,
          ownerReferences: svc
            ? [
                {
                  apiVersion: "v1",
                  kind: "Service",
                  name: svc.metadata.name,
                  uid: uuidOf(svc.metadata.uid),
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ]
            : undefined,
        }),
        addressType: "IPv4",
        // The controller writes `endpoints: null` for a Service with no pods; JSON drops it.
        endpoints: endpoints.length ? endpoints : undefined,
        ports: [...ports.values()],
      }),
    );
  }
  return slices.sort(byNamespaceThenName);
}

/** Whether every container of a pod is running (a terminating pod still serves until they stop). */
function containersUp(pod: Pod): boolean {
  const cs = pod.status.containerStatuses ?? [];
  return cs.length > 0 && cs.every((c) => c.state.running !== undefined);
}

/** The component that reports an event, by the involved object's kind (Pod events: by reason). */
const EVENT_COMPONENTS: Record<string, string> = {
  Deployment: "deployment-controller",
  ReplicaSet: "replicaset-controller",
  StatefulSet: "statefulset-controller",
  DaemonSet: "daemonset-controller",
  Job: "job-controller",
  Node: "node-controller",
  Service: "service-controller",
  Endpoints: "endpoint-controller",
  PersistentVolumeClaim: "persistentvolume-controller",
  Namespace: "namespace-controller",
};

/**
 * A world event as the core/v1 Event the API would hold: named `<object>.<16 hex digits>`
 * (`seq` is the event's number since the world began: `world.eventsDropped` + its index),
 * in the involved object's namespace (`default` for cluster-scoped ones). The game's
 * `Chaos` events are Warnings reported by `reconcile.game/chaos`; `Intent` ones are
 * Normal, reported by `reconcile.game/player`. Undefined for the game's own notes that name
 * no API object (`Intent/scale`: the players' action log).
 */
export function eventObjectOf(world: World, e: SimEvent, seq: number): ApiObject | undefined {
  const [kind = "", a = "", b] = e.object.split("/");
  if (!(KINDS as readonly string[]).includes(kind) || a === "") return undefined;
  const name = b === undefined ? a : b;
  const namespace = b === undefined ? "default" : a;
  const involved = world.store.get(kind as Kind, b === undefined ? a : `${a}/${b}`);
  const component =
    e.severity === "Chaos"
      ? "reconcile.game/chaos"
      : e.severity === "Intent"
        ? "reconcile.game/player"
        : kind === "Pod"
          ? /Schedul/.test(e.type)
            ? "default-scheduler"
            : "kubelet"
          : (EVENT_COMPONENTS[kind] ?? "");
  const at = timestampOf(e.time);
  const id = `${seq}/${e.object}/${e.time}`;
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: `${name}.${seq.toString(16).padStart(16, "0")}`,
      namespace,
      uid: uuidOf(`event/${id}`),
      resourceVersion: String(seq + 1),
      creationTimestamp: at,
    },
    involvedObject: defined({
      apiVersion: involved?.apiVersion,
      kind,
      name,
      namespace: b === undefined ? undefined : a,
      uid: involved ? uuidOf(involved.metadata.uid) : undefined,
    }),
    reason: e.type,
    message: e.message,
    type: e.severity === "Warning" || e.severity === "Chaos" ? "Warning" : "Normal",
    source: defined({
      component,
      host:
        kind === "Pod" && component === "kubelet" ? (involved as Pod | undefined)?.spec.nodeName : undefined,
    }),
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    reportingComponent: component,
    reportingInstance: "",
  };
}

/** Every event the world keeps about an API object, as core/v1 Events in kubectl's order (namespace, then name). */
export function eventObjectsOf(world: World): ApiObject[] {
  const out: ApiObject[] = [];
  world.events.forEach((e, i) => {
    const obj = eventObjectOf(world, e, world.eventsDropped + i);
    if (obj) out.push(obj);
  });
  return out.sort(byNamespaceThenName);
}
