/**
 * What the big-screen board knows of a competition, built from the event room's messages
 * (pure, no Phaser, unit-tested): the event's name and phase, each team's name and colour
 * (teams in name order, numbers counted as numbers: "Team 2" before "Team 10", so the
 * board, its stored fallback and the debrief give a team the same colour), the ranked standings, every team's availability
 * per game second (the `history` on join draws the past, then each board adds a second),
 * and the chaos marks. When the room is gone it is filled from the stored debrief instead.
 */
import { fromBoardRow, type BoardTeam } from "../../../shared/competition/board";
import type { EventPhase } from "../../../shared/competition/clock";
import type { EventDebrief } from "../../../shared/competition/debrief";
import { extendLine } from "../../../shared/competition/history";
import type { Board, History, RosterTeam, TeamChaos } from "../../../shared/competition/messages";

const NAME_ORDER = new Intl.Collator("en", { numeric: true, sensitivity: "variant" });

/** Orders team names as people count them ("Team 2" before "Team 10"): the order of the teams' colours. */
export function compareTeamNames(a: string, b: string): number {
  return NAME_ORDER.compare(a, b);
}

/** Where the board's data comes from: nothing yet, the live event room, or the stored results. */
export type BoardSource = "none" | "live" | "stored";

/** A chaos mark as the board keeps it: when, what, and which teams it hit. */
export interface BoardMark {
  at: number;
  type: string;
  target?: string;
  teamIds: string[];
}

/** One ranked team as the board shows it (availability and budget null for a team that never played). */
export interface BoardStanding {
  teamId: string;
  name: string;
  /** Position in name order: its colour. */
  index: number;
  rank: number | null;
  time: number;
  availability: number | null;
  errorBudgetRemaining: number | null;
  mttrSeconds: number | null;
  openIncidents: number;
  actions: number;
}

/** The board's model of one event. */
export class BoardModel {
  source: BoardSource = "none";
  code = "";
  name = "";
  phase: EventPhase = "lobby";
  serverTick = 0;
  /** The seconds the chart's time axis spans when known (the stored board: what was played). */
  durationSeconds: number | undefined;
  private readonly names = new Map<string, string>();
  private order: string[] = [];
  private rows: BoardStanding[] = [];
  private readonly lines = new Map<string, number[]>();
  private readonly markMap = new Map<string, BoardMark>();

  constructor(code = "") {
    this.code = code;
  }

  /** Team ids in name order. */
  teamIds(): readonly string[] {
    return [...this.order].sort(
      (a, b) => compareTeamNames(this.teamName(a), this.teamName(b)) || compareTeamNames(a, b),
    );
  }

  /** A team's name (its code until the roster names it). */
  teamName(teamId: string): string {
    return this.names.get(teamId) ?? teamId;
  }

  /** A team's position in name order (its colour), adding it when new. */
  indexOf(teamId: string): number {
    if (!this.order.includes(teamId)) this.order.push(teamId);
    return this.teamIds().indexOf(teamId);
  }

  /** Merges a roster (every team on join, then those that changed) and drops removed teams. */
  roster(
    teams: readonly Pick<RosterTeam, "teamId" | "name" | "chaos">[],
    removed: readonly string[] = [],
  ): void {
    for (const t of teams) {
      this.indexOf(t.teamId);
      this.names.set(t.teamId, t.name);
      for (const c of t.chaos) this.addMark(c, t.teamId);
    }
    for (const id of removed) {
      this.order = this.order.filter((t) => t !== id);
      this.lines.delete(id);
      for (const m of this.markMap.values()) m.teamIds = m.teamIds.filter((t) => t !== id);
    }
  }

  /** The chart so far (on join): every team's availability per game second and the shared chaos marks. */
  history(h: Pick<History, "teams" | "chaos"> & Partial<Pick<History, "durationSeconds">>): void {
    if (h.durationSeconds) this.durationSeconds = h.durationSeconds;
    for (const s of h.teams) {
      this.indexOf(s.teamId);
      // seconds the live board added after the history was taken stay on the line
      const mine = this.lines.get(s.teamId) ?? [];
      this.lines.set(s.teamId, [...s.availability, ...mine.slice(s.availability.length)]);
    }
    for (const c of h.chaos) for (const id of this.order) this.addMark(c, id);
  }

  /** A board message: the phase, the ranked standings, and the next second of each team's line. */
  board(b: Board): void {
    this.source = "live";
    this.code = b.code;
    this.name = b.name;
    this.phase = b.phase;
    this.serverTick = b.serverTick;
    const teams = b.rows.map(fromBoardRow);
    this.rows = teams.map((t) => this.standing(t));
    for (const t of teams) extendLine(this.lineOf(t.teamId), t);
  }

  /**
   * The final board from the stored debrief (the event room is gone). Its lines are the
   * stored availability per game second, the same figures the live board drew.
   */
  stored(d: EventDebrief): void {
    this.source = "stored";
    this.code = d.event.code;
    this.name = d.event.name;
    this.phase = d.event.phase;
    for (const t of d.teams) {
      this.indexOf(t.teamId);
      this.names.set(t.teamId, t.name);
    }
    this.rows = d.teams.map((t) => ({
      teamId: t.teamId,
      name: t.name,
      index: this.indexOf(t.teamId),
      rank: t.rank,
      time: t.time,
      availability: t.availability,
      errorBudgetRemaining: t.errorBudgetRemaining,
      mttrSeconds: t.mttrSeconds,
      openIncidents: t.openIncidents,
      actions: t.actions,
    }));
    for (const a of d.availability) this.lines.set(a.teamId, [...a.perSecond]);
    // the final board spans what was played (an event ended early leaves no empty half chart)
    this.durationSeconds = Math.max(0, ...d.availability.map((a) => a.perSecond.length - 1));
    for (const c of d.chaos) for (const id of c.teams) this.addMark(c, id);
  }

  /** A chaos mark seen by a team (one mark per time, type and target, listing its teams). */
  addMark(c: Pick<TeamChaos, "at" | "type" | "target">, teamId: string): void {
    const key = `${c.at}|${c.type}|${c.target ?? ""}`;
    const m = this.markMap.get(key) ?? {
      at: c.at,
      type: c.type,
      ...(c.target ? { target: c.target } : {}),
      teamIds: [],
    };
    this.markMap.set(key, m);
    if (!m.teamIds.includes(teamId)) m.teamIds.push(teamId);
  }

  /** The ranked standings, with names and colours. */
  standings(): BoardStanding[] {
    return this.rows.map((r) => ({ ...r, name: this.teamName(r.teamId) }));
  }

  /** A team's availability per game second (index = second). */
  line(teamId: string): readonly number[] {
    return this.lines.get(teamId) ?? [];
  }

  /** The chaos marks that hit at least one team, in time order. */
  marks(): BoardMark[] {
    return [...this.markMap.values()].filter((m) => m.teamIds.length > 0).sort((a, b) => a.at - b.at);
  }

  /** The game clock: the furthest any team has played (teams run in step). */
  clock(): number {
    let t = 0;
    for (const r of this.rows) t = Math.max(t, r.time);
    for (const line of this.lines.values()) t = Math.max(t, line.length - 1);
    return t;
  }

  /** A mark's label: its type, and the teams it hit when it did not hit them all. */
  markLabel(m: BoardMark): string {
    if (m.teamIds.length >= this.order.length) return m.type;
    return `${m.type} → ${m.teamIds.map((id) => this.teamName(id)).join(", ")}`;
  }

  private standing(t: BoardTeam): BoardStanding {
    return {
      teamId: t.teamId,
      name: this.teamName(t.teamId),
      index: this.indexOf(t.teamId),
      rank: t.rank,
      time: t.time,
      availability: t.availability,
      errorBudgetRemaining: t.errorBudgetRemaining,
      mttrSeconds: t.mttrSeconds,
      openIncidents: t.openIncidents,
      actions: t.actions,
    };
  }

  private lineOf(teamId: string): number[] {
    let line = this.lines.get(teamId);
    if (!line) this.lines.set(teamId, (line = []));
    return line;
  }
}
