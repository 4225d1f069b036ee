/**
 * The event's teams as the event room knows them: each team's code, its name (the event is
 * the authority: rename and uniqueness are checked here) and its last status report, the
 * names of teams being created, and the teams removed. It builds the `roster` message —
 * every team for a page that joins, then only what changed (people and warnings left out
 * of an entry when only its chaos or first tick did: chaos into all changes every team). Statuses arrive over presence
 * (eventTeam.ts); nothing here holds a team room.
 */
import { sameTeamName, type Roster, type RosterTeam, type RosterTeamUpdate } from "../../shared/competition";
import type { TeamStatus } from "./eventTeam";

/**
 * A team being created: its name, and its code once its room exists. It counts as a team
 * until its first report arrives (over presence, which may come after the room is created).
 */
interface Pending {
  name: string;
  created: Promise<string>;
  teamId?: string;
}

/** Every team of one event. */
export class EventTeams {
  private readonly byId = new Map<string, { name: string; status: TeamStatus }>();
  private readonly pending = new Set<Pending>();
  private readonly removed = new Set<string>();
  /** Each team's roster entry as last sent (JSON), and removals not sent yet. */
  private readonly sent = new Map<string, { people: string; other: string }>();
  private unsentRemovals: string[] = [];

  /** Teams, the ones being created included. */
  get size(): number {
    return this.byId.size + this.pending.size;
  }

  /** How many teams are being created (or have not reported yet). */
  get creating(): number {
    return this.pending.size;
  }

  /** Whether `teamId` is a team of the event. */
  has(teamId: string): boolean {
    return this.byId.has(teamId);
  }

  /** A team's report: recorded (under the event's name for it) unless the team was removed. */
  onStatus(s: TeamStatus): TeamStatus | undefined {
    if (this.removed.has(s.teamId)) return undefined;
    const known = this.byId.get(s.teamId);
    if (!known) this.reported(s);
    const name = known?.name ?? s.name;
    const status = { ...s, name };
    this.byId.set(s.teamId, { name, status });
    return status;
  }

  /** A new team's first report: it is no longer pending (a room reports the name it was created with). */
  private reported(s: TeamStatus): void {
    const mine =
      [...this.pending].find((p) => p.teamId === s.teamId) ??
      [...this.pending].find((p) => p.teamId === undefined && p.name === s.name);
    if (mine) this.pending.delete(mine);
  }

  /** Every team's last status, in creation order, with the event's names. */
  statuses(): TeamStatus[] {
    return [...this.byId.values()].map((e) => e.status);
  }

  /** The code of the team called `name` (or being created under it), if any. */
  find(name: string): { teamId: string } | { creating: Promise<string> } | undefined {
    for (const [teamId, e] of this.byId) if (sameTeamName(e.name, name)) return { teamId };
    for (const p of this.pending) if (sameTeamName(p.name, name)) return { creating: p.created };
    return undefined;
  }

  /** Whether another team than `except` has (or is being created under) this name. */
  nameTaken(name: string, except?: string): boolean {
    const f = this.find(name);
    return f !== undefined && !("teamId" in f && f.teamId === except);
  }

  /** Holds `name` while its room is created by `create` and until it reports; the team's code, or the creation's error. */
  async create(name: string, create: () => Promise<string>): Promise<string> {
    const created = create();
    const p: Pending = { name, created };
    this.pending.add(p);
    try {
      const teamId = await created;
      // Held until its first report (reported() lets go), unless that came already.
      if (this.byId.has(teamId) || this.removed.has(teamId)) this.pending.delete(p);
      else p.teamId = teamId;
      return teamId;
    } catch (e) {
      this.pending.delete(p);
      throw e;
    }
  }

  /** Renames a team (the event's name for it wins over the team's reports). */
  rename(teamId: string, name: string): void {
    const e = this.byId.get(teamId);
    if (!e) return;
    e.name = name;
    e.status = { ...e.status, name };
  }

  /** Forgets a team for good: its later reports are ignored; the next roster says it is gone. */
  remove(teamId: string): void {
    if (!this.byId.delete(teamId)) return;
    this.removed.add(teamId);
    this.sent.delete(teamId);
    this.unsentRemovals.push(teamId);
  }

  /** Every team's whole roster entry, in creation order. */
  roster(): { teams: RosterTeam[] } {
    return { teams: this.statuses().map(rosterEntry) };
  }

  /**
   * The roster entries that changed since last called (people and warnings only when they
   * changed) and the teams removed since; undefined when nothing did.
   */
  changes(): Roster | undefined {
    const teams: RosterTeamUpdate[] = [];
    for (const t of this.roster().teams) {
      const { players, warnings, ...rest } = t;
      const people = JSON.stringify([players, warnings]);
      const other = JSON.stringify(rest);
      const sent = this.sent.get(t.teamId);
      if (sent?.people === people && sent.other === other) continue;
      this.sent.set(t.teamId, { people, other });
      teams.push(sent?.people === people ? rest : t);
    }
    const removed = this.unsentRemovals;
    this.unsentRemovals = [];
    if (teams.length === 0 && removed.length === 0) return undefined;
    return removed.length ? { teams, removed } : { teams };
  }
}

/** A status as the roster shows it. */
function rosterEntry(s: TeamStatus): RosterTeam {
  const { teamId, name, players, chaos, firstRunningTick, warnings } = s;
  return { teamId, name, players, chaos, firstRunningTick, warnings };
}
