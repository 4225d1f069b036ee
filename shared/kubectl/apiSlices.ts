/**
 * EndpointSlices: the game keeps Endpoints; these are the `discovery.k8s.io/v1` slices the
 * EndpointSlice controller would write for them (what kube-proxy reads; Endpoints are
 * deprecated since v1.33).
 */
import { fnv1a } from "../sim/hash";
import { NAME_ALPHABET } from "../sim/rng";
import type { EndpointAddress, Pod } from "../sim/types";
import type { World } from "../sim/world";
import { byNamespaceThenName, defined, uuidOf, type ApiObject } from "./apiFields";
import { timestampOf } from "./apiTime";

/** The 5-character generateName suffix of a Service's EndpointSlice, derived from its Endpoints' uid. */
export function sliceSuffix(uid: string): string {
  let n = fnv1a(uid);
  let s = "";
  for (let i = 0; i < 5; i++) {
    s += NAME_ALPHABET[n % NAME_ALPHABET.length];
    n = Math.floor(n / NAME_ALPHABET.length);
  }
  return s;
}

/**
 * The `discovery.k8s.io/v1` EndpointSlices the EndpointSlice controller would keep for the
 * world's Endpoints (the game keeps Endpoints; kube-proxy reads the slices):
 * one IPv4 slice per Service, named `<service>-<5 characters>` (a generateName suffix
 * derived from the Endpoints' uid, so it stays put), in kubectl's order.
 */
export function endpointSlicesOf(world: World): ApiObject[] {
  const slices: ApiObject[] = [];
  for (const ep of world.store.list("Endpoints")) {
    const ns = ep.metadata.namespace ?? "default";
    const svc = world.store.get("Service", `${ns}/${ep.metadata.name}`);
    const endpoint = (a: EndpointAddress, ready: boolean) => {
      const pod = world.store.get("Pod", `${a.targetRef.namespace}/${a.targetRef.name}`);
      const terminating = pod?.metadata.deletionTimestamp !== undefined;
      return defined({
        addresses: [a.ip],
        // A terminating pod whose containers still run still serves (KEP-1672).
        conditions: {
          ready,
          serving: ready || (terminating && pod !== undefined && containersUp(pod)),
          terminating,
        },
        hostname: a.hostname,
        nodeName: a.nodeName,
        targetRef: { ...a.targetRef },
      });
    };
    const endpoints = [
      ...ep.subsets.flatMap((s) => s.addresses.map((a) => endpoint(a, true))),
      ...ep.subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => endpoint(a, false))),
    ];
    const ports = new Map<string, { name: string; port: number; protocol: string }>();
    for (const p of ep.subsets.flatMap((s) => s.ports))
      ports.set(`${p.name ?? ""}/${p.port}/${p.protocol}`, {
        name: p.name ?? "",
        port: p.port,
        protocol: p.protocol,
      });
    const labels: Record<string, string> = {
      ...svc?.metadata.labels,
      "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
      "kubernetes.io/service-name": ep.metadata.name,
    };
    if (svc?.spec.clusterIP === "None") labels["service.kubernetes.io/headless"] = "";
    slices.push(
      defined({
        apiVersion: "discovery.k8s.io/v1",
        kind: "EndpointSlice",
        metadata: defined({
          name: `${ep.metadata.name}-${sliceSuffix(ep.metadata.uid)}`,
          namespace: ns,
          uid: uuidOf(`${ep.metadata.uid}/slice`),
          resourceVersion: ep.metadata.resourceVersion,
          generation: 1,
          creationTimestamp: timestampOf(ep.metadata.creationTimestamp),
          labels,
          ownerReferences: svc
            ? [
                {
                  apiVersion: "v1",
                  kind: "Service",
                  name: svc.metadata.name,
                  uid: uuidOf(svc.metadata.uid),
                  controller: true,
                  blockOwnerDeletion: true,
                },
              ]
            : undefined,
        }),
        addressType: "IPv4",
        // The controller writes `endpoints: null` for a Service with no pods; JSON drops it.
        endpoints: endpoints.length ? endpoints : undefined,
        ports: [...ports.values()],
      }),
    );
  }
  return slices.sort(byNamespaceThenName);
}

/** Whether every container of a pod is running (a terminating pod still serves until they stop). */
function containersUp(pod: Pod): boolean {
  const cs = pod.status.containerStatuses ?? [];
  return cs.length > 0 && cs.every((c) => c.state.running !== undefined);
}
