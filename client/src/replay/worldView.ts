/**
 * The view model of a replayed world: the same {@link MatchView} the Match scene draws from
 * the room's state, built here from a world the browser re-simulates with the shared sim.
 * Each field is what the server's projection (server/rooms/projection/) would put in the
 * state for that world, read with the same shared/sim functions, so the replay draws the
 * cluster exactly as the live match showed it.
 */
import type { MatchOptions } from "../../../shared/match/options";
import {
  availability,
  formatLabels,
  isPodReady,
  ownerKeyOf,
  podStatus,
  podWorkload,
  ROLES,
  scoreOf,
  servicePorts,
  workloadSummaries,
  type Pod,
  type World,
} from "../../../shared/sim";
import {
  parseLabels,
  podLook,
  TIERS,
  type EventView,
  type IncidentView,
  type MatchView,
  type PlayerView,
  type PodView,
  type RequestView,
  workloadView,
} from "../net/view";

/** Events the state keeps (server: STATE_EVENTS). */
const STATE_EVENTS = 30;
/** Incidents the state keeps (server: STATE_INCIDENTS). */
const STATE_INCIDENTS = 50;
/** Lowest error budget the state shows (server: budgetOf). */
const MIN_BUDGET = -99;

/** A seat of the replayed match, as stored with it. */
export interface ReplaySeat {
  name: string;
  actor: string;
  role: string;
  isBot: boolean;
}

/** What the replay knows besides the world. */
export interface ReplayContext {
  options: MatchOptions;
  code: string;
  round: number;
  seats: readonly ReplaySeat[];
  /** Game time each DNS name last changed (absent: unchanged since bring-up). */
  dnsChangedAt: ReadonlyMap<string, number>;
  /** Request paths of the last game second. */
  traffic: RequestView[];
}

/** A pod's key in the state: `namespace/name`. */
export function podKey(p: Pod): string {
  return `${p.metadata.namespace ?? "default"}/${p.metadata.name}`;
}

/** One pod as the state shows it (server: projectPods). */
export function podViewOf(world: World, p: Pod): PodView {
  const labels = p.metadata.labels;
  const container = p.spec.containers[0];
  const status = podStatus(p);
  const tier =
    Object.entries(world.trafficConfig.tierSelectors).find(([, sel]) =>
      Object.entries(sel).every(([k, v]) => labels[k] === v),
    )?.[0] ?? "";
  const pod = {
    key: podKey(p),
    name: p.metadata.name,
    namespace: p.metadata.namespace ?? "",
    node: p.spec.nodeName ?? "",
    phase: p.status.phase,
    podIP: p.status.podIP ?? "",
    ready: isPodReady(p),
    reason: status === p.status.phase ? "" : status,
    owner: ownerKeyOf(p),
    workload: podWorkload(world, p),
    container: container?.name ?? "",
    image: container?.image ?? "",
    restarts: Math.min(
      0xffff,
      (p.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0),
    ),
    terminating: p.metadata.deletionTimestamp !== undefined,
    tier,
    labels: parseLabels(formatLabels(labels)),
  };
  return { ...pod, look: podLook(pod) };
}

/** Every pod of a world as the state shows them, sorted by key. */
export function podsOf(world: World): PodView[] {
  return world.store
    .list("Pod")
    .map((p) => podViewOf(world, p))
    .sort((a, b) => a.key.localeCompare(b.key));
}

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
const tierRank = (name: string) => {
  const i = (TIERS as readonly string[]).indexOf(name);
  return i < 0 ? TIERS.length : i;
};

/** The view model of `world` at its current tick. */
export function worldView(world: World, ctx: ReplayContext): MatchView {
  const score = scoreOf(world, { windowSeconds: ctx.options.durationSeconds });
  const a = availability(world);
  const eps = world.store.list("Endpoints");
  const endpoints = new Map<string, (typeof eps)[number]>();
  for (const e of eps) endpoints.set(`${e.metadata.namespace}/${e.metadata.name}`, e);
  const tallies = new Map(score.players.map((p) => [p.actor, p] as const));
  const incidents: IncidentView[] = score.incidents.map((inc, seq) => ({
    seq,
    cause: inc.cause,
    source: inc.source,
    start: inc.start,
    end: inc.end ?? -1,
    mttr: inc.mttr ?? -1,
    open: inc.end === null,
  }));
  const events: EventView[] = world.events
    .map((e, i) => ({
      seq: world.eventsDropped + i,
      time: e.time,
      type: e.type,
      object: e.object,
      message: e.message,
      severity: e.severity,
    }))
    .filter((e) => e.time >= 0)
    .slice(-STATE_EVENTS);
  const players: PlayerView[] = ctx.seats.map((s) => {
    const t = tallies.get(s.actor);
    return {
      id: s.actor,
      name: s.name,
      role: s.role,
      connected: true,
      points: t?.points ?? 0,
      restored: t?.restored ?? 0,
      broke: t?.broke ?? 0,
      isBot: s.isBot,
      actor: s.actor,
      host: false,
    };
  });
  return {
    phase: "running",
    round: ctx.round,
    scenario: ctx.options.scenario,
    seed: ctx.options.seed,
    clock: ctx.options.clock,
    difficulty: ctx.options.difficulty,
    chaos: ctx.options.chaos,
    code: ctx.code,
    hostId: "",
    facilitated: false,
    teamName: "",
    paused: false,
    matchId: "",
    time: Math.round(world.time * 1000) / 1000,
    duration: ctx.options.durationSeconds,
    nodes: world.store
      .list("Node")
      .map((n) => ({
        name: n.metadata.name,
        internalIP: n.status.addresses.find((x) => x.type === "InternalIP")?.address ?? "",
        podCIDR: n.spec.podCIDR,
        ready: n.status.conditions.some((c) => c.type === "Ready" && c.status === "True"),
        cordoned: n.spec.unschedulable === true,
        up: world.machines[n.metadata.name]?.up ?? true,
      }))
      .sort((x, y) => x.name.localeCompare(y.name)),
    pods: podsOf(world),
    services: world.store
      .list("Service")
      .map((s) => {
        const key = `${s.metadata.namespace}/${s.metadata.name}`;
        const addrs = endpoints.get(key)?.subsets.flatMap((sub) => sub.addresses) ?? [];
        return {
          key,
          name: s.metadata.name,
          namespace: s.metadata.namespace ?? "",
          type: s.spec.type,
          clusterIP: s.spec.clusterIP,
          ports: servicePorts(s),
          nodePort: s.spec.ports.find((p) => p.nodePort)?.nodePort ?? 0,
          selector: parseLabels(formatLabels(s.spec.selector)),
          endpoints: addrs.map((x) => x.ip),
          endpointPods: addrs.map((x) => `${x.targetRef.namespace}/${x.targetRef.name}`),
        };
      })
      .sort((x, y) => tierRank(x.name) - tierRank(y.name) || byKey(x, y)),
    dns: Object.entries(world.dns.records)
      .map(([name, ips]) => ({ name, ips: [...ips], changedAt: ctx.dnsChangedAt.get(name) ?? -1 }))
      .sort((x, y) => x.name.localeCompare(y.name)),
    workloads: workloadSummaries(world).map(workloadView).sort(byKey),
    pvcs: world.store
      .list("PersistentVolumeClaim")
      .map((c) => ({
        key: `${c.metadata.namespace}/${c.metadata.name}`,
        name: c.metadata.name,
        phase: c.status.phase,
      }))
      .sort(byKey),
    players,
    roles: Object.fromEntries(
      ROLES.map((role) => {
        const seat = ctx.seats.find((s) => s.role === role);
        return [
          role,
          {
            role,
            mode: world.roles[role],
            holder: seat && !seat.isBot ? seat.actor : "",
            bot: seat?.isBot ? seat.actor : "",
          },
        ];
      }),
    ),
    availability: {
      overall: a.overall,
      nginx: a.nginx,
      tomcat: a.tomcat,
      mysql: a.mysql,
      errorBudget: Math.max(MIN_BUDGET, score.slo.errorBudget.remaining),
    },
    score: {
      teamPoints: score.teamPoints,
      mttr: score.mttrSeconds ?? -1,
      openIncidents: score.openIncidents,
      sloMet: score.slo.met,
    },
    incidents: incidents.slice(-STATE_INCIDENTS),
    events,
    traffic: ctx.traffic,
    debrief: {
      availability: 0,
      requests: 0,
      ok: 0,
      teamPoints: 0,
      mttr: -1,
      errorBudget: 1,
      sloMet: true,
      incidents: [],
      scoreMarks: [],
      timeline: [],
      marks: [],
    },
  };
}
