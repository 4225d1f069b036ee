/**
 * Job controller: runs pods to completion. `completions` and `parallelism` default to 1 and
 * `backoffLimit` to 6; after each failed pod the next try waits a back-off of 10 s doubling,
 * capped at 6 min (fact 9, scaled by the game clock). More than `backoffLimit` failures
 * fail the Job. A Job can gate other pods' readiness: a container with the env variable
 * `WAIT_FOR_JOB=<job>` is not Ready until that Job in its namespace has completed (the way
 * an app waits for its schema migration).
 */
import { generatePodName, podFromTemplate } from "../apiserver";
import type { ClockTable } from "../clock";
import {
  del,
  edit,
  event,
  put,
  keysOfKind,
  type Change,
  type ControlLoop,
  enqueueSelfAndOwner,
} from "../loop";
import { isTerminated } from "../store";
import type { Condition, Job, Pod } from "../types";
import { round3, type World } from "../world";
import type { ReadinessGate } from "./kubelet";

/** The env variable that makes a container wait for a Job. */
export const WAIT_FOR_JOB_ENV = "WAIT_FOR_JOB";

/** Job retry back-off after `failures` failed pods: base doubling, capped (10 s, 20 s … 360 s). */
export function jobBackoffSeconds(clock: ClockTable, failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(clock.backoffBase * 2 ** (failures - 1), clock.jobBackoffCap);
}

/** Counts of a Job's pods, read from the pods themselves. */
export function jobPodCounts(world: World, job: Job): { active: Pod[]; succeeded: number; failed: Pod[] } {
  const pods = world.store.podsOwnedBy(job.metadata.uid);
  return {
    active: pods.filter((p) => !isTerminated(p) && p.metadata.deletionTimestamp === undefined),
    succeeded: pods.filter((p) => p.status.phase === "Succeeded").length,
    failed: pods.filter((p) => p.status.phase === "Failed"),
  };
}

/** Whether a Job has finished successfully (enough Succeeded pods). */
export function isJobComplete(world: World, job: Job): boolean {
  return jobPodCounts(world, job).succeeded >= job.spec.completions;
}

/** A new pod for a Job (shared by the loop and the createPod intent). */
export function newJobPod(world: World, job: Job): Pod {
  const ns = job.metadata.namespace!;
  return podFromTemplate(world, generatePodName(world, job.metadata.name, ns), ns, job.spec.template, job, {
    "job-name": job.metadata.name,
    "batch.kubernetes.io/job-name": job.metadata.name,
  });
}

/** When a failed pod finished (for the back-off). */
function finishedAt(p: Pod): number {
  return p.status.containerStatuses?.[0]?.state.terminated?.finishedAt ?? p.metadata.creationTimestamp;
}

function withCondition(job: Job, cond: Condition): Job {
  const next = edit(job);
  next.status.conditions = [...(next.status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
  return next;
}

/** Whether a Job is finished for good (Complete or Failed condition). */
export function jobFinished(job: Job): "Complete" | "Failed" | undefined {
  const c = (job.status.conditions ?? []).find(
    (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True",
  );
  return c?.type as "Complete" | "Failed" | undefined;
}

/** The readiness gate of `WAIT_FOR_JOB`: the message while the Job has not completed. */
export const jobReadinessGate: ReadinessGate = (world, pod) => {
  for (const c of pod.spec.containers) {
    const name = c.env?.find((e) => e.name === WAIT_FOR_JOB_ENV)?.value;
    if (!name) continue;
    const job = world.store.get("Job", `${pod.metadata.namespace}/${name}`);
    if (!job) return `waiting for job ${name}: not found`;
    if (!isJobComplete(world, job)) return `waiting for job ${name} to complete`;
  }
  return undefined;
};

/** The Job control loop. */
export const jobController: ControlLoop = {
  name: "job",
  role: "workload-controller",
  enqueue: enqueueSelfAndOwner("Job", "Pod"),
  allKeys: (world) => keysOfKind(world, "Job"),
  sync(key, world, ctx) {
    const job = world.store.get("Job", key);
    if (!job) return [];
    const now = round3(ctx.time);
    const { active, succeeded, failed } = jobPodCounts(world, job);
    const changes: Change[] = [];
    let next: Job | undefined;
    const finished = jobFinished(job);

    if (!finished && succeeded >= job.spec.completions) {
      next = withCondition(job, { type: "Complete", status: "True", lastTransitionTime: now });
      next.status.completionTime = now;
      changes.push(event(job, "Completed", "Job completed"));
    } else if (!finished && failed.length > job.spec.backoffLimit) {
      next = withCondition(job, {
        type: "Failed",
        status: "True",
        reason: "BackoffLimitExceeded",
        message: "Job has reached the specified backoff limit",
        lastTransitionTime: now,
      });
      for (const p of active) changes.push(del(p));
      changes.push(
        event(job, "BackoffLimitExceeded", "Job has reached the specified backoff limit", "Warning"),
      );
    } else if (!finished) {
      const want = Math.min(job.spec.parallelism, job.spec.completions - succeeded) - active.length;
      if (want > 0) {
        const last = failed.length > 0 ? Math.max(...failed.map(finishedAt)) : -Infinity;
        const readyAt = last + jobBackoffSeconds(ctx.clock, failed.length);
        if (now + 1e-9 < readyAt) ctx.requeueAfter(key, round3(readyAt - now));
        else
          for (let i = 0; i < want; i++) {
            const pod = newJobPod(world, job);
            changes.push(put(pod), event(job, "SuccessfulCreate", `Created pod: ${pod.metadata.name}`));
          }
      }
    }

    const base = next ?? job;
    const created = changes.filter((c) => c.op === "put" && c.obj.kind === "Pod").length;
    const status = {
      active: active.length + created,
      succeeded,
      failed: failed.length,
    };
    if (
      next ||
      base.status.active !== status.active ||
      base.status.succeeded !== status.succeeded ||
      base.status.failed !== status.failed ||
      base.status.startTime === undefined
    ) {
      const out = next ?? edit(job);
      out.status = { ...out.status, ...status, startTime: out.status.startTime ?? now };
      changes.push(put(out));
    }
    return changes;
  },
};
