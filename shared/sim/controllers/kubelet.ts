/**
 * Kubelet: runs the pods bound to its node. Pending → ContainerCreating (sandbox, pod IP
 * from the node's podCIDR) → image pull → Running → Ready after the readiness probe.
 * A container that cannot start backs off: ImagePullBackOff / CrashLoopBackOff, 10 s
 * doubling to 300 s (fact 10), scaled by the game clock. A dead machine runs nothing.
 */
import type { ClockTable } from "../clock";
import { edit, event, put, type Change, type ControlLoop } from "../loop";
import { allocatePodIP } from "../network";
import { isTerminated } from "../store";
import { jobReadinessGate } from "./job";
import type { Condition, Container, ContainerStatus, Node, Pod } from "../types";
import { round3, type World } from "../world";

/** The registry host of an image (`k8s.gcr.io/pause:3.9` → `k8s.gcr.io`; `nginx:1.25` → `docker.io`). */
export function registryOf(image: string): string {
  const first = image.split("/")[0]!;
  return image.includes("/") && (first.includes(".") || first.includes(":")) ? first : "docker.io";
}

/** The environment variable whose value `broken…` makes an app crash at start (a bad config). */
export const CONFIG_ENV = "APP_CONFIG";

/** Why a container cannot run, or undefined when it can. */
export function containerProblem(
  world: World,
  c: Container,
): { kind: "pull" | "crash"; message: string } | undefined {
  const registry = registryOf(c.image);
  if (world.faults.unreachableRegistries.includes(registry))
    return {
      kind: "pull",
      message: `Failed to pull image "${c.image}": dial tcp: lookup ${registry}: i/o timeout`,
    };
  if (c.image.endsWith(":does-not-exist") || c.image.includes(":broken"))
    return { kind: "pull", message: `Failed to pull image "${c.image}": manifest unknown` };
  const config = c.env?.find((e) => e.name === CONFIG_ENV)?.value;
  if (config?.startsWith("broken"))
    return { kind: "crash", message: `container ${c.name} exited with code 1: invalid ${CONFIG_ENV}` };
  return undefined;
}

/** Back-off after `attempt` failures: base doubling, capped (10 s, 20 s, 40 s … 300 s). */
export function backoffSeconds(clock: ClockTable, attempt: number): number {
  return Math.min(clock.backoffBase * 2 ** Math.max(0, attempt - 1), clock.backoffCap);
}

/** Whether anything (a Job, a volume) holds this pod's readiness back. */
export type ReadinessGate = (world: World, pod: Pod) => string | undefined;

/** What can hold a running pod's readiness back: today, a Job it waits for (tomcat on db-migrate). */
const READINESS_GATES: readonly ReadinessGate[] = [jobReadinessGate];

function setCondition(
  conds: Condition[],
  type: string,
  status: Condition["status"],
  time: number,
): Condition[] {
  const prev = conds.find((c) => c.type === type);
  if (prev && prev.status === status) return conds;
  return [...conds.filter((c) => c.type !== type), { type, status, lastTransitionTime: time }];
}

function statuses(
  pod: Pod,
  make: (c: Container, prev: ContainerStatus | undefined) => ContainerStatus,
): ContainerStatus[] {
  return pod.spec.containers.map((c, i) => make(c, pod.status.containerStatuses?.[i]));
}

function machineUp(world: World, node: string): boolean {
  return world.machines[node]?.up ?? false;
}

/** Gives a pod its IP from the node's podCIDR (the CNI's job when the sandbox is created). */
function assignIP(world: World, node: Node): string | undefined {
  const name = node.metadata.name;
  const got = allocatePodIP(node.spec.podCIDR, world.ipam[name] ?? 1, (ip) => world.store.podByIP.has(ip));
  if (!got) return undefined;
  world.ipam[name] = got.offset;
  return got.ip;
}

/** The kubelet loop (system); keys are pod keys. */
export const kubelet: ControlLoop = {
  name: "kubelet",
  role: null,
  enqueue(ev, world, add) {
    if (ev.kind === "Pod" && ev.obj?.kind === "Pod" && ev.obj.spec.nodeName) add(ev.key);
    // A machine that comes back restarts the work on its pods.
    if (ev.kind === "Node" && ev.obj)
      for (const p of world.store.podsOnNode(ev.obj.metadata.name))
        add(`${p.metadata.namespace}/${p.metadata.name}`);
  },
  allKeys: (world) =>
    world.store
      .list("Pod")
      .filter((p) => p.spec.nodeName)
      .map((p) => `${p.metadata.namespace}/${p.metadata.name}`),
  sync(key, world, ctx) {
    const pod = world.store.get("Pod", key);
    if (!pod || !pod.spec.nodeName || isTerminated(pod) || pod.metadata.deletionTimestamp !== undefined)
      return [];
    const nodeName = pod.spec.nodeName;
    if (!machineUp(world, nodeName)) return [];
    const node = world.store.get("Node", nodeName);
    if (!node) return [];
    const now = round3(ctx.time);
    const clock = ctx.clock;
    const cs = pod.status.containerStatuses;
    const waiting = cs?.[0]?.state.waiting;
    const next = edit(pod);
    const changes: Change[] = [];

    if (pod.status.startTime !== undefined && cs && pod.status.podIP === undefined)
      return recreateSandbox(world, pod, next, node, ctx);

    if (pod.status.startTime === undefined || !cs) {
      const ip = assignIP(world, node);
      if (!ip)
        return [
          event(
            pod,
            "FailedCreatePodSandBox",
            `no IP addresses available in range set ${node.spec.podCIDR}`,
            "Warning",
          ),
        ];
      next.status.startTime = now;
      next.status.podIP = ip;
      next.status.hostIP = node.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "";
      next.status.conditions = setCondition(next.status.conditions, "Ready", "False", now);
      next.status.containerStatuses = statuses(pod, (c) => ({
        name: c.name,
        image: c.image,
        ready: false,
        restartCount: 0,
        state: { waiting: { reason: "ContainerCreating", since: now } },
      }));
      ctx.requeueAfter(key, clock.containerCreate + clock.imagePull);
      return [put(next)];
    }

    const elapsed = (since: number | undefined, wait: number) => now + 1e-9 >= (since ?? 0) + wait;
    const start = (restartCount: (prev: ContainerStatus | undefined) => number): Change[] => {
      const problem = pod.spec.containers.map((c) => containerProblem(world, c)).find((p) => p);
      if (problem?.kind === "pull") {
        const attempt = (waiting?.reason === "ImagePullBackOff" ? (waiting.attempt ?? 0) : 0) + 1;
        next.status.containerStatuses = statuses(pod, (c, prev) => ({
          name: c.name,
          image: c.image,
          ready: false,
          restartCount: prev?.restartCount ?? 0,
          state: { waiting: { reason: "ImagePullBackOff", message: problem.message, since: now, attempt } },
        }));
        ctx.requeueAfter(key, backoffSeconds(clock, attempt));
        return [put(next), event(pod, "Failed", problem.message, "Warning")];
      }
      next.status.phase = "Running";
      // A container started after a crash remembers how far its back-off has gone.
      const attempt = waiting?.reason === "CrashLoopBackOff" ? waiting.attempt : undefined;
      next.status.containerStatuses = statuses(pod, (c, prev) => ({
        name: c.name,
        image: c.image,
        ready: false,
        restartCount: restartCount(prev),
        state: { running: attempt === undefined ? { startedAt: now } : { startedAt: now, attempt } },
      }));
      ctx.requeueAfter(key, clock.readinessDelay);
      return [put(next), event(pod, "Started", `Started container ${pod.spec.containers[0]!.name}`)];
    };

    if (waiting?.reason === "ContainerCreating" || waiting?.reason === "ImagePullBackOff") {
      const wait =
        waiting.reason === "ContainerCreating"
          ? clock.containerCreate + clock.imagePull
          : backoffSeconds(clock, waiting.attempt ?? 1);
      if (!elapsed(waiting.since, wait)) return [];
      return start((prev) => prev?.restartCount ?? 0);
    }
    if (waiting?.reason === "CrashLoopBackOff") {
      if (!elapsed(waiting.since, backoffSeconds(clock, waiting.attempt ?? cs[0]!.restartCount))) return [];
      return start((prev) => prev?.restartCount ?? 0);
    }

    const running = cs[0]?.state.running;
    if (!running) return [];
    if (pod.spec.restartPolicy === "Never") return runToCompletion(world, pod, next, running.startedAt, ctx);
    const problem = pod.spec.containers
      .map((c) => containerProblem(world, c))
      .find((p) => p?.kind === "crash");
    if (problem) {
      if (!elapsed(running.startedAt, clock.readinessDelay)) return [];
      // A restart within the reset window keeps doubling; a long healthy run resets the back-off
      // timer — only the timer: restartCount counts every restart for the pod's whole life
      // ("the kubelet resets the restart backoff timer", pod-lifecycle, Container restart policy).
      const ranLong = now - running.startedAt >= clock.backoffReset;
      const attempt = ranLong ? 1 : (running.attempt ?? 0) + 1;
      next.status.conditions = setCondition(next.status.conditions, "Ready", "False", now);
      next.status.containerStatuses = statuses(pod, (c, prev) => ({
        name: c.name,
        image: c.image,
        ready: false,
        restartCount: (prev?.restartCount ?? 0) + 1,
        state: { waiting: { reason: "CrashLoopBackOff", message: problem.message, since: now, attempt } },
      }));
      ctx.requeueAfter(key, backoffSeconds(clock, attempt));
      changes.push(
        put(next),
        event(pod, "BackOff", `Back-off restarting failed container: ${problem.message}`, "Warning"),
      );
      return changes;
    }
    const ready = pod.status.conditions.some((c) => c.type === "Ready" && c.status === "True");
    if (ready) return [];
    if (!elapsed(running.startedAt, clock.readinessDelay)) return [];
    const gated = READINESS_GATES.map((g) => g(world, pod)).find((m) => m);
    if (gated) {
      ctx.requeueAfter(key, 1);
      return [];
    }
    next.status.conditions = setCondition(next.status.conditions, "Ready", "True", now);
    next.status.conditions = setCondition(next.status.conditions, "ContainersReady", "True", now);
    next.status.containerStatuses = statuses(pod, (c, prev) => ({
      ...(prev ?? { name: c.name, image: c.image, restartCount: 0, state: {} }),
      ready: true,
    }));
    return [put(next)];
  },
};

/**
 * A started pod whose sandbox is gone (pod-ip-change chaos: the pause container and its
 * network namespace died): the kubelet kills its containers, creates a new sandbox — with
 * a NEW IP from the node's podCIDR — and starts them again. It is the same pod, still
 * Running, not Ready until its containers are, and each container that had run counts a
 * restart (pod-lifecycle: "Pod sandbox changed, it will be killed and re-created").
 */
function recreateSandbox(
  world: World,
  pod: Pod,
  next: Pod,
  node: Node,
  ctx: { time: number; clock: ClockTable; requeueAfter(key: string, s: number): void },
): Change[] {
  const now = round3(ctx.time);
  const ip = assignIP(world, node);
  if (!ip)
    return [
      event(
        pod,
        "FailedCreatePodSandBox",
        `no IP addresses available in range set ${node.spec.podCIDR}`,
        "Warning",
      ),
    ];
  next.status.podIP = ip;
  next.status.conditions = setCondition(next.status.conditions, "Ready", "False", now);
  next.status.conditions = setCondition(next.status.conditions, "ContainersReady", "False", now);
  next.status.containerStatuses = statuses(pod, (c, prev) => ({
    name: c.name,
    image: c.image,
    ready: false,
    restartCount: (prev?.restartCount ?? 0) + (prev?.state.running || prev?.state.terminated ? 1 : 0),
    state: { waiting: { reason: "ContainerCreating", since: now } },
  }));
  ctx.requeueAfter(
    `${pod.metadata.namespace}/${pod.metadata.name}`,
    ctx.clock.containerCreate + ctx.clock.imagePull,
  );
  return [put(next), event(pod, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.")];
}

/**
 * A `restartPolicy: Never` pod (a Job's) runs once: it exits 0 after `jobRunTime` and is
 * Succeeded, or — with a bad config — exits 1 and is Failed; the Job decides on a retry.
 */
function runToCompletion(
  world: World,
  pod: Pod,
  next: Pod,
  startedAt: number,
  ctx: { time: number; clock: ClockTable; requeueAfter(key: string, s: number): void },
): Change[] {
  const now = round3(ctx.time);
  const crash = pod.spec.containers.map((c) => containerProblem(world, c)).find((p) => p?.kind === "crash");
  const wait = crash ? ctx.clock.readinessDelay : ctx.clock.jobRunTime;
  if (now + 1e-9 < startedAt + wait) {
    ctx.requeueAfter(`${pod.metadata.namespace}/${pod.metadata.name}`, round3(startedAt + wait - now));
    return [];
  }
  next.status.phase = crash ? "Failed" : "Succeeded";
  next.status.conditions = setCondition(next.status.conditions, "Ready", "False", now);
  next.status.containerStatuses = statuses(pod, (c, prev) => ({
    name: c.name,
    image: c.image,
    ready: false,
    restartCount: prev?.restartCount ?? 0,
    state: {
      terminated: crash
        ? { reason: "Error", exitCode: 1, finishedAt: now }
        : { reason: "Completed", exitCode: 0, finishedAt: now },
    },
  }));
  return [
    put(next),
    crash
      ? event(pod, "Failed", crash.message, "Warning")
      : event(pod, "Completed", `container ${pod.spec.containers[0]!.name} completed`),
  ];
}
