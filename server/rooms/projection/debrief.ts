/**
 * The debrief in the state, filled once when a round ends: final availability, the
 * per-second timeline, chaos and intent marks, incidents with MTTR, and the team score.
 */
import { availability, type Score, type World } from "../../../shared/sim";
import { MarkView, type MatchState } from "../schema/MatchState";
import { eventView } from "./events";
import { budgetOf, incidentView } from "./score";
import { f32, round, set } from "./sync";

/** Most debrief marks (chaos + intent events) kept in the state. */
export const MAX_DEBRIEF_MARKS = 200;
/** Most incidents kept in the debrief. */
export const MAX_DEBRIEF_INCIDENTS = 200;

/** Fills the debrief from the final world and score. */
export function projectDebrief(state: MatchState, world: World, score: Score): void {
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
  const marks = world.events
    .map((e, i) => ({ e, seq: world.eventsDropped + i }))
    .filter(({ e }) => e.time >= 0 && (e.severity === "Chaos" || e.severity === "Intent"))
    .slice(-MAX_DEBRIEF_MARKS);
  for (const { e, seq } of marks) d.marks.push(eventView(e, seq));
}

/** Empties the debrief (a new round). */
export function clearDebrief(state: MatchState): void {
  const d = state.debrief;
  d.timeline.clear();
  d.marks.clear();
  d.incidents.clear();
  d.scoreMarks.clear();
  d.availability = 0;
  d.requests = 0;
  d.ok = 0;
  d.teamPoints = 0;
  d.mttr = -1;
  d.errorBudget = 1;
  d.sloMet = true;
}
