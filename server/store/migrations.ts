/**
 * The schema's versions, in code (Kysely's Migrator runs the ones a database lacks, in name
 * order, and records them in `kysely_migration`). Never edit a released migration: add one.
 */
import { type Kysely, type Migration, type MigrationProvider } from "kysely";
import { BOOTH_MIGRATION } from "./booth";

/** Every migration by name; names sort in the order they run. */
export const MIGRATIONS: Record<string, Migration> = {
  "001_matches_players_log": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("matches")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("round", "integer", (c) => c.notNull())
        .addColumn("scenario", "text", (c) => c.notNull())
        .addColumn("seed", "bigint", (c) => c.notNull())
        .addColumn("clock", "text", (c) => c.notNull())
        .addColumn("difficulty", "text", (c) => c.notNull())
        .addColumn("duration_seconds", "integer", (c) => c.notNull())
        .addColumn("options", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("ended_at", "bigint")
        .addColumn("phase", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("last_tick", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("state_hash", "text")
        .execute();
      await db.schema.createIndex("matches_started_at").on("matches").column("started_at").execute();
      await db.schema
        .createTable("players")
        .addColumn("match_id", "text", (c) => c.notNull().references("matches.id").onDelete("cascade"))
        .addColumn("seat", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("is_bot", "integer", (c) => c.notNull())
        .addColumn("points", "integer", (c) => c.notNull())
        .addColumn("restored", "integer", (c) => c.notNull())
        .addColumn("broke", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("players_pk", ["match_id", "seat"])
        .execute();
      await db.schema
        .createTable("log_chunks")
        .addColumn("match_id", "text", (c) => c.notNull().references("matches.id").onDelete("cascade"))
        .addColumn("first_tick", "integer", (c) => c.notNull())
        .addColumn("last_tick", "integer", (c) => c.notNull())
        .addColumn("ticks", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("log_chunks_pk", ["match_id", "first_tick"])
        .execute();
    },
  },
  "002_results_and_status": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("results")
        .addColumn("match_id", "text", (c) => c.primaryKey().references("matches.id").onDelete("cascade"))
        .addColumn("partial", "integer", (c) => c.notNull())
        .addColumn("time", "real", (c) => c.notNull())
        .addColumn("availability", "real", (c) => c.notNull())
        .addColumn("availability_nginx", "real", (c) => c.notNull())
        .addColumn("availability_tomcat", "real", (c) => c.notNull())
        .addColumn("availability_mysql", "real", (c) => c.notNull())
        .addColumn("error_budget", "real", (c) => c.notNull())
        .addColumn("slo_met", "integer", (c) => c.notNull())
        .addColumn("team_points", "integer", (c) => c.notNull())
        .addColumn("mttr", "real")
        .addColumn("requests", "integer", (c) => c.notNull())
        .addColumn("ok", "integer", (c) => c.notNull())
        .addColumn("incidents", "text", (c) => c.notNull())
        .execute();
      // Start-up recovery looks for rounds still running.
      await db.schema.createIndex("matches_status").on("matches").column("status").execute();
    },
  },
  "003_events": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("scenario", "text", (c) => c.notNull())
        .addColumn("options", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("started_at", "bigint")
        .addColumn("ended_at", "bigint")
        .addColumn("phase", "text", (c) => c.notNull())
        .execute();
      // The API finds an event by its code (newest first); retention prunes by creation time.
      await db.schema.createIndex("events_code").on("events").columns(["code", "created_at"]).execute();
      await db.schema.createIndex("events_created_at").on("events").column("created_at").execute();
      await db.schema
        .createTable("event_teams")
        .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
        .addColumn("team_id", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("match_id", "text", (c) => c.references("matches.id").onDelete("set null"))
        .addPrimaryKeyConstraint("event_teams_pk", ["event_id", "team_id"])
        .execute();
    },
  },
  // The booth's leaderboard and settings (server/store/booth.ts).
  "004_booth": BOOTH_MIGRATION,
};

/** The migrations above, as Kysely's Migrator takes them. */
export const inCodeMigrations: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/** The newest migration's name (the schema version a current database has). */
export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1)!;
