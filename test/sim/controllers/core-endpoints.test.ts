import { describe, expect, it } from "vitest";
import { endpointsController } from "../../../shared/sim/controllers/endpoints";
import {
  apply,
  deletesOf,
  eventsOf,
  fixtureWorld,
  putPod,
  putsOf,
  runSync,
  service,
  update,
} from "../fixtures";

const SEL = { app: "tomcat", tier: "backend" };

function epWorld() {
  const world = fixtureWorld();
  apply(world, service("tomcat", "shop", SEL, { port: 8080, targetPort: 8080 }));
  return world;
}

function endpoints(world: ReturnType<typeof fixtureWorld>) {
  const { changes } = runSync(endpointsController, "shop/tomcat", world);
  return { changes, ep: putsOf(changes, "Endpoints")[0] };
}

describe("Endpoints controller", () => {
  it("lists exactly the Ready matching pods, with targetRef and nodeName", () => {
    const world = epWorld();
    const a = putPod(world, "t-a", "shop", { labels: SEL, node: "node-1", ip: "10.244.1.2" });
    putPod(world, "t-b", "shop", { labels: SEL, node: "node-2", ip: "10.244.2.2" });
    putPod(world, "n-a", "shop", { labels: { app: "nginx" }, node: "node-1", ip: "10.244.1.3" });
    const { ep } = endpoints(world);
    expect(ep?.metadata.name).toBe("tomcat");
    expect(ep?.subsets).toHaveLength(1);
    expect(ep?.subsets[0]!.addresses.map((x) => x.ip)).toEqual(["10.244.1.2", "10.244.2.2"]);
    expect(ep?.subsets[0]!.addresses[0]).toEqual({
      ip: "10.244.1.2",
      nodeName: "node-1",
      targetRef: { kind: "Pod", name: "t-a", namespace: "shop", uid: a.metadata.uid },
    });
    expect(ep?.subsets[0]!.ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(ep?.subsets[0]!.notReadyAddresses).toBeUndefined();
  });

  it("puts matching pods that are not Ready in notReadyAddresses", () => {
    const world = epWorld();
    putPod(world, "t-a", "shop", { labels: SEL, node: "node-1", ip: "10.244.1.2" });
    putPod(world, "t-b", "shop", { labels: SEL, node: "node-2", ip: "10.244.2.2", ready: false });
    const { ep } = endpoints(world);
    expect(ep?.subsets[0]!.addresses.map((x) => x.ip)).toEqual(["10.244.1.2"]);
    expect(ep?.subsets[0]!.notReadyAddresses?.map((x) => x.ip)).toEqual(["10.244.2.2"]);
  });

  it("leaves out pods without an IP yet", () => {
    const world = epWorld();
    putPod(world, "t-a", "shop", { labels: SEL, node: "node-1", ip: "10.244.1.2" });
    putPod(world, "t-b", "shop", { labels: SEL });
    const { ep } = endpoints(world);
    expect(ep?.subsets.flatMap((s) => [...s.addresses, ...(s.notReadyAddresses ?? [])])).toHaveLength(1);
  });

  it("ignores a same-labelled pod in another namespace", () => {
    const world = epWorld();
    putPod(world, "t-a", "shop", { labels: SEL, node: "node-1", ip: "10.244.1.2" });
    putPod(world, "t-x", "other", { labels: SEL, node: "node-2", ip: "10.244.2.9" });
    expect(endpoints(world).ep?.subsets[0]!.addresses.map((x) => x.ip)).toEqual(["10.244.1.2"]);
  });

  it("needs every selector label: a pod with only app=tomcat is not an endpoint", () => {
    const world = epWorld();
    putPod(world, "t-a", "shop", { labels: { app: "tomcat" }, node: "node-1", ip: "10.244.1.2" });
    expect(endpoints(world).ep?.subsets).toEqual([]);
  });

  it("drops a pod that is relabelled out of the selector", () => {
    const world = epWorld();
    putPod(world, "t-a", "shop", { labels: SEL, node: "node-1", ip: "10.244.1.2" });
    putPod(world, "t-b", "shop", { labels: SEL, node: "node-2", ip: "10.244.2.2" });
    for (const ep of putsOf(runSync(endpointsController, "shop/tomcat", world).changes, "Endpoints"))
      world.store.put(ep);
    update(world, "Pod", "shop/t-a", (p) => {
      p.metadata.labels.app = "debug";
    });
    expect(endpoints(world).ep?.subsets[0]!.addresses.map((x) => x.ip)).toEqual(["10.244.2.2"]);
  });

  it("writes nothing when the Endpoints are already current", () => {
    const world = epWorld();
    putPod(world, "t-a", "shop", { labels: SEL, node: "node-1", ip: "10.244.1.2" });
    for (const ep of putsOf(runSync(endpointsController, "shop/tomcat", world).changes, "Endpoints"))
      world.store.put(ep);
    expect(runSync(endpointsController, "shop/tomcat", world).changes).toEqual([]);
  });

  it("warns NoEndpoints when no matching pod is Ready", () => {
    const world = epWorld();
    const { ep, changes } = endpoints(world);
    expect(ep?.subsets).toEqual([]);
    expect(eventsOf(changes)).toEqual([
      expect.objectContaining({ type: "NoEndpoints", severity: "Warning" }),
    ]);
  });

  it("deletes the Endpoints of a deleted Service", () => {
    const world = epWorld();
    for (const ep of putsOf(runSync(endpointsController, "shop/tomcat", world).changes, "Endpoints"))
      world.store.put(ep);
    world.store.delete("Service", "shop/tomcat");
    expect(deletesOf(runSync(endpointsController, "shop/tomcat", world).changes)).toEqual([
      "Endpoints/shop/tomcat",
    ]);
  });

  it("leaves a Service without selector alone", () => {
    const world = fixtureWorld();
    apply(world, service("manual", "shop", {}));
    expect(runSync(endpointsController, "shop/manual", world).changes).toEqual([]);
  });

  it("gives a StatefulSet pod's address its hostname only behind its own headless Service", () => {
    const world = fixtureWorld();
    apply(world, service("mysql", "shop", { app: "mysql" }, { clusterIP: "None" }));
    apply(world, service("mysql-read", "shop", { app: "mysql" }, { clusterIP: "None" }));
    putPod(world, "mysql-0", "shop", {
      labels: { app: "mysql" },
      node: "node-1",
      ip: "10.244.1.2",
      hostname: "mysql-0",
      subdomain: "mysql",
    });
    const own = putsOf(runSync(endpointsController, "shop/mysql", world).changes, "Endpoints")[0];
    const other = putsOf(runSync(endpointsController, "shop/mysql-read", world).changes, "Endpoints")[0];
    expect(own?.subsets[0]!.addresses[0]!.hostname).toBe("mysql-0");
    // Kubernetes sets hostname only when pod.spec.subdomain names this Service.
    expect(other?.subsets[0]!.addresses[0]!.hostname).toBeUndefined();
  });
});
