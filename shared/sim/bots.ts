/**
 * Bots: a bot holds a role the way a person would — it notices a problem only after a
 * reaction delay, then fixes one thing at a time, about once a second — and it acts only
 * through intents, which `step` validates exactly as it does a person's. Solo play and
 * empty seats use them. A bot's randomness (its reaction times) comes from its own
 * generator, never from the world's, so replaying the recorded intents without the bot
 * gives the same world.
 *
 * Server use, each tick:  `const queued = [...people, ...botIntents(world, bot)]; step(world, queued)`.
 */
import { MIRROR_REGISTRY, UNREACHABLE_REGISTRY } from "./chaos";
import { nodesMissingDaemonPod } from "./controllers/daemonset";
import { renumbered } from "./controllers/deployment";
import { syncDnsRecords } from "./controllers/dns";
import { desiredSubsets, syncEndpoints } from "./controllers/endpoints";
import { jobFinished, jobPodCounts } from "./controllers/job";
import { activePods, deletionOrder, isOrphan, replicaSetsMatching } from "./controllers/replicaset";
import { checkRolloutScale, nextRolloutStep, rolloutOf } from "./controllers/rollout";
import { filterNode, scoreNodes } from "./controllers/scheduler";
import { nextStatefulUpdate, ordinalOf } from "./controllers/statefulset";
import type { Intent, QueuedIntent } from "./intents/types";
import { KUBE_DNS_IP } from "./network";
import { nextFloat, seedRng, type RngState } from "./rng";
import { keyOf } from "./store";
import type { Deployment, Node, Service } from "./types";
import { isNodeReady, isPodReady, round3, type Role, type World } from "./world";

/** How a bot plays: its reaction delay and the pace of its actions (game seconds). */
export interface BotStyle {
  /** Shortest time from a problem appearing to the bot acting on it. */
  reactionSeconds: number;
  /** Extra reaction time, drawn uniformly from [0, this). */
  reactionJitter: number;
  /** Time between two actions. */
  actionSeconds: number;
}

/** How soon after its own action a change counts as that action's expected follow-up (game seconds). */
const FOLLOW_UP_SECONDS = 0.25;

/** A person-like pace: 2–4 s to notice, an action a second. */
export const DEFAULT_BOT_STYLE: BotStyle = { reactionSeconds: 2, reactionJitter: 2, actionSeconds: 1 };

/** A bot's memory: plain data, so it can be saved with the room. */
export interface BotState {
  role: Role;
  actor: string;
  style: BotStyle;
  rng: RngState;
  /** Problems the bot has noticed, and from when it will act on each. */
  noticed: Record<string, number>;
  /** When each of those problems first appeared. */
  seen: Record<string, number>;
  /**
   * The latest moment whose board the bot has taken in: noticing one problem, it has seen
   * every problem that was already there then, and it picks among those by urgency.
   */
  lookedAt?: number;
  /** When the bot may act next. */
  nextActAt: number;
  /** When it last acted: what appears right after, it expected (its own action's follow-up). */
  lastActAt?: number;
}

/** A bot for a role, seeded from the world's seed and the role (same seed ⇒ same bot). */
export function createBot(
  world: World,
  role: Role,
  opts: { actor?: string; style?: Partial<BotStyle> } = {},
): BotState {
  let h = world.seed >>> 0;
  for (let i = 0; i < role.length; i++) h = Math.imul(h ^ role.charCodeAt(i), 0x01000193) >>> 0;
  return {
    role,
    actor: opts.actor ?? `bot:${role}`,
    style: { ...DEFAULT_BOT_STYLE, ...opts.style },
    rng: seedRng(h),
    noticed: {},
    seen: {},
    nextActAt: world.time,
  };
}

/** One thing a bot could fix: a stable key (to time its reaction) and the intent that fixes it. */
export interface BotProblem {
  key: string;
  intent: Intent;
  /** Seconds to hold off after noticing, for a change that does not matter yet. */
  patience?: number;
}

const WAITING_BAD = new Set(["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull"]);

function schedulerProblems(world: World): BotProblem[] {
  const out: BotProblem[] = [];
  const nodes: Node[] = world.store.list("Node");
  for (const key of [...world.store.pendingUnbound].sort().slice(0, 5)) {
    const pod = world.store.get("Pod", key);
    if (!pod || pod.spec.nodeName) continue;
    const feasible = nodes.filter((n) => !filterNode(world, pod, n));
    if (feasible.length === 0) continue;
    const node = scoreNodes(world, pod, feasible)[0]!.metadata.name;
    out.push({ key: `bind:${key}`, intent: { type: "bindPod", pod: key, node } });
  }
  return out;
}

function workloadProblems(world: World): BotProblem[] {
  const out: BotProblem[] = [];
  // Fact 8: a StatefulSet pod on a dead node comes back only when someone deletes it.
  for (const sts of world.store.list("StatefulSet")) {
    const pods = world.store.podsOwnedBy(sts.metadata.uid);
    for (const p of pods) {
      const node = p.spec.nodeName ? world.store.get("Node", p.spec.nodeName) : undefined;
      if (p.spec.nodeName && !isNodeReady(node))
        out.push({
          key: `force:${keyOf(p)}:${p.metadata.uid}`,
          intent: { type: "deletePod", pod: keyOf(p) },
        });
    }
    const have = new Set(pods.map((p) => ordinalOf(sts, p.metadata.name)));
    const missing = [...Array(sts.spec.replicas).keys()].find((i) => !have.has(i));
    const predecessorsReady = pods.every(
      (p) => ordinalOf(sts, p.metadata.name) >= (missing ?? 0) || isPodReady(p),
    );
    if (missing !== undefined && predecessorsReady)
      out.push({
        key: `create:${keyOf(sts)}:${missing}`,
        intent: { type: "createPod", owner: `StatefulSet/${keyOf(sts)}` },
      });
  }
  for (const rs of world.store.list("ReplicaSet")) {
    const active = activePods(world, rs);
    if (active.length < rs.spec.replicas)
      out.push({
        key: `create:${keyOf(rs)}:${active.length}`,
        intent: { type: "createPod", owner: `ReplicaSet/${keyOf(rs)}` },
      });
    else if (active.length > rs.spec.replicas) {
      const victim = [...active].sort(deletionOrder)[0]!;
      out.push({ key: `trim:${keyOf(victim)}`, intent: { type: "deletePod", pod: keyOf(victim) } });
    }
  }
  for (const ds of world.store.list("DaemonSet")) {
    const node = nodesMissingDaemonPod(world, ds)[0];
    if (node)
      out.push({
        key: `create:${keyOf(ds)}:${node}`,
        intent: { type: "createPod", owner: `DaemonSet/${keyOf(ds)}` },
      });
  }
  for (const job of world.store.list("Job")) {
    const { active, succeeded, failed } = jobPodCounts(world, job);
    if (!jobFinished(job) && succeeded < job.spec.completions && active.length === 0)
      out.push({
        key: `create:${keyOf(job)}:${failed.length}`,
        intent: { type: "createPod", owner: `Job/${keyOf(job)}` },
      });
  }
  // An orphan whose labels match a ReplicaSet again: the ReplicaSet controller adopts it.
  for (const pod of world.store.list("Pod")) {
    const rs = isOrphan(pod) ? replicaSetsMatching(world, pod)[0] : undefined;
    if (rs)
      out.push({ key: `adopt:${keyOf(pod)}:${keyOf(rs)}`, intent: { type: "adoptPod", pod: keyOf(pod) } });
  }
  for (const d of world.store.list("Deployment")) out.push(...rolloutProblems(world, d));
  // A StatefulSet's RollingUpdate: the highest outdated ordinal, once every pod is Ready.
  for (const sts of world.store.list("StatefulSet")) {
    const next = nextStatefulUpdate(world, sts);
    if (next && "pod" in next)
      out.push({
        key: `sts-update:${keyOf(next.pod)}:${next.pod.metadata.uid}`,
        intent: { type: "updateStatefulPod", pod: keyOf(next.pod) },
      });
  }
  return out;
}

/**
 * A Deployment's rollout, worked by hand as its controller would: pods of the new template
 * that cannot pull from the unreachable registry get a mirror image; pods that crash or
 * pull a missing image get the rollout undone; a template without its ReplicaSet gets one
 * (or a rollback's ReplicaSet its new revision); then replicas move one controller step
 * at a time, only when the step keeps maxSurge and maxUnavailable.
 */
function rolloutProblems(world: World, d: Deployment): BotProblem[] {
  const ref = `Deployment/${keyOf(d)}`;
  const r = rolloutOf(world, d);
  const stuck =
    r.current &&
    activePods(world, r.current)
      .map((p) => p.status.containerStatuses?.[0])
      .find((c) => WAITING_BAD.has(c?.state.waiting?.reason ?? ""));
  if (stuck) {
    const unreachable = stuck.image.startsWith(`${UNREACHABLE_REGISTRY}/`);
    const container = d.spec.template.spec.containers.find((c) => c.name === stuck.name);
    if (unreachable && container?.image === stuck.image) {
      const image = `${MIRROR_REGISTRY}/${stuck.image.slice(UNREACHABLE_REGISTRY.length + 1)}`;
      return [
        {
          key: `mirror:${keyOf(d)}:${r.hash}`,
          intent: { type: "setImage", workload: ref, container: stuck.name, image },
        },
      ];
    }
    if (!unreachable && r.old.length > 0)
      return [{ key: `undo:${keyOf(d)}:${r.hash}`, intent: { type: "rolloutUndo", workload: ref } }];
  }
  if (!r.current || renumbered(r))
    return [{ key: `new-rs:${keyOf(d)}:${r.hash}`, intent: { type: "createReplicaSet", workload: ref } }];
  const step = nextRolloutStep(world, r);
  if (step?.kind !== "scale" || checkRolloutScale(world, r, step.rs, step.replicas)) return [];
  return [
    {
      key: `roll:${keyOf(step.rs)}:${step.rs.spec.replicas}:${step.replicas}`,
      intent: { type: "scale", workload: `ReplicaSet/${keyOf(step.rs)}`, replicas: step.replicas },
    },
  ];
}

/** How long a service bot leaves Endpoints that differ only in pods not Ready yet (game seconds). */
const NOT_READY_PATIENCE = 10;

/** Whether a Service's Endpoints list other Ready addresses than its Ready pods' IPs (or do not exist). */
function readyAddressesDiffer(world: World, svc: Service): boolean {
  const ep = world.store.get("Endpoints", keyOf(svc));
  if (!ep) return true;
  const ips = (addresses: { ip: string }[]) =>
    addresses
      .map((a) => a.ip)
      .sort()
      .join(",");
  return ips(desiredSubsets(world, svc)[0]?.addresses ?? []) !== ips(ep.subsets.flatMap((x) => x.addresses));
}

/**
 * Services, cluster DNS first: every request looks up two names (nginx → tomcat, tomcat →
 * mysql-0), so a dead CoreDNS address fails more requests than a dead pod of one tier.
 */
function servicesByImpact(world: World): Service[] {
  const all = world.store.list("Service");
  return [
    ...all.filter((s) => s.spec.clusterIP === KUBE_DNS_IP),
    ...all.filter((s) => s.spec.clusterIP !== KUBE_DNS_IP),
  ];
}

function serviceProblems(world: World): BotProblem[] {
  const out: BotProblem[] = [];
  for (const key of Object.keys(world.serviceManifests).sort())
    if (!world.store.get("Service", key)) {
      // A deleted Service's record first, as CoreDNS's watch drops it: while it stays, every
      // CoreDNS cache entry that expires is filled again with the dead ClusterIP for a whole
      // TTL; once it is gone, an expired entry stays empty and takes the new ClusterIP as
      // soon as it is registered.
      if (syncDnsRecords(world, key).length > 0)
        out.push({ key: `dns-drop:${key}`, intent: { type: "registerDns", service: key } });
      out.push({ key: `recreate:${key}`, intent: { type: "recreateService", service: key } });
    }
  // A pod whose label drifted out of its Service's selector: put the label back, before any
  // Endpoints write — the Endpoints still list it, so the fix serves its share of requests
  // again in one action, and its ReplicaSet counts it again instead of replacing it.
  const ns = world.trafficConfig.namespace;
  for (const svc of world.store.servicesIn(ns)) {
    const sel = Object.entries(svc.spec.selector);
    const app = svc.spec.selector.app;
    if (sel.length === 0 || !app) continue;
    for (const p of world.store.podsMatching(ns, { app })) {
      if (p.metadata.deletionTimestamp !== undefined) continue;
      const wrong = sel.filter(([k, v]) => p.metadata.labels[k] !== v);
      if (wrong.length > 0)
        out.push({
          key: `label:${keyOf(p)}`,
          intent: { type: "labelPod", pod: keyOf(p), labels: Object.fromEntries(wrong) },
        });
    }
  }
  for (const svc of servicesByImpact(world)) {
    const key = keyOf(svc);
    // DNS before endpoints: CoreDNS caches an answer for its TTL, so a stale record read a
    // second longer can fail requests for a whole TTL more (a recreated Service's old
    // ClusterIP); a new ClusterIP whose endpoints are not written yet fails no worse.
    if (syncDnsRecords(world, key).length > 0)
      out.push({ key: `dns:${key}:${svc.spec.clusterIP}`, intent: { type: "registerDns", service: key } });
    // A change only to pods that are not Ready yet can wait: no request goes to those.
    if (syncEndpoints(world, key).some((c) => c.op === "put" || c.op === "delete"))
      out.push({
        key: `endpoints:${key}:${svc.metadata.uid}`,
        intent: { type: "updateEndpoints", service: key },
        ...(readyAddressesDiffer(world, svc) ? {} : { patience: NOT_READY_PATIENCE }),
      });
  }
  return out;
}

/** What a role's bot sees as work to do, most urgent first. */
export function botProblems(world: World, role: Role): BotProblem[] {
  switch (role) {
    case "scheduler":
      return schedulerProblems(world);
    case "workload-controller":
      return workloadProblems(world);
    case "service-controller":
      return serviceProblems(world);
  }
}

/**
 * The intents a bot sends this tick (none, or one): it notices problems, waits its
 * reaction time on each, and acts on the most urgent one it has seen, at its own pace.
 * Updates `bot` in place. Call once per tick before `step`, and queue what it returns.
 */
export function botIntents(world: World, bot: BotState): QueuedIntent[] {
  const now = world.time;
  const problems = botProblems(world, bot.role);
  const noticed: Record<string, number> = {};
  const seen: Record<string, number> = {};
  // What shows up right after its own action (the Endpoints of the Service it just
  // recreated, the pods of the ReplicaSet it just made) a person expects: no time to notice.
  const followUp = bot.lastActAt !== undefined && now <= bot.lastActAt + FOLLOW_UP_SECONDS + 1e-9;
  for (const p of problems) {
    const at =
      bot.noticed[p.key] ??
      (followUp
        ? now
        : round3(now + bot.style.reactionSeconds + nextFloat(bot.rng) * bot.style.reactionJitter));
    noticed[p.key] = at;
    seen[p.key] = bot.seen[p.key] ?? now;
  }
  bot.noticed = noticed;
  bot.seen = seen;
  const due = (p: BotProblem) => noticed[p.key]! + (p.patience ?? 0) <= now + 1e-9;
  // Noticing a problem (not expecting it: a follow-up is noticed as it appears), the bot
  // looks at the board and sees what was already wrong then: a node crash's Endpoints of
  // three Services are one incident, attacked in order of urgency, not of whichever was
  // noticed first.
  for (const p of problems)
    if (due(p) && noticed[p.key]! > seen[p.key]! && seen[p.key]! > (bot.lookedAt ?? -Infinity))
      bot.lookedAt = seen[p.key];
  if (now + 1e-9 < bot.nextActAt) return [];
  const looked = bot.lookedAt ?? -Infinity;
  const ready = problems.find((p) => due(p) || (p.patience === undefined && seen[p.key]! <= looked));
  if (!ready) return [];
  bot.nextActAt = round3(now + bot.style.actionSeconds);
  bot.lastActAt = now;
  delete bot.noticed[ready.key];
  delete bot.seen[ready.key];
  return [{ actor: bot.actor, role: bot.role, intent: ready.intent }];
}
