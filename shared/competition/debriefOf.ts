/**
 * The cross-team debrief, computed (pure, deterministic) from what the results store keeps
 * of an event: its entry and options, and per team its stored match (result and players)
 * with the match log. Scores come from the stored results; what the results do not keep
 * (availability per second, each intent with its points and kubectl text) from replaying
 * the logs (debriefReplay.ts).
 */
import type { MatchLog, MatchOptions } from "../match";
import type { Score } from "../sim";
import type {
  BestTeamMove,
  ChaosMark,
  DebriefIncident,
  DebriefPlayer,
  DebriefTeam,
  EndingIntent,
  EventDebrief,
  EventListEntry,
  EventOutcome,
  IncidentTeamRow,
  TeamMatchStatus,
} from "./debrief";
import { rankTeams } from "./ranking";
import { replayForDebrief, type TeamReplay } from "./debriefReplay";

/** Float slack when comparing game times (they are rounded to milliseconds). */
const EPS = 1e-6;

/** One incident as a stored result (or a score) has it. */
export interface StoredIncident {
  cause: string;
  source: string;
  start: number;
  end: number | null;
  mttr: number | null;
}

/** A team's stored match, as the debrief reads it (the store's StoredMatch fits). */
export interface StoredTeamMatch {
  id: string;
  status: Exclude<TeamMatchStatus, "not started">;
  /** The last stored tick (where a round cut short stopped). */
  lastTick: number;
  result: {
    time: number;
    availability: { overall: number };
    errorBudget: number;
    mttr: number | null;
    teamPoints: number;
    incidents: StoredIncident[];
  } | null;
  players: DebriefPlayer[];
}

/**
 * One team of a stored event: its stored match (null before its first tick) and that
 * match's log — or the log's replay, when the caller has already replayed it.
 */
export interface StoredTeam {
  teamId: string;
  name: string;
  match: StoredTeamMatch | null;
  log: MatchLog | null;
  replay?: TeamReplay | null;
}

/** A stored event with its teams, in team order. */
export interface StoredEvent {
  entry: EventListEntry;
  options: MatchOptions;
  teams: StoredTeam[];
}

/** Where an event's games stand, from its teams' match statuses (see EventOutcome). */
export function eventOutcome(statuses: readonly TeamMatchStatus[]): EventOutcome {
  if (statuses.includes("running")) return "in progress";
  if (statuses.includes("interrupted")) return "interrupted";
  if (statuses.includes("finished")) return "finished";
  return "not started";
}

/** A team's score as the debrief uses it, from its stored result or else its replay. */
interface TeamScore {
  time: number;
  availability: number;
  errorBudgetRemaining: number;
  mttrSeconds: number | null;
  teamPoints: number;
  incidents: StoredIncident[];
}

function scoreFrom(match: StoredTeamMatch | null, replay: TeamReplay | null): TeamScore | null {
  const r = match?.result;
  if (r)
    return {
      time: r.time,
      availability: r.availability.overall,
      errorBudgetRemaining: r.errorBudget,
      mttrSeconds: r.mttr,
      teamPoints: r.teamPoints,
      incidents: r.incidents,
    };
  if (!replay || !match) return null;
  const s: Score = replay.score;
  return {
    time: s.timeline.seconds.length,
    availability: s.availability.overall,
    errorBudgetRemaining: s.slo.errorBudget.remaining,
    mttrSeconds: s.mttrSeconds,
    teamPoints: s.teamPoints,
    incidents: s.incidents,
  };
}

/** People first, then bots; each by points, most first, then by name. */
function sortPlayers(players: readonly DebriefPlayer[]): DebriefPlayer[] {
  return [...players]
    .map(({ name, actor, role, isBot, points, restored, broke }) => ({
      name,
      actor,
      role,
      isBot,
      points,
      restored,
      broke,
    }))
    .sort(
      (a, b) =>
        Number(a.isBot) - Number(b.isBot) ||
        b.points - a.points ||
        (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    );
}

/** The key that matches one chaos event across teams: game time (ms), cause and source. */
const markKey = (i: StoredIncident) => `${Math.round(i.start * 1000)}|${i.cause}|${i.source}`;

/** `type:target` → type and target (chaos types never contain a colon). */
function splitCause(cause: string): { type: string; target?: string } {
  const at = cause.indexOf(":");
  return at < 0 ? { type: cause } : { type: cause.slice(0, at), target: cause.slice(at + 1) };
}

/** A team while the debrief is built. */
interface Working {
  team: StoredTeam;
  replay: TeamReplay | null;
  score: TeamScore | null;
  /** Its incidents by mark key (with an occurrence number, should one chaos repeat at one time). */
  incidents: Map<string, StoredIncident>;
}

/**
 * The first of the team's intents from `incident.start` to its recovery that the score
 * judged to have restored availability (positive points); null when none did.
 */
export function endingIntent(
  replay: TeamReplay | null,
  incident: StoredIncident,
  players: readonly DebriefPlayer[],
): EndingIntent | null {
  if (!replay || incident.end === null) return null;
  const end = incident.end;
  const hit = replay.intents.find(
    (i) => i.at >= incident.start - EPS && i.at <= end + EPS && (i.points ?? 0) > 0,
  );
  if (!hit) return null;
  return {
    at: hit.at,
    player: players.find((p) => p.actor === hit.actor)?.name ?? hit.actor,
    actor: hit.actor,
    role: hit.role,
    intent: hit.intent,
    kubectl: hit.kubectl,
    points: hit.points ?? 0,
  };
}

/** The whole debrief of a stored event. */
export function debriefOf(event: StoredEvent): EventDebrief {
  const working: Working[] = event.teams.map((team) => {
    const replay =
      team.replay !== undefined
        ? team.replay
        : team.log
          ? replayForDebrief(team.log, team.match?.lastTick)
          : null;
    const score = scoreFrom(team.match, replay);
    const incidents = new Map<string, StoredIncident>();
    for (const i of score?.incidents ?? []) {
      let n = 0;
      while (incidents.has(`${markKey(i)}#${n}`)) n++;
      incidents.set(`${markKey(i)}#${n}`, i);
    }
    return { team, replay, score, incidents };
  });

  const played = working.filter((w) => w.score !== null);
  const ranked = rankTeams(
    played.map((w) => ({
      teamId: w.team.teamId,
      name: w.team.name,
      availability: w.score!.availability,
      errorBudgetRemaining: w.score!.errorBudgetRemaining,
      mttrSeconds: w.score!.mttrSeconds,
      openIncidents: w.score!.incidents.filter((i) => i.end === null).length,
      actions: w.replay?.score.actions.total ?? 0,
    })),
  );
  const byId = new Map(working.map((w) => [w.team.teamId, w] as const));
  const order = [...ranked.map((r) => byId.get(r.teamId)!), ...working.filter((w) => w.score === null)];
  const rankOf = new Map(ranked.map((r) => [r.teamId, r] as const));

  const teams: DebriefTeam[] = order.map((w) => {
    const r = rankOf.get(w.team.teamId);
    return {
      teamId: w.team.teamId,
      name: w.team.name,
      rank: r?.rank ?? null,
      matchId: w.team.match?.id ?? null,
      status: w.team.match?.status ?? "not started",
      time: w.score?.time ?? 0,
      availability: w.score?.availability ?? null,
      errorBudgetRemaining: w.score?.errorBudgetRemaining ?? null,
      mttrSeconds: w.score?.mttrSeconds ?? null,
      openIncidents: r?.openIncidents ?? 0,
      actions: r?.actions ?? 0,
      teamPoints: w.score?.teamPoints ?? 0,
      players: sortPlayers(w.team.match?.players ?? []),
    };
  });

  // Every chaos event any team saw, once, with the teams it hit.
  const marks = new Map<string, { incident: StoredIncident; teams: string[] }>();
  for (const w of order)
    for (const [key, i] of w.incidents) {
      const m = marks.get(key) ?? { incident: i, teams: [] };
      m.teams.push(w.team.teamId);
      marks.set(key, m);
    }
  const sortedMarks = [...marks.entries()].sort(
    ([ka, a], [kb, b]) => a.incident.start - b.incident.start || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );

  const chaos: ChaosMark[] = [];
  const incidents: DebriefIncident[] = sortedMarks.map(([key, { incident, teams: hit }], n) => {
    const mark: ChaosMark = {
      at: incident.start,
      second: Math.floor(incident.start + EPS),
      ...splitCause(incident.cause),
      source: incident.source,
      teams: hit,
    };
    chaos.push(mark);
    const rows: IncidentTeamRow[] = order.map((w) => {
      const mine = w.incidents.get(key);
      if (!mine) return { teamId: w.team.teamId, outcome: "not affected", recoveredAfter: null };
      if (mine.end === null) return { teamId: w.team.teamId, outcome: "not recovered", recoveredAfter: null };
      const after = mine.mttr ?? Math.round((mine.end - mine.start) * 1000) / 1000;
      return { teamId: w.team.teamId, outcome: "recovered", recoveredAfter: after };
    });
    let best: BestTeamMove | null = null;
    for (const row of rows)
      if (row.outcome === "recovered" && (best === null || row.recoveredAfter! < best.recoveredAfter)) {
        const w = byId.get(row.teamId)!;
        best = {
          teamId: row.teamId,
          teamName: w.team.name,
          recoveredAfter: row.recoveredAfter!,
          move: endingIntent(w.replay, w.incidents.get(key)!, w.team.match?.players ?? []),
        };
      }
    return { ...mark, index: n + 1, cause: incident.cause, rows, best };
  });

  return {
    event: { ...event.entry, options: { ...event.options } },
    teams,
    chaos,
    incidents,
    availability: order.map((w) => ({ teamId: w.team.teamId, perSecond: w.replay?.perSecond ?? [] })),
  };
}
