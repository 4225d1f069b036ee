/**
 * Read-only queries about workloads and their pods, counted from the pods themselves. The
 * status fields a controller writes (`readyReplicas`, …) go stale while a person or a bot
 * holds that controller's role, so what players see is counted here instead — and nobody
 * outside the sim has to guess a pod's workload from its name.
 */
import { templateHash } from "./apiserver";
import { isOutdated } from "./controllers/statefulset";
import type { KubeObject, Pod, PodTemplateSpec } from "./types";
import { isPodReady, type World } from "./world";

/** The kinds of workload the game shows and acts on. */
export const WORKLOAD_KINDS = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"] as const;
/** One workload kind. */
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** A workload as players see it: desired, existing, Ready and updated pods, its container. */
export interface WorkloadSummary {
  /** `Kind/namespace/name`. */
  key: string;
  kind: WorkloadKind;
  name: string;
  namespace: string;
  /** spec.replicas (DaemonSet: eligible nodes, as its controller last counted; Job: completions). */
  desired: number;
  /** Pods that exist and are not terminating (Job: active, not finished). */
  current: number;
  /** Ready pods (Job: succeeded pods). */
  ready: number;
  /** Pods on the current template. */
  updated: number;
  /** The template's first container's name and image. */
  container: string;
  image: string;
  /** Deployment: `ReplicaSet/ns/name` of its ReplicaSet for the current template, or "". */
  currentReplicaSet: string;
  /** ReplicaSet: `Deployment/ns/name` of its controlling Deployment, or "". */
  owner: string;
  /** The resourceVersions this summary was computed from (unchanged ⇒ summary unchanged). */
  version: string;
}

/** `Kind/namespace/name` of an object. */
export function workloadKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? "default"}/${o.metadata.name}`;
}

/** The controlling owner reference of an object. */
function controllerRef(o: KubeObject) {
  return o.metadata.ownerReferences?.find((r) => r.controller) ?? o.metadata.ownerReferences?.[0];
}

/** `Kind/namespace/name` of a pod's controlling owner, or "" for a bare pod. */
export function ownerKeyOf(o: KubeObject): string {
  const ref = controllerRef(o);
  return ref ? `${ref.kind}/${o.metadata.namespace ?? "default"}/${ref.name}` : "";
}

/**
 * The workload a person acts on for this pod: the Deployment that owns its ReplicaSet, else
 * its owner itself (`StatefulSet/shop/mysql`), or "" for a bare pod.
 */
export function podWorkload(world: World, pod: Pod): string {
  const ref = controllerRef(pod);
  if (!ref) return "";
  const ns = pod.metadata.namespace ?? "default";
  if (ref.kind === "ReplicaSet") {
    const rs = world.store.get("ReplicaSet", `${ns}/${ref.name}`);
    const up = rs && controllerRef(rs);
    if (up?.kind === "Deployment") return `Deployment/${ns}/${up.name}`;
  }
  return `${ref.kind}/${ns}/${ref.name}`;
}

function live(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && p.status.phase !== "Failed" && p.status.phase !== "Succeeded";
}

function first(t: PodTemplateSpec): { name: string; image: string } {
  const c = t.spec.containers[0];
  return { name: c?.name ?? "", image: c?.image ?? "" };
}

function isCurrent(p: Pod, hash: string): boolean {
  return p.metadata.labels["pod-template-hash"] === hash;
}

/** Every workload of the world with counts from its pods, sorted by key. */
export function workloadSummaries(world: World): WorkloadSummary[] {
  const out: WorkloadSummary[] = [];
  const s = world.store;
  const summary = (
    o: KubeObject & { spec: { template: PodTemplateSpec } },
    kind: WorkloadKind,
    pods: Pod[],
    desired: number,
    extra: Partial<WorkloadSummary> & { updated: number },
  ): WorkloadSummary => {
    const active = pods.filter(live);
    const c = first(o.spec.template);
    return {
      key: workloadKey(o),
      kind,
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? "default",
      desired,
      current: active.length,
      ready: active.filter(isPodReady).length,
      container: c.name,
      image: c.image,
      currentReplicaSet: "",
      owner: "",
      version: [o.metadata.resourceVersion, ...pods.map((p) => p.metadata.resourceVersion)].join(","),
      ...extra,
    };
  };
  for (const d of s.list("Deployment")) {
    const hash = templateHash(d.spec.template);
    const sets = s.ownedObjects(d.metadata.uid, "ReplicaSet");
    const pods = sets.flatMap((rs) => s.podsOwnedBy(rs.metadata.uid));
    const cur = sets.find((rs) => rs.metadata.labels["pod-template-hash"] === hash);
    out.push(
      summary(d, "Deployment", pods, d.spec.replicas, {
        updated: pods.filter((p) => live(p) && isCurrent(p, hash)).length,
        currentReplicaSet: cur ? workloadKey(cur) : "",
        version: [
          d.metadata.resourceVersion,
          ...sets.map((x) => x.metadata.resourceVersion),
          ...pods.map((p) => p.metadata.resourceVersion),
        ].join(","),
      }),
    );
  }
  for (const rs of s.list("ReplicaSet")) {
    const pods = s.podsOwnedBy(rs.metadata.uid);
    out.push(
      summary(rs, "ReplicaSet", pods, rs.spec.replicas, {
        updated: pods.filter(live).length,
        owner: ownerKeyOf(rs),
      }),
    );
  }
  for (const st of s.list("StatefulSet")) {
    const pods = s.podsOwnedBy(st.metadata.uid);
    out.push(
      summary(st, "StatefulSet", pods, st.spec.replicas, {
        updated: pods.filter((p) => live(p) && !isOutdated(st, p)).length,
      }),
    );
  }
  for (const ds of s.list("DaemonSet")) {
    const pods = s.podsOwnedBy(ds.metadata.uid);
    const image = first(ds.spec.template).image;
    out.push(
      summary(ds, "DaemonSet", pods, ds.status.desiredNumberScheduled, {
        updated: pods.filter((p) => live(p) && p.spec.containers[0]?.image === image).length,
      }),
    );
  }
  for (const j of s.list("Job")) {
    const pods = s.podsOwnedBy(j.metadata.uid);
    const sum = summary(j, "Job", pods, j.spec.completions, { updated: 0 });
    sum.ready = pods.filter((p) => p.status.phase === "Succeeded").length;
    sum.updated = sum.current;
    out.push(sum);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
