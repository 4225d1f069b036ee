/**
 * A pod's DNS resolver: `/etc/resolv.conf` points at kube-dns (10.96.0.10) with the search
 * path `<ns>.svc.cluster.local svc.cluster.local cluster.local` (fact 2), so `tomcat`
 * resolves only inside `shop` and `tomcat.shop` from anywhere. Answers are cached for the
 * TTL: within it, a recreated Service's old ClusterIP is still what the client gets.
 */
import { CLOCKS } from "./clock";
import { pickEndpoint } from "./kube-proxy";
import { CLUSTER_DOMAIN, isIPv4, KUBE_DNS_IP } from "./network";
import type { FailureReason, World } from "./world";

/** The search path of a pod in a namespace. */
export function searchPath(namespace: string): string[] {
  return [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
}

/** The FQDNs tried for a name, in order (ndots:5 — short names go through the search path first). */
export function candidates(name: string, namespace: string): string[] {
  if (name.endsWith(".")) return [name.slice(0, -1)];
  const dots = name.split(".").length - 1;
  const searched = searchPath(namespace).map((s) => `${name}.${s}`);
  return dots >= 5 ? [name, ...searched] : [...searched, name];
}

/** Resolution without a client: what CoreDNS answers for a name from a namespace. */
export function lookup(
  world: World,
  name: string,
  namespace: string,
): { fqdn: string; ips: string[] } | undefined {
  for (const fqdn of candidates(name, namespace)) {
    const ips = world.dns.records[fqdn];
    if (ips && ips.length > 0) return { fqdn, ips };
  }
  return undefined;
}

/** A resolution result: IPs, or the failure a client sees. */
export type Resolution =
  { ips: string[] } | { error: Extract<FailureReason, "NXDOMAIN" | "DNS_UNAVAILABLE"> };

/**
 * Resolves `name` for the client pod `clientKey` in `namespace`: an IP literal as itself;
 * a cached answer while its TTL lasts (or forever while stale DNS chaos is on); otherwise
 * a query to kube-dns — which needs a Ready CoreDNS endpoint — then cached.
 */
export function resolve(world: World, clientKey: string, namespace: string, name: string): Resolution {
  if (isIPv4(name)) return { ips: [name] };
  const cache = (world.dns.cache[clientKey] ??= {});
  const hit = cache[name];
  if (hit && (hit.expires > world.time || world.faults.staleDns)) return { ips: hit.ips };
  const server = pickEndpoint(world, KUBE_DNS_IP);
  // With CoreDNS down, an expired answer is gone: the lookup times out (stale DNS chaos,
  // above, is the one case that keeps serving old answers).
  if ("error" in server || !world.machines[server.pod.spec.nodeName ?? ""]?.up)
    return { error: "DNS_UNAVAILABLE" };
  const answer = lookup(world, name, namespace);
  if (!answer) return { error: "NXDOMAIN" };
  cache[name] = { ips: answer.ips, expires: world.time + CLOCKS[world.clock].dnsTtl };
  return { ips: answer.ips };
}
