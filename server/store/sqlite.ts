/**
 * The results store on an embedded SQLite file (better-sqlite3, WAL mode), queries built
 * with Kysely. Writes run synchronously inside the call — compiled by Kysely, executed by
 * better-sqlite3 in one transaction — so a write is on disk when the call returns, even in
 * the middle of a room's tick. Reads go through Kysely's SqliteDialect.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type Compilable } from "kysely";
import { MATCH_LOG_FORMAT, type LogTick, type MatchLog, type MatchOptions } from "../../shared/match";
import type { EventPhase } from "../../shared/competition";
import { inCodeMigrations } from "./migrations";
import { SqliteEvents } from "./sqliteEvents";
import type { Database, MatchesTable, PlayersTable, ResultsTable } from "./schema";
import { MEMORY_DB } from "./settings";
import {
  MATCH_STATUSES,
  type EventPage,
  type EventStart,
  type EventTeamRecord,
  type MatchEnd,
  type MatchInterruption,
  type MatchPage,
  type MatchStart,
  type MatchStatus,
  type MatchSummary,
  type PlayerRecord,
  type ResultRecord,
  type ResultsStore,
  type RunningMatch,
  type StoredEventRecord,
  type StoredMatch,
} from "./types";

/** Largest WAL file kept after a checkpoint (bytes): the WAL never grows without bound either. */
const WAL_SIZE_LIMIT = 8 * 1024 * 1024;

/** Options of {@link openSqliteStore}. */
export interface SqliteStoreOptions {
  /** Run migrations up to this one only (tests of upgrades); default: all. */
  migrateTo?: string;
  /** Open read-only (a second reader of a live file); no migrations run. */
  readonly?: boolean;
}

/** Opens (creating if needed) the database file, migrates it and returns the store. */
export async function openSqliteStore(
  file: string,
  opts: SqliteStoreOptions = {},
): Promise<SqliteResultsStore> {
  if (file !== MEMORY_DB && !opts.readonly) mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
  });
  try {
    if (!opts.readonly) {
      sqlite.pragma("journal_mode = WAL");
      // In WAL mode NORMAL loses nothing when the process dies (kill -9); only a power cut
      // can drop the last commits. FULL would fsync every per-second batch.
      sqlite.pragma("synchronous = NORMAL");
      sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    }
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("busy_timeout = 5000");
    const store = new SqliteResultsStore(sqlite);
    if (!opts.readonly) await store.migrate(opts.migrateTo);
    return store;
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/** The SQLite results store. */
export class SqliteResultsStore implements ResultsStore {
  /** Kysely over the same connection (reads, migrations). */
  readonly db: Kysely<Database>;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  /** The competition tables (sqliteEvents.ts). */
  private readonly events: SqliteEvents;

  constructor(readonly sqlite: BetterSqlite3.Database) {
    this.db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    this.events = new SqliteEvents({
      db: this.db,
      write: (fn) => this.write(fn),
      run: (q) => this.run(q),
      all: (q) => this.all(q),
      getMatch: (id) => this.getMatch(id),
    });
  }

  /** Runs the migrations the file lacks (up to `to`, when given); throws on a failed one. */
  async migrate(to?: string): Promise<void> {
    const migrator = new Migrator({ db: this.db, provider: inCodeMigrations });
    const { error, results } = to ? await migrator.migrateTo(to) : await migrator.migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "?";
      throw new Error(
        `results store: migration ${failed} failed: ${error instanceof Error ? error.message : error}`,
      );
    }
  }

  /** Names of the migrations this file has run, in order. */
  async migrations(): Promise<string[]> {
    const migrator = new Migrator({ db: this.db, provider: inCodeMigrations });
    return (await migrator.getMigrations()).filter((m) => m.executedAt).map((m) => m.name);
  }

  beginMatch(start: MatchStart): Promise<void> {
    return this.write(() => {
      const o = start.options;
      this.run(
        this.db.insertInto("matches").values({
          id: start.id,
          code: start.code,
          round: start.round,
          scenario: o.scenario,
          seed: o.seed,
          clock: o.clock,
          difficulty: o.difficulty,
          duration_seconds: o.durationSeconds,
          options: JSON.stringify(o),
          started_at: start.startedAt,
          ended_at: null,
          phase: "running",
          status: "running",
          last_tick: 0,
          state_hash: null,
        }),
      );
      this.writePlayers(start.id, start.players);
    });
  }

  appendLog(
    id: string,
    ticks: readonly LogTick[],
    lastTick: number,
    players?: PlayerRecord[],
  ): Promise<void> {
    return this.write(() => {
      if (ticks.length > 0)
        this.run(
          this.db.insertInto("log_chunks").values({
            match_id: id,
            first_tick: ticks[0]!.tick,
            last_tick: ticks.at(-1)!.tick,
            ticks: JSON.stringify(ticks),
          }),
        );
      this.run(this.db.updateTable("matches").set({ last_tick: lastTick }).where("id", "=", id));
      if (players) this.writePlayers(id, players);
    });
  }

  finishMatch(id: string, end: MatchEnd): Promise<void> {
    return this.write(() => {
      this.run(
        this.db
          .updateTable("matches")
          .set({
            ended_at: end.endedAt,
            phase: "debrief",
            status: "finished",
            last_tick: end.lastTick,
            state_hash: end.stateHash,
          })
          .where("id", "=", id),
      );
      this.writePlayers(id, end.players);
      this.writeResult(id, end.result);
    });
  }

  interruptMatch(id: string, stop: MatchInterruption): Promise<void> {
    return this.write(() => {
      this.run(
        this.db
          .updateTable("matches")
          .set({ status: "interrupted", last_tick: stop.lastTick })
          .where("id", "=", id),
      );
      this.writePlayers(id, stop.players);
      this.writeResult(id, stop.result);
    });
  }

  async runningMatches(): Promise<RunningMatch[]> {
    const rows = await this.db
      .selectFrom("matches")
      .select(["id", "last_tick"])
      .where("status", "=", "running")
      .orderBy("started_at")
      .execute();
    const players = await this.playersOf(rows.map((r) => r.id));
    return rows.map((r) => ({ id: r.id, lastTick: r.last_tick, players: players.get(r.id) ?? [] }));
  }

  async listMatches(page: { limit: number; offset: number }): Promise<MatchPage> {
    const { total } = await this.db
      .selectFrom("matches")
      .select((eb) => eb.fn.countAll<number>().as("total"))
      .executeTakeFirstOrThrow();
    const rows = await this.db
      .selectFrom("matches")
      .selectAll()
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { total: Number(total), matches: await this.summaries(rows) };
  }

  async getMatch(id: string): Promise<StoredMatch | undefined> {
    const row = await this.db.selectFrom("matches").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    const [summary] = await this.summaries([row]);
    return { ...summary!, options: JSON.parse(row.options) as MatchOptions };
  }

  async getLog(id: string): Promise<MatchLog | undefined> {
    const row = await this.db
      .selectFrom("matches")
      .select(["options", "round", "status", "last_tick", "state_hash"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) return undefined;
    const chunks = await this.db
      .selectFrom("log_chunks")
      .select("ticks")
      .where("match_id", "=", id)
      .orderBy("first_tick")
      .execute();
    const log: MatchLog = {
      format: MATCH_LOG_FORMAT,
      options: JSON.parse(row.options) as MatchOptions,
      round: row.round,
      ticks: chunks.flatMap((c) => JSON.parse(c.ticks) as LogTick[]),
    };
    if (row.status === "finished" && row.state_hash)
      log.end = { tick: row.last_tick, stateHash: row.state_hash };
    return log;
  }

  beginEvent(start: EventStart): Promise<void> {
    return this.events.beginEvent(start);
  }

  setEventTeams(eventId: string, teams: readonly EventTeamRecord[]): Promise<void> {
    return this.events.setEventTeams(eventId, teams);
  }

  moveEvent(eventId: string, phase: EventPhase, at: number): Promise<void> {
    return this.events.moveEvent(eventId, phase, at);
  }

  linkTeamMatch(eventCode: string, teamId: string, matchId: string): Promise<boolean> {
    return this.events.linkTeamMatch(eventCode, teamId, matchId);
  }

  listEvents(page: { limit: number; offset: number }): Promise<EventPage> {
    return this.events.listEvents(page);
  }

  getEvent(codeOrId: string): Promise<StoredEventRecord | undefined> {
    return this.events.getEvent(codeOrId);
  }

  prune(beforeMs: number): Promise<number> {
    // Players, results and log chunks go with their match, an event's teams with their event
    // (ON DELETE CASCADE); a team's link to a pruned match is cleared (SET NULL).
    return this.write(() => {
      this.events.prune(beforeMs);
      return this.run(this.db.deleteFrom("matches").where("started_at", "<", beforeMs)).changes;
    });
  }

  async close(): Promise<void> {
    this.statements.clear();
    if (this.sqlite.open) this.sqlite.close();
  }

  // ---- helpers ----

  /** Runs `fn` in one transaction, synchronously; resolves with its value once committed. */
  private write<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(this.sqlite.transaction(fn)());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Executes a Kysely-built statement synchronously (prepared once per SQL text). */
  private run(query: Compilable): BetterSqlite3.RunResult {
    const { sql, parameters } = query.compile();
    return this.prepared(sql).run(...(parameters as unknown[]));
  }

  /** Reads a Kysely-built query's rows synchronously (inside a write's transaction). */
  private all<R>(query: Compilable<R>): R[] {
    const { sql, parameters } = query.compile();
    return this.prepared(sql).all(...(parameters as unknown[])) as R[];
  }

  /** A statement, prepared once per SQL text. */
  private prepared(sql: string): BetterSqlite3.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.sqlite.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private writePlayers(id: string, players: readonly PlayerRecord[]): void {
    this.run(this.db.deleteFrom("players").where("match_id", "=", id));
    for (const p of players)
      this.run(
        this.db.insertInto("players").values({
          match_id: id,
          seat: p.seat,
          name: p.name,
          actor: p.actor,
          role: p.role,
          is_bot: p.isBot ? 1 : 0,
          points: Math.round(p.points),
          restored: p.restored,
          broke: p.broke,
        }),
      );
  }

  private writeResult(id: string, r: ResultRecord): void {
    const row: ResultsTable = {
      match_id: id,
      partial: r.partial ? 1 : 0,
      time: r.time,
      availability: r.availability.overall,
      availability_nginx: r.availability.nginx,
      availability_tomcat: r.availability.tomcat,
      availability_mysql: r.availability.mysql,
      error_budget: r.errorBudget,
      slo_met: r.sloMet ? 1 : 0,
      team_points: Math.round(r.teamPoints),
      mttr: r.mttr,
      requests: r.requests,
      ok: r.ok,
      incidents: JSON.stringify(r.incidents),
    };
    const { match_id: _id, ...rest } = row;
    this.run(
      this.db
        .insertInto("results")
        .values(row)
        .onConflict((oc) => oc.column("match_id").doUpdateSet(rest)),
    );
  }

  private async playersOf(ids: string[]): Promise<Map<string, PlayerRecord[]>> {
    const out = new Map<string, PlayerRecord[]>();
    if (ids.length === 0) return out;
    const rows = await this.db
      .selectFrom("players")
      .selectAll()
      .where("match_id", "in", ids)
      .orderBy("match_id")
      .orderBy("seat")
      .execute();
    for (const r of rows) {
      const list = out.get(r.match_id) ?? [];
      list.push(playerOf(r));
      out.set(r.match_id, list);
    }
    return out;
  }

  private async summaries(rows: MatchesTable[]): Promise<MatchSummary[]> {
    const ids = rows.map((r) => r.id);
    const players = await this.playersOf(ids);
    const results = new Map<string, ResultRecord>();
    if (ids.length > 0)
      for (const r of await this.db.selectFrom("results").selectAll().where("match_id", "in", ids).execute())
        results.set(r.match_id, resultOf(r));
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      round: r.round,
      scenario: r.scenario,
      seed: Number(r.seed),
      clock: r.clock,
      difficulty: r.difficulty,
      durationSeconds: r.duration_seconds,
      startedAt: Number(r.started_at),
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
      phase: r.phase,
      status: statusOf(r.status),
      lastTick: r.last_tick,
      stateHash: r.state_hash,
      result: results.get(r.id) ?? null,
      players: players.get(r.id) ?? [],
    }));
  }
}

function statusOf(s: string): MatchStatus {
  if (!(MATCH_STATUSES as readonly string[]).includes(s))
    throw new Error(`results store: unknown status "${s}"`);
  return s as MatchStatus;
}

function playerOf(r: PlayersTable): PlayerRecord {
  return {
    seat: r.seat,
    name: r.name,
    actor: r.actor,
    role: r.role,
    isBot: r.is_bot === 1,
    points: r.points,
    restored: r.restored,
    broke: r.broke,
  };
}

function resultOf(r: ResultsTable): ResultRecord {
  return {
    partial: r.partial === 1,
    time: r.time,
    availability: {
      overall: r.availability,
      nginx: r.availability_nginx,
      tomcat: r.availability_tomcat,
      mysql: r.availability_mysql,
    },
    errorBudget: r.error_budget,
    sloMet: r.slo_met === 1,
    teamPoints: r.team_points,
    mttr: r.mttr,
    requests: r.requests,
    ok: r.ok,
    incidents: JSON.parse(r.incidents) as ResultRecord["incidents"],
  };
}
