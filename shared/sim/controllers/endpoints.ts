/**
 * Endpoints controller: for each Service with a selector, Endpoints of the same name list
 * exactly the IPs of the pods in the Service's namespace that match the selector and are
 * Ready (fact 3); matching pods that are not Ready go to `notReadyAddresses`. Services find
 * pods by label, never by IP — so a replacement pod is picked up by its labels.
 */
import { canonicalJson } from "../hash";
import { del, event, put, keysOfKind, type Change, type ControlLoop } from "../loop";
import type { EndpointAddress, Endpoints, Pod, Service } from "../types";
import { isPodReady, round3, type World } from "../world";

function address(pod: Pod, svc: Service): EndpointAddress {
  const a: EndpointAddress = {
    ip: pod.status.podIP!,
    targetRef: {
      kind: "Pod",
      name: pod.metadata.name,
      namespace: pod.metadata.namespace!,
      uid: pod.metadata.uid,
    },
  };
  if (pod.spec.nodeName) a.nodeName = pod.spec.nodeName;
  // As Kubernetes does: the hostname only behind the headless Service the pod's subdomain names.
  if (pod.spec.hostname && pod.spec.subdomain === svc.metadata.name) a.hostname = pod.spec.hostname;
  return a;
}

/** The subsets a Service's Endpoints should hold right now. */
export function desiredSubsets(world: World, svc: Service): Endpoints["subsets"] {
  const pods = world.store
    .podsMatching(svc.metadata.namespace!, svc.spec.selector)
    .filter((p) => p.status.podIP);
  const ready = pods.filter(isPodReady).map((p) => address(p, svc));
  const notReady = pods.filter((p) => !isPodReady(p)).map((p) => address(p, svc));
  if (ready.length === 0 && notReady.length === 0) return [];
  const subset: Endpoints["subsets"][number] = {
    addresses: ready,
    ports: svc.spec.ports.map((p) => ({
      ...(p.name ? { name: p.name } : {}),
      port: p.targetPort,
      protocol: p.protocol,
    })),
  };
  if (notReady.length > 0) subset.notReadyAddresses = notReady;
  return [subset];
}

/** The changes that make a Service's Endpoints current (shared by the loop and updateEndpoints). */
export function syncEndpoints(world: World, key: string): Change[] {
  const svc = world.store.get("Service", key);
  const current = world.store.get("Endpoints", key);
  if (!svc) return current ? [del(current)] : [];
  if (Object.keys(svc.spec.selector).length === 0) return [];
  const subsets = desiredSubsets(world, svc);
  if (current && canonicalJson(current.subsets) === canonicalJson(subsets)) return [];
  const ep: Endpoints = {
    apiVersion: "v1",
    kind: "Endpoints",
    metadata: current
      ? { ...current.metadata }
      : {
          name: svc.metadata.name,
          namespace: svc.metadata.namespace!,
          uid: `${svc.metadata.uid}-ep`,
          labels: { ...svc.metadata.labels },
          resourceVersion: "0",
          creationTimestamp: round3(world.time),
        },
    subsets,
  };
  const n = subsets[0]?.addresses.length ?? 0;
  return [
    put(ep),
    ...(n === 0 && svc.metadata.namespace !== "kube-system"
      ? [event(svc, "NoEndpoints", `Service ${svc.metadata.name} has no ready endpoints`, "Warning")]
      : []),
  ];
}

/** The Endpoints control loop; keys are Service keys. */
export const endpointsController: ControlLoop = {
  name: "endpoints",
  role: "service-controller",
  enqueue(ev, world, add) {
    if (ev.kind === "Service") add(ev.key);
    else if (ev.kind === "Endpoints" && ev.type === "DELETED") add(ev.key);
    else if (ev.kind === "Pod") {
      // Only Services whose selector matched the pod before or after the change care.
      const ns = (ev.obj ?? ev.old)!.metadata.namespace!;
      for (const svc of world.store.servicesIn(ns)) {
        const sel = Object.entries(svc.spec.selector);
        if (sel.length === 0) continue;
        for (const o of [ev.old, ev.obj]) {
          if (o && sel.every(([k, v]) => o.metadata.labels[k] === v)) {
            add(`${ns}/${svc.metadata.name}`);
            break;
          }
        }
      }
    }
  },
  allKeys: (world) => keysOfKind(world, "Service"),
  sync: (key, world) => syncEndpoints(world, key),
};
