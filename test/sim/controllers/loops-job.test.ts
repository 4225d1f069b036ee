/** Job controller: completions, back-off, backoffLimit, readiness gate (fact 9). */
import { describe, expect, it } from "vitest";
import { CLOCKS } from "../../../shared/sim/clock";
import { jobBackoffSeconds, jobController, jobReadinessGate } from "../../../shared/sim/controllers/job";
import type { Job } from "../../../shared/sim";
import type { Manifest } from "../../../shared/sim/apiserver";
import { apply, eventsOf, fixtureWorld, podTemplate, putPod, putsOf, runSync, update } from "../fixtures";

function migrate(): Manifest {
  const labels = { app: "migrate" };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "db-migrate", namespace: "shop", labels },
    spec: { template: podTemplate(labels, {}, { restartPolicy: "Never" }) } as never,
  };
}

function failedPod(world: ReturnType<typeof fixtureWorld>, job: Job, name: string, finishedAt: number) {
  putPod(world, name, "shop", { node: "node-1", owner: job, phase: "Failed" });
  update(world, "Pod", `shop/${name}`, (p) => {
    p.status.containerStatuses = [
      {
        name: "app",
        image: "x",
        ready: false,
        restartCount: 0,
        state: { terminated: { reason: "Error", exitCode: 1, finishedAt } },
      },
    ];
  });
}

describe("job sync", () => {
  it("defaults completions/parallelism to 1 and backoffLimit to 6, and starts one pod", () => {
    const world = fixtureWorld();
    const [job] = apply(world, migrate()) as [Job];
    expect([job.spec.completions, job.spec.parallelism, job.spec.backoffLimit]).toEqual([1, 1, 6]);
    const pods = putsOf(runSync(jobController, "shop/db-migrate", world).changes, "Pod");
    expect(pods).toHaveLength(1);
    expect(pods[0]!.metadata.labels["job-name"]).toBe("db-migrate");
  });

  it("back-off is 10 s doubling, capped at 6 min (realistic clock)", () => {
    const c = CLOCKS.realistic;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => jobBackoffSeconds(c, n))).toEqual([
      10, 20, 40, 80, 160, 320, 360,
    ]);
  });

  it("waits the back-off after a failure before the next pod", () => {
    const world = fixtureWorld();
    const [job] = apply(world, migrate()) as [Job];
    failedPod(world, job, "db-migrate-aaaaa", world.time);
    failedPod(world, job, "db-migrate-bbbbb", world.time);
    const wait = jobBackoffSeconds(CLOCKS.arcade, 2);
    const early = runSync(jobController, "shop/db-migrate", world);
    expect(putsOf(early.changes, "Pod")).toEqual([]);
    expect(early.requeues[0]?.seconds).toBe(wait);
    world.time += wait;
    expect(putsOf(runSync(jobController, "shop/db-migrate", world).changes, "Pod")).toHaveLength(1);
  });

  it("fails the Job after more than backoffLimit failures", () => {
    const world = fixtureWorld();
    const [job] = apply(world, migrate()) as [Job];
    for (let i = 0; i < 7; i++) failedPod(world, job, `db-migrate-f${i}`, world.time);
    const { changes } = runSync(jobController, "shop/db-migrate", world);
    const out = putsOf(changes, "Job")[0]!;
    expect(out.status.conditions?.find((c) => c.type === "Failed")?.reason).toBe("BackoffLimitExceeded");
    expect(putsOf(changes, "Pod")).toEqual([]);
  });

  it("completes when a pod succeeded, and then the WAIT_FOR_JOB readiness gate opens", () => {
    const world = fixtureWorld();
    const [job] = apply(world, migrate()) as [Job];
    const app = putPod(world, "tomcat-1", "shop", { node: "node-2" });
    app.spec.containers[0]!.env = [{ name: "WAIT_FOR_JOB", value: "db-migrate" }];
    expect(jobReadinessGate(world, app)).toMatch(/waiting for job db-migrate/);
    putPod(world, "db-migrate-ok", "shop", { node: "node-1", owner: job, phase: "Succeeded" });
    const { changes } = runSync(jobController, "shop/db-migrate", world);
    expect(putsOf(changes, "Job")[0]!.status.conditions?.some((c) => c.type === "Complete")).toBe(true);
    expect(eventsOf(changes).map((e) => e.type)).toContain("Completed");
    expect(jobReadinessGate(world, app)).toBeUndefined();
  });
});
