/**
 * The three networks of the seed document: nodes talk on the node network, pods on the
 * pod network (each node owns a /24 of the cluster CIDR), Services live on a virtual
 * service network that only kube-proxy's rules make reachable.
 */
import type { RngState } from "./rng";
import { nextInt } from "./rng";

/** The node network (the VMs' host-only network in the seed's lab). */
export const NODE_NETWORK = "192.168.56.0/24";
/** kubeadm's default pod network for flannel: 10.244.0.0/16, one /24 per node. */
export const CLUSTER_CIDR = "10.244.0.0/16";
/** kubeadm's default service CIDR. */
export const SERVICE_CIDR = "10.96.0.0/12";
/** The `kubernetes` API Service always takes the first service address. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
/** CoreDNS's Service `kube-dns` has the tenth. */
export const KUBE_DNS_IP = "10.96.0.10";
/** The cluster DNS domain. */
export const CLUSTER_DOMAIN = "cluster.local";

/** Dotted quad → 32-bit unsigned. */
export function ipToInt(ip: string): number {
  const parts = ip.split(".").map(Number);
  return (((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0) as number;
}

/** 32-bit unsigned → dotted quad. */
export function intToIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Parses `a.b.c.d/len` into its base address and size. */
export function parseCidr(cidr: string): { base: number; prefix: number; size: number } {
  const [ip, len] = cidr.split("/");
  const prefix = Number(len);
  const size = 2 ** (32 - prefix);
  const base = (ipToInt(ip!) & ~(size - 1)) >>> 0;
  return { base, prefix, size };
}

/** Whether an IP lies inside a CIDR. */
export function cidrContains(cidr: string, ip: string): boolean {
  const { base, size } = parseCidr(cidr);
  const n = ipToInt(ip);
  return n >= base && n < base + size;
}

/** Whether a string is a dotted-quad IPv4 address. */
export function isIPv4(text: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  return !!m && m.slice(1).every((p) => Number(p) <= 255);
}

/** The node network address of node `index` (0-based): .11, .12, … as in a kubeadm lab. */
export function nodeInternalIP(index: number, nodeNetwork: string = NODE_NETWORK): string {
  const { base, size } = parseCidr(nodeNetwork);
  if (11 + index >= size - 1)
    throw new Error(`node network ${nodeNetwork} has no address left for node #${index}`);
  return intToIp(base + 11 + index);
}

/**
 * The podCIDR the node IPAM controller gives the node with this index: the index-th /24
 * of the cluster CIDR, counting from 10.244.1.0 (10.244.0.0/24 goes to the control plane).
 */
export function nodePodCIDR(index: number, clusterCIDR: string = CLUSTER_CIDR): string {
  const { base, size } = parseCidr(clusterCIDR);
  const n = base + (index + 1) * 256;
  if (n + 256 > base + size)
    throw new Error(`cluster CIDR ${clusterCIDR} has no /24 left for node #${index}`);
  return `${intToIp(n)}/24`;
}

/**
 * host-local IPAM of one node: hands out the next free address after the last one given,
 * wrapping around, skipping .0 (network), .1 (the cni0 gateway) and .255. Handing out the
 * next rather than the lowest is what makes a replacement pod get a new IP.
 */
export function allocatePodIP(
  podCIDR: string,
  lastOffset: number,
  inUse: (ip: string) => boolean,
): { ip: string; offset: number } | undefined {
  const { base, size } = parseCidr(podCIDR);
  for (let i = 1; i <= size; i++) {
    const offset = ((lastOffset + i - 2 + (size - 3)) % (size - 3)) + 2;
    const ip = intToIp(base + offset);
    if (!inUse(ip)) return { ip, offset };
  }
  return undefined;
}

/**
 * The service IP allocator: a random free address of the service CIDR (as the apiserver's
 * bitmap allocator does), never one in use, never the reserved first ten.
 */
export function allocateClusterIP(rng: RngState, inUse: (ip: string) => boolean): string {
  const { base, size } = parseCidr(SERVICE_CIDR);
  for (let attempt = 0; attempt < 64; attempt++) {
    const offset = 11 + nextInt(rng, size - 12);
    const ip = intToIp(base + offset);
    if (!inUse(ip)) return ip;
  }
  // The range is a million addresses; a linear probe finishes the rare unlucky case.
  for (let offset = 11; offset < size - 1; offset++) {
    const ip = intToIp(base + offset);
    if (!inUse(ip)) return ip;
  }
  throw new Error(`service CIDR ${SERVICE_CIDR} is full`);
}
