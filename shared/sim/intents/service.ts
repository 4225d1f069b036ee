/**
 * The service controller's intents: the work of the Endpoints controller, CoreDNS and
 * whoever keeps the Service manifests in git — relabel a pod, re-apply a deleted Service,
 * rewrite its Endpoints, register its DNS records.
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

/** `updateEndpoints`: rewrite a Service's Endpoints from its selector, as the Endpoints controller would. */
export const updateEndpoints: IntentDef<"updateEndpoints"> = {
  type: "updateEndpoints",
  role: "service-controller",
  fields: { service: "name" },
  kubectl: (intent) => {
    const [ns, name] = splitKey(intent.service);
    return `kubectl -n ${ns} get endpoints ${name} -o wide   # rewritten from the selector of service/${name}`;
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

/** `registerDns`: bring a Service's CoreDNS records up to date. */
export const registerDns: IntentDef<"registerDns"> = {
  type: "registerDns",
  role: "service-controller",
  fields: { service: "name" },
  kubectl: (intent) => {
    const [ns, name] = splitKey(intent.service);
    return `kubectl -n kube-system exec deploy/coredns -- dig ${name}.${ns}.svc.cluster.local   # record registered`;
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
