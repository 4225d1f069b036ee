/**
 * What the API server does when an object is created: fill in metadata (uid, timestamps),
 * defaults, an initial status, and — for Services — a ClusterIP from the service CIDR.
 */
import { canonicalJson, clone, fnv1a } from "./hash";
import { allocateClusterIP } from "./network";
import { NAME_ALPHABET, randomSuffix, randomUid } from "./rng";
import type {
  Deployment,
  KubeObject,
  Labels,
  ObjectMeta,
  OwnerReference,
  Pod,
  PodTemplateSpec,
  Service,
} from "./types";
import { round3, type World } from "./world";

/** A manifest as a user writes it: no uid, no status; the API server fills those in. */
export type Manifest = {
  [K in KubeObject as K["kind"]]: Omit<K, "metadata" | "status"> & {
    metadata: { name: string; namespace?: string; labels?: Labels; annotations?: Record<string, string> };
    status?: Partial<K["status" & keyof K]>;
  };
}[KubeObject["kind"]];

/** Metadata for a new object (uid drawn from the world's generator). */
export function newMeta(
  world: World,
  name: string,
  namespace: string | undefined,
  labels: Labels,
  owner?: KubeObject,
): ObjectMeta {
  const meta: ObjectMeta = {
    name,
    uid: randomUid(world.rng),
    labels: { ...labels },
    resourceVersion: "0",
    creationTimestamp: round3(world.time),
  };
  if (namespace !== undefined) meta.namespace = namespace;
  if (owner) meta.ownerReferences = [ownerRef(owner)];
  return meta;
}

/** A controller owner reference to an object. */
export function ownerRef(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid,
    controller: true,
  };
}

/**
 * apimachinery's `rand.SafeEncodeString`: each character of `s` becomes the name alphabet's
 * character at (its code point mod 27). Applied to decimal digits, as Kubernetes does, it
 * only ever yields `4 5 6 7 8 9 b c d f` ("0" is 48, 48 mod 27 = 21 → `4`).
 */
export function safeEncodeString(s: string): string {
  let out = "";
  for (const ch of s) out += NAME_ALPHABET[ch.codePointAt(0)! % NAME_ALPHABET.length];
  return out;
}

/**
 * The `pod-template-hash` of a template, as the Deployment controller's `ComputeHash`
 * makes it: the FNV-32a hash of the template, printed in decimal and safe-encoded — so 1
 * to 10 characters (10 for most values, as the hash is a 32-bit number) of `bcdf4-9`.
 * (Kubernetes hashes a spew dump of the Go struct; we hash the template's canonical JSON.)
 */
export function templateHash(template: PodTemplateSpec): string {
  return safeEncodeString(String(fnv1a(canonicalJson(template))));
}

/** A new Pending pod from a template, owned by `owner`. */
export function podFromTemplate(
  world: World,
  name: string,
  namespace: string,
  template: PodTemplateSpec,
  owner: KubeObject,
  extraLabels: Labels = {},
): Pod {
  const spec = clone(template.spec);
  delete spec.nodeName;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: newMeta(world, name, namespace, { ...template.metadata.labels, ...extraLabels }, owner),
    spec,
    status: {
      phase: "Pending",
      conditions: [{ type: "PodScheduled", status: "False", lastTransitionTime: round3(world.time) }],
    },
  };
}

/** A name `<base>-<5 chars>` not yet used by a pod in the namespace. */
export function generatePodName(world: World, base: string, namespace: string): string {
  for (;;) {
    const name = `${base}-${randomSuffix(world.rng)}`;
    if (!world.store.get("Pod", `${namespace}/${name}`)) return name;
  }
}

/** Turns a manifest into a stored object as the API server would (defaults, status, ClusterIP). */
export function materialize(world: World, manifest: Manifest): KubeObject {
  const m = clone(manifest) as Manifest & { status?: unknown };
  const meta = newMeta(world, m.metadata.name, m.metadata.namespace, m.metadata.labels ?? {});
  if (m.metadata.annotations) meta.annotations = { ...m.metadata.annotations };
  const base = { ...m, metadata: meta } as KubeObject;
  switch (base.kind) {
    case "Namespace":
      return { ...base, spec: {}, status: { phase: "Active" } };
    case "Node":
      return base;
    case "Service": {
      const svc = base as Service;
      const clusterIP =
        svc.spec.clusterIP && svc.spec.clusterIP !== ""
          ? svc.spec.clusterIP
          : allocateClusterIP(world.rng, (ip) => !!world.store.serviceWithClusterIP(ip));
      return { ...svc, spec: { ...svc.spec, clusterIP }, status: {} };
    }
    case "Endpoints":
      return base;
    case "Deployment":
      return {
        ...base,
        metadata: { ...base.metadata, generation: 1 },
        spec: {
          ...base.spec,
          strategy: base.spec.strategy ?? {
            type: "RollingUpdate",
            rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" },
          },
        },
        status: { replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0 },
      } satisfies Deployment;
    case "ReplicaSet":
      return { ...base, status: { replicas: 0, readyReplicas: 0, availableReplicas: 0 } };
    case "StatefulSet":
      return { ...base, status: { replicas: 0, readyReplicas: 0, currentReplicas: 0 } };
    case "DaemonSet":
      return { ...base, status: { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0 } };
    case "Job":
      return {
        ...base,
        spec: {
          ...base.spec,
          completions: base.spec.completions ?? 1,
          parallelism: base.spec.parallelism ?? 1,
          backoffLimit: base.spec.backoffLimit ?? 6,
        },
        status: { active: 0, succeeded: 0, failed: 0 },
      };
    case "PersistentVolumeClaim":
      return { ...base, status: { phase: "Pending" } };
    case "Pod":
      return { ...base, status: { phase: "Pending", conditions: [] } };
  }
}
