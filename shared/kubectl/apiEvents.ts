/** The world's events as the core/v1 Events `kubectl get events -o yaml` shows. */
import { KINDS, type Kind, type Pod } from "../sim/types";
import type { SimEvent, World } from "../sim/world";
import { byNamespaceThenName, defined, uuidOf, type ApiObject } from "./apiFields";
import { timestampOf } from "./apiTime";

/** The component that reports an event, by the involved object's kind (Pod events: by reason). */
const EVENT_COMPONENTS: Record<string, string> = {
  Deployment: "deployment-controller",
  ReplicaSet: "replicaset-controller",
  StatefulSet: "statefulset-controller",
  DaemonSet: "daemonset-controller",
  Job: "job-controller",
  Node: "node-controller",
  Service: "service-controller",
  Endpoints: "endpoint-controller",
  PersistentVolumeClaim: "persistentvolume-controller",
  Namespace: "namespace-controller",
};

/**
 * A world event as the core/v1 Event the API would hold: named `<object>.<16 hex digits>`
 * (`seq` is the event's number since the world began: `world.eventsDropped` + its index),
 * in the involved object's namespace (`default` for cluster-scoped ones). The game's
 * `Chaos` events are Warnings reported by `reconcile.game/chaos`; `Intent` ones are
 * Normal, reported by `reconcile.game/player`. Undefined for the game's own notes that name
 * no API object (`Intent/scale`: the players' action log).
 */
export function eventObjectOf(world: World, e: SimEvent, seq: number): ApiObject | undefined {
  const [kind = "", a = "", b] = e.object.split("/");
  if (!(KINDS as readonly string[]).includes(kind) || a === "") return undefined;
  const name = b === undefined ? a : b;
  const namespace = b === undefined ? "default" : a;
  const involved = world.store.get(kind as Kind, b === undefined ? a : `${a}/${b}`);
  const component =
    e.severity === "Chaos"
      ? "reconcile.game/chaos"
      : e.severity === "Intent"
        ? "reconcile.game/player"
        : kind === "Pod"
          ? /Schedul/.test(e.type)
            ? "default-scheduler"
            : "kubelet"
          : (EVENT_COMPONENTS[kind] ?? "");
  const at = timestampOf(e.time);
  const id = `${seq}/${e.object}/${e.time}`;
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: {
      name: `${name}.${seq.toString(16).padStart(16, "0")}`,
      namespace,
      uid: uuidOf(`event/${id}`),
      resourceVersion: String(seq + 1),
      creationTimestamp: at,
    },
    involvedObject: defined({
      apiVersion: involved?.apiVersion,
      kind,
      name,
      namespace: b === undefined ? undefined : a,
      uid: involved ? uuidOf(involved.metadata.uid) : undefined,
    }),
    reason: e.type,
    message: e.message,
    type: e.severity === "Warning" || e.severity === "Chaos" ? "Warning" : "Normal",
    source: defined({
      component,
      host:
        kind === "Pod" && component === "kubelet" ? (involved as Pod | undefined)?.spec.nodeName : undefined,
    }),
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    reportingComponent: component,
    reportingInstance: "",
  };
}

/** Every event the world keeps about an API object, as core/v1 Events in kubectl's order (namespace, then name). */
export function eventObjectsOf(world: World): ApiObject[] {
  const out: ApiObject[] = [];
  world.events.forEach((e, i) => {
    const obj = eventObjectOf(world, e, world.eventsDropped + i);
    if (obj) out.push(obj);
  });
  return out.sort(byNamespaceThenName);
}
