/**
 * Cluster DNS (CoreDNS's kubernetes plugin): an A record `svc.ns.svc.cluster.local` for
 * every Service — its ClusterIP, or for a headless Service the IPs of its Ready pods —
 * and `hostname.svc.ns.svc.cluster.local` for pods with a hostname behind a headless
 * Service (StatefulSet pods) (fact 2). Records follow Services and Endpoints, so a deleted
 * and recreated Service keeps its name even though its ClusterIP is new.
 */
import { canonicalJson } from "../hash";
import { keysOfKind, type Change, type ControlLoop } from "../loop";
import { CLUSTER_DOMAIN } from "../network";
import type { World } from "../world";

/** The FQDN of a Service. */
export function serviceFqdn(name: string, namespace: string): string {
  return `${name}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

/** The records a Service should have: FQDN → IPs (sorted), empty when the Service is gone. */
export function desiredRecords(world: World, key: string): Record<string, string[]> {
  const svc = world.store.get("Service", key);
  if (!svc) return {};
  const ns = svc.metadata.namespace!;
  const fqdn = serviceFqdn(svc.metadata.name, ns);
  if (svc.spec.clusterIP !== "None") return { [fqdn]: [svc.spec.clusterIP] };
  const out: Record<string, string[]> = {};
  const ep = world.store.get("Endpoints", key);
  const addresses =
    ep?.subsets.flatMap((s) => [
      ...s.addresses,
      ...(svc.spec.publishNotReadyAddresses ? (s.notReadyAddresses ?? []) : []),
    ]) ?? [];
  // A headless Service with no ready pod has no A record at all: lookups get NXDOMAIN.
  if (addresses.length > 0) out[fqdn] = addresses.map((a) => a.ip).sort();
  for (const a of addresses) if (a.hostname) out[`${a.hostname}.${fqdn}`] = [a.ip];
  return out;
}

/** The changes that make a Service's records current (shared by the loop and registerDns). */
export function syncDnsRecords(world: World, key: string): Change[] {
  const want = desiredRecords(world, key);
  const [ns, name] = key.split("/") as [string, string];
  const fqdn = serviceFqdn(name, ns);
  const changes: Change[] = [];
  for (const existing of Object.keys(world.dns.records)) {
    if ((existing === fqdn || existing.endsWith(`.${fqdn}`)) && !(existing in want))
      changes.push({ op: "dns", name: existing, ips: null });
  }
  for (const [n, ips] of Object.entries(want)) {
    if (canonicalJson(world.dns.records[n]) !== canonicalJson(ips)) changes.push({ op: "dns", name: n, ips });
  }
  return changes;
}

/** The DNS control loop; keys are Service keys. */
export const dnsController: ControlLoop = {
  name: "dns",
  role: "service-controller",
  enqueue(ev, _world, add) {
    if (ev.kind === "Service" || ev.kind === "Endpoints") add(ev.key);
  },
  allKeys: (world) => keysOfKind(world, "Service"),
  sync: (key, world) => syncDnsRecords(world, key),
};
