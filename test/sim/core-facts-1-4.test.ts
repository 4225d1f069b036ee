/** One test per DESIGN §2 fact 1–4, on the nmt world as a match starts. */
import { describe, expect, it } from "vitest";
import { createWorld, step, type QueuedIntent, type Intent, type Role } from "../../shared/sim";
import { desiredSubsets } from "../../shared/sim/controllers/endpoints";
import { pickEndpoint } from "../../shared/sim/kube-proxy";
import {
  cidrContains,
  CLUSTER_CIDR,
  CLUSTER_DOMAIN,
  KUBE_DNS_IP,
  NODE_NETWORK,
  SERVICE_CIDR,
} from "../../shared/sim/network";
import { candidates, lookup, resolve, searchPath } from "../../shared/sim/resolver";
import { keyOf } from "../../shared/sim/store";
import { isPodReady } from "../../shared/sim/world";
import type { World } from "../../shared/sim/world";
import { putPod, run } from "./fixtures";

const nmtWorld = (seed = 42) => createWorld({ scenario: "nmt", seed });
const q = (role: Role, intent: Intent): QueuedIntent => ({ actor: "test", role, intent });
const svcIP = (world: World, key: string) => world.store.get("Service", key)!.spec.clusterIP;
const readyIPs = (world: World, ns: string, sel: Record<string, string>) =>
  world.store
    .podsMatching(ns, sel)
    .filter(isPodReady)
    .map((p) => p.status.podIP!)
    .sort();
const epIPs = (world: World, key: string) =>
  (world.store.get("Endpoints", key)?.subsets ?? []).flatMap((s) => s.addresses.map((a) => a.ip)).sort();
const TOMCAT = { app: "tomcat", tier: "backend" };

describe("fact 1: kubeadm defaults", () => {
  it("service CIDR 10.96.0.0/12 with kube-dns at 10.96.0.10, domain cluster.local, a pod CIDR per node", () => {
    const world = nmtWorld();
    expect(SERVICE_CIDR).toBe("10.96.0.0/12");
    expect(CLUSTER_DOMAIN).toBe("cluster.local");
    const services = world.store.list("Service");
    for (const s of services)
      if (s.spec.clusterIP !== "None") expect(cidrContains(SERVICE_CIDR, s.spec.clusterIP)).toBe(true);
    expect(svcIP(world, "kube-system/kube-dns")).toBe(KUBE_DNS_IP);
    expect(KUBE_DNS_IP).toBe("10.96.0.10");
    expect(svcIP(world, "default/kubernetes")).toBe("10.96.0.1");
    for (const name of Object.keys(world.dns.records)) expect(name.endsWith(".svc.cluster.local")).toBe(true);

    const nodes = world.store.list("Node");
    expect(nodes).toHaveLength(3);
    const cidrs = nodes.map((n) => n.spec.podCIDR);
    expect(new Set(cidrs).size).toBe(3);
    for (const n of nodes) {
      expect(n.spec.podCIDR).toMatch(/\/24$/);
      expect(cidrContains(CLUSTER_CIDR, n.spec.podCIDR.split("/")[0]!)).toBe(true);
      const ip = n.status.addresses.find((a) => a.type === "InternalIP")!.address;
      expect(cidrContains(NODE_NETWORK, ip)).toBe(true);
    }
    for (const p of world.store.list("Pod")) {
      const node = world.store.get("Node", p.spec.nodeName!)!;
      expect(cidrContains(node.spec.podCIDR, p.status.podIP!)).toBe(true);
    }
  });
});

describe("fact 2: cluster DNS", () => {
  it("resolves a Service name to its ClusterIP", () => {
    const world = nmtWorld();
    expect(lookup(world, "tomcat.shop.svc.cluster.local", "shop")).toEqual({
      fqdn: "tomcat.shop.svc.cluster.local",
      ips: [svcIP(world, "shop/tomcat")],
    });
  });

  it("resolves a headless Service to the IPs of its Ready pods", () => {
    const world = nmtWorld();
    const ips = readyIPs(world, "shop", { app: "mysql" });
    expect(ips).toHaveLength(1);
    expect(lookup(world, "mysql", "shop")?.ips).toEqual(ips);
  });

  it("gives a StatefulSet pod its own name mysql-0.mysql.shop.svc.cluster.local", () => {
    const world = nmtWorld();
    const ip = world.store.get("Pod", "shop/mysql-0")!.status.podIP!;
    expect(world.dns.records["mysql-0.mysql.shop.svc.cluster.local"]).toEqual([ip]);
    expect(lookup(world, "mysql-0.mysql", "shop")).toEqual({
      fqdn: "mysql-0.mysql.shop.svc.cluster.local",
      ips: [ip],
    });
  });

  it("searches <ns>.svc.cluster.local, svc.cluster.local, cluster.local: `tomcat` only from shop, `tomcat.shop` from anywhere", () => {
    const world = nmtWorld();
    expect(searchPath("shop")).toEqual(["shop.svc.cluster.local", "svc.cluster.local", "cluster.local"]);
    expect(candidates("tomcat", "shop")[0]).toBe("tomcat.shop.svc.cluster.local");
    const ip = svcIP(world, "shop/tomcat");
    expect(lookup(world, "tomcat", "shop")?.ips).toEqual([ip]);
    expect(lookup(world, "tomcat", "default")).toBeUndefined();
    expect(lookup(world, "tomcat.shop", "default")?.ips).toEqual([ip]);
    expect(lookup(world, "tomcat.shop", "kube-system")?.ips).toEqual([ip]);
    expect(resolve(world, "default", "tomcat")).toEqual({ error: "NXDOMAIN" });
    expect(resolve(world, "default", "tomcat.shop")).toEqual({ ips: [ip] });
  });

  it("answers NXDOMAIN for a name nobody registered", () => {
    const world = nmtWorld();
    expect(resolve(world, "shop", "tomact")).toEqual({ error: "NXDOMAIN" });
  });

  it("is unavailable when CoreDNS has no Ready pod", () => {
    const world = nmtWorld();
    step(world, [
      q("workload-controller", { type: "scale", workload: "Deployment/kube-system/coredns", replicas: 0 }),
    ]);
    run(world, 2);
    expect(epIPs(world, "kube-system/kube-dns")).toEqual([]);
    // Nobody is left to ask (pods keep no DNS cache of their own).
    expect(resolve(world, "shop", "tomcat")).toEqual({ error: "DNS_UNAVAILABLE" });
  });

  it("serves a cached answer within the TTL: a recreated Service's old ClusterIP → STALE_ADDRESS", () => {
    const world = nmtWorld();
    run(world, 1); // nginx pods have resolved `tomcat`: every CoreDNS pod has cached the answer
    const oldIP = svcIP(world, "shop/tomcat");
    expect(resolve(world, "shop", "tomcat")).toEqual({ ips: [oldIP] });
    const staleBefore = world.traffic.failed.STALE_ADDRESS;

    world.store.delete("Service", "shop/tomcat");
    step(world, [q("service-controller", { type: "recreateService", service: "shop/tomcat" })]);
    const newIP = svcIP(world, "shop/tomcat");
    expect(newIP).not.toBe(oldIP);
    expect(world.dns.records["tomcat.shop.svc.cluster.local"]).toEqual([newIP]);
    expect(lookup(world, "tomcat", "shop")?.ips).toEqual([newIP]);
    expect(resolve(world, "shop", "tomcat")).toEqual({ ips: [oldIP] });
    run(world, 1);
    expect(world.traffic.failed.STALE_ADDRESS).toBeGreaterThan(staleBefore);
    // Once the TTL has passed CoreDNS answers from its records: the new address.
    run(world, 6);
    expect(resolve(world, "shop", "tomcat")).toEqual({ ips: [newIP] });
  });
});

describe("fact 3: Endpoints = Ready pods matching the selector, in the Service's namespace", () => {
  it("holds exactly the Ready tomcat pods' IPs", () => {
    const world = nmtWorld();
    expect(epIPs(world, "shop/tomcat")).toEqual(readyIPs(world, "shop", TOMCAT));
    expect(epIPs(world, "shop/tomcat")).toHaveLength(2);
  });

  it("leaves out a same-labelled pod in another namespace", () => {
    const world = nmtWorld();
    putPod(world, "tomcat-impostor", "default", { labels: TOMCAT, node: "node-3", ip: "10.244.3.200" });
    run(world, 1);
    expect(epIPs(world, "shop/tomcat")).not.toContain("10.244.3.200");
    const svc = world.store.get("Service", "shop/tomcat")!;
    expect(desiredSubsets(world, svc).flatMap((s) => s.addresses.map((a) => a.ip))).not.toContain(
      "10.244.3.200",
    );
  });

  it("drops a relabelled pod at once", () => {
    const world = nmtWorld();
    const pod = world.store.podsMatching("shop", TOMCAT)[0]!;
    step(world, [q("service-controller", { type: "labelPod", pod: keyOf(pod), labels: { app: "debug" } })]);
    expect(epIPs(world, "shop/tomcat")).not.toContain(pod.status.podIP);
    expect(epIPs(world, "shop/tomcat")).toEqual(readyIPs(world, "shop", TOMCAT));
  });

  it("keeps a matching pod that is not Ready yet out of addresses (in notReadyAddresses)", () => {
    const world = nmtWorld();
    step(world, [
      q("workload-controller", { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }),
    ]);
    run(world, 1);
    const ep = world.store.get("Endpoints", "shop/tomcat")!;
    const notReady = ep.subsets.flatMap((s) => (s.notReadyAddresses ?? []).map((a) => a.ip));
    expect(notReady).toHaveLength(1);
    expect(epIPs(world, "shop/tomcat")).not.toContain(notReady[0]);
    run(world, 5);
    expect(epIPs(world, "shop/tomcat")).toHaveLength(3);
  });
});

describe("fact 4: kube-proxy", () => {
  it("rejects with NO_ENDPOINTS when the Service has no Ready endpoint", () => {
    const world = nmtWorld();
    step(world, [
      q("workload-controller", { type: "scale", workload: "Deployment/shop/tomcat", replicas: 0 }),
    ]);
    run(world, 1);
    expect(epIPs(world, "shop/tomcat")).toEqual([]);
    expect(pickEndpoint(world, svcIP(world, "shop/tomcat"))).toMatchObject({ error: "NO_ENDPOINTS" });
  });

  it("otherwise picks one Ready endpoint; over many picks every endpoint is chosen", () => {
    const world = nmtWorld();
    const ip = svcIP(world, "shop/tomcat");
    const eps = epIPs(world, "shop/tomcat");
    const seen = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const r = pickEndpoint(world, ip);
      if ("error" in r) throw new Error(r.error);
      expect(eps).toContain(r.ip);
      expect(isPodReady(r.pod)).toBe(true);
      seen.set(r.ip, (seen.get(r.ip) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(eps);
    for (const n of seen.values()) expect(n).toBeGreaterThan(50);
  });

  it("picks with the seeded generator: same seed, same sequence; another seed, another", () => {
    const picks = (seed: number) => {
      const world = nmtWorld(seed);
      const eps = epIPs(world, "shop/tomcat");
      const ip = svcIP(world, "shop/tomcat");
      return Array.from({ length: 40 }, () => {
        const r = pickEndpoint(world, ip);
        return "error" in r ? -1 : eps.indexOf(r.ip);
      }).join("");
    };
    expect(picks(5)).toBe(picks(5));
    expect(picks(6)).not.toBe(picks(5));
  });
});
