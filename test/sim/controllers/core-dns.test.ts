import { describe, expect, it } from "vitest";
import { dnsController } from "../../../shared/sim/controllers/dns";
import { endpointsController } from "../../../shared/sim/controllers/endpoints";
import type { Change } from "../../../shared/sim/loop";
import type { Service } from "../../../shared/sim/types";
import { apply, fixtureWorld, putPod, putsOf, runSync } from "../fixtures";

type World = ReturnType<typeof fixtureWorld>;

function dnsOps(changes: Change[]): Record<string, string[] | null> {
  const out: Record<string, string[] | null> = {};
  for (const c of changes) if (c.op === "dns") out[c.name] = c.ips;
  return out;
}

function applyDns(world: World, changes: Change[]) {
  for (const [name, ips] of Object.entries(dnsOps(changes))) {
    if (ips === null) delete world.dns.records[name];
    else world.dns.records[name] = ips;
  }
}

function syncEndpoints(world: World, key: string) {
  for (const ep of putsOf(runSync(endpointsController, key, world).changes, "Endpoints")) world.store.put(ep);
}

function mysqlWorld() {
  const world = fixtureWorld();
  apply(world, {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "mysql", namespace: "shop" },
    spec: {
      type: "ClusterIP",
      clusterIP: "None",
      selector: { app: "mysql" },
      ports: [{ port: 3306, targetPort: 3306, protocol: "TCP" }],
    },
  });
  putPod(world, "mysql-0", "shop", {
    labels: { app: "mysql" },
    node: "node-1",
    ip: "10.244.1.7",
    hostname: "mysql-0",
    subdomain: "mysql",
  });
  putPod(world, "mysql-1", "shop", {
    labels: { app: "mysql" },
    node: "node-2",
    ip: "10.244.2.3",
    hostname: "mysql-1",
    subdomain: "mysql",
  });
  syncEndpoints(world, "shop/mysql");
  return world;
}

describe("DNS controller (CoreDNS records)", () => {
  it("gives a ClusterIP Service an A record svc.ns.svc.cluster.local → its ClusterIP", () => {
    const world = fixtureWorld();
    const [svc] = apply(world, {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "tomcat", namespace: "shop" },
      spec: {
        type: "ClusterIP",
        clusterIP: "",
        selector: { app: "tomcat" },
        ports: [{ port: 8080, targetPort: 8080, protocol: "TCP" }],
      },
    }) as Service[];
    expect(dnsOps(runSync(dnsController, "shop/tomcat", world).changes)).toEqual({
      "tomcat.shop.svc.cluster.local": [svc!.spec.clusterIP],
    });
  });

  it("answers a headless Service with the IPs of its Ready pods", () => {
    const world = mysqlWorld();
    const ops = dnsOps(runSync(dnsController, "shop/mysql", world).changes);
    expect(ops["mysql.shop.svc.cluster.local"]).toEqual(["10.244.1.7", "10.244.2.3"]);
  });

  it("gives each StatefulSet pod its own name: mysql-0.mysql.shop.svc.cluster.local", () => {
    const world = mysqlWorld();
    const ops = dnsOps(runSync(dnsController, "shop/mysql", world).changes);
    expect(ops["mysql-0.mysql.shop.svc.cluster.local"]).toEqual(["10.244.1.7"]);
    expect(ops["mysql-1.mysql.shop.svc.cluster.local"]).toEqual(["10.244.2.3"]);
  });

  it("removes the records of a deleted Service", () => {
    const world = mysqlWorld();
    applyDns(world, runSync(dnsController, "shop/mysql", world).changes);
    world.store.delete("Service", "shop/mysql");
    expect(dnsOps(runSync(dnsController, "shop/mysql", world).changes)).toEqual({
      "mysql.shop.svc.cluster.local": null,
      "mysql-0.mysql.shop.svc.cluster.local": null,
      "mysql-1.mysql.shop.svc.cluster.local": null,
    });
  });

  it("drops a headless pod record when the pod stops being Ready", () => {
    const world = mysqlWorld();
    applyDns(world, runSync(dnsController, "shop/mysql", world).changes);
    world.store.delete("Pod", "shop/mysql-1");
    syncEndpoints(world, "shop/mysql");
    expect(dnsOps(runSync(dnsController, "shop/mysql", world).changes)).toEqual({
      "mysql-1.mysql.shop.svc.cluster.local": null,
      "mysql.shop.svc.cluster.local": ["10.244.1.7"],
    });
  });

  it("writes nothing when the records are current", () => {
    const world = mysqlWorld();
    applyDns(world, runSync(dnsController, "shop/mysql", world).changes);
    expect(runSync(dnsController, "shop/mysql", world).changes).toEqual([]);
  });

  it("leaves records of other Services with a common suffix alone", () => {
    const world = mysqlWorld();
    applyDns(world, runSync(dnsController, "shop/mysql", world).changes);
    world.dns.records["tomcat.shop.svc.cluster.local"] = ["10.96.5.5"];
    world.store.delete("Service", "shop/mysql");
    expect(Object.keys(dnsOps(runSync(dnsController, "shop/mysql", world).changes))).not.toContain(
      "tomcat.shop.svc.cluster.local",
    );
  });
});
