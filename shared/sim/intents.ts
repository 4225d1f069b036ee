/**
 * Players' intents: each is checked against the sender's role and the world, then turned
 * into the same changes the role's control loop would make — or refused with a reason,
 * changing nothing. Every intent names its kubectl equivalent, so players learn the
 * command while they play.
 */
import { clone } from "./hash";
import { ordinalOf, newStatefulPod } from "./controllers/statefulset";
import { activePods, newReplicaSetPod } from "./controllers/replicaset";
import { newDaemonPod, nodesMissingDaemonPod } from "./controllers/daemonset";
import { jobFinished, jobPodCounts, newJobPod } from "./controllers/job";
import { ownedReplicaSets, revisionOf } from "./controllers/deployment";
import { bindChanges, filterNode } from "./controllers/scheduler";
import { syncEndpoints } from "./controllers/endpoints";
import { syncDnsRecords } from "./controllers/dns";
import {
  INTENT_ROLES,
  type Intent,
  type IntentErrorCode,
  type IntentResult,
  type QueuedIntent,
} from "./intent-types";
import { del, edit, event, put, type Change } from "./loop";
import { materialize, templateHash, type Manifest } from "./apiserver";
import type { Deployment, KubeObject, ReplicaSet, StatefulSet } from "./types";
import { ROLES, type World } from "./world";

/** The largest replica count an intent may ask for (a small cluster, a short match). */
export const MAX_REPLICAS = 10;

type Outcome = { changes: Change[]; message: string } | { code: IntentErrorCode; message: string };

/** The kubectl command a person would type for this intent. */
export function kubectlFor(intent: Intent): string {
  const [ns, name] = splitKey("pod" in intent ? intent.pod : "service" in intent ? intent.service : "");
  switch (intent.type) {
    case "bindPod":
      return `kubectl -n ${ns} create -f - <<< '{"apiVersion":"v1","kind":"Binding","metadata":{"name":"${name}"},"target":{"kind":"Node","name":"${intent.node}"}}'`;
    case "cordon":
      return `kubectl cordon ${intent.node}`;
    case "uncordon":
      return `kubectl uncordon ${intent.node}`;
    case "createPod": {
      const [kind, ons, oname] = splitWorkload(intent.owner);
      return `kubectl -n ${ons} create -f pod.yaml   # ownerReferences: ${kind}/${oname}`;
    }
    case "deletePod":
      return `kubectl -n ${ns} delete pod ${name}`;
    case "scale": {
      const [kind, wns, wname] = splitWorkload(intent.workload);
      return `kubectl -n ${wns} scale ${kind.toLowerCase()} ${wname} --replicas=${intent.replicas}`;
    }
    case "setImage": {
      const [kind, wns, wname] = splitWorkload(intent.workload);
      return `kubectl -n ${wns} set image ${kind.toLowerCase()}/${wname} ${intent.container}=${intent.image}`;
    }
    case "rolloutUndo": {
      const [kind, wns, wname] = splitWorkload(intent.workload);
      return `kubectl -n ${wns} rollout undo ${kind.toLowerCase()}/${wname}`;
    }
    case "labelPod": {
      const labels = Object.entries(intent.labels)
        .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
        .join(" ");
      return `kubectl -n ${ns} label pod ${name} ${labels} --overwrite`;
    }
    case "recreateService":
      return `kubectl -n ${ns} apply -f ${name}-service.yaml`;
    case "updateEndpoints":
      return `kubectl -n ${ns} get endpoints ${name} -o wide   # rewritten from the selector of service/${name}`;
    case "registerDns":
      return `kubectl -n kube-system exec deploy/coredns -- dig ${name}.${ns}.svc.cluster.local   # record registered`;
  }
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return i < 0 ? ["default", key] : [key.slice(0, i), key.slice(i + 1)];
}

function splitWorkload(ref: string): [string, string, string] {
  const [kind = "", ns = "", name = ""] = ref.split("/");
  return [kind, ns, name];
}

function workload(world: World, ref: string): Deployment | StatefulSet | undefined {
  const [kind, ns, name] = splitWorkload(ref);
  if (kind === "Deployment" || kind === "StatefulSet") return world.store.get(kind, `${ns}/${name}`);
  return undefined;
}

/** A workload `scale` may target: a Deployment, a StatefulSet, or a ReplicaSet itself. */
function scalable(world: World, ref: string): Deployment | StatefulSet | ReplicaSet | undefined {
  const [kind, ns, name] = splitWorkload(ref);
  return kind === "ReplicaSet" ? world.store.get(kind, `${ns}/${name}`) : workload(world, ref);
}

/**
 * When a person plays the workload controller, scaling a Deployment is also their job as
 * the deployment controller: outside a rollout, the current ReplicaSet follows at once.
 */
function followingReplicaSet(world: World, d: Deployment, replicas: number): Change[] {
  if (world.roles["workload-controller"] !== "manual") return [];
  const hash = templateHash(d.spec.template);
  const sets = ownedReplicaSets(world, d);
  const current = sets.find((rs) => rs.metadata.labels["pod-template-hash"] === hash);
  if (!current || sets.some((rs) => rs !== current && rs.spec.replicas > 0)) return [];
  const next = edit(current);
  next.spec.replicas = replicas;
  return [put(next)];
}

const notFound = (what: string): Outcome => ({ code: "NOT_FOUND", message: `${what} not found` });

/** Validates an intent against the world and computes its changes. */
function plan(world: World, actor: string, intent: Intent): Outcome {
  switch (intent.type) {
    case "bindPod": {
      const pod = world.store.get("Pod", intent.pod);
      if (!pod) return notFound(`pod ${intent.pod}`);
      if (pod.spec.nodeName)
        return { code: "CONFLICT", message: `pod ${intent.pod} is already bound to ${pod.spec.nodeName}` };
      const node = world.store.get("Node", intent.node);
      if (!node) return notFound(`node ${intent.node}`);
      const why = filterNode(world, pod, node);
      if (why)
        return { code: "UNSCHEDULABLE", message: `${intent.node} cannot take ${pod.metadata.name}: ${why}` };
      return {
        changes: bindChanges(world, pod, intent.node, actor),
        message: `bound ${intent.pod} to ${intent.node}`,
      };
    }
    case "cordon":
    case "uncordon": {
      const node = world.store.get("Node", intent.node);
      if (!node) return notFound(`node ${intent.node}`);
      const want = intent.type === "cordon";
      if (!!node.spec.unschedulable === want)
        return {
          code: "CONFLICT",
          message: `node ${intent.node} is already ${want ? "cordoned" : "schedulable"}`,
        };
      const next = edit(node);
      next.spec.unschedulable = want;
      return { changes: [put(next)], message: `node/${intent.node} ${want ? "cordoned" : "uncordoned"}` };
    }
    case "createPod": {
      const [kind, ns, name] = splitWorkload(intent.owner);
      if (kind === "ReplicaSet") {
        const rs = world.store.get("ReplicaSet", `${ns}/${name}`);
        if (!rs) return notFound(`replicaset ${ns}/${name}`);
        const active = activePods(world, rs);
        if (active.length >= rs.spec.replicas)
          return {
            code: "CONFLICT",
            message: `replicaset ${name} already has ${active.length}/${rs.spec.replicas} pods`,
          };
        const pod = newReplicaSetPod(world, rs);
        return {
          changes: [put(pod), event(rs, "SuccessfulCreate", `Created pod: ${pod.metadata.name} (${actor})`)],
          message: `pod/${pod.metadata.name} created`,
        };
      }
      if (kind === "StatefulSet") {
        const sts = world.store.get("StatefulSet", `${ns}/${name}`);
        if (!sts) return notFound(`statefulset ${ns}/${name}`);
        const have = new Set(
          world.store.podsOwnedBy(sts.metadata.uid).map((p) => ordinalOf(sts, p.metadata.name)),
        );
        let i = 0;
        while (have.has(i)) i++;
        if (i >= sts.spec.replicas)
          return {
            code: "CONFLICT",
            message: `statefulset ${name} already has all ${sts.spec.replicas} pods`,
          };
        return { changes: newStatefulPod(world, sts, i), message: `pod/${name}-${i} created` };
      }
      if (kind === "DaemonSet") {
        const ds = world.store.get("DaemonSet", `${ns}/${name}`);
        if (!ds) return notFound(`daemonset ${ns}/${name}`);
        const node = nodesMissingDaemonPod(world, ds)[0];
        if (!node)
          return { code: "CONFLICT", message: `daemonset ${name} already runs on every eligible node` };
        const pod = newDaemonPod(world, ds, node);
        return {
          changes: [
            put(pod),
            event(ds, "SuccessfulCreate", `Created pod: ${pod.metadata.name} on ${node} (${actor})`),
          ],
          message: `pod/${pod.metadata.name} created on ${node}`,
        };
      }
      if (kind === "Job") {
        const job = world.store.get("Job", `${ns}/${name}`);
        if (!job) return notFound(`job ${ns}/${name}`);
        const { active, succeeded } = jobPodCounts(world, job);
        if (jobFinished(job) || succeeded >= job.spec.completions)
          return { code: "CONFLICT", message: `job ${name} has already finished` };
        if (active.length >= job.spec.parallelism)
          return { code: "CONFLICT", message: `job ${name} already runs ${active.length} pod(s)` };
        const pod = newJobPod(world, job);
        return {
          changes: [put(pod), event(job, "SuccessfulCreate", `Created pod: ${pod.metadata.name} (${actor})`)],
          message: `pod/${pod.metadata.name} created`,
        };
      }
      return {
        code: "INVALID",
        message: `owner must be ReplicaSet|StatefulSet|DaemonSet|Job/<ns>/<name>, got "${intent.owner}"`,
      };
    }
    case "deletePod": {
      const pod = world.store.get("Pod", intent.pod);
      if (!pod) return notFound(`pod ${intent.pod}`);
      return {
        changes: [del(pod), event(pod, "Killing", `Stopping pod ${pod.metadata.name} (${actor})`, "Intent")],
        message: `pod "${pod.metadata.name}" deleted`,
      };
    }
    case "scale": {
      const w = scalable(world, intent.workload);
      if (!w) return notFound(`workload ${intent.workload}`);
      if (!Number.isInteger(intent.replicas) || intent.replicas < 0 || intent.replicas > MAX_REPLICAS)
        return { code: "INVALID", message: `replicas must be an integer from 0 to ${MAX_REPLICAS}` };
      if (w.spec.replicas === intent.replicas)
        return { code: "CONFLICT", message: `${intent.workload} already has ${intent.replicas} replicas` };
      const next = edit(w);
      next.spec.replicas = intent.replicas;
      const follow = w.kind === "Deployment" ? followingReplicaSet(world, w, intent.replicas) : [];
      return {
        changes: [put(next), ...follow],
        message: `${w.kind.toLowerCase()}.apps/${w.metadata.name} scaled`,
      };
    }
    case "setImage": {
      const w = workload(world, intent.workload);
      if (!w) return notFound(`workload ${intent.workload}`);
      if (!/^[a-z0-9][a-z0-9._/:@-]{0,199}$/.test(intent.image))
        return { code: "INVALID", message: `"${intent.image}" is not a valid image reference` };
      const next = edit(w);
      const c = next.spec.template.spec.containers.find((x) => x.name === intent.container);
      if (!c) return notFound(`container ${intent.container} in ${intent.workload}`);
      if (c.image === intent.image)
        return { code: "CONFLICT", message: `${intent.container} already runs ${intent.image}` };
      c.image = intent.image;
      next.metadata.generation = (next.metadata.generation ?? 1) + 1;
      return {
        changes: [put(next)],
        message: `${w.kind.toLowerCase()}.apps/${w.metadata.name} image updated`,
      };
    }
    case "rolloutUndo": {
      const d = workload(world, intent.workload);
      if (!d || d.kind !== "Deployment") return notFound(`deployment ${intent.workload}`);
      const sets = ownedReplicaSets(world, d).sort((a, b) => revisionOf(b) - revisionOf(a));
      const previous = sets[1];
      if (!previous)
        return { code: "CONFLICT", message: `no rollout history for ${intent.workload}: nothing to undo` };
      const next = edit(d);
      const template = clone(previous.spec.template);
      delete template.metadata.labels["pod-template-hash"];
      next.spec.template = template;
      next.metadata.generation = (next.metadata.generation ?? 1) + 1;
      return {
        changes: [put(next)],
        message: `deployment.apps/${d.metadata.name} rolled back to revision ${revisionOf(previous)}`,
      };
    }
    case "labelPod": {
      const pod = world.store.get("Pod", intent.pod);
      if (!pod) return notFound(`pod ${intent.pod}`);
      const next = edit(pod);
      for (const [k, v] of Object.entries(intent.labels)) {
        if (v === null) delete next.metadata.labels[k];
        else next.metadata.labels[k] = v;
      }
      return { changes: [put(next)], message: `pod/${pod.metadata.name} labeled` };
    }
    case "recreateService": {
      if (world.store.get("Service", intent.service))
        return { code: "CONFLICT", message: `service ${intent.service} exists` };
      const manifest = lastServiceManifest(world, intent.service);
      if (!manifest) return notFound(`a manifest for service ${intent.service}`);
      const svc: KubeObject = materialize(world, manifest);
      return {
        changes: [
          put(svc),
          event(
            svc,
            "Recreated",
            `service ${intent.service} recreated with ClusterIP ${svc.kind === "Service" ? svc.spec.clusterIP : ""} (${actor})`,
            "Intent",
          ),
        ],
        message: `service/${svc.metadata.name} created`,
      };
    }
    case "updateEndpoints": {
      if (!world.store.get("Service", intent.service)) return notFound(`service ${intent.service}`);
      const changes = syncEndpoints(world, intent.service);
      return {
        changes,
        message:
          changes.length > 0
            ? `endpoints/${splitKey(intent.service)[1]} updated`
            : `endpoints/${splitKey(intent.service)[1]} already current`,
      };
    }
    case "registerDns": {
      const changes = syncDnsRecords(world, intent.service);
      return {
        changes,
        message:
          changes.length > 0
            ? `DNS records of ${intent.service} updated`
            : `DNS records of ${intent.service} already current`,
      };
    }
  }
}

/** The manifest a deleted Service is recreated from (the scenario's, as kept in git). */
export function lastServiceManifest(world: World, key: string): Manifest | undefined {
  return world.serviceManifests[key];
}

/** Checks role and world, and returns the intent's result with the changes to apply. */
export function applyIntent(world: World, q: QueuedIntent): { result: IntentResult; changes: Change[] } {
  const { actor, role, intent } = q;
  const kubectl = kubectlFor(intent);
  const refuse = (code: IntentErrorCode, message: string) => ({
    result: { actor, intent, ok: false as const, kubectl, code, message },
    changes: [],
  });
  if (!(ROLES as readonly string[]).includes(role))
    return refuse("WRONG_ROLE", `unknown role "${String(role)}"`);
  const owner = INTENT_ROLES[intent.type];
  if (!owner) return refuse("INVALID", `unknown intent "${String((intent as { type: unknown }).type)}"`);
  if (owner !== role)
    return refuse("WRONG_ROLE", `${intent.type} belongs to the ${owner} role; you are the ${role}`);
  const out = plan(world, actor, intent);
  if ("code" in out) return refuse(out.code, out.message);
  const note = event(`Intent/${intent.type}`, "Intent", `${actor} (${role}): ${kubectl}`, "Intent");
  return {
    result: { actor, intent, ok: true, kubectl, message: out.message },
    changes: [...out.changes, note],
  };
}
