/** The scheduler's intents: bind a pending pod to a node, cordon and uncordon nodes. */
import { bindChanges, filterNodeButCordon } from "../controllers/scheduler";
import { edit, put } from "../loop";
import type { World } from "../world";
import { notFound, splitKey, type IntentDef, type Outcome } from "./registry";

/**
 * `bindPod`: what kube-scheduler does for every pending pod, by hand — it writes a Binding
 * (POST pods/binding), which `kubectl create` can write too; the pod's NODE column shows it.
 */
export const bindPod: IntentDef<"bindPod"> = {
  type: "bindPod",
  role: "scheduler",
  fields: { pod: "name", node: "name" },
  kubectl: (intent) => {
    const [ns, name] = splitKey(intent.pod);
    return `kubectl -n ${ns} create -f - <<< '{"apiVersion":"v1","kind":"Binding","metadata":{"name":"${name}"},"target":{"apiVersion":"v1","kind":"Node","name":"${intent.node}"}}'`;
  },
  realCluster: (intent) => {
    const [ns, name] = splitKey(intent.pod);
    return { controller: "kube-scheduler", inspect: `kubectl -n ${ns} get pod ${name} -o wide` };
  },
  plan: (world, actor, intent) => {
    const pod = world.store.get("Pod", intent.pod);
    if (!pod) return notFound(`pod ${intent.pod}`);
    if (pod.spec.nodeName)
      return { code: "CONFLICT", message: `pod ${intent.pod} is already bound to ${pod.spec.nodeName}` };
    const node = world.store.get("Node", intent.node);
    if (!node) return notFound(`node ${intent.node}`);
    const why = filterNodeButCordon(world, pod, node);
    if (why)
      return { code: "UNSCHEDULABLE", message: `${intent.node} cannot take ${pod.metadata.name}: ${why}` };
    return {
      changes: bindChanges(world, pod, intent.node, actor),
      message: `bound ${intent.pod} to ${intent.node}${node.spec.unschedulable ? " (cordoned: a cordon only steers the scheduler, the API accepts a Binding)" : ""}`,
    };
  },
};

/** Marks a node (un)schedulable, refusing a no-op. */
function setUnschedulable(world: World, nodeName: string, want: boolean): Outcome {
  const node = world.store.get("Node", nodeName);
  if (!node) return notFound(`node ${nodeName}`);
  if (!!node.spec.unschedulable === want)
    return { code: "CONFLICT", message: `node ${nodeName} is already ${want ? "cordoned" : "schedulable"}` };
  const next = edit(node);
  next.spec.unschedulable = want;
  return { changes: [put(next)], message: `node/${nodeName} ${want ? "cordoned" : "uncordoned"}` };
}

/** `cordon`: keep new pods off a node. */
export const cordon: IntentDef<"cordon"> = {
  type: "cordon",
  role: "scheduler",
  fields: { node: "name" },
  kubectl: (intent) => `kubectl cordon ${intent.node}`,
  plan: (world, _actor, intent) => setUnschedulable(world, intent.node, true),
};

/** `uncordon`: let pods onto a node again. */
export const uncordon: IntentDef<"uncordon"> = {
  type: "uncordon",
  role: "scheduler",
  fields: { node: "name" },
  kubectl: (intent) => `kubectl uncordon ${intent.node}`,
  plan: (world, _actor, intent) => setUnschedulable(world, intent.node, false),
};
