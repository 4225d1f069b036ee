/**
 * The game's objects as the Kubernetes API server returns them (`kubectl get -o json`):
 * RFC 3339 timestamps from a fixed epoch plus game time, resource quantities as strings
 * (`250m`, `256Mi`), the fields the API server and kubelet fill in (`imageID`,
 * `containerID`, `numberMisscheduled`, …) and none of the game's own bookkeeping (a
 * waiting container's `since`/`attempt`). Pure: the same world gives the same objects.
 * Times live in apiTime.ts, shapes and quantities in apiFields.ts, the EndpointSlices and
 * Events the world implies in apiSlices.ts and apiEvents.ts (all re-exported here).
 */
import { CLOCKS } from "../sim/clock";
import { shouldRunOn } from "../sim/controllers/daemonset";
import { NOT_READY_TAINT, UNREACHABLE_TAINT } from "../sim/controllers/node-lifecycle";
import { REVISION_ANNOTATION } from "../sim/controllers/rollout";
import { clone } from "../sim/hash";
import { isTerminated } from "../sim/store";
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
import type { World } from "../sim/world";
import {
  byNamespaceThenName,
  cpuQuantity,
  defined,
  hex32,
  hex64,
  memoryQuantity,
  nonEmpty,
  uuidOf,
  type ApiObject,
  type ApiObjectMeta,
} from "./apiFields";
import { timestampOf } from "./apiTime";

export { EPOCH, timestampOf, gameSecondsOf } from "./apiTime";
export { cpuQuantity, memoryQuantity, type ApiObject, type ApiObjectMeta } from "./apiFields";
export { endpointSlicesOf, sliceSuffix } from "./apiSlices";
export { eventObjectOf, eventObjectsOf } from "./apiEvents";

/** The Kubernetes version the simulated nodes report (DESIGN cites v1.33 behaviour). */
export const KUBERNETES_VERSION = "v1.33.0";
/** The grace period a Pod gets by default (`terminationGracePeriodSeconds`). */
const GRACE_SECONDS = 30;

function resources(r: ResourceList): Record<string, string> {
  return { cpu: cpuQuantity(r.cpu), memory: memoryQuantity(r.memory) };
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

/** Every object of a kind as API objects, in kubectl's order (namespace, then name). */
export function apiObjectsOf(world: World, kind: Kind): ApiObject[] {
  return world.store
    .list(kind)
    .map((o) => toApiObject(world, o))
    .sort(byNamespaceThenName);
}
