/**
 * The booth's tables (migration 004): the leaderboard entries and the operator's settings.
 * An entry is a booth round with its server-computed score, keyed by the client's round
 * id (so a claim or an upload sent twice stores one entry) and unique per stored match.
 * Entries outlive the retention of their match (the all-time board stays; its replay may
 * be gone). The rank keys are stored as whole numbers so SQL orders exactly as
 * shared/booth's `compareKeys` does.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Kysely, Migration } from "kysely";
import { rankKeys, type BoardEntry, type BoardScope, type BoothSettings } from "../../shared/booth";
import type { Role } from "../../shared/sim";
import type { Database } from "./schema";
import type { SqliteResultsStore } from "./sqlite";
import type { ResultsStore } from "./types";

/** Migration 004: the booth's leaderboard and settings. */
export const BOOTH_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("booth_entries")
      .addColumn("round_id", "text", (c) => c.primaryKey())
      .addColumn("match_id", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("availability", "real", (c) => c.notNull())
      .addColumn("error_budget", "real", (c) => c.notNull())
      .addColumn("mttr", "real")
      .addColumn("incidents", "integer", (c) => c.notNull())
      .addColumn("team_points", "integer", (c) => c.notNull())
      .addColumn("day", "text", (c) => c.notNull())
      .addColumn("stored_at", "bigint", (c) => c.notNull())
      .addColumn("offline", "integer", (c) => c.notNull())
      .addColumn("hidden", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("availability_key", "integer", (c) => c.notNull())
      .addColumn("budget_key", "integer", (c) => c.notNull())
      .addColumn("mttr_key", "integer", (c) => c.notNull())
      .execute();
    // Today's board, the rank of the day and the day's round count read by day.
    await db.schema.createIndex("booth_entries_day").on("booth_entries").columns(["day", "hidden"]).execute();
    await db.schema
      .createTable("booth_settings")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("settings", "text", (c) => c.notNull())
      .execute();
  },
};

/** A leaderboard row. */
interface BoothEntriesTable {
  round_id: string;
  match_id: string;
  name: string;
  role: string;
  availability: number;
  error_budget: number;
  mttr: number | null;
  incidents: number;
  team_points: number;
  day: string;
  stored_at: number;
  offline: number;
  hidden: number;
  availability_key: number;
  budget_key: number;
  mttr_key: number;
}

/** The one row of settings (id 1), as JSON. */
interface BoothSettingsTable {
  id: number;
  settings: string;
}

type BoothDatabase = Database & { booth_entries: BoothEntriesTable; booth_settings: BoothSettingsTable };

/** An entry to store: a board entry without its place (places are computed when read). */
export type NewBoothEntry = Omit<BoardEntry, "rank">;

/** What adding an entry did. */
export type AddOutcome =
  | { kind: "created" | "existing"; entry: NewBoothEntry }
  /** Another round id already holds this stored match. */
  | { kind: "matchTaken" };

/** A board as the store reads it. */
export interface StoredBoard {
  top: BoardEntry[];
  bestAvailability: BoardEntry | null;
  fastestRecovery: BoardEntry | null;
}

/** The booth's part of the results store. */
export class BoothStore {
  private readonly db: Kysely<BoothDatabase>;
  private readonly sqlite: BetterSqlite3.Database;

  constructor(store: SqliteResultsStore) {
    this.db = store.db.withTables<{ booth_entries: BoothEntriesTable; booth_settings: BoothSettingsTable }>();
    this.sqlite = store.sqlite;
  }

  /** The saved settings, or undefined before the operator saved any. */
  async settings(): Promise<BoothSettings | undefined> {
    const row = await this.db
      .selectFrom("booth_settings")
      .select("settings")
      .where("id", "=", 1)
      .executeTakeFirst();
    return row ? (JSON.parse(row.settings) as BoothSettings) : undefined;
  }

  /** Saves the settings (on disk when this returns). */
  saveSettings(s: BoothSettings): void {
    this.run(
      this.db
        .insertInto("booth_settings")
        .values({ id: 1, settings: JSON.stringify(s) })
        .onConflict((oc) => oc.column("id").doUpdateSet({ settings: JSON.stringify(s) })),
    );
  }

  /** The entry of a round id, if stored. */
  async entry(roundId: string): Promise<NewBoothEntry | undefined> {
    const row = await this.db
      .selectFrom("booth_entries")
      .selectAll()
      .where("round_id", "=", roundId)
      .executeTakeFirst();
    return row ? entryOf(row) : undefined;
  }

  /**
   * Stores an entry once, synchronously in one transaction: the same round id again returns
   * the stored entry (nothing changes); a stored match already on the board under another
   * round id is refused.
   */
  add(e: NewBoothEntry): AddOutcome {
    return this.sqlite.transaction((): AddOutcome => {
      const existing = this.get(
        this.db.selectFrom("booth_entries").selectAll().where("round_id", "=", e.roundId),
      ) as BoothEntriesTable | undefined;
      if (existing) return { kind: "existing", entry: entryOf(existing) };
      if (this.get(this.db.selectFrom("booth_entries").select("round_id").where("match_id", "=", e.matchId)))
        return { kind: "matchTaken" };
      const keys = rankKeys(e);
      this.run(
        this.db.insertInto("booth_entries").values({
          round_id: e.roundId,
          match_id: e.matchId,
          name: e.name,
          role: e.role,
          availability: e.availability,
          error_budget: e.errorBudget,
          mttr: e.mttr,
          incidents: e.incidents,
          team_points: Math.round(e.teamPoints),
          day: e.day,
          stored_at: e.storedAt,
          offline: e.offline ? 1 : 0,
          hidden: 0,
          availability_key: keys.availability,
          budget_key: keys.budget,
          mttr_key: keys.mttr,
        }),
      );
      return { kind: "created", entry: e };
    })();
  }

  /** Sets the name of a stored round; false when no such round. */
  setName(roundId: string, name: string): boolean {
    return (
      this.run(this.db.updateTable("booth_entries").set({ name }).where("round_id", "=", roundId)).changes > 0
    );
  }

  /** Top `limit` of a scope (cleared entries left out), with the scope's highlights; places computed. */
  async board(scope: BoardScope, day: string, limit: number): Promise<StoredBoard> {
    const base = () => {
      let q = this.db.selectFrom("booth_entries").selectAll().where("hidden", "=", 0);
      if (scope === "day") q = q.where("day", "=", day);
      return q;
    };
    const top = await base()
      .orderBy("availability_key", "desc")
      .orderBy("budget_key", "desc")
      .orderBy("mttr_key", "asc")
      .orderBy("stored_at", "asc")
      .orderBy("round_id", "asc")
      .limit(limit)
      .execute();
    // The highest availability, its ties broken as the board breaks them.
    const best = top[0];
    const fastest = await base()
      .where("mttr", "is not", null)
      .orderBy("mttr_key", "asc")
      .orderBy("stored_at", "asc")
      .orderBy("round_id", "asc")
      .executeTakeFirst();
    const ranked: BoardEntry[] = [];
    for (const [i, row] of top.entries()) {
      const prev = top[i - 1];
      const tied =
        prev &&
        prev.availability_key === row.availability_key &&
        prev.budget_key === row.budget_key &&
        prev.mttr_key === row.mttr_key;
      ranked.push({ ...entryOf(row), rank: tied ? ranked[i - 1]!.rank : i + 1 });
    }
    return {
      top: ranked,
      bestAvailability: best ? { ...entryOf(best), rank: await this.rankOf(best, scope, day) } : null,
      fastestRecovery: fastest ? { ...entryOf(fastest), rank: await this.rankOf(fastest, scope, day) } : null,
    };
  }

  /** The place `e` holds in a scope: 1 + the entries ranked strictly before it (equal scores share a place). */
  async rank(e: NewBoothEntry, scope: BoardScope, day: string): Promise<number> {
    const k = rankKeys(e);
    return this.rankOf(
      { availability_key: k.availability, budget_key: k.budget, mttr_key: k.mttr },
      scope,
      day,
    );
  }

  /** Rounds stored on `day`, cleared ones included. */
  async roundsOn(day: string): Promise<number> {
    const { n } = await this.db
      .selectFrom("booth_entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("day", "=", day)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Takes `day`'s entries off every board (they still count as rounds played); returns how many. */
  clearDay(day: string): number {
    return this.run(
      this.db.updateTable("booth_entries").set({ hidden: 1 }).where("day", "=", day).where("hidden", "=", 0),
    ).changes;
  }

  private async rankOf(
    k: Pick<BoothEntriesTable, "availability_key" | "budget_key" | "mttr_key">,
    scope: BoardScope,
    day: string,
  ): Promise<number> {
    let q = this.db
      .selectFrom("booth_entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("hidden", "=", 0)
      .where((eb) =>
        eb.or([
          eb("availability_key", ">", k.availability_key),
          eb.and([eb("availability_key", "=", k.availability_key), eb("budget_key", ">", k.budget_key)]),
          eb.and([
            eb("availability_key", "=", k.availability_key),
            eb("budget_key", "=", k.budget_key),
            eb("mttr_key", "<", k.mttr_key),
          ]),
        ]),
      );
    if (scope === "day") q = q.where("day", "=", day);
    const { n } = await q.executeTakeFirstOrThrow();
    return Number(n) + 1;
  }

  private run(query: {
    compile(): { sql: string; parameters: readonly unknown[] };
  }): BetterSqlite3.RunResult {
    const c = query.compile();
    return this.sqlite.prepare(c.sql).run(...(c.parameters as unknown[]));
  }

  private get(query: { compile(): { sql: string; parameters: readonly unknown[] } }): unknown {
    const c = query.compile();
    return this.sqlite.prepare(c.sql).get(...(c.parameters as unknown[]));
  }
}

/** The booth store over a results store (the booth needs the SQLite one). */
export function boothStoreOf(store: ResultsStore): BoothStore {
  if (!("sqlite" in store) || !("db" in store))
    throw new Error("the booth's leaderboard needs the SQLite results store");
  return new BoothStore(store as SqliteResultsStore);
}

function entryOf(r: BoothEntriesTable): NewBoothEntry {
  return {
    roundId: r.round_id,
    matchId: r.match_id,
    name: r.name,
    role: r.role as Role,
    availability: r.availability,
    errorBudget: r.error_budget,
    mttr: r.mttr,
    incidents: r.incidents,
    teamPoints: r.team_points,
    day: r.day,
    storedAt: Number(r.stored_at),
    offline: r.offline === 1,
  };
}
