/**
 * The client's view model: a plain, render-ready picture of the match built from the
 * room state (`room.state.toJSON()`). Pure functions only — the scenes draw this and the
 * test hook reports it. No rules are decided here: the server's state says what is true,
 * this only reshapes and sorts it for drawing.
 */

/** A pod's look: colour + shape are both derived from this, so colour is never the only cue. */
export type PodLook = "ready" | "notReady" | "pending" | "failed" | "terminating" | "succeeded";

/** One node as drawn. */
export interface NodeView {
  name: string;
  ip: string;
  podCIDR: string;
  ready: boolean;
  unschedulable: boolean;
  /** Whether the machine is up (it may be up while the Node still reports NotReady). */
  up: boolean;
}

/** One pod as drawn. */
export interface PodView {
  /** `namespace/name`, the key intents use. */
  key: string;
  name: string;
  namespace: string;
  node: string;
  ip: string;
  phase: string;
  ready: boolean;
  /** Waiting/termination reason (CrashLoopBackOff, ImagePullBackOff, …) or "". */
  reason: string;
  labels: Record<string, string>;
  /** `Kind/namespace/name` of the controlling owner, or "". */
  owner: string;
  /** nginx | tomcat | mysql | "" — which tier of the shop it serves (from its app label). */
  tier: string;
  terminating: boolean;
  look: PodLook;
}

/** One Service as drawn. */
export interface ServiceView {
  key: string;
  name: string;
  namespace: string;
  type: string;
  clusterIP: string;
  selector: Record<string, string>;
  nodePort: number;
  /** Endpoint IPs (Ready addresses). */
  endpoints: string[];
}

/** One DNS A record. */
export interface DnsRow {
  name: string;
  ips: string[];
  /** Game time of the record's last change. */
  changedAt: number;
}

/** A workload with desired vs ready replicas. */
export interface WorkloadView {
  /** `Kind/namespace/name`. */
  key: string;
  kind: string;
  name: string;
  desired: number;
  ready: number;
  image: string;
  container: string;
  namespace: string;
}

/** A player as listed in the HUD. */
export interface PlayerView {
  id: string;
  name: string;
  role: string;
  points: number;
  connected: boolean;
  host: boolean;
  bot: boolean;
}

/** A cluster event line. */
export interface EventView {
  time: number;
  type: string;
  object: string;
  message: string;
  severity: string;
}

/** One recent request: the pods it reached and where it failed. */
export interface RequestView {
  hops: string[];
  failedTier: string;
  reason: string;
  /** How many requests of the last second took this path. */
  count: number;
}

/** Availability ratios, 0..1. */
export interface AvailabilityView {
  overall: number;
  nginx: number;
  tomcat: number;
  mysql: number;
  /** Fraction of the 99 % SLO error budget left (below 0 = blown). */
  errorBudget: number;
}

/** The whole picture. */
export interface MatchView {
  phase: string;
  code: string;
  /** The match's options: scenario name, clock (`arcade` | `realistic`) and difficulty. */
  scenario: string;
  clock: string;
  difficulty: string;
  /** Whether the scenario's seeded chaos schedule runs (false: a practice round). */
  chaos: boolean;
  time: number;
  duration: number;
  hostId: string;
  nodes: NodeView[];
  pods: PodView[];
  services: ServiceView[];
  dns: DnsRow[];
  workloads: WorkloadView[];
  pvcs: { name: string; phase: string }[];
  players: PlayerView[];
  /** role → mode ("autopilot" | "manual") and holder id. */
  roles: Record<string, { mode: string; holder: string }>;
  availability: AvailabilityView;
  events: EventView[];
  traffic: RequestView[];
  /** The final score: availability per game second, the chaos/intent marks, and the sim's incidents. */
  debrief: {
    availability: number;
    requests: number;
    timeline: [number, number][];
    marks: EventView[];
    incidents: IncidentView[];
    /** Mean time to recovery over closed incidents in seconds, or -1 when none closed. */
    mttr: number;
  };
}

/** One incident as the sim's score judged it: a chaos event and when the chain was healthy again. */
export interface IncidentView {
  cause: string;
  start: number;
  /** Game second it closed, or -1 while it is still open. */
  end: number;
}

type Obj = Record<string, unknown>;

function obj(v: unknown): Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {};
}
function str(v: unknown, d = ""): string {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : d;
}
function num(v: unknown, d = 0): number {
  return typeof v === "number" && Number.isFinite(v) ? v : d;
}
function bool(v: unknown, d = false): boolean {
  return typeof v === "boolean" ? v : d;
}
/** Values of a map-like (object) or array collection, with their keys. */
function entries(v: unknown): [string, unknown][] {
  if (Array.isArray(v)) return v.map((x, i) => [String(i), x]);
  return Object.entries(obj(v));
}
function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v === "string") {
    // "app=tomcat,tier=backend"
    for (const part of v.split(",")) {
      const [k, val] = part.split("=");
      if (k) out[k.trim()] = (val ?? "").trim();
    }
    return out;
  }
  for (const [k, val] of entries(v)) out[k] = str(val);
  return out;
}
function strList(v: unknown): string[] {
  if (typeof v === "string") return v ? v.split(",").filter(Boolean) : [];
  return entries(v).map(([, x]) => str(x));
}

/** Formats a selector/label map the kubectl way: `app=tomcat,tier=backend`. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
}

/** Chooses a pod's look from its phase, readiness and reason. */
export function podLook(p: { phase: string; ready: boolean; reason: string; terminating: boolean }): PodLook {
  if (p.terminating) return "terminating";
  if (p.phase === "Succeeded") return "succeeded";
  if (p.phase === "Failed" || /BackOff|Err|Crash/.test(p.reason)) return "failed";
  if (p.phase === "Pending") return "pending";
  return p.ready ? "ready" : "notReady";
}

const TIER_NAMES = ["nginx", "tomcat", "mysql"];

/** `ReplicaSet/nginx-7c9f` → `ReplicaSet/shop/nginx-7c9f` (already qualified names stay). */
function qualifyOwner(owner: string, namespace: string): string {
  const parts = owner.split("/");
  return parts.length === 2 ? `${parts[0]}/${namespace}/${parts[1]}` : owner;
}

function tierOf(labels: Record<string, string>, name: string): string {
  const app = labels.app ?? "";
  if (TIER_NAMES.includes(app)) return app;
  return TIER_NAMES.find((t) => name.startsWith(t)) ?? "";
}

function podFrom(key: string, raw: Obj): PodView {
  const name = str(raw.name, key.includes("/") ? key.split("/")[1] : key);
  const namespace = str(raw.namespace, key.includes("/") ? (key.split("/")[0] ?? "shop") : "shop");
  const labels = strMap(raw.labels);
  const base = {
    key: key.includes("/") ? key : `${namespace}/${name}`,
    name,
    namespace,
    node: str(raw.node ?? raw.nodeName),
    ip: str(raw.ip ?? raw.podIP),
    phase: str(raw.phase, "Pending"),
    ready: bool(raw.ready),
    reason: str(raw.reason),
    labels,
    owner: qualifyOwner(str(raw.owner), namespace),
    tier: "",
    terminating: bool(raw.terminating) || str(raw.reason) === "Terminating",
  };
  base.tier = str(raw.tier) || tierOf(labels, name);
  return { ...base, look: podLook(base) };
}

/**
 * Builds the view model from the room state's JSON. Tolerates missing collections (an
 * older or newer server) by drawing what is there.
 */
export function toMatchView(state: unknown, code = ""): MatchView {
  const s = obj(state);
  const nodes: NodeView[] = entries(s.nodes)
    .map(([k, v]) => {
      const n = obj(v);
      return {
        name: str(n.name, k),
        ip: str(n.ip ?? n.internalIP),
        podCIDR: str(n.podCIDR),
        ready: bool(n.ready, true),
        unschedulable: bool(n.unschedulable ?? n.cordoned),
        up: bool(n.up, true),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const pods = entries(s.pods)
    .map(([k, v]) => podFrom(k, obj(v)))
    .sort((a, b) => a.key.localeCompare(b.key));

  const endpointsBySvc = new Map<string, string[]>();
  for (const [k, v] of entries(s.endpoints)) {
    const e = obj(v);
    const key = str(e.service ?? e.key, k);
    endpointsBySvc.set(key, strList(e.addresses ?? e.ips ?? v));
  }

  const services: ServiceView[] = entries(s.services)
    .map(([k, v]) => {
      const r = obj(v);
      const name = str(r.name, k.split("/").pop() ?? k);
      const namespace = str(r.namespace, k.includes("/") ? (k.split("/")[0] ?? "shop") : "shop");
      const key = `${namespace}/${name}`;
      return {
        key,
        name,
        namespace,
        type: str(r.type, "ClusterIP"),
        clusterIP: str(r.clusterIP),
        selector: strMap(r.selector),
        nodePort: num(r.nodePort),
        endpoints: endpointsBySvc.get(key) ?? endpointsBySvc.get(name) ?? strList(r.endpoints),
      };
    })
    .sort((a, b) => serviceOrder(a.name) - serviceOrder(b.name) || a.key.localeCompare(b.key));

  const dns: DnsRow[] = entries(s.dns)
    .map(([k, v]) => {
      const r = obj(v);
      return Object.keys(r).length
        ? { name: str(r.name, k), ips: strList(r.ips), changedAt: num(r.changedAt, -1) }
        : { name: k, ips: strList(v), changedAt: -1 };
    })
    .sort((a, b) => a.name.localeCompare(b.name));

  const workloads: WorkloadView[] = entries(s.workloads)
    .map(([k, v]) => {
      const w = obj(v);
      const kind = str(w.kind, k.split("/")[0] ?? "");
      const name = str(w.name, k.split("/").pop() ?? k);
      const namespace = str(w.namespace, "shop");
      return {
        key: k.split("/").length === 3 ? k : `${kind}/${namespace}/${name}`,
        kind,
        name,
        desired: num(w.desired ?? w.replicas),
        ready: num(w.ready ?? w.readyReplicas),
        image: str(w.image),
        container: str(w.container, name),
        namespace,
      };
    })
    .sort((a, b) => a.key.localeCompare(b.key));

  const players: PlayerView[] = entries(s.players).map(([k, v]) => {
    const p = obj(v);
    return {
      id: str(p.id ?? p.sessionId, k),
      name: str(p.name, k),
      role: str(p.role),
      points: num(p.points),
      connected: bool(p.connected, true),
      host: str(s.hostId) === k,
      bot: bool(p.isBot),
    };
  });

  const roles: MatchView["roles"] = {};
  for (const [k, v] of entries(s.roles)) {
    const r = obj(v);
    roles[str(r.role, k)] = { mode: str(r.mode ?? v, "autopilot"), holder: str(r.holder ?? r.player) };
  }

  const av = obj(s.availability);
  const events: EventView[] = entries(s.events).map(([, v]) => eventFrom(v));
  const traffic: RequestView[] = entries(s.traffic ?? s.requests).map(([, v]) => {
    const r = obj(v);
    const hops = typeof r.hops === "string" ? r.hops.split(">").filter(Boolean) : strList(r.hops);
    return { hops, failedTier: str(r.failedTier), reason: str(r.reason), count: num(r.count, 1) };
  });
  const debrief = obj(s.debrief);
  const timeline: [number, number][] = entries(debrief.timeline).map(([i, v]) => [Number(i), num(v, 1)]);
  const marks: EventView[] = entries(debrief.marks).map(([, v]) => eventFrom(v));
  const incidents: IncidentView[] = entries(debrief.incidents).map(([, v]) => {
    const i = obj(v);
    return { cause: str(i.cause), start: num(i.start), end: num(i.end, -1) };
  });
  return {
    phase: str(s.phase, "lobby"),
    code: str(s.code, code),
    scenario: str(s.scenario),
    clock: str(s.clock),
    difficulty: str(s.difficulty),
    chaos: s.chaos !== false,
    time: num(s.time ?? s.clock),
    duration: num(s.duration ?? s.durationSeconds),
    hostId: str(s.hostId ?? s.host),
    nodes,
    pods,
    services,
    dns,
    workloads,
    pvcs: entries(s.pvcs).map(([k, v]) => ({ name: str(obj(v).name, k), phase: str(obj(v).phase) })),
    players,
    roles,
    availability: {
      overall: num(av.overall, 1),
      nginx: num(av.nginx, 1),
      tomcat: num(av.tomcat, 1),
      mysql: num(av.mysql, 1),
      errorBudget: num(av.errorBudget, 1),
    },
    events,
    traffic,
    debrief: {
      availability: num(debrief.availability, 1),
      requests: num(debrief.requests),
      timeline,
      marks,
      incidents,
      mttr: num(debrief.mttr, -1),
    },
  };
}

function eventFrom(v: unknown): EventView {
  const e = obj(v);
  return {
    time: num(e.time),
    type: str(e.type),
    object: str(e.object),
    message: str(e.message),
    severity: str(e.severity, "Normal"),
  };
}

function serviceOrder(name: string): number {
  const i = TIER_NAMES.indexOf(name);
  return i < 0 ? 99 : i;
}

/** Which pods a Service's selector matches (label subset), as the Service controller sees them. */
export function selectedPods(svc: ServiceView, pods: PodView[]): PodView[] {
  const sel = Object.entries(svc.selector);
  if (sel.length === 0) return [];
  return pods.filter((p) => p.namespace === svc.namespace && sel.every(([k, v]) => p.labels[k] === v));
}

/** The pod whose IP an endpoint address names, if it still exists. */
export function podByIp(pods: PodView[], ip: string): PodView | undefined {
  return pods.find((p) => p.ip === ip && ip !== "");
}

/** DNS rows whose IPs differ from the previous snapshot's (new, changed): for highlighting. */
export function changedDnsRows(prev: DnsRow[], next: DnsRow[]): string[] {
  const before = new Map(prev.map((r) => [r.name, r.ips.join(",")]));
  return next.filter((r) => before.get(r.name) !== r.ips.join(",")).map((r) => r.name);
}

/** The workload that owns a pod, following ReplicaSet → Deployment by name (`tomcat-5d8f7` → `tomcat`). */
export function workloadOfPod(pod: PodView, workloads: WorkloadView[]): WorkloadView | undefined {
  const [kind, ns, name] = pod.owner.split("/");
  if (!kind || !ns || !name) return workloads.find((w) => w.name === pod.tier && w.kind !== "ReplicaSet");
  if (kind === "ReplicaSet") {
    const dep = name.replace(/-[a-z0-9]+$/, "");
    return workloads.find((w) => w.key === `Deployment/${ns}/${dep}`);
  }
  return workloads.find((w) => w.key === pod.owner);
}
