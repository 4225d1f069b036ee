/**
 * A pod's DNS resolver: `/etc/resolv.conf` points at kube-dns (10.96.0.10) with the search
 * path `<ns>.svc.cluster.local svc.cluster.local cluster.local` (fact 2), so `tomcat`
 * resolves only inside `shop` and `tomcat.shop` from anywhere. The pod keeps no cache of
 * its own: every lookup goes to a CoreDNS pod, whose `cache` plugin keeps answers for the
 * TTL — so within it a recreated Service's old ClusterIP is still what comes back, and
 * when every CoreDNS pod is gone nothing resolves at all (dns-pod-service; Corefile
 * `cache 30` and kubernetes `ttl 30` as kubeadm writes them).
 */
import { CLOCKS } from "./clock";
import { pickEndpoint } from "./kube-proxy";
import { CLUSTER_DOMAIN, isIPv4, KUBE_DNS_IP } from "./network";
import type { Pod } from "./types";
import { containersRunning, type DnsServerCache, type FailureReason, type World } from "./world";

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

/** The cache of a CoreDNS pod, emptied when its container (re)started since it was filled. */
function serverCache(world: World, server: Pod): DnsServerCache {
  const key = `${server.metadata.namespace}/${server.metadata.name}`;
  const startedAt = server.status.containerStatuses?.[0]?.state.running?.startedAt ?? -1;
  const have = world.dns.cache[key];
  if (have && have.startedAt === startedAt) return have;
  return (world.dns.cache[key] = { startedAt, answers: {} });
}

/**
 * Resolves `name` for a client pod in `namespace`: an IP literal as itself; otherwise a
 * query to kube-dns — which needs a CoreDNS endpoint whose container runs on a live
 * machine — answered from that CoreDNS pod's cache while the TTL lasts (or past it while
 * stale-DNS chaos is on), else from its records, then cached.
 */
export function resolve(world: World, namespace: string, name: string): Resolution {
  if (isIPv4(name)) return { ips: [name] };
  const server = pickEndpoint(world, KUBE_DNS_IP);
  if (
    "error" in server ||
    !world.machines[server.pod.spec.nodeName ?? ""]?.up ||
    !containersRunning(server.pod)
  )
    return { error: "DNS_UNAVAILABLE" };
  const cache = serverCache(world, server.pod);
  for (const fqdn of candidates(name, namespace)) {
    const hit = cache.answers[fqdn];
    if (hit && (hit.expires > world.time || world.faults.staleDns)) return { ips: hit.ips };
    const ips = world.dns.records[fqdn];
    if (ips && ips.length > 0) {
      cache.answers[fqdn] = { ips, expires: world.time + CLOCKS[world.clock].dnsTtl };
      return { ips };
    }
  }
  return { error: "NXDOMAIN" };
}
