/**
 * The workload controller's intents: the work of the ReplicaSet, StatefulSet, DaemonSet,
 * Job and Deployment controllers, by hand — create and delete pods, adopt orphans, scale,
 * roll out a new template step by step (within maxSurge / maxUnavailable, the rules the
 * deployment controller keeps), roll back, update a StatefulSet highest ordinal first.
 * Where the work is only a controller's in a real cluster, the intent prints no kubectl
 * line; its `realCluster` names the controller and a read of what it writes.
 */
import { templateHash } from "../apiserver";
import { timestampOf } from "../apiTime";
import { newDaemonPod, nodesMissingDaemonPod } from "../controllers/daemonset";
import {
  createdReplicaSet,
  newReplicaSetFor,
  ownedReplicaSets,
  renumbered,
  REVISION_ANNOTATION,
  revisionOf,
  scaleReplicaSet,
} from "../controllers/deployment";
import { jobFinished, jobPodCounts, newJobPod } from "../controllers/job";
import {
  activePods,
  adopted,
  isOrphan,
  newReplicaSetPod,
  replicaSetsMatching,
} from "../controllers/replicaset";
import {
  checkRolloutScale,
  describeMove,
  moveReason,
  nextManualMove,
  nextRevision,
  nextRolloutStep,
  podMoveAfterScale,
  rolloutOf,
  type RolloutMove,
} from "../controllers/rollout";
import { nextStatefulUpdate, newStatefulPod, ordinalOf, updateRevision } from "../controllers/statefulset";
import { clone } from "../hash";
import { isImageRef } from "../image";
import { controllerOf, del, edit, event, ownerObject, put, type Change } from "../loop";
import type { Deployment, ReplicaSet, StatefulSet } from "../types";
import type { IntentReason, RealController } from "./types";
import { isNodeReady, isPodReady, type World } from "../world";
import { MAX_REPLICAS, notFound, splitKey, splitWorkload, type IntentDef, type Outcome } from "./registry";

/** How a message names the controller that does this work in a real cluster. */
function realCluster(controller: string): string {
  return `(in a real cluster the ${controller} does this)`;
}

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

/**
 * For a person doing a Deployment's ReplicaSet work by hand: once a pod of one of its
 * ReplicaSets was created or deleted, what the result says and the rollout's next step, read
 * from the world after the change.
 */
function rolloutNoteAfter(
  world: World,
  rs: ReplicaSet,
  key: string,
  pod: string,
): ((after: World) => IntentReason | undefined) | undefined {
  const d = ownerObject(world, rs, "Deployment");
  if (!d || world.roles["workload-controller"] !== "manual") return undefined;
  const dKey = `${d.metadata.namespace}/${d.metadata.name}`;
  return (after) => {
    const now = after.store.get("Deployment", dKey);
    if (!now) return undefined;
    return { key, params: { pod }, next: moveReason(nextManualMove(after, rolloutOf(after, now))) };
  };
}

/** One more pod for a ReplicaSet, unless it already has all its replicas. */
function createReplicaSetPod(world: World, actor: string, ns: string, name: string): Outcome {
  const rs = world.store.get("ReplicaSet", `${ns}/${name}`);
  if (!rs) return notFound(`replicaset ${ns}/${name}`);
  const active = activePods(world, rs);
  if (active.length >= rs.spec.replicas) {
    // A Deployment's ReplicaSet mid-rollout: say what to do instead.
    const d = ownerObject(world, rs, "Deployment");
    const next = d ? nextManualMove(world, rolloutOf(world, d)) : undefined;
    return {
      code: "CONFLICT",
      message: `replicaset ${name} already has ${active.length}/${rs.spec.replicas} pods${next ? `; next: ${describeMove(next)}` : ""}`,
      reason: {
        key: "replicaSetFull",
        params: { replicaSet: name, has: active.length, wants: rs.spec.replicas },
        ...(next ? { next: moveReason(next) } : {}),
      },
    };
  }
  const pod = newReplicaSetPod(world, rs);
  const after = rolloutNoteAfter(world, rs, "podCreated", pod.metadata.name);
  return {
    changes: [put(pod), event(rs, "SuccessfulCreate", `Created pod: ${pod.metadata.name} (${actor})`)],
    message: `pod/${pod.metadata.name} created`,
    ...(after ? { after } : {}),
  };
}

/**
 * The lowest missing ordinal of a StatefulSet, unless it has every pod — and, with the
 * OrderedReady policy, only once every lower ordinal is Running and Ready (fact 8).
 */
function createStatefulPod(world: World, ns: string, name: string): Outcome {
  const sts = world.store.get("StatefulSet", `${ns}/${name}`);
  if (!sts) return notFound(`statefulset ${ns}/${name}`);
  const pods = world.store.podsOwnedBy(sts.metadata.uid);
  const have = new Set(pods.map((p) => ordinalOf(sts, p.metadata.name)));
  let i = 0;
  while (have.has(i)) i++;
  if (i >= sts.spec.replicas)
    return { code: "CONFLICT", message: `statefulset ${name} already has all ${sts.spec.replicas} pods` };
  const waiting = pods.find((p) => ordinalOf(sts, p.metadata.name) < i && !isPodReady(p));
  if (sts.spec.podManagementPolicy !== "Parallel" && waiting)
    return {
      code: "CONFLICT",
      message: `the StatefulSet controller creates ${name}-${i} only after ${waiting.metadata.name} is Running and Ready`,
    };
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
    const rs = ownerObject(world, pod, "ReplicaSet");
    const after = rs && rolloutNoteAfter(world, rs, "podDeleted", name);
    return {
      changes: [del(pod), event(pod, "Killing", `Stopping pod ${pod.metadata.name} (${actor})`, "Intent")],
      ...(after ? { after } : {}),
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
  plan: (world, actor, intent) => {
    const w = scalable(world, intent.workload);
    if (!w) return notFound(`workload ${intent.workload}`);
    // Checked here too: bots and replays reach the sim without the protocol validator.
    if (!Number.isInteger(intent.replicas) || intent.replicas < 0 || intent.replicas > MAX_REPLICAS)
      return { code: "INVALID", message: `replicas must be an integer from 0 to ${MAX_REPLICAS}` };
    if (w.spec.replicas === intent.replicas)
      return { code: "CONFLICT", message: `${intent.workload} already has ${intent.replicas} replicas` };
    // A Deployment's ReplicaSet moves only as its rolling update allows: the deployment controller's step.
    const d = w.kind === "ReplicaSet" ? ownerObject(world, w, "Deployment") : undefined;
    if (d && w.kind === "ReplicaSet") {
      const why = checkRolloutScale(world, rolloutOf(world, d), w, intent.replicas);
      if (why) return { code: "CONFLICT", ...why };
      const after = podMoveAfterScale(world, w, intent.replicas);
      return {
        changes: scaleReplicaSet(d, w, intent.replicas, ` (${actor})`),
        message: `replicaset.apps/${w.metadata.name} scaled to ${intent.replicas} ${realCluster("deployment controller")}${after ? `; next: ${describeMove(after)}` : ""}`,
        note: {
          key: "scaled",
          params: { replicaSet: w.metadata.name, replicas: intent.replicas },
          ...(after ? { next: moveReason(after) } : {}),
        },
      };
    }
    const next = edit(w);
    next.spec.replicas = intent.replicas;
    const follow = w.kind === "Deployment" ? followingReplicaSet(world, w, intent.replicas) : [];
    return {
      changes: [put(next), ...follow],
      message: `${w.kind.toLowerCase()}.apps/${w.metadata.name} scaled`,
    };
  },
};

/** What a person playing the workload controller does after a template change (a new image, a restart). */
const ROLLOUT_TODO = {
  Deployment:
    "; roll it out: create its new ReplicaSet, then move replicas within maxSurge/maxUnavailable (the deployment controller's work)",
  StatefulSet: "; roll it out highest ordinal first (the StatefulSet controller's work)",
} as const;

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
    if (!isImageRef(intent.image))
      return {
        code: "INVALID",
        message: `"${intent.image}" is not a valid image reference`,
        reason: { key: "badImage", params: { image: intent.image } },
      };
    const next = edit(w);
    const c = next.spec.template.spec.containers.find((x) => x.name === intent.container);
    if (!c) return notFound(`container ${intent.container} in ${intent.workload}`);
    if (c.image === intent.image)
      return {
        code: "CONFLICT",
        message: `${intent.container} already runs ${intent.image}`,
        reason: { key: "sameImage", params: { container: intent.container, image: intent.image } },
      };
    c.image = intent.image;
    next.metadata.generation = (next.metadata.generation ?? 1) + 1;
    const manual = world.roles["workload-controller"] === "manual";
    const todo = ROLLOUT_TODO[w.kind];
    const name = w.metadata.name;
    // By hand, the rollout is the player's next job: say which step starts it.
    const note =
      w.kind === "Deployment"
        ? {
            key: "imageSet",
            params: { workload: name },
            next: { key: "next.createReplicaSet", params: { deployment: name } },
          }
        : { key: "imageSetStateful", params: { workload: name } };
    return {
      changes: [put(next)],
      message: `${w.kind.toLowerCase()}.apps/${name} image updated${manual ? todo : ""}`,
      ...(manual ? { note } : {}),
    };
  },
};

/** `rolloutUndo`: a Deployment back to its previous revision's template, as `kubectl rollout undo` does. */
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
    const r = rolloutOf(world, d);
    // The previous revision: the newest ReplicaSet but the current template's. A template
    // change nobody has rolled out yet (no ReplicaSet) is undone back to the newest one.
    const previous = ownedReplicaSets(world, d)
      .filter((rs) => rs !== r.current)
      .sort((a, b) => revisionOf(b) - revisionOf(a))[0];
    if (!previous)
      return {
        code: "CONFLICT",
        message: `no rollout history for ${intent.workload}: nothing to undo`,
        reason: { key: "noHistory", params: { deployment: d.metadata.name } },
      };
    const next = edit(d);
    const template = clone(previous.spec.template);
    delete template.metadata.labels["pod-template-hash"];
    next.spec.template = template;
    next.metadata.generation = (next.metadata.generation ?? 1) + 1;
    const changes: Change[] = [put(next)];
    let message = `deployment.apps/${d.metadata.name} rolled back to revision ${revisionOf(previous)}`;
    // The ReplicaSet rolled back to becomes the newest revision, so the next undo does not
    // return to the broken one; on autopilot the deployment controller renumbers it.
    const newest = Math.max(0, ...ownedReplicaSets(world, d).map(revisionOf));
    if (world.roles["workload-controller"] === "manual" && revisionOf(previous) < newest) {
      const revision = newest + 1;
      const rs = edit(previous);
      rs.metadata.annotations = { ...rs.metadata.annotations, [REVISION_ANNOTATION]: String(revision) };
      changes.push(put(rs));
      message += `; replicaset ${previous.metadata.name} is revision ${revision} now; move the replicas back to it step by step ${realCluster("deployment controller")}`;
    }
    return { changes, message };
  },
};

/** The annotation `kubectl rollout restart` stamps on a pod template (kubectl's own key). */
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

/**
 * `rolloutRestart`: what `kubectl rollout restart` does — stamp the pod template's
 * restartedAt annotation with the time, so the template (and its hash) changes and the
 * workload's controller rolls every pod over, within the same bounds as a new image.
 */
export const rolloutRestart: IntentDef<"rolloutRestart"> = {
  type: "rolloutRestart",
  role: "workload-controller",
  fields: { workload: "name" },
  kubectl: (intent) => {
    const [kind, ns, name] = kubectlRef(intent.workload);
    return `kubectl -n ${ns} rollout restart ${kind}/${name}`;
  },
  plan: (world, _actor, intent) => {
    const [kind] = splitWorkload(intent.workload);
    if (kind !== "Deployment" && kind !== "StatefulSet")
      return {
        code: "INVALID",
        message: `the game restarts deployments and statefulsets only: workload must be Deployment|StatefulSet/<ns>/<name>, got "${intent.workload}"`,
      };
    const w = workload(world, intent.workload);
    if (!w) return notFound(`workload ${intent.workload}`);
    const at = timestampOf(world.time);
    const name = w.metadata.name;
    // kubectl's patch is empty when restartedAt already holds this second: it refuses so.
    if (w.spec.template.metadata.annotations?.[RESTARTED_AT_ANNOTATION] === at)
      return {
        code: "CONFLICT",
        message: `failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`,
        reason: { key: "restartTooSoon", params: { workload: name } },
      };
    const next = edit(w);
    next.spec.template.metadata.annotations = {
      ...next.spec.template.metadata.annotations,
      [RESTARTED_AT_ANNOTATION]: at,
    };
    next.metadata.generation = (next.metadata.generation ?? 1) + 1;
    const manual = world.roles["workload-controller"] === "manual";
    const todo = ROLLOUT_TODO[w.kind];
    // By hand, the rollout is the player's next job, as after a new image: say which step starts it.
    const note =
      w.kind === "Deployment"
        ? {
            key: "restarted",
            params: { workload: name },
            next: { key: "next.createReplicaSet", params: { deployment: name } },
          }
        : { key: "restartedStateful", params: { workload: name } };
    return {
      changes: [put(next)],
      message: `${w.kind.toLowerCase()}.apps/${name} restarted${manual ? todo : ""}`,
      ...(manual ? { note } : {}),
    };
  },
};

/**
 * `createReplicaSet`: the deployment controller's first rollout step — the ReplicaSet of
 * the Deployment's current template, revision newest, with as many replicas as maxSurge
 * allows; or, when that template's ReplicaSet already exists (a rollback), renumbering it
 * as the newest revision.
 */
export const createReplicaSet: IntentDef<"createReplicaSet"> = {
  type: "createReplicaSet",
  role: "workload-controller",
  fields: { workload: "name" },
  kubectl: () => "",
  realCluster: (intent) => {
    const [, ns, name] = splitWorkload(intent.workload);
    return { controller: "deployment-controller", inspect: `kubectl -n ${ns} describe deployment ${name}` };
  },
  plan: (world, actor, intent) => {
    const [kind, ns, name] = splitWorkload(intent.workload);
    const d = kind === "Deployment" ? world.store.get("Deployment", `${ns}/${name}`) : undefined;
    if (!d) return notFound(`deployment ${intent.workload}`);
    const r = rolloutOf(world, d);
    if (r.current) {
      const rs = renumbered(r);
      if (!rs) {
        const next = nextManualMove(world, r);
        const params = {
          replicaSet: r.current.metadata.name,
          deployment: name,
          revision: revisionOf(r.current),
        };
        return {
          code: "CONFLICT",
          message: `replicaset ${params.replicaSet} already runs deployment ${name}'s template (revision ${params.revision}); next: ${describeMove(next)}`,
          reason: { key: "replicaSetExists", params, next: moveReason(next) },
        };
      }
      const revision = rs.metadata.annotations![REVISION_ANNOTATION]!;
      return {
        changes: [put(rs)],
        message: `replicaset.apps/${rs.metadata.name} already has this template: it is revision ${revision} now ${realCluster("deployment controller")}`,
      };
    }
    const step = nextRolloutStep(world, r);
    const rs = newReplicaSetFor(world, r, step?.kind === "create" ? step.replicas : 0);
    const replicas = rs.spec.replicas;
    // Its pods are the ReplicaSet controller's to create: by hand, the next step.
    const pods: RolloutMove | undefined =
      replicas > 0 ? { step: "createPod", replicaSet: rs.metadata.name, wants: replicas, has: 0 } : undefined;
    return {
      changes: createdReplicaSet(d, rs, ` (${actor})`),
      message: `replicaset.apps/${rs.metadata.name} created with ${replicas} replica(s), revision ${nextRevision(r)}, from deployment ${name}'s template ${realCluster("deployment controller")}`,
      note: {
        key: "replicaSetCreated",
        params: { replicaSet: rs.metadata.name, replicas, revision: nextRevision(r) },
        ...(pods ? { next: moveReason(pods) } : {}),
      },
    };
  },
};

/** `adoptPod`: an orphan pod whose labels match a ReplicaSet's selector becomes that ReplicaSet's again. */
export const adoptPod: IntentDef<"adoptPod"> = {
  type: "adoptPod",
  role: "workload-controller",
  fields: { pod: "name" },
  kubectl: () => "",
  realCluster: (intent) => {
    const [ns, name] = splitKey(intent.pod);
    return { controller: "replicaset-controller", inspect: `kubectl -n ${ns} describe pod ${name}` };
  },
  plan: (world, _actor, intent) => {
    const pod = world.store.get("Pod", intent.pod);
    if (!pod) return notFound(`pod ${intent.pod}`);
    const owner = controllerOf(pod);
    if (owner)
      return {
        code: "CONFLICT",
        message: `pod ${intent.pod} already belongs to ${owner.kind} ${owner.name}`,
      };
    if (!isOrphan(pod)) return { code: "CONFLICT", message: `pod ${intent.pod} is finished or terminating` };
    const rs = replicaSetsMatching(world, pod)[0];
    if (!rs)
      return {
        code: "CONFLICT",
        message: `no ReplicaSet's selector matches the labels of pod ${intent.pod}: fix its labels first`,
      };
    return {
      changes: [put(adopted(pod, rs))],
      message: `pod/${pod.metadata.name} adopted by replicaset ${rs.metadata.name} ${realCluster("ReplicaSet controller")}`,
    };
  },
};

/**
 * `updateStatefulPod`: one step of a StatefulSet's RollingUpdate — the pod deleted and
 * recreated from the new template, highest outdated ordinal first, and only while every
 * pod is Running and Ready.
 */
export const updateStatefulPod: IntentDef<"updateStatefulPod"> = {
  type: "updateStatefulPod",
  role: "workload-controller",
  fields: { pod: "name" },
  kubectl: () => "",
  realCluster: (intent) => {
    const [ns, name] = splitKey(intent.pod);
    // A StatefulSet pod is named <statefulset>-<ordinal>.
    const sts = name.replace(/-\d+$/, "");
    return { controller: "statefulset-controller", inspect: `kubectl -n ${ns} describe statefulset ${sts}` };
  },
  plan: (world, actor, intent) => {
    const pod = world.store.get("Pod", intent.pod);
    if (!pod) return notFound(`pod ${intent.pod}`);
    const sts = ownerObject(world, pod, "StatefulSet");
    if (!sts) return { code: "INVALID", message: `pod ${intent.pod} does not belong to a StatefulSet` };
    const name = sts.metadata.name;
    if (sts.spec.updateStrategy?.type === "OnDelete")
      return {
        code: "CONFLICT",
        message: `statefulset ${name} uses the OnDelete strategy: delete the pod and create it again`,
        reason: { key: "statefulOnDelete", params: { statefulSet: name } },
      };
    const next = nextStatefulUpdate(world, sts);
    if (!next)
      return {
        code: "CONFLICT",
        message: `every pod of statefulset ${name} already runs its current template (${updateRevision(sts)})`,
        reason: { key: "statefulCurrent", params: { statefulSet: name, revision: updateRevision(sts) } },
      };
    if ("wait" in next)
      return {
        code: "CONFLICT",
        message: `the StatefulSet controller updates one pod at a time: ${next.wait}`,
        reason: {
          key: next.missing ? "statefulMissing" : "statefulNotReady",
          params: { statefulSet: name, pod: next.blocker },
        },
      };
    if (next.pod.metadata.name !== pod.metadata.name)
      return {
        code: "CONFLICT",
        message: `the StatefulSet controller updates the highest ordinal first: ${next.pod.metadata.name} before ${pod.metadata.name}`,
        reason: { key: "statefulOrder", params: { first: next.pod.metadata.name, pod: pod.metadata.name } },
      };
    return {
      changes: [
        del(pod),
        event(
          sts,
          "SuccessfulDelete",
          `delete Pod ${pod.metadata.name} in StatefulSet ${name} successful (${actor})`,
        ),
        ...newStatefulPod(world, sts, ordinalOf(sts, pod.metadata.name)),
      ],
      message: `pod/${pod.metadata.name} deleted and recreated from revision ${updateRevision(sts)} ${realCluster("StatefulSet controller")}`,
    };
  },
};
