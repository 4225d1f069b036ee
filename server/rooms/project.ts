/**
 * Projects the simulated world into the room's schema. Only fields whose value changed are
 * assigned, and object maps are skipped entirely when the store's resourceVersion, DNS,
 * machines and event log are unchanged, so a quiet tick costs (and sends) almost nothing.
 */
import { ArraySchema, type MapSchema } from "@colyseus/schema";
import { availability, scoreOf, stateHash } from "../../shared/sim";
import type { Pod, Score, World } from "../../shared/sim";
import {
  DnsRecordView,
  EndpointsView,
  EventView,
  HopView,
  IncidentView,
  MarkView,
  NodeView,
  PodView,
  PvcView,
  ServiceView,
  WorkloadView,
  type MatchState,
} from "./schema/MatchState";

/** How many recent events the state keeps. */
export const STATE_EVENTS = 30;
/** How many ticks of request outcomes the traffic view sums (one game second). */
export const TRAFFIC_WINDOW_TICKS = 10;
/** Most debrief marks (chaos + intent events) kept in the state. */
export const MAX_DEBRIEF_MARKS = 200;
/** Most incidents kept in the running state (the debrief keeps up to {@link MAX_DEBRIEF_INCIDENTS}). */
export const STATE_INCIDENTS = 50;
/** Most incidents kept in the debrief. */
export const MAX_DEBRIEF_INCIDENTS = 200;

/** Options of a projection. */
export interface ProjectOptions {
  /** Put the world's stateHash in the state (≈2 ms). */
  hash: boolean;
  /** The match length (game s): the error budget is the SLO's allowance over it. */
  windowSeconds?: number;
}

/** One tick's request outcomes, aggregated by path. */
export type TrafficTick = Map<string, { hops: string; failedTier: string; reason: string; count: number }>;

/** What the projector remembers between calls to skip unchanged work. */
export class Projector {
  private rv = -1;
  private dnsSig = "";
  private machinesSig = "";
  private eventsTotal = -1;
  private readonly dnsChangedAt = new Map<string, number>();
  /** Outcome aggregates of the last {@link TRAFFIC_WINDOW_TICKS} ticks, newest last. */
  readonly trafficWindow: TrafficTick[] = [];

  /** Forgets everything (after a restart: a new world). */
  reset(): void {
    this.rv = -1;
    this.dnsSig = "";
    this.machinesSig = "";
    this.eventsTotal = -1;
    this.dnsChangedAt.clear();
    this.trafficWindow.length = 0;
  }

  /** Records the outcomes of the tick that just ran (call once per step). */
  recordTraffic(world: World): void {
    const agg: TrafficTick = new Map();
    for (const r of world.traffic.recent) {
      const hops = r.hops.join(">");
      const failedTier = r.failedTier ?? "";
      const reason = r.reason ?? "";
      const key = `${hops}|${failedTier}|${reason}`;
      const cur = agg.get(key);
      if (cur) cur.count += 1;
      else agg.set(key, { hops, failedTier, reason, count: 1 });
    }
    this.trafficWindow.push(agg);
    while (this.trafficWindow.length > TRAFFIC_WINDOW_TICKS) this.trafficWindow.shift();
  }

  /** Copies the world into `state`, assigning only what changed; returns the score it projected. */
  project(state: MatchState, world: World, opts: ProjectOptions): Score {
    set(state, "time", f32(round(world.time)));
    const score = scoreOf(world, { windowSeconds: opts.windowSeconds });
    this.projectAvailability(state, world, score);
    this.projectScore(state, score);
    this.projectTraffic(state);

    const rv = world.store.resourceVersion;
    const dnsSig = signatureOfRecords(world.dns.records);
    const machinesSig = signatureOfMachines(world);
    const eventsTotal = world.eventsDropped + world.events.length;
    const objectsChanged = rv !== this.rv || machinesSig !== this.machinesSig;
    if (objectsChanged) {
      this.projectNodes(state, world);
      this.projectPods(state, world);
      this.projectServices(state, world);
      this.projectEndpoints(state, world);
      this.projectPvcs(state, world);
      this.projectWorkloads(state, world);
    }
    if (dnsSig !== this.dnsSig) this.projectDns(state, world);
    if (eventsTotal !== this.eventsTotal) this.projectEvents(state, world, eventsTotal);
    // The hash covers everything (traffic, rng, timers), so it is recomputed on every projection.
    if (opts.hash) set(state, "stateHash", stateHash(world));
    this.rv = rv;
    this.dnsSig = dnsSig;
    this.machinesSig = machinesSig;
    this.eventsTotal = eventsTotal;
    return score;
  }

  /**
   * Fills the debrief: final availability, per-second timeline, chaos and intent marks (as
   * events), and from the score the team points, MTTR, error budget, incidents and marks.
   */
  projectDebrief(state: MatchState, world: World, score: Score): void {
    const d = state.debrief;
    set(d, "availability", f32(availability(world).overall));
    set(d, "requests", world.traffic.total);
    set(d, "ok", world.traffic.ok);
    set(d, "teamPoints", score.teamPoints);
    set(d, "mttr", f32(score.mttrSeconds ?? -1));
    set(d, "errorBudget", f32(budgetOf(score)));
    set(d, "sloMet", score.slo.met);
    d.incidents.clear();
    const first = Math.max(0, score.incidents.length - MAX_DEBRIEF_INCIDENTS);
    for (let i = first; i < score.incidents.length; i++) d.incidents.push(incidentView(score, i));
    d.scoreMarks.clear();
    for (const m of score.timeline.marks.slice(-MAX_DEBRIEF_MARKS)) {
      const v = new MarkView();
      v.time = f32(round(m.time));
      v.kind = m.kind;
      v.label = m.label;
      v.actor = m.actor ?? "";
      v.ok = m.ok ?? true;
      v.points = m.points ?? 0;
      d.scoreMarks.push(v);
    }
    d.timeline.clear();
    for (const [req, ok] of world.traffic.perSecond) d.timeline.push(f32(req > 0 ? ok / req : 1));
    d.marks.clear();
    const firstSeq = world.eventsDropped;
    const marks: EventView[] = [];
    world.events.forEach((e, i) => {
      if (e.severity === "Chaos" || e.severity === "Intent") marks.push(eventView(e, firstSeq + i));
    });
    for (const m of marks.slice(-MAX_DEBRIEF_MARKS)) d.marks.push(m);
  }

  private projectAvailability(state: MatchState, world: World, score: Score): void {
    const a = availability(world);
    const v = state.availability;
    set(v, "overall", f32(a.overall));
    set(v, "nginx", f32(a.nginx));
    set(v, "tomcat", f32(a.tomcat));
    set(v, "mysql", f32(a.mysql));
    // Budget of allowed failures under the SLO: 1 untouched, 0 spent, negative overspent.
    set(v, "errorBudget", f32(budgetOf(score)));
  }

  /** Team score, incidents (append / update in place), and each seat's points by its actor. */
  private projectScore(state: MatchState, score: Score): void {
    const s = state.score;
    set(s, "teamPoints", score.teamPoints);
    set(s, "mttr", f32(score.mttrSeconds ?? -1));
    set(s, "openIncidents", Math.min(score.openIncidents, 65535));
    set(s, "sloMet", score.slo.met);

    const first = Math.max(0, score.incidents.length - STATE_INCIDENTS);
    const arr = state.incidents;
    const aligned =
      arr.length <= score.incidents.length - first && (arr.length === 0 || arr[0]?.seq === first);
    if (!aligned) {
      // A restart or the cap moved the window: replace the array whole (rare; see syncStrings).
      const views: IncidentView[] = [];
      for (let i = first; i < score.incidents.length; i++) views.push(incidentView(score, i));
      state.incidents = new ArraySchema<IncidentView>(...views);
    } else {
      for (let i = first; i < score.incidents.length; i++) {
        const view = arr[i - first];
        if (view) updateIncident(view, score, i);
        else arr.push(incidentView(score, i));
      }
    }

    const tallies = new Map(score.players.map((p) => [p.actor, p] as const));
    for (const p of state.players.values()) {
      const t = p.actor ? tallies.get(p.actor) : undefined;
      set(p, "points", t?.points ?? 0);
      set(p, "restored", Math.min(t?.restored ?? 0, 65535));
      set(p, "broke", Math.min(t?.broke ?? 0, 65535));
    }
  }

  private projectTraffic(state: MatchState): void {
    const sum = new Map<string, { hops: string; failedTier: string; reason: string; count: number }>();
    for (const tick of this.trafficWindow) {
      for (const [k, v] of tick) {
        const cur = sum.get(k);
        if (cur) cur.count += v.count;
        else sum.set(k, { ...v });
      }
    }
    syncMap(state.traffic, sum, HopView, (view, v) => {
      set(view, "hops", v.hops);
      set(view, "failedTier", v.failedTier);
      set(view, "reason", v.reason);
      set(view, "count", Math.min(v.count, 65535));
    });
  }

  private projectNodes(state: MatchState, world: World): void {
    const items = new Map(world.store.list("Node").map((n) => [n.metadata.name, n] as const));
    syncMap(state.nodes, items, NodeView, (view, n) => {
      set(view, "name", n.metadata.name);
      set(view, "internalIP", n.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "");
      set(view, "podCIDR", n.spec.podCIDR);
      set(
        view,
        "ready",
        n.status.conditions.some((c) => c.type === "Ready" && c.status === "True"),
      );
      set(view, "cordoned", n.spec.unschedulable === true);
      set(view, "up", world.machines[n.metadata.name]?.up ?? true);
    });
  }

  private projectPods(state: MatchState, world: World): void {
    const tiers = Object.entries(world.trafficConfig.tierSelectors);
    const items = new Map(world.store.list("Pod").map((p) => [podKey(p), p] as const));
    syncMap(
      state.pods,
      items,
      PodView,
      (view, p, key) => {
        const owner =
          p.metadata.ownerReferences?.find((o) => o.controller) ?? p.metadata.ownerReferences?.[0];
        const labels = p.metadata.labels;
        set(view, "key", key);
        set(view, "name", p.metadata.name);
        set(view, "namespace", p.metadata.namespace ?? "");
        set(view, "node", p.spec.nodeName ?? "");
        set(view, "phase", p.status.phase);
        set(view, "podIP", p.status.podIP ?? "");
        set(view, "ready", podReady(p));
        set(view, "reason", podReason(p));
        set(view, "owner", owner ? `${owner.kind}/${owner.name}` : "");
        set(
          view,
          "tier",
          tiers.find(([, sel]) => Object.entries(sel).every(([k, v]) => labels[k] === v))?.[0] ?? "",
        );
        set(view, "labels", labelString(labels));
      },
      rvOf,
    );
  }

  private projectServices(state: MatchState, world: World): void {
    const items = new Map(
      world.store.list("Service").map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]),
    );
    syncMap(
      state.services,
      items,
      ServiceView,
      (view, s, key) => {
        set(view, "key", key);
        set(view, "name", s.metadata.name);
        set(view, "namespace", s.metadata.namespace ?? "");
        set(view, "type", s.spec.type);
        set(view, "clusterIP", s.spec.clusterIP);
        set(view, "selector", labelString(s.spec.selector));
        set(
          view,
          "ports",
          s.spec.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol}`).join(","),
        );
        set(view, "nodePort", s.spec.ports.find((p) => p.nodePort)?.nodePort ?? 0);
      },
      rvOf,
    );
  }

  private projectEndpoints(state: MatchState, world: World): void {
    const items = new Map(
      world.store.list("Endpoints").map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e]),
    );
    syncMap(
      state.endpoints,
      items,
      EndpointsView,
      (view, e, key) => {
        set(view, "key", key);
        const addrs = e.subsets.flatMap((s) => s.addresses);
        syncStrings(
          view,
          "ips",
          addrs.map((a) => a.ip),
        );
        syncStrings(
          view,
          "pods",
          addrs.map((a) => `${a.targetRef.namespace}/${a.targetRef.name}`),
        );
      },
      rvOf,
    );
  }

  private projectDns(state: MatchState, world: World): void {
    const items = new Map(Object.entries(world.dns.records));
    syncMap(state.dns, items, DnsRecordView, (view, ips, name) => {
      const changed =
        view.ips.length !== ips.length || ips.some((ip: string, i: number) => view.ips[i] !== ip);
      set(view, "name", name);
      if (changed || !this.dnsChangedAt.has(name)) {
        this.dnsChangedAt.set(name, round(world.time));
        set(view, "changedAt", f32(round(world.time)));
      }
      syncStrings(view, "ips", ips);
    });
    for (const name of [...this.dnsChangedAt.keys()]) if (!items.has(name)) this.dnsChangedAt.delete(name);
  }

  private projectPvcs(state: MatchState, world: World): void {
    const items = new Map(
      world.store.list("PersistentVolumeClaim").map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c]),
    );
    syncMap(
      state.pvcs,
      items,
      PvcView,
      (view, c, key) => {
        set(view, "key", key);
        set(view, "name", c.metadata.name);
        set(view, "namespace", c.metadata.namespace ?? "");
        set(view, "phase", c.status.phase);
        set(view, "volumeName", c.spec.volumeName ?? "");
      },
      rvOf,
    );
  }

  private projectWorkloads(state: MatchState, world: World): void {
    type W = {
      kind: string;
      name: string;
      namespace: string;
      desired: number;
      ready: number;
      image: string;
      rv: string;
    };
    const items = new Map<string, W>();
    const add = (
      kind: string,
      o: { metadata: { name: string; namespace?: string; resourceVersion: string } },
      desired: number,
      ready: number,
      image: string | undefined,
    ) => {
      const ns = o.metadata.namespace ?? "";
      items.set(`${kind}/${ns}/${o.metadata.name}`, {
        kind,
        name: o.metadata.name,
        namespace: ns,
        desired,
        ready,
        image: image ?? "",
        rv: o.metadata.resourceVersion,
      });
    };
    const img = (t: { spec: { containers: { image: string }[] } }) => t.spec.containers[0]?.image;
    for (const d of world.store.list("Deployment"))
      add("Deployment", d, d.spec.replicas, d.status.readyReplicas, img(d.spec.template));
    for (const r of world.store.list("ReplicaSet"))
      add("ReplicaSet", r, r.spec.replicas, r.status.readyReplicas, img(r.spec.template));
    for (const s of world.store.list("StatefulSet"))
      add("StatefulSet", s, s.spec.replicas, s.status.readyReplicas, img(s.spec.template));
    for (const d of world.store.list("DaemonSet"))
      add("DaemonSet", d, d.status.desiredNumberScheduled, d.status.numberReady, img(d.spec.template));
    for (const j of world.store.list("Job"))
      add("Job", j, j.spec.completions, j.status.succeeded, img(j.spec.template));
    syncMap(
      state.workloads,
      items,
      WorkloadView,
      (view, w, key) => {
        set(view, "key", key);
        set(view, "kind", w.kind);
        set(view, "name", w.name);
        set(view, "namespace", w.namespace);
        set(view, "desired", clampInt16(w.desired));
        set(view, "ready", clampInt16(w.ready));
        set(view, "image", w.image);
      },
      (w) => w.rv,
    );
  }

  private projectEvents(state: MatchState, world: World, eventsTotal: number): void {
    const first = Math.max(
      this.eventsTotal < 0 ? 0 : this.eventsTotal,
      eventsTotal - STATE_EVENTS,
      world.eventsDropped,
    );
    if (this.eventsTotal < 0 || eventsTotal < this.eventsTotal) state.events.clear();
    for (let seq = first; seq < eventsTotal; seq++) {
      const e = world.events[seq - world.eventsDropped];
      if (e) state.events.push(eventView(e, seq));
    }
    const extra = state.events.length - STATE_EVENTS;
    if (extra > 0) state.events.splice(0, extra);
  }
}

/** Assigns `value` to `obj[key]` only when it differs, so unchanged fields are not re-sent. */
export function set<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): void {
  if (obj[key] !== value) obj[key] = value;
}

// The resourceVersion each view was last projected from: an unchanged object is skipped.
const projectedVersion = new WeakMap<object, string>();

/**
 * Makes `map` hold exactly the keys of `items`, creating views with `Ctor` and updating
 * each. With `versionOf`, a view whose source object kept its resourceVersion is skipped.
 */
export function syncMap<V extends object, I>(
  map: MapSchema<V>,
  items: Map<string, I>,
  Ctor: new () => V,
  update: (view: V, item: I, key: string) => void,
  versionOf?: (item: I) => string,
): void {
  for (const key of [...map.keys()]) if (!items.has(key)) map.delete(key);
  for (const [key, item] of items) {
    let view = map.get(key);
    const version = versionOf?.(item);
    if (view === undefined) {
      view = new Ctor();
      update(view, item, key);
      map.set(key, view);
    } else if (version === undefined || projectedVersion.get(view) !== version) {
      update(view, item, key);
    }
    if (version !== undefined) projectedVersion.set(view, version);
  }
}

const rvOf = (o: { metadata: { resourceVersion: string } }) => o.metadata.resourceVersion;

/**
 * Makes `obj[key]` equal `values`. An unchanged array is left alone; a changed one is
 * replaced whole (splice + index writes in one patch decoded wrong in schema 3.0.76, and
 * these arrays hold a handful of IPs).
 */
export function syncStrings<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  values: readonly string[],
): void {
  const arr = obj[key] as unknown as ArraySchema<string>;
  if (arr.length === values.length && values.every((v, i) => arr[i] === v)) return;
  obj[key] = new ArraySchema<string>(...values) as unknown as T[K];
}

function eventView(e: World["events"][number], seq: number): EventView {
  const v = new EventView();
  v.seq = seq;
  v.time = f32(round(e.time));
  v.type = e.type;
  v.object = e.object;
  v.message = e.message;
  v.severity = e.severity;
  return v;
}

function budgetOf(score: Score): number {
  return Math.max(-99, score.slo.errorBudget.remaining);
}

function incidentView(score: Score, i: number): IncidentView {
  const v = new IncidentView();
  v.seq = i;
  updateIncident(v, score, i);
  return v;
}

function updateIncident(v: IncidentView, score: Score, i: number): void {
  const inc = score.incidents[i];
  if (!inc) return;
  set(v, "cause", inc.cause);
  set(v, "source", inc.source);
  set(v, "start", f32(round(inc.start)));
  set(v, "end", f32(inc.end === null ? -1 : round(inc.end)));
  set(v, "mttr", f32(inc.mttr ?? -1));
  set(v, "open", inc.end === null);
}

function podKey(p: Pod): string {
  return `${p.metadata.namespace ?? "default"}/${p.metadata.name}`;
}

function podReady(p: Pod): boolean {
  return (
    p.status.phase === "Running" &&
    p.metadata.deletionTimestamp === undefined &&
    p.status.conditions.some((c) => c.type === "Ready" && c.status === "True")
  );
}

function podReason(p: Pod): string {
  if (p.metadata.deletionTimestamp !== undefined) return "Terminating";
  const waiting = p.status.containerStatuses?.find((c) => c.state.waiting)?.state.waiting?.reason;
  if (waiting) return waiting;
  if (p.status.reason) return p.status.reason;
  const sched = p.status.conditions.find((c) => c.type === "PodScheduled" && c.status === "False");
  return sched?.reason ?? "";
}

function labelString(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
}

function signatureOfRecords(records: Record<string, string[]>): string {
  let s = "";
  for (const name of Object.keys(records).sort()) s += `${name}=${(records[name] ?? []).join(",")};`;
  return s;
}

function signatureOfMachines(world: World): string {
  let s = "";
  for (const name of Object.keys(world.machines).sort()) s += `${name}:${world.machines[name]?.up ? 1 : 0};`;
  return s;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

// float32 fields: compare the value the client will decode, so rounding noise never re-sends.
function f32(n: number): number {
  return Math.fround(n);
}

function clampInt16(n: number): number {
  return Math.max(-32768, Math.min(32767, Math.trunc(n)));
}
