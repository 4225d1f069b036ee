/**
 * kube-proxy (iptables mode): traffic to a Service's ClusterIP or NodePort goes to one of
 * its ready endpoints, chosen at random; a Service with no endpoints rejects the
 * connection (fact 4). It forwards to whatever IP the Endpoints object lists — if that
 * list is stale, the packet goes to an address no pod has any more.
 */
import { nextInt } from "./rng";
import type { Pod, Service } from "./types";
import type { FailureReason, World } from "./world";

/** Where kube-proxy sent a connection: the endpoint IP and the pod now holding it. */
export type ProxyResult =
  | { ip: string; pod: Pod; service?: Service }
  | { error: Extract<FailureReason, "NO_ENDPOINTS" | "STALE_ADDRESS">; ip?: string; service?: Service };

/** Picks an endpoint of the Service with this ClusterIP. */
export function pickEndpoint(world: World, clusterIP: string): ProxyResult {
  const service = world.store.serviceWithClusterIP(clusterIP);
  if (!service) return { error: "STALE_ADDRESS", ip: clusterIP };
  return pickServiceEndpoint(world, service);
}

/** Picks a ready endpoint of a Service (what its iptables rules do). */
export function pickServiceEndpoint(world: World, service: Service): ProxyResult {
  const ep = world.store.get("Endpoints", `${service.metadata.namespace}/${service.metadata.name}`);
  const addresses = ep?.subsets.flatMap((s) => s.addresses) ?? [];
  if (addresses.length === 0) return { error: "NO_ENDPOINTS", service };
  const ip = addresses[nextInt(world.rng, addresses.length)]!.ip;
  const pod = world.store.podWithIP(ip);
  return pod ? { ip, pod, service } : { error: "STALE_ADDRESS", ip, service };
}
