/**
 * The client's view model: a plain, render-ready snapshot of the decoded room state. The
 * state is typed by the server's schema classes (type-only import: the client decodes by
 * reflection and never loads server code), so a renamed or removed field is a compile
 * error here, not a silent default. No rules are decided and nothing is guessed: every
 * field is copied from the state, only reshaped (labels parsed, lists sorted) for drawing.
 */
import type {
  AvailabilityView as AvailabilityState,
  DebriefView as DebriefState,
  DnsRecordView as DnsState,
  EventView as EventState,
  HopView as HopState,
  IncidentView as IncidentState,
  MarkView as MarkState,
  MatchState,
  NodeView as NodeState,
  PlayerState,
  PodView as PodState,
  RoleState,
  ScoreView as ScoreState,
  ServiceView as ServiceState,
  WorkloadView as WorkloadState,
} from "../../../server/rooms/schema/MatchState";

/** A pod's look: colour + shape are both derived from this, so colour is never the only cue. */
export type PodLook = "ready" | "notReady" | "pending" | "failed" | "terminating" | "succeeded";

/** One node as drawn: the schema's fields. */
export type NodeView = Pick<NodeState, "name" | "internalIP" | "podCIDR" | "ready" | "cordoned" | "up">;

/** One pod as drawn: the schema's fields, its labels parsed, and its look. */
export interface PodView extends Pick<
  PodState,
  | "key"
  | "name"
  | "namespace"
  | "node"
  | "phase"
  | "podIP"
  | "ready"
  | "reason"
  | "owner"
  | "workload"
  | "container"
  | "image"
  | "restarts"
  | "terminating"
  | "tier"
> {
  labels: Record<string, string>;
  look: PodLook;
}

/** One Service as drawn, with its Endpoints (Ready IPs and the pods they belong to, same order). */
export interface ServiceView extends Pick<
  ServiceState,
  "key" | "name" | "namespace" | "type" | "clusterIP" | "ports" | "nodePort"
> {
  selector: Record<string, string>;
  endpoints: string[];
  endpointPods: string[];
}

/** One DNS A record; `changedAt` is -1 when unchanged since bring-up. */
export interface DnsRow extends Pick<DnsState, "name" | "changedAt"> {
  ips: string[];
}

/** A workload (`Kind/namespace/name`) with its counts from the pods and its template's container. */
export type WorkloadView = Pick<
  WorkloadState,
  | "key"
  | "kind"
  | "name"
  | "namespace"
  | "desired"
  | "current"
  | "ready"
  | "updated"
  | "image"
  | "container"
  | "currentReplicaSet"
  | "owner"
>;

/** A workload row from anything that carries its fields (the room state's, or the sim's summary in a replay). */
export function workloadView(w: WorkloadView): WorkloadView {
  return {
    key: w.key,
    kind: w.kind,
    name: w.name,
    namespace: w.namespace,
    desired: w.desired,
    current: w.current,
    ready: w.ready,
    updated: w.updated,
    image: w.image,
    container: w.container,
    currentReplicaSet: w.currentReplicaSet,
    owner: w.owner,
  };
}

/** A seat as listed in the HUD and the debrief; `host` is whether it is the match's host. */
export interface PlayerView extends Pick<
  PlayerState,
  "id" | "name" | "role" | "connected" | "points" | "restored" | "broke" | "isBot" | "actor"
> {
  host: boolean;
}

/** Who plays a role: `mode`, the holder's sessionId, the bot's id. */
export type RoleView = Pick<RoleState, "role" | "mode" | "holder" | "bot">;

/** A cluster event line. */
export type EventView = Pick<EventState, "seq" | "time" | "type" | "object" | "message" | "severity">;

/** Requests of the last game second that took one path: the pod keys they reached. */
export interface RequestView extends Pick<HopState, "failedTier" | "reason" | "count"> {
  hops: string[];
}

/** Availability ratios (0..1) and the share of the SLO error budget left. */
export type AvailabilityView = Pick<
  AvailabilityState,
  "overall" | "nginx" | "tomcat" | "mysql" | "errorBudget"
>;

/** The team's running score. */
export type ScoreView = Pick<ScoreState, "teamPoints" | "mttr" | "openIncidents" | "sloMet">;

/** An incident as the sim's score judged it (`end` and `mttr` are -1 while open). */
export type IncidentView = Pick<
  IncidentState,
  "seq" | "cause" | "source" | "start" | "end" | "mttr" | "open"
>;

/** A timeline mark of the score: chaos, or an intent with its points. */
export type MarkView = Pick<MarkState, "time" | "kind" | "label" | "actor" | "ok" | "points">;

/** The final score. */
export interface DebriefView extends Pick<
  DebriefState,
  "availability" | "requests" | "ok" | "teamPoints" | "mttr" | "errorBudget" | "sloMet"
> {
  incidents: IncidentView[];
  scoreMarks: MarkView[];
  /** Availability per game second. */
  timeline: number[];
  marks: EventView[];
}

/** The whole picture. */
export interface MatchView extends Pick<
  MatchState,
  | "phase"
  | "round"
  | "scenario"
  | "seed"
  | "clock"
  | "difficulty"
  | "chaos"
  | "code"
  | "hostId"
  | "facilitated"
  | "teamName"
  | "paused"
  | "time"
  | "duration"
  | "matchId"
> {
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  dns: DnsRow[];
  workloads: WorkloadView[];
  pvcs: { key: string; name: string; phase: string }[];
  players: PlayerView[];
  roles: Record<string, RoleView>;
  availability: AvailabilityView;
  score: ScoreView;
  incidents: IncidentView[];
  events: EventView[];
  traffic: RequestView[];
  debrief: DebriefView;
}

/** Parses the schema's `k=v,k=v` label / selector strings. */
export function parseLabels(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of s.split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** Formats a selector/label map the kubectl way: `app=tomcat,tier=backend`. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
}

/** Chooses a pod's look from its phase, readiness, reason and deletion. */
export function podLook(p: { phase: string; ready: boolean; reason: string; terminating: boolean }): PodLook {
  if (p.terminating) return "terminating";
  if (p.phase === "Succeeded") return "succeeded";
  if (p.phase === "Failed" || /BackOff|Err|Crash/.test(p.reason)) return "failed";
  if (p.phase === "Pending") return "pending";
  return p.ready ? "ready" : "notReady";
}

/** The shop's tiers, in request order (Services are drawn in this order). */
export const TIERS = ["nginx", "tomcat", "mysql"] as const;

function tierRank(name: string): number {
  const i = (TIERS as readonly string[]).indexOf(name);
  return i < 0 ? TIERS.length : i;
}

const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);

function podView(p: PodState): PodView {
  const pod = {
    key: p.key,
    name: p.name,
    namespace: p.namespace,
    node: p.node,
    phase: p.phase,
    podIP: p.podIP,
    ready: p.ready,
    reason: p.reason,
    owner: p.owner,
    workload: p.workload,
    container: p.container,
    image: p.image,
    restarts: p.restarts,
    terminating: p.terminating,
    tier: p.tier,
    labels: parseLabels(p.labels),
  };
  return { ...pod, look: podLook(pod) };
}

function eventView(e: EventState): EventView {
  return {
    seq: e.seq,
    time: e.time,
    type: e.type,
    object: e.object,
    message: e.message,
    severity: e.severity,
  };
}

function incidentView(i: IncidentState): IncidentView {
  return {
    seq: i.seq,
    cause: i.cause,
    source: i.source,
    start: i.start,
    end: i.end,
    mttr: i.mttr,
    open: i.open,
  };
}

function debriefView(d: DebriefState): DebriefView {
  return {
    availability: d.availability,
    requests: d.requests,
    ok: d.ok,
    teamPoints: d.teamPoints,
    mttr: d.mttr,
    errorBudget: d.errorBudget,
    sloMet: d.sloMet,
    incidents: d.incidents.map(incidentView),
    scoreMarks: d.scoreMarks.map((m: MarkState): MarkView => ({
      time: m.time,
      kind: m.kind,
      label: m.label,
      actor: m.actor,
      ok: m.ok,
      points: m.points,
    })),
    timeline: d.timeline.toArray(),
    marks: d.marks.map(eventView),
  };
}

/** Builds the view model from the decoded room state. */
export function toMatchView(s: MatchState): MatchView {
  const endpoints = new Map([...s.endpoints.values()].map((e) => [e.key, e]));
  return {
    phase: s.phase,
    round: s.round,
    scenario: s.scenario,
    seed: s.seed,
    clock: s.clock,
    difficulty: s.difficulty,
    chaos: s.chaos,
    code: s.code,
    hostId: s.hostId,
    facilitated: s.facilitated,
    teamName: s.teamName,
    paused: s.paused,
    time: s.time,
    duration: s.duration,
    nodes: [...s.nodes.values()]
      .map((n) => ({
        name: n.name,
        internalIP: n.internalIP,
        podCIDR: n.podCIDR,
        ready: n.ready,
        cordoned: n.cordoned,
        up: n.up,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    pods: [...s.pods.values()].map(podView).sort(byKey),
    services: [...s.services.values()]
      .map((v) => {
        const e = endpoints.get(v.key);
        return {
          key: v.key,
          name: v.name,
          namespace: v.namespace,
          type: v.type,
          clusterIP: v.clusterIP,
          ports: v.ports,
          nodePort: v.nodePort,
          selector: parseLabels(v.selector),
          endpoints: e ? e.ips.toArray() : [],
          endpointPods: e ? e.pods.toArray() : [],
        };
      })
      .sort((a, b) => tierRank(a.name) - tierRank(b.name) || byKey(a, b)),
    dns: [...s.dns.values()]
      .map((r) => ({ name: r.name, ips: r.ips.toArray(), changedAt: r.changedAt }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    workloads: [...s.workloads.values()].map(workloadView).sort(byKey),
    pvcs: [...s.pvcs.values()].map((c) => ({ key: c.key, name: c.name, phase: c.phase })).sort(byKey),
    players: [...s.players.values()].map((p) => ({
      id: p.id,
      name: p.name,
      role: p.role,
      connected: p.connected,
      points: p.points,
      restored: p.restored,
      broke: p.broke,
      isBot: p.isBot,
      actor: p.actor,
      host: p.id === s.hostId,
    })),
    roles: Object.fromEntries(
      [...s.roles.values()].map((r) => [
        r.role,
        { role: r.role, mode: r.mode, holder: r.holder, bot: r.bot },
      ]),
    ),
    availability: {
      overall: s.availability.overall,
      nginx: s.availability.nginx,
      tomcat: s.availability.tomcat,
      mysql: s.availability.mysql,
      errorBudget: s.availability.errorBudget,
    },
    score: {
      teamPoints: s.score.teamPoints,
      mttr: s.score.mttr,
      openIncidents: s.score.openIncidents,
      sloMet: s.score.sloMet,
    },
    incidents: s.incidents.map(incidentView),
    events: s.events.map(eventView),
    traffic: [...s.traffic.values()].map((h) => ({
      hops: h.hops ? h.hops.split(">") : [],
      failedTier: h.failedTier,
      reason: h.reason,
      count: h.count,
    })),
    debrief: debriefView(s.debrief),
    matchId: s.matchId,
  };
}

/** Game seconds a changed DNS record stays highlighted. */
export const DNS_HIGHLIGHT_SECONDS = 6;

/** Whether a DNS record changed in the last few game seconds (-1: unchanged since bring-up). */
export function dnsRecentlyChanged(row: DnsRow, now: number): boolean {
  return row.changedAt >= 0 && now - row.changedAt < DNS_HIGHLIGHT_SECONDS;
}

/** Which pods a Service's selector matches (label subset, same namespace), as Kubernetes selects them. */
export function selectedPods(svc: ServiceView, pods: PodView[]): PodView[] {
  const sel = Object.entries(svc.selector);
  if (sel.length === 0) return [];
  return pods.filter((p) => p.namespace === svc.namespace && sel.every(([k, v]) => p.labels[k] === v));
}

/** The pod an endpoint names (by the Endpoints' own pod reference), if it still exists. */
export function endpointPod(svc: ServiceView, index: number, pods: PodView[]): PodView | undefined {
  const key = svc.endpointPods[index];
  return key ? pods.find((p) => p.key === key) : undefined;
}

/** Endpoint addresses that no longer belong to their pod (gone, or it has another IP now). */
export function staleEndpoints(svc: ServiceView, pods: PodView[]): string[] {
  return svc.endpoints.filter((ip, i) => endpointPod(svc, i, pods)?.podIP !== ip);
}

/** The workload a person acts on for a pod (the state names it: `pod.workload`), if listed. */
export function workloadOfPod(pod: PodView, workloads: WorkloadView[]): WorkloadView | undefined {
  return pod.workload ? workloads.find((w) => w.key === pod.workload) : undefined;
}
