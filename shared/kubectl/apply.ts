/**
 * `kubectl apply -f -` and `kubectl create -f -` (and `delete -f -`) of pasted YAML or
 * JSON: each document compared with the object the cluster holds, and what changed turned
 * into the intents the game has — replicas → `scale`, a container's image → `setImage`,
 * a pod's labels → `labelPod`, a pod given a ReplicaSet owner → `adoptPod`, a
 * StatefulSet's pod at a new revision → `updateStatefulPod` — or what the object a
 * controller writes becomes: a Binding → `bindPod`, a new Pod owned by its controller →
 * `createPod`, a new ReplicaSet owned by its Deployment → `createReplicaSet`, a deleted
 * Service → `recreateService`, an Endpoints or EndpointSlice → `updateEndpoints`, an
 * unchanged Service → `registerDns` (CoreDNS answers from the Services it watches). What
 * the game cannot do is refused with a sentence saying so; nothing is half-applied.
 * `apply -f <service>-service.yaml` re-applies a deleted Service from the manifest the game
 * keeps (what `recreateService` prints).
 */
import { parseAllDocuments } from "yaml";
import type { Intent } from "../sim/intents/types";
import type { KubeObject, Pod } from "../sim/types";
import { qualifiedResource, resourceType, typeOfKind } from "./resources";
import { fail, type Context, type KubectlRun } from "./result";
import { runDelete } from "./writes";

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are arbitrary user JSON, read field by field. */
type Json = any;

/** At most this many documents in one paste. */
export const MAX_DOCUMENTS = 100;

/** The documents of stdin (a `List` expanded), or kubectl's parse error. */
export function manifestsOf(text: string): { ok: true; docs: Json[] } | { ok: false; error: string } {
  const docs: Json[] = [];
  let parsed;
  try {
    parsed = parseAllDocuments(text, { uniqueKeys: false });
  } catch (e) {
    return { ok: false, error: `error: error parsing STDIN: ${e instanceof Error ? e.message : String(e)}` };
  }
  const all = Array.isArray(parsed) ? parsed : [parsed];
  for (const d of all) {
    if (d.errors.length > 0) {
      const err = d.errors[0]!;
      const line = err.linePos?.[0]?.line ?? 0;
      return {
        ok: false,
        error: `error: error parsing STDIN: error converting YAML to JSON: yaml: line ${line}: ${err.message.split("\n")[0]}`,
      };
    }
    const value: Json = d.toJS({ maxAliasCount: 50 });
    if (value === null || value === undefined) continue;
    if (typeof value !== "object" || Array.isArray(value))
      return {
        ok: false,
        error: 'error: error validating "STDIN": error validating data: invalid object to validate',
      };
    if (value.kind === "List" && Array.isArray(value.items)) docs.push(...value.items);
    else docs.push(value);
    if (docs.length > MAX_DOCUMENTS)
      return { ok: false, error: `error: the game takes at most ${MAX_DOCUMENTS} objects in one paste` };
  }
  if (docs.length === 0) return { ok: false, error: "error: no objects passed to apply" };
  for (const doc of docs) {
    const missing = [
      ...(typeof doc?.apiVersion === "string" ? [] : ["apiVersion not set"]),
      ...(typeof doc?.kind === "string" ? [] : ["kind not set"]),
    ];
    if (missing.length > 0)
      return {
        ok: false,
        error: `error: error validating "STDIN": error validating data: [${missing.join(", ")}]; if you choose to ignore these errors, turn validation off with --validate=false`,
      };
    if (typeof doc.metadata?.name !== "string" || doc.metadata.name === "")
      return {
        ok: false,
        error: `error: error when retrieving current configuration of:\nResource: "${doc.kind}"\nfrom server for: "STDIN": resource name may not be empty`,
      };
  }
  return { ok: true, docs };
}

/** The controller owner reference a manifest names. */
function ownerOf(doc: Json): { kind: string; name: string } | undefined {
  const refs: Json[] = Array.isArray(doc.metadata?.ownerReferences) ? doc.metadata.ownerReferences : [];
  const r = refs.find((x) => x?.controller === true) ?? refs[0];
  return r && typeof r.kind === "string" && typeof r.name === "string"
    ? { kind: r.kind, name: r.name }
    : undefined;
}

/** The image of each container a manifest's pod template (or pod spec) names. */
function imagesOf(spec: Json): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of Array.isArray(spec?.containers) ? spec.containers : [])
    if (typeof c?.name === "string" && typeof c?.image === "string") m.set(c.name, c.image);
  return m;
}

/** The labels of a manifest (strings only). */
function labelsOf(doc: Json): Record<string, string> {
  const out: Record<string, string> = {};
  const l = doc.metadata?.labels;
  if (l && typeof l === "object") for (const [k, v] of Object.entries(l)) out[k] = String(v);
  return out;
}

type Step = { ok: true; intents: Intent[]; notes: string[] } | { ok: false; error: string };

/** What one manifest becomes, for `apply` (`create` = only new objects). */
function planDoc(ctx: Context, doc: Json, create: boolean): Step {
  const world = ctx.world;
  const kind: string = doc.kind;
  const ns: string = typeof doc.metadata.namespace === "string" ? doc.metadata.namespace : ctx.namespace;
  const name: string = doc.metadata.name;
  const key = `${ns}/${name}`;
  const given = ctx.cmd.flags.namespace;
  if (given && typeof doc.metadata.namespace === "string" && doc.metadata.namespace !== given)
    return {
      ok: false,
      error: `error: the namespace from the provided object "${doc.metadata.namespace}" does not match the namespace "${given}". You must pass '--namespace=${doc.metadata.namespace}' to perform this operation.`,
    };
  const done = (intents: Intent[], notes: string[] = []): Step => ({ ok: true, intents, notes });
  const no = (error: string): Step => ({ ok: false, error: `error: ${error}` });
  const type = typeOfKind(kind);
  const existing: KubeObject | undefined =
    type && type.source !== "Event" && type.source !== "EndpointSlice"
      ? world.store.get(type.source, type.namespaced ? key : name)
      : undefined;
  const alreadyExists = (): Step => ({
    ok: false,
    error: `Error from server (AlreadyExists): ${type ? qualifiedResource(type) : kind} "${name}" already exists`,
  });
  switch (kind) {
    case "Binding": {
      const node = doc.target?.name;
      if (typeof node !== "string" || node === "") return no("a Binding needs target.name (the node)");
      return done([{ type: "bindPod", pod: key, node }]);
    }
    case "Pod": {
      if (!existing) {
        const owner = ownerOf(doc);
        if (!owner || !["ReplicaSet", "StatefulSet", "DaemonSet", "Job"].includes(owner.kind))
          return no(
            `the game creates pods through their controllers only: give pod "${name}" a controller ownerReference to its ReplicaSet, StatefulSet, DaemonSet or Job, as that controller would`,
          );
        return done(
          [{ type: "createPod", owner: `${owner.kind}/${ns}/${owner.name}` }],
          [
            `the ${owner.kind} controller's next pod is created from its template; the manifest's own spec is not used`,
          ],
        );
      }
      if (create) return alreadyExists();
      const pod = existing as Pod;
      const intents: Intent[] = [];
      const owner = ownerOf(doc);
      const had = pod.metadata.ownerReferences?.find((r) => r.controller);
      if (owner && !had && owner.kind === "ReplicaSet") intents.push({ type: "adoptPod", pod: key });
      else if (owner && !had) return no(`the game adopts pods into ReplicaSets only (not ${owner.kind})`);
      const labels = labelsOf(doc);
      const images = imagesOf(doc.spec);
      const imageChanged = pod.spec.containers.some(
        (c) => images.has(c.name) && images.get(c.name) !== c.image,
      );
      const revisionChanged =
        labels["controller-revision-hash"] !== undefined &&
        labels["controller-revision-hash"] !== pod.metadata.labels["controller-revision-hash"];
      if (had?.kind === "StatefulSet" && (imageChanged || revisionChanged))
        intents.push({ type: "updateStatefulPod", pod: key });
      else if (imageChanged)
        return no(
          `the game does not change a running pod's image: set the image of its workload (kubectl set image …) and let the controller replace the pod`,
        );
      const diff: Record<string, string | null> = {};
      for (const [k, v] of Object.entries(labels))
        if (pod.metadata.labels[k] !== v && !(k === "controller-revision-hash" && revisionChanged))
          diff[k] = v;
      if (doc.metadata.labels !== undefined)
        for (const k of Object.keys(pod.metadata.labels))
          if (!(k in labels) && k !== "controller-revision-hash") diff[k] = null;
      if (Object.keys(diff).length > 0) intents.push({ type: "labelPod", pod: key, labels: diff });
      return done(intents);
    }
    case "ReplicaSet": {
      if (!existing) {
        const owner = ownerOf(doc);
        if (owner?.kind !== "Deployment")
          return no(
            `the game creates ReplicaSets for Deployments only: give replicaset "${name}" a controller ownerReference to its Deployment, as the deployment controller would`,
          );
        return done(
          [{ type: "createReplicaSet", workload: `Deployment/${ns}/${owner.name}` }],
          [
            "the Deployment's ReplicaSet is made from its current template (named by its pod-template-hash); the manifest's own name and spec are not used",
          ],
        );
      }
      if (create) return alreadyExists();
      return scaleAndImages(existing, doc, key, false);
    }
    case "Deployment":
    case "StatefulSet": {
      if (!existing)
        return no(
          `the game does not create new workloads: ${kind.toLowerCase()} "${name}" does not exist in namespace "${ns}"`,
        );
      if (create) return alreadyExists();
      return scaleAndImages(existing, doc, key, true);
    }
    case "Service": {
      if (!existing)
        return done(
          [{ type: "recreateService", service: key }],
          [
            "the game recreates a Service from the manifest it keeps for it (a new ClusterIP); the pasted spec is not used",
          ],
        );
      if (create) return alreadyExists();
      const svc = existing.kind === "Service" ? existing : undefined;
      const sel = doc.spec?.selector;
      if (
        svc &&
        sel &&
        typeof sel === "object" &&
        JSON.stringify(Object.entries(sel).sort()) !==
          JSON.stringify(Object.entries(svc.spec.selector).sort())
      )
        return no(
          `the game does not change a Service's selector: relabel the pods instead (kubectl label pod …)`,
        );
      return done([{ type: "registerDns", service: key }]);
    }
    case "Endpoints":
    case "EndpointSlice": {
      const service = kind === "EndpointSlice" ? (labelsOf(doc)["kubernetes.io/service-name"] ?? "") : name;
      if (!service) return no(`an EndpointSlice names its Service in the label kubernetes.io/service-name`);
      return done(
        [{ type: "updateEndpoints", service: `${ns}/${service}` }],
        [
          "the game writes a Service's endpoints from its selector and the pods' readiness; the addresses in the manifest are not used",
        ],
      );
    }
    default: {
      if (!type)
        return {
          ok: false,
          error: `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "STDIN": no matches for kind "${kind}" in version "${doc.apiVersion}"\nensure CRDs are installed first`,
        };
      return no(`the game cannot ${create ? "create" : "change"} ${type.resource} from a manifest`);
    }
  }
}

/** Replicas and images of an existing Deployment, StatefulSet or ReplicaSet. */
function scaleAndImages(existing: KubeObject, doc: Json, key: string, images: boolean): Step {
  if (existing.kind !== "Deployment" && existing.kind !== "StatefulSet" && existing.kind !== "ReplicaSet")
    return { ok: false, error: `error: the game cannot change ${existing.kind}s from a manifest` };
  const ref = `${existing.kind}/${key}`;
  const intents: Intent[] = [];
  const replicas = doc.spec?.replicas;
  if (replicas !== undefined) {
    if (!Number.isInteger(replicas) || replicas < 0)
      return {
        ok: false,
        error: `error: spec.replicas must be a whole number, not ${JSON.stringify(replicas)}`,
      };
    if (replicas !== existing.spec.replicas) intents.push({ type: "scale", workload: ref, replicas });
  }
  const want = imagesOf(doc.spec?.template?.spec);
  for (const c of existing.spec.template.spec.containers) {
    const image = want.get(c.name);
    if (image === undefined || image === c.image) continue;
    if (!images)
      return {
        ok: false,
        error: "error: the game does not change a ReplicaSet's template: set the image of its Deployment",
      };
    intents.push({ type: "setImage", workload: ref, container: c.name, image });
  }
  return { ok: true, intents, notes: [] };
}

/** `kubectl apply -f -` / `kubectl create -f -` / `kubectl delete -f -`. */
export function runFromFile(ctx: Context, verb: "apply" | "create" | "delete"): KubectlRun {
  const file = ctx.cmd.flags.filename;
  if (file === undefined) {
    if (verb === "delete") return runDelete(ctx);
    return fail(`error: must specify one of -f and -k\n\nSee 'kubectl ${verb} -h' for help and examples`);
  }
  if (ctx.cmd.args.length > 0 && verb !== "delete")
    return fail(
      `error: Unexpected args: [${ctx.cmd.args.join(" ")}]\nSee 'kubectl ${verb} -h' for help and examples`,
    );
  if (file !== "-") return fromKeptFile(ctx, file, verb);
  if (ctx.stdin === undefined || ctx.stdin.trim() === "")
    return fail(`error: no objects passed to ${verb} (paste the YAML as stdin for -f -)`);
  const m = manifestsOf(ctx.stdin);
  if (!m.ok) return fail(m.error);
  if (verb === "delete") {
    const targets = [];
    for (const doc of m.docs) {
      const type = resourceType(doc.kind);
      if (!type)
        return fail(
          `error: resource mapping not found for name: "${doc.metadata.name}" from "STDIN": no matches for kind "${doc.kind}"`,
        );
      targets.push({
        type,
        name: doc.metadata.name as string,
        namespace: (doc.metadata.namespace as string | undefined) ?? ctx.namespace,
      });
    }
    return runDelete(ctx, targets);
  }
  const intents: Intent[] = [];
  const notes: string[] = [];
  let unchanged = "";
  for (const doc of m.docs) {
    const step = planDoc(ctx, doc, verb === "create");
    if (!step.ok) return fail(step.error);
    if (step.intents.length === 0) {
      const type = typeOfKind(doc.kind);
      unchanged += `${type ? `${type.group ? `${type.singular}.${type.group}` : type.singular}` : String(doc.kind).toLowerCase()}/${doc.metadata.name} unchanged\n`;
    }
    intents.push(...step.intents);
    notes.push(...step.notes);
  }
  return {
    stdout: unchanged,
    stderr: [...new Set(notes)].map((n) => `Warning: ${n}\n`).join(""),
    exitCode: 0,
    intents,
  };
}

/** `apply -f <service>-service.yaml`: the Service manifests the game keeps, as files in git. */
function fromKeptFile(ctx: Context, file: string, verb: string): KubectlRun {
  const m = /^(?:\.\/)?([a-z0-9]([-a-z0-9]*[a-z0-9])?)-service\.ya?ml$/.exec(file);
  const key = m ? `${ctx.namespace}/${m[1]}` : "";
  if (!m || !ctx.world.serviceManifests[key])
    return fail(
      `error: the path "${file}" does not exist${
        Object.keys(ctx.world.serviceManifests).length > 0
          ? ` (the game keeps ${Object.keys(ctx.world.serviceManifests)
              .map((k) => `${k.split("/")[1]}-service.yaml in namespace ${k.split("/")[0]}`)
              .join(", ")}; or paste YAML with -f -)`
          : ""
      }`,
    );
  if (verb === "delete")
    return fail("error: the game's console deletes pods; other objects are deleted by chaos, not by players");
  // An unchanged Service re-applied: CoreDNS re-reads it (registerDns), as for `apply -f -`.
  const intent: Intent = ctx.world.store.get("Service", key)
    ? { type: "registerDns", service: key }
    : { type: "recreateService", service: key };
  return { stdout: "", stderr: "", exitCode: 0, intents: [intent] };
}
