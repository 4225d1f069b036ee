import { describe, expect, it } from "vitest";
import { CLOCKS } from "../../../shared/sim/clock";
import { backoffSeconds, CONFIG_ENV, kubelet } from "../../../shared/sim/controllers/kubelet";
import { cidrContains } from "../../../shared/sim/network";
import type { Pod } from "../../../shared/sim/types";
import { eventsOf, fixtureWorld, putPod, putsOf, runSync, update } from "../fixtures";

const arcade = CLOCKS.arcade;

/** Syncs the kubelet for a pod at a given time and applies what it writes. */
function kubeletAt(world: ReturnType<typeof fixtureWorld>, key: string, time: number) {
  world.time = time;
  const out = runSync(kubelet, key, world);
  for (const p of putsOf(out.changes, "Pod")) world.store.put(p);
  return { ...out, pod: world.store.get("Pod", key)! };
}

function boundPod(world: ReturnType<typeof fixtureWorld>, name: string, node: string): Pod {
  putPod(world, name, "shop", { labels: { app: "web" } });
  return update(world, "Pod", `shop/${name}`, (p) => {
    p.spec.nodeName = node;
  });
}

describe("kubelet", () => {
  it("creates the sandbox: a pod IP inside the node's podCIDR, hostIP the node's InternalIP", () => {
    const world = fixtureWorld();
    boundPod(world, "web", "node-2");
    const { pod, requeues } = kubeletAt(world, "shop/web", 0);
    const node = world.store.get("Node", "node-2")!;
    expect(cidrContains(node.spec.podCIDR, pod.status.podIP!)).toBe(true);
    expect(pod.status.podIP).toBe("10.244.2.2");
    expect(pod.status.hostIP).toBe("192.168.56.12");
    expect(pod.status.containerStatuses?.[0]?.state.waiting?.reason).toBe("ContainerCreating");
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "False" }));
    expect(requeues).toEqual([{ key: "shop/web", seconds: arcade.containerCreate + arcade.imagePull }]);
  });

  it("gives the next pod on the node the next address", () => {
    const world = fixtureWorld();
    boundPod(world, "a", "node-1");
    boundPod(world, "b", "node-1");
    expect(kubeletAt(world, "shop/a", 0).pod.status.podIP).toBe("10.244.1.2");
    expect(kubeletAt(world, "shop/b", 0).pod.status.podIP).toBe("10.244.1.3");
  });

  it("does not reuse a freed address for the next pod", () => {
    const world = fixtureWorld();
    boundPod(world, "a", "node-1");
    kubeletAt(world, "shop/a", 0);
    world.store.delete("Pod", "shop/a");
    boundPod(world, "b", "node-1");
    expect(kubeletAt(world, "shop/b", 0).pod.status.podIP).toBe("10.244.1.3");
  });

  it("keeps the sandbox and IP of a pod started at game time 0 (startTime 0 is a time)", () => {
    const world = fixtureWorld();
    boundPod(world, "web", "node-1");
    const ip = kubeletAt(world, "shop/web", 0).pod.status.podIP;
    const again = kubeletAt(world, "shop/web", 0.5);
    expect(again.changes).toEqual([]);
    expect(again.pod.status.podIP).toBe(ip);
  });

  it("starts the container after create + pull, and not before", () => {
    const world = fixtureWorld();
    boundPod(world, "web", "node-1");
    kubeletAt(world, "shop/web", 0);
    expect(kubeletAt(world, "shop/web", 1).changes).toEqual([]);
    const { pod, changes } = kubeletAt(world, "shop/web", arcade.containerCreate + arcade.imagePull);
    expect(pod.status.phase).toBe("Running");
    expect(pod.status.containerStatuses?.[0]?.state.running).toBeDefined();
    expect(eventsOf(changes)[0]?.type).toBe("Started");
  });

  it("turns Ready after the readiness delay", () => {
    const world = fixtureWorld();
    boundPod(world, "web", "node-1");
    kubeletAt(world, "shop/web", 0);
    const t = arcade.containerCreate + arcade.imagePull;
    kubeletAt(world, "shop/web", t);
    expect(kubeletAt(world, "shop/web", t + arcade.readinessDelay / 2).changes).toEqual([]);
    const { pod } = kubeletAt(world, "shop/web", t + arcade.readinessDelay);
    expect(pod.status.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
  });

  it("backs off with ImagePullBackOff when the registry cannot be reached", () => {
    const world = fixtureWorld();
    world.faults.unreachableRegistries.push("docker.io");
    boundPod(world, "web", "node-1");
    kubeletAt(world, "shop/web", 0);
    const { pod, changes, requeues } = kubeletAt(world, "shop/web", 5);
    expect(pod.status.phase).toBe("Pending");
    expect(pod.status.containerStatuses?.[0]?.state.waiting?.reason).toBe("ImagePullBackOff");
    expect(eventsOf(changes)[0]?.severity).toBe("Warning");
    expect(requeues[0]?.seconds).toBe(arcade.backoffBase);
  });

  /** A running pod whose config makes its container crash, with the restart history given. */
  function crashingPod(
    world: ReturnType<typeof fixtureWorld>,
    restartCount: number,
    attempt?: number,
  ): string {
    putPod(world, "web", "shop", { node: "node-1", ip: "10.244.1.2" });
    update(world, "Pod", "shop/web", (p) => {
      p.spec.containers[0]!.env = [{ name: CONFIG_ENV, value: "broken-v2" }];
      p.status.containerStatuses = [
        {
          name: "app",
          image: "nginx:1.25",
          ready: true,
          restartCount,
          state: { running: attempt === undefined ? { startedAt: 0 } : { startedAt: 0, attempt } },
        },
      ];
    });
    return "shop/web";
  }

  it("after a long healthy run resets only the back-off timer: restartCount keeps counting", () => {
    const world = fixtureWorld();
    const key = crashingPod(world, 7, 5);
    const { pod, requeues } = kubeletAt(world, key, arcade.backoffReset + 1);
    const status = pod.status.containerStatuses![0]!;
    expect(status.restartCount).toBe(8);
    expect(status.state.waiting).toMatchObject({ reason: "CrashLoopBackOff", attempt: 1 });
    expect(requeues).toEqual([{ key, seconds: arcade.backoffBase }]);
  });

  it("keeps doubling the back-off for a container that crashes soon after its restart", () => {
    const world = fixtureWorld();
    const key = crashingPod(world, 7, 3);
    const { pod, requeues } = kubeletAt(world, key, arcade.readinessDelay);
    const status = pod.status.containerStatuses![0]!;
    expect(status.restartCount).toBe(8);
    expect(status.state.waiting).toMatchObject({ reason: "CrashLoopBackOff", attempt: 4 });
    expect(requeues).toEqual([{ key, seconds: backoffSeconds(arcade, 4) }]);
    // Started again after the back-off, it remembers the step it reached.
    const again = kubeletAt(world, key, arcade.readinessDelay + backoffSeconds(arcade, 4));
    expect(again.pod.status.containerStatuses![0]!.state.running).toMatchObject({ attempt: 4 });
    expect(again.pod.status.containerStatuses![0]!.restartCount).toBe(8);
  });

  it("runs nothing on a machine that is down", () => {
    const world = fixtureWorld();
    world.machines["node-1"]!.up = false;
    boundPod(world, "web", "node-1");
    expect(runSync(kubelet, "shop/web", world).changes).toEqual([]);
  });

  it("reports FailedCreatePodSandBox when the podCIDR has no address left", () => {
    const world = fixtureWorld({ nodes: 1 });
    update(world, "Node", "node-1", (n) => {
      n.spec.podCIDR = "10.244.1.0/30"; // one usable pod address: .2
    });
    putPod(world, "holder", "shop", { node: "node-1", ip: "10.244.1.2" });
    boundPod(world, "web", "node-1");
    const { changes, pod } = kubeletAt(world, "shop/web", 0);
    expect(pod.status.podIP).toBeUndefined();
    expect(eventsOf(changes)).toEqual([
      expect.objectContaining({ type: "FailedCreatePodSandBox", severity: "Warning" }),
    ]);
  });

  it("ignores unbound pods", () => {
    const world = fixtureWorld();
    putPod(world, "web", "shop");
    expect(runSync(kubelet, "shop/web", world).changes).toEqual([]);
  });
});
