/**
 * Validation of API objects against Kubernetes' own OpenAPI schemas, through the validators
 * `kubernetes-models` compiles from them — plus the check the API server makes with
 * `fieldValidation=Strict`: a field the schema does not know is an error (the compiled
 * validators ignore unknown fields, so we watch which fields they read).
 */
import * as apps from "kubernetes-models/apps/v1";
import * as batch from "kubernetes-models/batch/v1";
import * as discovery from "kubernetes-models/discovery.k8s.io/v1";
import * as core from "kubernetes-models/v1";

interface ModelClass {
  apiVersion: string;
  kind: string;
  prototype: { validate(): void };
}

/** The kubernetes-models class of every kind the game shows. */
const MODELS: ModelClass[] = [
  core.Pod,
  core.Node,
  core.Namespace,
  core.Service,
  core.Endpoints,
  core.PersistentVolumeClaim,
  core.Event,
  apps.Deployment,
  apps.ReplicaSet,
  apps.StatefulSet,
  apps.DaemonSet,
  batch.Job,
  discovery.EndpointSlice,
];

/**
 * Wraps a JSON value so every property read is recorded per object path; a key of a map
 * (labels) is read when the validator iterates it, so it counts as known.
 */
function watched(value: unknown, path: string, reads: Map<string, Set<string>>): unknown {
  if (value === null || typeof value !== "object") return value;
  const seen = reads.get(path) ?? new Set<string>();
  reads.set(path, seen);
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver);
      if (typeof key !== "string") return v;
      seen.add(key);
      return Object.prototype.hasOwnProperty.call(target, key) ? watched(v, `${path}/${key}`, reads) : v;
    },
  });
}

function unknownFields(value: unknown, path: string, reads: Map<string, Set<string>>, out: string[]): void {
  if (value === null || typeof value !== "object") return;
  const seen = reads.get(path) ?? new Set<string>();
  for (const [k, v] of Object.entries(value)) {
    if (!Array.isArray(value) && !seen.has(k)) out.push(`${path}/${k}`);
    else unknownFields(v, `${path}/${k}`, reads, out);
  }
}

/**
 * The problems of an object as the API server would find them: wrong apiVersion/kind,
 * schema errors, unknown fields. Empty when Kubernetes would accept it.
 */
export function schemaProblems(obj: unknown): string[] {
  // Round-trip through JSON: what is checked is what `-o json` would print.
  const data = JSON.parse(JSON.stringify(obj)) as { apiVersion?: unknown; kind?: unknown };
  const model = MODELS.find((m) => m.apiVersion === data.apiVersion && m.kind === data.kind);
  if (!model) return [`no schema for apiVersion ${String(data.apiVersion)} kind ${String(data.kind)}`];
  const reads = new Map<string, Set<string>>();
  try {
    model.prototype.validate.call(watched(data, "", reads));
  } catch (e) {
    return [(e as Error).message];
  }
  const unknown: string[] = [];
  unknownFields(data, "", reads, unknown);
  return unknown.map((f) => `unknown field "${f.slice(1).replaceAll("/", ".")}"`);
}
