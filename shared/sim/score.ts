/**
 * The score (DESIGN §6). Team: availability first — against a 99 % SLO with its error
 * budget — then MTTR per incident (from a chaos event until the request chain is healthy
 * again), then fewer actions. Player: points for intents that restored reachability,
 * penalties for intents that hurt it. Debrief: availability per second with chaos and
 * actions marked.
 *
 * The running part (`updateScore`, called by `step`) keeps its bookkeeping in
 * `world.score`; `scoreOf(world)` turns it into the summary. Both are deterministic.
 */
import { NOT_A_FAULT } from "./chaos";
import { INTENT_ROLES, type IntentResult } from "./intents";
import { ownedReplicaSets } from "./controllers/deployment";
import type { Incident, PlayerTally, ScoreState } from "./score-state";
import type { World } from "./world";
import { isPodReady, TIERS, type Tier } from "./world";

export {
  emptyScore,
  type ActionRecord,
  type Incident,
  type PlayerTally,
  type ScoreState,
} from "./score-state";

/** The service level objective: the share of requests that must succeed. */
export const SLO_TARGET = 0.99;
/** Seconds after an intent over which its effect on availability is judged. */
export const EVAL_WINDOW_SECONDS = 5;
/** Seconds before an intent that give the "before" availability. */
export const BASELINE_SECONDS = 3;
/** The smallest availability change that earns or costs points. */
export const EFFECT_THRESHOLD = 0.02;
/** How many intents the score remembers for the timeline. */
export const MAX_ACTIONS = 2000;

/** Availability of whole seconds `[from, to)` (1 when nobody sent a request). */
export function rateOver(world: World, from: number, to: number): number {
  let total = 0;
  let ok = 0;
  const ps = world.traffic.perSecond;
  for (let s = Math.max(0, from); s < Math.min(to, ps.length); s++) {
    total += ps[s]![0];
    ok += ps[s]![1];
  }
  return total === 0 ? 1 : ok / total;
}

/**
 * Whether the shop's workloads have every replica Ready, counted from the pods themselves
 * (statuses go stale when a person holds the workload controller's role).
 */
export function workloadsHealthy(world: World): boolean {
  const ns = world.trafficConfig.namespace;
  for (const d of world.store.list("Deployment")) {
    if (d.metadata.namespace !== ns) continue;
    let ready = 0;
    for (const rs of ownedReplicaSets(world, d))
      for (const p of world.store.podsOwnedBy(rs.metadata.uid)) if (isPodReady(p)) ready++;
    if (ready < d.spec.replicas) return false;
  }
  for (const s of world.store.list("StatefulSet")) {
    if (s.metadata.namespace !== ns) continue;
    if (world.store.podsOwnedBy(s.metadata.uid).filter(isPodReady).length < s.spec.replicas) return false;
  }
  return true;
}

function tally(state: ScoreState, actor: string): PlayerTally {
  return (state.players[actor] ??= { points: 0, actions: 0, restored: 0, broke: 0 });
}

/** Whether a chaos event (that changed something) fired in `[from, to]`. */
function chaosBetween(world: World, from: number, to: number): boolean {
  return world.chaos.fired.some((e) => !e.skipped && e.at >= from - 1e-9 && e.at <= to + 1e-9);
}

/**
 * Books this tick's accepted intents, opens incidents for new chaos, and at each whole second
 * judges. A refused intent is not booked: it changed nothing, so it leaves no trace in the
 * world (its refusal goes back to its sender only) and the state hash stays as if unsent.
 */
export function updateScore(world: World, results: readonly IntentResult[]): void {
  const state = world.score;
  const now = world.time;
  const second = Math.floor(now + 1e-9);
  for (const r of results) {
    if (!r.ok) continue;
    tally(state, r.actor).actions++;
    state.actions.push({
      time: now,
      actor: r.actor,
      role: INTENT_ROLES[r.intent.type],
      type: r.intent.type,
      ok: true,
      points: null,
    });
    state.pending.push({
      action: state.actionsDropped + state.actions.length - 1,
      at: now,
      before: rateOver(world, second - BASELINE_SECONDS, second),
    });
  }
  if (state.actions.length > MAX_ACTIONS) {
    const drop = state.actions.length - MAX_ACTIONS;
    state.actions.splice(0, drop);
    state.actionsDropped += drop;
  }
  const fired = world.chaos.fired;
  for (; state.firedSeen < fired.length; state.firedSeen++) {
    const ev = fired[state.firedSeen]!;
    if (ev.skipped || NOT_A_FAULT.has(ev.type)) continue;
    state.incidents.push({
      start: ev.at,
      end: null,
      cause: ev.target ? `${ev.type}:${ev.target}` : ev.type,
      source: ev.source,
    });
  }

  // Whole-second work: close incidents when the last second was clean, judge intents.
  if (Math.abs(now - Math.round(now)) > 1e-6 || Math.round(now) < 1) return;
  const s = Math.round(now);
  const open = state.incidents.filter((i) => i.end === null && i.start <= s - 1 + 1e-9);
  if (open.length > 0) {
    const bucket = world.traffic.perSecond[s - 1];
    const clean = !bucket || bucket[0] === bucket[1];
    if (clean && workloadsHealthy(world)) for (const i of open) i.end = s;
  }
  while (state.pending.length > 0 && state.pending[0]!.at + EVAL_WINDOW_SECONDS <= now + 1e-9) {
    const p = state.pending.shift()!;
    const from = Math.floor(p.at + 1e-9) + 1;
    const after = rateOver(world, from, from + EVAL_WINDOW_SECONDS - 1);
    const record = state.actions[p.action - state.actionsDropped];
    const actor = record?.actor;
    let points = 0;
    if (after - p.before >= EFFECT_THRESHOLD) points = Math.round(100 * (after - p.before));
    else if (
      p.before - after >= EFFECT_THRESHOLD &&
      !chaosBetween(world, p.at - 1, p.at + EVAL_WINDOW_SECONDS)
    )
      points = -Math.round(100 * (p.before - after));
    if (record) record.points = points;
    if (actor !== undefined && points !== 0) {
      const t = tally(state, actor);
      t.points += points;
      if (points > 0) t.restored++;
      else t.broke++;
    }
  }
}

/** One second of the debrief's availability line. */
export interface TimelinePoint {
  t: number;
  total: number;
  ok: number;
  availability: number;
}

/** A mark on the debrief's timeline. */
export interface TimelineMark {
  time: number;
  kind: "chaos" | "intent";
  label: string;
  actor?: string;
  ok?: boolean;
  points?: number | null;
}

/** The score summary. */
export interface Score {
  availability: Record<"overall" | Tier, number>;
  slo: {
    target: number;
    met: boolean;
    /** Failures the SLO allows for the requests so far, failures spent, and the share left (may go below 0). */
    errorBudget: { allowedFailures: number; usedFailures: number; remaining: number };
  };
  incidents: (Incident & { mttr: number | null })[];
  /** Mean time to recovery of the closed incidents (seconds), or null when none closed. */
  mttrSeconds: number | null;
  openIncidents: number;
  /** Accepted intents: all of them (`total`, including those forgotten past MAX_ACTIONS) and those remembered (`ok`). */
  actions: { total: number; ok: number };
  players: ({ actor: string } & PlayerTally)[];
  /** A single number for leaderboards: availability first, then MTTR, then actions. */
  teamPoints: number;
  timeline: { seconds: TimelinePoint[]; marks: TimelineMark[] };
}

/**
 * The score summary of a world. With `windowSeconds` (the match length), the error budget
 * is the SLO's allowance over the whole window's expected requests, as SRE budgets are: a
 * few early failures spend part of it, not all of it. Without it, the budget covers only
 * the requests so far.
 */
export function scoreOf(world: World, opts: { windowSeconds?: number } = {}): Score {
  const t = world.traffic;
  const ratio = (ok: number, total: number) => (total === 0 ? 1 : ok / total);
  const availability = { overall: ratio(t.ok, t.total) } as Score["availability"];
  for (const tier of TIERS) availability[tier] = ratio(t.tiers[tier].ok, t.tiers[tier].total);
  const expected = (opts.windowSeconds ?? 0) * world.trafficConfig.requestsPerSecond;
  const allowed = Math.max(t.total, expected) * (1 - SLO_TARGET);
  const used = t.total - t.ok;
  const state = world.score;
  const incidents = state.incidents.map((i) => ({
    ...i,
    mttr: i.end === null ? null : Math.round((i.end - i.start) * 1000) / 1000,
  }));
  const closed = incidents.filter((i) => i.mttr !== null);
  const mttrSeconds =
    closed.length === 0
      ? null
      : Math.round((closed.reduce((n, i) => n + i.mttr!, 0) / closed.length) * 1000) / 1000;
  const okActions = state.actions.filter((a) => a.ok).length;
  const players = Object.keys(state.players)
    .sort()
    .map((actor) => ({ actor, ...state.players[actor]! }))
    .sort((a, b) => b.points - a.points);
  const marks: TimelineMark[] = [
    ...world.chaos.fired
      .filter((e) => !e.skipped)
      .map((e) => ({
        time: e.at,
        kind: "chaos" as const,
        label: e.target ? `${e.type} ${e.target}` : e.type,
      })),
    ...state.actions.map((a) => ({
      time: a.time,
      kind: "intent" as const,
      label: a.type,
      actor: a.actor,
      ok: a.ok,
      points: a.points,
    })),
  ].sort((a, b) => a.time - b.time || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  const seconds = t.perSecond.map(([total, ok], i) => ({ t: i, total, ok, availability: ratio(ok, total) }));
  const totalActions = state.actionsDropped + state.actions.length;
  return {
    availability,
    slo: {
      target: SLO_TARGET,
      met: availability.overall >= SLO_TARGET,
      errorBudget: {
        allowedFailures: Math.round(allowed * 1000) / 1000,
        usedFailures: used,
        remaining: allowed === 0 ? 1 : Math.round((1 - used / allowed) * 1000) / 1000,
      },
    },
    incidents,
    mttrSeconds,
    openIncidents: incidents.length - closed.length,
    actions: { total: totalActions, ok: okActions },
    players,
    teamPoints: teamPoints(availability.overall, mttrSeconds, incidents.length - closed.length),
    timeline: { seconds, marks },
  };
}

/**
 * One number for a leaderboard: availability in hundredths of a percent, times 100, minus
 * the mean MTTR in seconds (at most 99) — so availability always ranks first. Open
 * incidents count 99 s each. {@link compareScores} is the full ranking (then actions).
 */
export function teamPoints(overall: number, mttr: number | null, open: number): number {
  const mean = Math.min(99, Math.round(mttr ?? 0) + open * 99);
  return Math.round(overall * 10000) * 100 - Math.min(99, mean);
}

/** Ranks two teams' scores: availability, then MTTR, then fewer actions (negative: `a` ranks first). */
export function compareScores(a: Score, b: Score): number {
  if (a.availability.overall !== b.availability.overall)
    return b.availability.overall - a.availability.overall;
  const ma = a.mttrSeconds ?? 0;
  const mb = b.mttrSeconds ?? 0;
  if (ma !== mb) return ma - mb;
  return a.actions.ok - b.actions.ok;
}
