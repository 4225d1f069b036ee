/**
 * The live score in the state: availability now and per tier, the team score, incidents,
 * each seat's points, and the request paths of the last game second (the traffic view).
 */
import { ArraySchema } from "@colyseus/schema";
import { availability, type Score, type World } from "../../../shared/sim";
import { HopView, IncidentView, type MatchState } from "../schema/MatchState";
import { clampUint16, f32, round, set, syncMap } from "./sync";

/** Most incidents kept in the running state (the debrief keeps more). */
export const STATE_INCIDENTS = 50;
/** How many ticks of request outcomes the traffic view sums (one game second). */
export const TRAFFIC_WINDOW_TICKS = 10;

/** One tick's request outcomes, aggregated by path. */
type TrafficTick = Map<string, { hops: string; failedTier: string; reason: string; count: number }>;

/** Error budget left, clamped so a blown budget still fits the field. */
export function budgetOf(score: Score): number {
  return Math.max(-99, score.slo.errorBudget.remaining);
}

/** Availability, team score, incidents and seat points. */
export function projectScore(state: MatchState, world: World, score: Score): void {
  const a = availability(world);
  const v = state.availability;
  set(v, "overall", f32(a.overall));
  set(v, "nginx", f32(a.nginx));
  set(v, "tomcat", f32(a.tomcat));
  set(v, "mysql", f32(a.mysql));
  set(v, "errorBudget", f32(budgetOf(score)));

  const s = state.score;
  set(s, "teamPoints", score.teamPoints);
  set(s, "mttr", f32(score.mttrSeconds ?? -1));
  set(s, "openIncidents", clampUint16(score.openIncidents));
  set(s, "sloMet", score.slo.met);

  const first = Math.max(0, score.incidents.length - STATE_INCIDENTS);
  const arr = state.incidents;
  const aligned = arr.length <= score.incidents.length - first && (arr.length === 0 || arr[0]?.seq === first);
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
    set(p, "restored", clampUint16(t?.restored ?? 0));
    set(p, "broke", clampUint16(t?.broke ?? 0));
  }
}

/** An incident's view. */
export function incidentView(score: Score, i: number): IncidentView {
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

/** The request paths of the last game second: a window of per-tick aggregates. */
export class TrafficWindow {
  private readonly ticks: TrafficTick[] = [];

  /** Forgets every tick (a new world). */
  reset(): void {
    this.ticks.length = 0;
  }

  /** Records the outcomes of the tick that just ran (call once per tick). */
  record(world: World): void {
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
    this.ticks.push(agg);
    while (this.ticks.length > TRAFFIC_WINDOW_TICKS) this.ticks.shift();
  }

  /** Writes the window's sum into the state. */
  project(state: MatchState): void {
    const sum: TrafficTick = new Map();
    for (const tick of this.ticks) {
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
      set(view, "count", clampUint16(v.count));
    });
  }
}
