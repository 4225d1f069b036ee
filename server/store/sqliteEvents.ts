/**
 * The competition tables of the SQLite store (migration 003): an event, its teams in order,
 * and each team's link to its stored match. Writes run synchronously in one transaction,
 * like the match tables'; the outcome of an event is read from its teams' match statuses.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Compilable, Kysely } from "kysely";
import type { MatchOptions } from "../../shared/match";
import {
  EVENT_MOVES,
  eventOutcome,
  type EventListEntry,
  type EventPhase,
  type TeamMatchStatus,
} from "../../shared/competition";
import { isMatchId } from "./ids";
import type { Database, EventsTable } from "./schema";
import type {
  EventPage,
  EventStart,
  EventTeamRecord,
  MatchStatus,
  StoredEventRecord,
  StoredMatch,
} from "./types";

/** What the event tables need of the store they live in. */
export interface StoreInternals {
  db: Kysely<Database>;
  write<T>(fn: () => T): Promise<T>;
  run(query: Compilable): BetterSqlite3.RunResult;
  /** Reads rows synchronously (inside a write's transaction). */
  all<R>(query: Compilable<R>): R[];
  getMatch(id: string): Promise<StoredMatch | undefined>;
}

const PHASES = ["lobby", ...new Set(Object.values(EVENT_MOVES).map((m) => m.to))] as EventPhase[];

function phaseOf(s: string): EventPhase {
  if (!(PHASES as string[]).includes(s)) throw new Error(`results store: unknown event phase "${s}"`);
  return s as EventPhase;
}

/** The event tables of one SQLite store. */
export class SqliteEvents {
  constructor(private readonly s: StoreInternals) {}

  beginEvent(e: EventStart): Promise<void> {
    return this.s.write(() => {
      this.s.run(
        this.s.db.insertInto("events").values({
          id: e.id,
          code: e.code,
          name: e.name,
          scenario: e.options.scenario,
          options: JSON.stringify(e.options),
          created_at: e.createdAt,
          started_at: null,
          ended_at: null,
          phase: "lobby",
        }),
      );
      this.writeTeams(e.id, e.teams, new Map());
    });
  }

  setEventTeams(eventId: string, teams: readonly EventTeamRecord[]): Promise<void> {
    return this.s.write(() => {
      const kept = this.s.all(
        this.s.db.selectFrom("event_teams").select(["team_id", "match_id"]).where("event_id", "=", eventId),
      );
      const links = new Map(kept.map((k) => [k.team_id, k.match_id] as const));
      this.s.run(this.s.db.deleteFrom("event_teams").where("event_id", "=", eventId));
      this.writeTeams(eventId, teams, links);
    });
  }

  moveEvent(eventId: string, phase: EventPhase, at: number): Promise<void> {
    return this.s.write(() => {
      this.s.run(this.s.db.updateTable("events").set({ phase }).where("id", "=", eventId));
      if (phase === "running")
        this.s.run(
          this.s.db
            .updateTable("events")
            .set({ started_at: at })
            .where("id", "=", eventId)
            .where("started_at", "is", null),
        );
      if (phase === "ended")
        this.s.run(this.s.db.updateTable("events").set({ ended_at: at }).where("id", "=", eventId));
    });
  }

  linkTeamMatch(eventCode: string, teamId: string, matchId: string): Promise<boolean> {
    return this.s.write(() => {
      const newest = this.s.db
        .selectFrom("events")
        .select("id")
        .where("code", "=", eventCode)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1);
      const r = this.s.run(
        this.s.db
          .updateTable("event_teams")
          .set({ match_id: matchId })
          .where("team_id", "=", teamId)
          .where("event_id", "=", newest),
      );
      return r.changes > 0;
    });
  }

  async listEvents(page: { limit: number; offset: number }): Promise<EventPage> {
    const { total } = await this.s.db
      .selectFrom("events")
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow();
    const rows = await this.s.db
      .selectFrom("events")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    const statuses = await this.teamStatuses(rows.map((r) => r.id));
    return { total: Number(total), events: rows.map((r) => entryOf(r, statuses.get(r.id) ?? [])) };
  }

  async getEvent(codeOrId: string): Promise<StoredEventRecord | undefined> {
    const byId = isMatchId(codeOrId)
      ? await this.s.db.selectFrom("events").selectAll().where("id", "=", codeOrId).executeTakeFirst()
      : undefined;
    const row =
      byId ??
      (await this.s.db
        .selectFrom("events")
        .selectAll()
        .where("code", "=", codeOrId)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(1)
        .executeTakeFirst());
    if (!row) return undefined;
    const teamRows = await this.s.db
      .selectFrom("event_teams")
      .selectAll()
      .where("event_id", "=", row.id)
      .orderBy("position")
      .execute();
    const teams: StoredEventRecord["teams"] = [];
    for (const t of teamRows)
      teams.push({
        teamId: t.team_id,
        name: t.name,
        match: t.match_id === null ? null : ((await this.s.getMatch(t.match_id)) ?? null),
      });
    return {
      entry: entryOf(
        row,
        teams.map((t) => t.match?.status ?? "not started"),
      ),
      options: JSON.parse(row.options) as MatchOptions,
      teams,
    };
  }

  /** Deletes events created before `beforeMs` (their teams go with them). */
  prune(beforeMs: number): number {
    return this.s.run(this.s.db.deleteFrom("events").where("created_at", "<", beforeMs)).changes;
  }

  private writeTeams(
    eventId: string,
    teams: readonly EventTeamRecord[],
    links: ReadonlyMap<string, string | null>,
  ): void {
    teams.forEach((t, position) =>
      this.s.run(
        this.s.db.insertInto("event_teams").values({
          event_id: eventId,
          team_id: t.teamId,
          position,
          name: t.name,
          match_id: links.get(t.teamId) ?? null,
        }),
      ),
    );
  }

  /** Per event, its teams' match statuses (`not started` for a team without a match). */
  private async teamStatuses(ids: string[]): Promise<Map<string, TeamMatchStatus[]>> {
    const out = new Map<string, TeamMatchStatus[]>();
    if (ids.length === 0) return out;
    const rows = await this.s.db
      .selectFrom("event_teams")
      .leftJoin("matches", "matches.id", "event_teams.match_id")
      .select(["event_teams.event_id as event_id", "matches.status as status"])
      .where("event_teams.event_id", "in", ids)
      .execute();
    for (const r of rows) {
      const list = out.get(r.event_id) ?? [];
      list.push(r.status === null ? "not started" : (r.status as MatchStatus));
      out.set(r.event_id, list);
    }
    return out;
  }
}

function entryOf(r: EventsTable, statuses: readonly TeamMatchStatus[]): EventListEntry {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    scenario: r.scenario,
    createdAt: Number(r.created_at),
    startedAt: r.started_at === null ? null : Number(r.started_at),
    endedAt: r.ended_at === null ? null : Number(r.ended_at),
    teams: statuses.length,
    phase: phaseOf(r.phase),
    outcome: eventOutcome(statuses),
  };
}
