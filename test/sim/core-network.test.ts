import { describe, expect, it } from "vitest";
import {
  allocateClusterIP,
  allocatePodIP,
  cidrContains,
  CLUSTER_CIDR,
  intToIp,
  ipToInt,
  isIPv4,
  NODE_NETWORK,
  nodeInternalIP,
  nodePodCIDR,
  parseCidr,
  SERVICE_CIDR,
} from "../../shared/sim/network";
import { seedRng } from "../../shared/sim/rng";

describe("IP math", () => {
  it("round-trips dotted quads through 32-bit integers", () => {
    for (const ip of ["0.0.0.0", "10.96.0.10", "192.168.56.11", "255.255.255.255", "10.244.255.254"])
      expect(intToIp(ipToInt(ip))).toBe(ip);
    expect(ipToInt("10.0.0.1")).toBe(0x0a000001);
    expect(ipToInt("255.255.255.255")).toBe(0xffffffff);
  });

  it("parses a CIDR into base and size, masking host bits", () => {
    expect(parseCidr("10.96.0.0/12")).toEqual({ base: ipToInt("10.96.0.0"), prefix: 12, size: 2 ** 20 });
    expect(parseCidr("10.244.3.77/24").base).toBe(ipToInt("10.244.3.0"));
  });

  it("knows which addresses a CIDR contains", () => {
    expect(cidrContains(SERVICE_CIDR, "10.96.0.0")).toBe(true);
    expect(cidrContains(SERVICE_CIDR, "10.111.255.255")).toBe(true);
    expect(cidrContains(SERVICE_CIDR, "10.112.0.0")).toBe(false);
    expect(cidrContains(SERVICE_CIDR, "10.95.255.255")).toBe(false);
    expect(cidrContains("10.244.1.0/24", "10.244.2.1")).toBe(false);
  });

  it("recognises IPv4 literals and rejects names", () => {
    expect(isIPv4("10.244.1.4")).toBe(true);
    expect(isIPv4("tomcat")).toBe(false);
    expect(isIPv4("mysql-0.mysql")).toBe(false);
    expect(isIPv4("10.244.1.256")).toBe(false);
    expect(isIPv4("10.244.1")).toBe(false);
  });
});

describe("node and pod networks", () => {
  it("gives node i the InternalIP 192.168.56.(11+i) on the node network", () => {
    expect(nodeInternalIP(0)).toBe("192.168.56.11");
    expect(nodeInternalIP(2)).toBe("192.168.56.13");
    for (let i = 0; i < 50; i++) expect(cidrContains(NODE_NETWORK, nodeInternalIP(i))).toBe(true);
  });

  it("runs out of node addresses instead of leaving the node network", () => {
    expect(nodeInternalIP(243)).toBe("192.168.56.254");
    expect(() => nodeInternalIP(244)).toThrow(/no address left/);
  });

  it("carves a distinct /24 of 10.244.0.0/16 for every node", () => {
    const cidrs = Array.from({ length: 255 }, (_, i) => nodePodCIDR(i));
    expect(new Set(cidrs).size).toBe(255);
    for (const c of cidrs) {
      expect(c).toMatch(/^10\.244\.\d+\.0\/24$/);
      expect(cidrContains(CLUSTER_CIDR, c.split("/")[0]!)).toBe(true);
    }
    expect(nodePodCIDR(0)).toBe("10.244.1.0/24");
    expect(nodePodCIDR(2)).toBe("10.244.3.0/24");
    expect(() => nodePodCIDR(255)).toThrow(/no \/24 left/);
  });
});

describe("allocatePodIP (host-local IPAM)", () => {
  const none = () => false;

  it("hands out .2 first: .0 is the network and .1 the cni0 gateway", () => {
    expect(allocatePodIP("10.244.1.0/24", 1, none)).toEqual({ ip: "10.244.1.2", offset: 2 });
  });

  it("hands out the next address after the last one, not the lowest free", () => {
    // .2 is free again, but the allocator moves on: a replacement pod gets a new IP.
    expect(allocatePodIP("10.244.1.0/24", 7, none)).toEqual({ ip: "10.244.1.8", offset: 8 });
  });

  it("skips addresses in use", () => {
    const used = new Set(["10.244.1.8", "10.244.1.9"]);
    expect(allocatePodIP("10.244.1.0/24", 7, (ip) => used.has(ip))?.ip).toBe("10.244.1.10");
  });

  it("wraps after .254 back to .2, never handing out .255, .0 or .1", () => {
    expect(allocatePodIP("10.244.1.0/24", 254, none)?.ip).toBe("10.244.1.2");
    expect(allocatePodIP("10.244.1.0/24", 253, none)?.ip).toBe("10.244.1.254");
    const seen = new Set<string>();
    let last = 1;
    for (let i = 0; i < 253; i++) {
      const got = allocatePodIP("10.244.1.0/24", last, (ip) => seen.has(ip))!;
      seen.add(got.ip);
      last = got.offset;
    }
    expect(seen.size).toBe(253);
    for (const bad of ["10.244.1.0", "10.244.1.1", "10.244.1.255"]) expect(seen.has(bad)).toBe(false);
    for (const ip of seen) expect(cidrContains("10.244.1.0/24", ip)).toBe(true);
  });

  it("returns nothing when every address is taken", () => {
    expect(allocatePodIP("10.244.1.0/24", 100, () => true)).toBeUndefined();
  });
});

describe("allocateClusterIP (service network)", () => {
  it("allocates inside 10.96.0.0/12, above the reserved first addresses", () => {
    const rng = seedRng(7);
    for (let i = 0; i < 500; i++) {
      const ip = allocateClusterIP(rng, () => false);
      expect(cidrContains(SERVICE_CIDR, ip)).toBe(true);
      expect(ipToInt(ip) - ipToInt("10.96.0.0")).toBeGreaterThan(10);
      expect(ip).not.toBe("10.111.255.255");
    }
  });

  it("never returns an address in use", () => {
    const rng = seedRng(3);
    const used = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const ip = allocateClusterIP(rng, (x) => used.has(x));
      expect(used.has(ip)).toBe(false);
      used.add(ip);
    }
  });

  it("falls back to a free address when random picks keep hitting used ones", () => {
    const rng = seedRng(3);
    // Everything but one address is "in use": the allocator still finds it.
    const free = "10.96.0.77";
    expect(allocateClusterIP(rng, (ip) => ip !== free)).toBe(free);
  });

  it("is seeded: same generator state → same address; another seed → another", () => {
    const a = allocateClusterIP(seedRng(42), () => false);
    const b = allocateClusterIP(seedRng(42), () => false);
    const c = allocateClusterIP(seedRng(43), () => false);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});
