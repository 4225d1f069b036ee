/**
 * The service controller's intents: relabel a pod and re-apply a deleted Service — commands
 * people type — and, by hand, the work that in a real cluster is the EndpointSlice
 * controller's (endpoints follow a Service's selector within a second) and CoreDNS's (it
 * watches Services and EndpointSlices and answers from them; nothing registers a record).
 * Those two print no kubectl line: they say whose work it is and what to look at instead.
 */
import type { Manifest } from "../apiserver";
import { materialize } from "../apiserver";
import { syncDnsRecords } from "../controllers/dns";
import { syncEndpoints } from "../controllers/endpoints";
import { edit, event, put } from "../loop";
import type { KubeObject } from "../types";
import type { World } from "../world";
import { notFound, splitKey, type IntentDef } from "./registry";

/** The manifest a deleted Service is recreated from (the scenario's, as kept in git). */
export function lastServiceManifest(world: World, key: string): Manifest | undefined {
  return world.serviceManifests[key];
}

/** `labelPod`: set or remove (null) labels of a pod, putting it in or out of a selector. */
export const labelPod: IntentDef<"labelPod"> = {
  type: "labelPod",
  role: "service-controller",
  fields: { pod: "name", labels: "labels" },
  kubectl: (intent) => {
    const [ns, name] = splitKey(intent.pod);
    const labels = Object.entries(intent.labels)
      .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
      .join(" ");
    return `kubectl -n ${ns} label pod ${name} ${labels} --overwrite`;
  },
  plan: (world, _actor, intent) => {
    const pod = world.store.get("Pod", intent.pod);
    if (!pod) return notFound(`pod ${intent.pod}`);
    const next = edit(pod);
    for (const [k, v] of Object.entries(intent.labels)) {
      if (v === null) delete next.metadata.labels[k];
      else next.metadata.labels[k] = v;
    }
    return { changes: [put(next)], message: `pod/${pod.metadata.name} labeled` };
  },
};

/** `recreateService`: re-apply a deleted Service from its manifest (it gets a NEW ClusterIP). */
export const recreateService: IntentDef<"recreateService"> = {
  type: "recreateService",
  role: "service-controller",
  fields: { service: "name" },
  kubectl: (intent) => {
    const [ns, name] = splitKey(intent.service);
    return `kubectl -n ${ns} apply -f ${name}-service.yaml`;
  },
  plan: (world, actor, intent) => {
    if (world.store.get("Service", intent.service))
      return { code: "CONFLICT", message: `service ${intent.service} exists` };
    const manifest = lastServiceManifest(world, intent.service);
    if (!manifest) return notFound(`a manifest for service ${intent.service}`);
    const svc: KubeObject = materialize(world, manifest);
    const clusterIP = svc.kind === "Service" ? svc.spec.clusterIP : "";
    return {
      changes: [
        put(svc),
        event(
          svc,
          "Recreated",
          `service ${intent.service} recreated with ClusterIP ${clusterIP} (${actor})`,
          "Intent",
        ),
      ],
      message: `service/${svc.metadata.name} created`,
    };
  },
};

/**
 * `updateEndpoints`: rewrite a Service's endpoints from its selector — the EndpointSlice
 * controller's work in a real cluster, which the EndpointSlices it writes show.
 */
export const updateEndpoints: IntentDef<"updateEndpoints"> = {
  type: "updateEndpoints",
  role: "service-controller",
  fields: { service: "name" },
  kubectl: () => "",
  realCluster: (intent) => {
    const [ns, name] = splitKey(intent.service);
    return {
      controller: "endpointslice-controller",
      inspect: `kubectl -n ${ns} get endpointslices -l kubernetes.io/service-name=${name} -o yaml`,
    };
  },
  plan: (world, _actor, intent) => {
    if (!world.store.get("Service", intent.service)) return notFound(`service ${intent.service}`);
    const changes = syncEndpoints(world, intent.service);
    const name = splitKey(intent.service)[1];
    return {
      changes,
      message: changes.length > 0 ? `endpoints/${name} updated` : `endpoints/${name} already current`,
    };
  },
};

/**
 * `registerDns`: bring a Service's DNS records up to date — in a real cluster CoreDNS's
 * kubernetes plugin serves them straight from the Services it watches; a DNS query from a
 * pod with the tools (the dnsutils pod of "Debugging DNS Resolution") shows its answer.
 */
export const registerDns: IntentDef<"registerDns"> = {
  type: "registerDns",
  role: "service-controller",
  fields: { service: "name" },
  kubectl: () => "",
  realCluster: (intent) => {
    const [ns, name] = splitKey(intent.service);
    return {
      controller: "coredns",
      inspect: `kubectl exec -i -t dnsutils -- nslookup ${name}.${ns}.svc.cluster.local`,
    };
  },
  plan: (world, _actor, intent) => {
    const changes = syncDnsRecords(world, intent.service);
    return {
      changes,
      message:
        changes.length > 0
          ? `DNS records of ${intent.service} updated`
          : `DNS records of ${intent.service} already current`,
    };
  },
};
