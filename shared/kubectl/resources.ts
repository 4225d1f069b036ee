/**
 * The resource types the console knows, named every way kubectl accepts them (plural,
 * singular, short names, `kind.group`), with what the game keeps of each: a kind of the
 * store, or something derived (events from the world's event log, EndpointSlices from the
 * Endpoints the game keeps).
 */
import type { Kind } from "../sim/types";

/** One resource type as `kubectl api-resources` lists it. */
export interface ResourceType {
  /** The plural resource name (`deployments`). */
  resource: string;
  /** The singular name (`deployment`). */
  singular: string;
  /** Short names (`deploy`). */
  short: readonly string[];
  /** The kind (`Deployment`). */
  kind: string;
  /** The API group ("" for core). */
  group: string;
  /** The apiVersion objects carry (`apps/v1`). */
  apiVersion: string;
  namespaced: boolean;
  /** The store kind that holds these objects, or the derived source. */
  source: Kind | "Event" | "EndpointSlice";
}

/** Every resource type of the game, in `kubectl api-resources` order. */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  rt("endpoints", "endpoints", ["ep"], "Endpoints", "", "v1", true, "Endpoints"),
  rt("events", "event", ["ev"], "Event", "", "v1", true, "Event"),
  rt("namespaces", "namespace", ["ns"], "Namespace", "", "v1", false, "Namespace"),
  rt("nodes", "node", ["no"], "Node", "", "v1", false, "Node"),
  rt(
    "persistentvolumeclaims",
    "persistentvolumeclaim",
    ["pvc"],
    "PersistentVolumeClaim",
    "",
    "v1",
    true,
    "PersistentVolumeClaim",
  ),
  rt("pods", "pod", ["po"], "Pod", "", "v1", true, "Pod"),
  rt("services", "service", ["svc"], "Service", "", "v1", true, "Service"),
  rt("daemonsets", "daemonset", ["ds"], "DaemonSet", "apps", "apps/v1", true, "DaemonSet"),
  rt("deployments", "deployment", ["deploy"], "Deployment", "apps", "apps/v1", true, "Deployment"),
  rt("replicasets", "replicaset", ["rs"], "ReplicaSet", "apps", "apps/v1", true, "ReplicaSet"),
  rt("statefulsets", "statefulset", ["sts"], "StatefulSet", "apps", "apps/v1", true, "StatefulSet"),
  rt("jobs", "job", [], "Job", "batch", "batch/v1", true, "Job"),
  rt(
    "endpointslices",
    "endpointslice",
    [],
    "EndpointSlice",
    "discovery.k8s.io",
    "discovery.k8s.io/v1",
    true,
    "EndpointSlice",
  ),
];

function rt(
  resource: string,
  singular: string,
  short: string[],
  kind: string,
  group: string,
  apiVersion: string,
  namespaced: boolean,
  source: ResourceType["source"],
): ResourceType {
  return { resource, singular, short, kind, group, apiVersion, namespaced, source };
}

/**
 * The resource type a word names, as kubectl resolves it: plural, singular, short name or
 * kind in any case, optionally qualified by its group (`deployments.apps`, `deploy.apps`).
 */
export function resourceType(word: string): ResourceType | undefined {
  const w = word.toLowerCase();
  for (const t of RESOURCE_TYPES) {
    const names = [t.resource, t.singular, ...t.short, t.kind.toLowerCase()];
    if (names.includes(w)) return t;
    if (t.group && names.some((n) => w === `${n}.${t.group}`)) return t;
  }
  return undefined;
}

/** `deployments.apps` / `pods`: how the API server names the resource in its errors. */
export function qualifiedResource(t: ResourceType): string {
  return t.group ? `${t.resource}.${t.group}` : t.resource;
}

/** `deployment.apps/tomcat` / `pod/x`: how `-o name` and kubectl's confirmations name an object. */
export function objectName(t: ResourceType, name: string): string {
  return `${t.group ? `${t.singular}.${t.group}` : t.singular}/${name}`;
}

/** The resource type of a kind (`Deployment` → deployments). */
export function typeOfKind(kind: string): ResourceType | undefined {
  return RESOURCE_TYPES.find((t) => t.kind === kind);
}

/** Every word that names a resource type, for completion (plural, singular and short names). */
export function resourceWords(): string[] {
  return RESOURCE_TYPES.flatMap((t) => [t.resource, t.singular, ...t.short]).sort();
}
