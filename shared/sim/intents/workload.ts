/**
 * The workload controller's intents: the work of the ReplicaSet, StatefulSet, DaemonSet,
 * Job and Deployment controllers, by hand — create and delete pods, scale, roll out a new
 * image, roll back.
 */
import { templateHash } from "../apiserver";
import { newDaemonPod, nodesMissingDaemonPod } from "../controllers/daemonset";
import { ownedReplicaSets, revisionOf } from "../controllers/deployment";
import { jobFinished, jobPodCounts, newJobPod } from "../controllers/job";
import { activePods, newReplicaSetPod } from "../controllers/replicaset";
import { newStatefulPod, ordinalOf } from "../controllers/statefulset";
import { clone } from "../hash";
import { del, edit, event, put, type Change } from "../loop";
import type { Deployment, ReplicaSet, StatefulSet } from "../types";
import type { RealController } from "./types";
import { isNodeReady, type World } from "../world";
import { MAX_REPLICAS, notFound, splitKey, splitWorkload, type IntentDef, type Outcome } from "./registry";

/** The Deployment or StatefulSet a `Kind/namespace/name` reference names. */
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

/** `kubectl -n ns <verb> …` pieces of a workload reference: [kind in lower case, namespace, name]. */
function kubectlRef(ref: string): [string, string, string] {
  const [kind, ns, name] = splitWorkload(ref);
  return [kind.toLowerCase(), ns, name];
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

/** One more pod for a ReplicaSet, unless it already has all its replicas. */
function createReplicaSetPod(world: World, actor: string, ns: string, name: string): Outcome {
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

/** The lowest missing ordinal of a StatefulSet, unless it has every pod. */
function createStatefulPod(world: World, ns: string, name: string): Outcome {
  const sts = world.store.get("StatefulSet", `${ns}/${name}`);
  if (!sts) return notFound(`statefulset ${ns}/${name}`);
  const have = new Set(world.store.podsOwnedBy(sts.metadata.uid).map((p) => ordinalOf(sts, p.metadata.name)));
  let i = 0;
  while (have.has(i)) i++;
  if (i >= sts.spec.replicas)
    return { code: "CONFLICT", message: `statefulset ${name} already has all ${sts.spec.replicas} pods` };
  return { changes: newStatefulPod(world, sts, i), message: `pod/${name}-${i} created` };
}

/** A DaemonSet pod on the first eligible node that lacks one. */
function createDaemonPod(world: World, actor: string, ns: string, name: string): Outcome {
  const ds = world.store.get("DaemonSet", `${ns}/${name}`);
  if (!ds) return notFound(`daemonset ${ns}/${name}`);
  const node = nodesMissingDaemonPod(world, ds)[0];
  if (!node) return { code: "CONFLICT", message: `daemonset ${name} already runs on every eligible node` };
  const pod = newDaemonPod(world, ds, node);
  return {
    changes: [
      put(pod),
      event(ds, "SuccessfulCreate", `Created pod: ${pod.metadata.name} on ${node} (${actor})`),
    ],
    message: `pod/${pod.metadata.name} created on ${node}`,
  };
}

/** One more pod for an unfinished Job, within its parallelism. */
function createJobPod(world: World, actor: string, ns: string, name: string): Outcome {
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

/** The controller that creates the pods of each owner kind in a real cluster. */
const POD_CREATORS = {
  ReplicaSet: "replicaset-controller",
  StatefulSet: "statefulset-controller",
  DaemonSet: "daemonset-controller",
  Job: "job-controller",
} as const satisfies Record<string, RealController>;

/**
 * `createPod`: the pod its owner's controller would create next. Nobody types this in a
 * real cluster — the owner's controller creates its pods — so it prints no kubectl line;
 * `describe` on the owner shows that controller's work (its "Created pod" events).
 */
export const createPod: IntentDef<"createPod"> = {
  type: "createPod",
  role: "workload-controller",
  fields: { owner: "name" },
  kubectl: () => "",
  realCluster: (intent) => {
    const [kind, ns, name] = splitWorkload(intent.owner);
    const controller = (POD_CREATORS as Record<string, RealController>)[kind] ?? "replicaset-controller";
    return { controller, inspect: `kubectl -n ${ns} describe ${kind.toLowerCase()} ${name}` };
  },
  plan: (world, actor, intent) => {
    const [kind, ns, name] = splitWorkload(intent.owner);
    if (kind === "ReplicaSet") return createReplicaSetPod(world, actor, ns, name);
    if (kind === "StatefulSet") return createStatefulPod(world, ns, name);
    if (kind === "DaemonSet") return createDaemonPod(world, actor, ns, name);
    if (kind === "Job") return createJobPod(world, actor, ns, name);
    return {
      code: "INVALID",
      message: `owner must be ReplicaSet|StatefulSet|DaemonSet|Job/<ns>/<name>, got "${intent.owner}"`,
    };
  },
};

/** `deletePod`: pods are replaced, not repaired; one on an unreachable node takes a force delete. */
export const deletePod: IntentDef<"deletePod"> = {
  type: "deletePod",
  role: "workload-controller",
  fields: { pod: "name" },
  kubectl: (intent) => {
    const [ns, name] = splitKey(intent.pod);
    return `kubectl -n ${ns} delete pod ${name}`;
  },
  plan: (world, actor, intent) => {
    const pod = world.store.get("Pod", intent.pod);
    if (!pod) return notFound(`pod ${intent.pod}`);
    // A kubelet that cannot be reached never confirms a graceful delete: the pod would stay
    // Terminating, so freeing it (mysql-0 off a dead node) takes a force delete (StatefulSet
    // page, "Force delete StatefulSet pods").
    const node = pod.spec.nodeName;
    const unreachable =
      node !== undefined && (!isNodeReady(world.store.get("Node", node)) || !world.machines[node]?.up);
    const [ns, name] = splitKey(intent.pod);
    return {
      changes: [del(pod), event(pod, "Killing", `Stopping pod ${pod.metadata.name} (${actor})`, "Intent")],
      message: unreachable
        ? `pod "${name}" force deleted (its node ${node} cannot confirm a graceful delete)`
        : `pod "${name}" deleted`,
      ...(unreachable ? { kubectl: `kubectl -n ${ns} delete pod ${name} --grace-period=0 --force` } : {}),
    };
  },
};

/** `scale`: a new replica count for a Deployment, StatefulSet or ReplicaSet. */
export const scale: IntentDef<"scale"> = {
  type: "scale",
  role: "workload-controller",
  fields: { workload: "name", replicas: "replicas" },
  kubectl: (intent) => {
    const [kind, ns, name] = kubectlRef(intent.workload);
    return `kubectl -n ${ns} scale ${kind} ${name} --replicas=${intent.replicas}`;
  },
  plan: (world, _actor, intent) => {
    const w = scalable(world, intent.workload);
    if (!w) return notFound(`workload ${intent.workload}`);
    // Checked here too: bots and replays reach the sim without the protocol validator.
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
  },
};

/** `setImage`: a new image for one container of a workload's template (a rollout). */
export const setImage: IntentDef<"setImage"> = {
  type: "setImage",
  role: "workload-controller",
  fields: { workload: "name", container: "name", image: "name" },
  kubectl: (intent) => {
    const [kind, ns, name] = kubectlRef(intent.workload);
    return `kubectl -n ${ns} set image ${kind}/${name} ${intent.container}=${intent.image}`;
  },
  plan: (world, _actor, intent) => {
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
    return { changes: [put(next)], message: `${w.kind.toLowerCase()}.apps/${w.metadata.name} image updated` };
  },
};

/** `rolloutUndo`: a Deployment back to its previous ReplicaSet's template. */
export const rolloutUndo: IntentDef<"rolloutUndo"> = {
  type: "rolloutUndo",
  role: "workload-controller",
  fields: { workload: "name" },
  kubectl: (intent) => {
    const [kind, ns, name] = kubectlRef(intent.workload);
    return `kubectl -n ${ns} rollout undo ${kind}/${name}`;
  },
  plan: (world, _actor, intent) => {
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
  },
};
