/**
 * Kubernetes-shaped objects of the simulated cluster. Field names follow the real API
 * (`kubectl get -o json`) so that what players read in the game is what they will read
 * in a real cluster. Only the fields the game uses are modelled.
 */

/** Labels and selectors are plain string maps, as in `metadata.labels` and `matchLabels`. */
export type Labels = Record<string, string>;

/** `metadata.ownerReferences[]`: who created an object and garbage-collects it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller: boolean;
}

/** `metadata` of every object. `creationTimestamp` is game time in seconds, not wall time. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  labels: Labels;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  resourceVersion: string;
  generation?: number;
  creationTimestamp: number;
  deletionTimestamp?: number;
}

/** A condition as the API shows it (`Ready`, `Available`, `PodScheduled`, …). */
export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason?: string;
  message?: string;
  lastTransitionTime?: number;
}

/** CPU in millicores and memory in MiB: the units the scheduler adds up. */
export interface ResourceList {
  cpu: number;
  memory: number;
}

/** A taint on a node (`node.kubernetes.io/not-ready:NoExecute`). */
export interface Taint {
  key: string;
  value?: string;
  effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  timeAdded?: number;
}

/** A pod's toleration; `tolerationSeconds` absent means "forever". */
export interface Toleration {
  key?: string;
  operator?: "Exists" | "Equal";
  value?: string;
  effect?: Taint["effect"];
  tolerationSeconds?: number;
}

/** One environment variable; upstream addresses live here (`UPSTREAM=tomcat:8080`). */
export interface EnvVar {
  name: string;
  value: string;
}

/** A container of a pod template. */
export interface Container {
  name: string;
  image: string;
  ports?: { containerPort: number; name?: string }[];
  env?: EnvVar[];
  resources: { requests: ResourceList };
  volumeMounts?: { name: string; mountPath: string }[];
}

/** A pod volume; the game only needs PVC-backed volumes. */
export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
}

/** `spec` of a Pod and of every pod template. */
export interface PodSpec {
  nodeName?: string;
  containers: Container[];
  restartPolicy: "Always" | "OnFailure" | "Never";
  tolerations?: Toleration[];
  volumes?: Volume[];
  /** `hostname` + `subdomain` give a StatefulSet pod its own DNS name. */
  hostname?: string;
  subdomain?: string;
}

/** A pod template as Deployments, ReplicaSets, StatefulSets, DaemonSets and Jobs hold it. */
export interface PodTemplateSpec {
  metadata: { labels: Labels; annotations?: Record<string, string> };
  spec: PodSpec;
}

/** Pod lifecycle phase, as in the API. */
export const PodPhase = {
  Pending: "Pending",
  Running: "Running",
  Succeeded: "Succeeded",
  Failed: "Failed",
} as const;
/** One of {@link PodPhase}. */
export type PodPhase = (typeof PodPhase)[keyof typeof PodPhase];

/** Per-container status, where waiting reasons like CrashLoopBackOff show. */
export interface ContainerStatus {
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  state: {
    /** `since` and `attempt` are the game's bookkeeping for delays and back-off (not in the API). */
    waiting?: { reason: string; message?: string; since?: number; attempt?: number };
    /**
     * `attempt` is the kubelet's back-off step for this container, which it keeps in memory
     * across restarts (not in the API): reset after a long healthy run, unlike restartCount.
     */
    running?: { startedAt: number; attempt?: number };
    terminated?: { reason: string; exitCode: number; finishedAt: number };
  };
}

/** `status` of a Pod. `podIP` comes from the node's podCIDR. */
export interface PodStatus {
  phase: PodPhase;
  podIP?: string;
  hostIP?: string;
  startTime?: number;
  conditions: Condition[];
  containerStatuses?: ContainerStatus[];
  reason?: string;
  message?: string;
}

/** A Pod. */
export interface Pod {
  apiVersion: "v1";
  kind: "Pod";
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}

/** A Node: InternalIP on the node network, its own podCIDR. */
export interface Node {
  apiVersion: "v1";
  kind: "Node";
  metadata: ObjectMeta;
  spec: { podCIDR: string; podCIDRs: string[]; unschedulable?: boolean; taints?: Taint[] };
  status: {
    addresses: { type: "InternalIP" | "Hostname"; address: string }[];
    capacity: ResourceList & { pods: number };
    allocatable: ResourceList & { pods: number };
    conditions: Condition[];
  };
}

/** A Namespace. */
export interface Namespace {
  apiVersion: "v1";
  kind: "Namespace";
  metadata: ObjectMeta;
  spec: Record<string, never>;
  status: { phase: "Active" | "Terminating" };
}

/** A Service port; `nodePort` only on NodePort Services. */
export interface ServicePort {
  name?: string;
  port: number;
  targetPort: number;
  protocol: "TCP" | "UDP";
  nodePort?: number;
}

/** A Service: a stable virtual IP (or none, when headless) in front of pods chosen by label. */
export interface Service {
  apiVersion: "v1";
  kind: "Service";
  metadata: ObjectMeta;
  spec: {
    type: "ClusterIP" | "NodePort";
    clusterIP: string;
    selector: Labels;
    ports: ServicePort[];
    publishNotReadyAddresses?: boolean;
  };
  status: Record<string, never>;
}

/** One address of an Endpoints subset, pointing back at its pod. */
export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  hostname?: string;
  targetRef: { kind: "Pod"; name: string; namespace: string; uid: string };
}

/** Endpoints: the Ready pod IPs behind a Service (same name as the Service). */
export interface Endpoints {
  apiVersion: "v1";
  kind: "Endpoints";
  metadata: ObjectMeta;
  subsets: {
    addresses: EndpointAddress[];
    notReadyAddresses?: EndpointAddress[];
    ports: { name?: string; port: number; protocol: "TCP" | "UDP" }[];
  }[];
}

/** A Deployment: desired replicas of a pod template, through ReplicaSets. */
export interface Deployment {
  apiVersion: "apps/v1";
  kind: "Deployment";
  metadata: ObjectMeta;
  spec: {
    replicas: number;
    selector: { matchLabels: Labels };
    template: PodTemplateSpec;
    strategy: { type: "RollingUpdate"; rollingUpdate: { maxSurge: string; maxUnavailable: string } };
    revisionHistoryLimit?: number;
  };
  status: {
    observedGeneration?: number;
    replicas: number;
    updatedReplicas: number;
    readyReplicas: number;
    availableReplicas: number;
    conditions?: Condition[];
  };
}

/** A ReplicaSet: keeps N pods of one template alive. */
export interface ReplicaSet {
  apiVersion: "apps/v1";
  kind: "ReplicaSet";
  metadata: ObjectMeta;
  spec: { replicas: number; selector: { matchLabels: Labels }; template: PodTemplateSpec };
  status: { replicas: number; readyReplicas: number; availableReplicas: number };
}

/** A PVC template of a StatefulSet. */
export interface PersistentVolumeClaimTemplate {
  metadata: { name: string };
  spec: { accessModes: string[]; resources: { requests: { storage: string } } };
}

/** A StatefulSet: stable names and stable volumes, created in order. */
export interface StatefulSet {
  apiVersion: "apps/v1";
  kind: "StatefulSet";
  metadata: ObjectMeta;
  spec: {
    replicas: number;
    serviceName: string;
    selector: { matchLabels: Labels };
    template: PodTemplateSpec;
    volumeClaimTemplates: PersistentVolumeClaimTemplate[];
    podManagementPolicy: "OrderedReady" | "Parallel";
    /** How a changed template reaches the pods; absent means RollingUpdate, the API's default. */
    updateStrategy?: { type: "RollingUpdate" | "OnDelete" };
  };
  status: { replicas: number; readyReplicas: number; currentReplicas: number };
}

/** A DaemonSet: one pod per eligible node. */
export interface DaemonSet {
  apiVersion: "apps/v1";
  kind: "DaemonSet";
  metadata: ObjectMeta;
  spec: { selector: { matchLabels: Labels }; template: PodTemplateSpec };
  status: { desiredNumberScheduled: number; currentNumberScheduled: number; numberReady: number };
}

/** A Job: run pods to completion with retries. */
export interface Job {
  apiVersion: "batch/v1";
  kind: "Job";
  metadata: ObjectMeta;
  spec: {
    completions: number;
    parallelism: number;
    backoffLimit: number;
    selector?: { matchLabels: Labels };
    template: PodTemplateSpec;
  };
  status: {
    active: number;
    succeeded: number;
    failed: number;
    startTime?: number;
    completionTime?: number;
    conditions?: Condition[];
  };
}

/** A PersistentVolumeClaim; `spec.volumeName` is set once it is Bound. */
export interface PersistentVolumeClaim {
  apiVersion: "v1";
  kind: "PersistentVolumeClaim";
  metadata: ObjectMeta;
  spec: { accessModes: string[]; resources: { requests: { storage: string } }; volumeName?: string };
  status: { phase: "Pending" | "Bound" | "Lost" };
}

/** Every object the store can hold. */
export type KubeObject =
  | Namespace
  | Node
  | Pod
  | Service
  | Endpoints
  | Deployment
  | ReplicaSet
  | StatefulSet
  | DaemonSet
  | Job
  | PersistentVolumeClaim;

/** The kind names, as `kind` spells them. */
export type Kind = KubeObject["kind"];

/** Maps a kind name to its object type. */
export type ObjectOfKind<K extends Kind> = Extract<KubeObject, { kind: K }>;

/** Every kind, in the order `kubectl get all`-like listings and the state hash use. */
export const KINDS = [
  "Namespace",
  "Node",
  "PersistentVolumeClaim",
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "Pod",
  "Service",
  "Endpoints",
] as const satisfies readonly Kind[];

/** Kinds without a namespace. */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<Kind> = new Set<Kind>(["Namespace", "Node"]);
