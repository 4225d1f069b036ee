/**
 * The key a client's limits are counted under: its IPv4 address, or the /64 prefix of its
 * IPv6 address (one host can use any address of its /64, so counting single IPv6 addresses
 * would let it multiply every limit).
 */
import { isIPv4, isIPv6 } from "node:net";

/** The per-address key of a remote address (`::ffff:1.2.3.4` counts as `1.2.3.4`). */
export function addressKey(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, each without leading zeros. */
function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("%")[0]!.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  return groups.map((g) => (parseInt(g, 16) || 0).toString(16));
}
