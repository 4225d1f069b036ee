/** DESIGN §2 facts 5–12, each shown on a whole world stepping through its loops. */
import { describe, expect, it } from "vitest";
import { createWorld, injectChaos, step, CLOCKS, type QueuedIntent, type World } from "../../shared/sim";
import { rolloutLimits } from "../../shared/sim/controllers/deployment";
import { backoffSeconds } from "../../shared/sim/controllers/kubelet";
import { keyOf } from "../../shared/sim/store";

const arcade = CLOCKS.arcade;

function run(world: World, seconds: number, queued: QueuedIntent[] = []): void {
  for (let i = 0; i < Math.round(seconds * 10); i++) step(world, i === 0 ? queued : []);
}
const pods = (w: World, app: string, ns = "shop") => w.store.podsMatching(ns, { app });
const quiet = (scenario = "nmt") => createWorld({ scenario, seed: 42, chaos: false });
const ready = (w: World, key: string) =>
  w.store.get("Pod", key)?.status.conditions.some((c) => c.type === "Ready" && c.status === "True") ?? false;

describe("facts 5–12", () => {
  it("5: Deployment → ReplicaSet → Pods by ownerReferences; maxSurge 25% rounds up, maxUnavailable 25% down", () => {
    const w = quiet();
    const d = w.store.get("Deployment", "shop/tomcat")!;
    const rs = w.store.ownedObjects(d.metadata.uid, "ReplicaSet")[0]!;
    expect(rs.metadata.name).toMatch(/^tomcat-[bcdf4-9]{1,10}$/);
    for (const p of w.store.podsOwnedBy(rs.metadata.uid))
      expect(p.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[a-z0-9]{5}$`));
    expect(rolloutLimits(d)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(rolloutLimits({ ...d, spec: { ...d.spec, replicas: 4 } })).toEqual({
      maxSurge: 1,
      maxUnavailable: 1,
    });
    expect(rolloutLimits({ ...d, spec: { ...d.spec, replicas: 10 } })).toEqual({
      maxSurge: 3,
      maxUnavailable: 2,
    });
  });

  it("6: a killed ReplicaSet pod is replaced by a NEW pod with a new name and a new IP", () => {
    const w = quiet();
    const before = pods(w, "tomcat");
    expect(injectChaos(w, { type: "pod-kill", target: keyOf(before[0]!) })).toEqual({ ok: true });
    run(w, 5);
    const after = pods(w, "tomcat");
    expect(after).toHaveLength(2);
    const fresh = after.find((p) => !before.some((b) => b.metadata.name === p.metadata.name))!;
    expect(fresh).toBeDefined();
    expect(before.map((b) => b.status.podIP)).not.toContain(fresh.status.podIP);
  });

  it("7: a DaemonSet covers a node that joins later, and its pods survive NotReady with no time limit", () => {
    const w = quiet("nmt-full");
    expect(
      pods(w, "node-agent", "kube-system")
        .map((p) => p.spec.nodeName)
        .sort(),
    ).toEqual(["node-1", "node-2", "node-3"]);
    injectChaos(w, { type: "node-join" });
    run(w, 3);
    expect(
      pods(w, "node-agent", "kube-system")
        .map((p) => p.spec.nodeName)
        .sort(),
    ).toContain("node-4");
    injectChaos(w, { type: "node-crash", target: "node-1" });
    run(w, arcade.nodeGracePeriod + arcade.evictionToleration + 5);
    const agent = pods(w, "node-agent", "kube-system").find((p) => p.spec.nodeName === "node-1")!;
    expect(agent.metadata.deletionTimestamp).toBeUndefined();
  });

  it("8: a StatefulSet pod on a dead node is not replaced until deleted; then mysql-0 comes back with data-mysql-0", () => {
    const w = quiet();
    const node = w.store.get("Pod", "shop/mysql-0")!.spec.nodeName!;
    injectChaos(w, { type: "node-crash", target: node });
    run(w, arcade.nodeGracePeriod + arcade.evictionToleration + 10);
    const stuck = w.store.get("Pod", "shop/mysql-0")!;
    expect(stuck.spec.nodeName).toBe(node);
    expect(stuck.metadata.deletionTimestamp).toBeDefined();
    expect(w.store.list("Pod").filter((p) => p.metadata.name === "mysql-0")).toHaveLength(1);
    run(w, 1, [
      { actor: "p1", role: "workload-controller", intent: { type: "deletePod", pod: "shop/mysql-0" } },
    ]);
    run(w, 6);
    const back = w.store.get("Pod", "shop/mysql-0")!;
    expect(back.spec.nodeName).not.toBe(node);
    expect(back.spec.volumes?.find((v) => v.persistentVolumeClaim)?.persistentVolumeClaim?.claimName).toBe(
      "data-mysql-0",
    );
    expect(ready(w, "shop/mysql-0")).toBe(true);
  });

  it("9: a Job completes (db-migrate gates tomcat); a failing Job retries with doubling back-off and fails after backoffLimit", () => {
    const w = quiet("nmt-full");
    const job = w.store.get("Job", "shop/db-migrate")!;
    expect(job.status.conditions?.some((c) => c.type === "Complete")).toBe(true);
    expect(pods(w, "tomcat").every((p) => ready(w, keyOf(p)))).toBe(true);

    const bad = createWorld({ scenario: "nmt-full", seed: 42, chaos: false });
    const j = bad.store.get("Job", "shop/db-migrate")!;
    // A second Job from the same template with a bad config.
    bad.store.put({
      ...structuredClone(j),
      metadata: { ...structuredClone(j.metadata), name: "bad-migrate", uid: "bad-uid" },
      spec: {
        ...structuredClone(j.spec),
        template: {
          ...structuredClone(j.spec.template),
          spec: {
            ...structuredClone(j.spec.template.spec),
            containers: [
              {
                ...structuredClone(j.spec.template.spec.containers[0]!),
                env: [{ name: "APP_CONFIG", value: "broken" }],
              },
            ],
          },
        },
      },
      status: { active: 0, succeeded: 0, failed: 0 },
    });
    const created: number[] = [];
    for (let i = 0; i < 2000; i++) {
      for (const e of step(bad).events)
        if (e.object === "Job/shop/bad-migrate" && e.type === "SuccessfulCreate") created.push(e.time);
    }
    const failed = bad.store.get("Job", "shop/bad-migrate")!;
    expect(failed.status.failed).toBe(7);
    expect(failed.status.conditions?.find((c) => c.type === "Failed")?.reason).toBe("BackoffLimitExceeded");
    expect(created).toHaveLength(7);
    const gaps = created.slice(1).map((t, i) => t - created[i]!);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThanOrEqual(gaps[i - 1]! - 0.2);
  });

  it("10: CrashLoopBackOff back-off is 10 s doubling to 300 s (realistic), and a bad config shows it", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffSeconds(CLOCKS.realistic, n))).toEqual([
      10, 20, 40, 80, 160, 300, 300,
    ]);
    const w = quiet();
    injectChaos(w, { type: "crashloop", target: "shop/tomcat" });
    run(w, 10);
    const reasons = pods(w, "tomcat").map((p) => p.status.containerStatuses?.[0]?.state.waiting?.reason);
    expect(reasons).toContain("CrashLoopBackOff");
    // The stuck rollout keeps the old pods serving.
    expect(pods(w, "tomcat").filter((p) => ready(w, keyOf(p)))).toHaveLength(2);
  });

  it("11: a failed node goes NotReady after the grace period, gets the NoExecute taint, its pods are evicted after tolerationSeconds", () => {
    const w = quiet();
    const victim = pods(w, "tomcat")[0]!;
    const node = victim.spec.nodeName!;
    injectChaos(w, { type: "node-crash", target: node });
    run(w, arcade.nodeGracePeriod - 1);
    expect(w.store.get("Node", node)!.status.conditions.find((c) => c.type === "Ready")!.status).toBe("True");
    run(w, 2);
    const n = w.store.get("Node", node)!;
    expect(n.status.conditions.find((c) => c.type === "Ready")!.status).toBe("Unknown");
    expect(n.spec.taints).toContainEqual(
      expect.objectContaining({ key: "node.kubernetes.io/unreachable", effect: "NoExecute" }),
    );
    expect(ready(w, keyOf(victim))).toBe(false);
    expect(w.store.get("Pod", keyOf(victim))!.metadata.deletionTimestamp).toBeUndefined();
    run(w, arcade.evictionToleration);
    expect(w.store.get("Pod", keyOf(victim))!.metadata.deletionTimestamp).toBeDefined();
    run(w, 5);
    expect(pods(w, "tomcat").filter((p) => ready(w, keyOf(p)) && p.spec.nodeName !== node)).toHaveLength(2);
  });

  it("12: the scheduler never binds to a NotReady, tainted or cordoned node", () => {
    const w = quiet();
    run(w, 1, [{ actor: "p", role: "scheduler", intent: { type: "cordon", node: "node-1" } }]);
    injectChaos(w, { type: "node-crash", target: "node-2" });
    run(w, arcade.nodeGracePeriod + 1);
    for (const p of pods(w, "nginx")) injectChaos(w, { type: "pod-kill", target: keyOf(p) });
    run(w, 5);
    const placed = pods(w, "nginx").filter((p) => !p.metadata.deletionTimestamp);
    expect(placed.length).toBeGreaterThan(0);
    for (const p of placed) expect(p.spec.nodeName).toBe("node-3");
  });
});
