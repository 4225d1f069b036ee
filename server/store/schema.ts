/**
 * The tables as Kysely sees them (column names as stored). Booleans are 0/1 integers and
 * structured values JSON text, so the same shapes fit SQLite and PostgreSQL.
 */
/** One round of a match. */
export interface MatchesTable {
  id: string;
  code: string;
  round: number;
  scenario: string;
  seed: number;
  clock: string;
  difficulty: string;
  duration_seconds: number;
  /** The MatchOptions as JSON. */
  options: string;
  started_at: number;
  ended_at: number | null;
  phase: string;
  status: string;
  last_tick: number;
  state_hash: string | null;
}

/** One seat of a round. */
export interface PlayersTable {
  match_id: string;
  seat: number;
  name: string;
  actor: string;
  role: string;
  is_bot: number;
  points: number;
  restored: number;
  broke: number;
}

/** A round's score (final, or partial for an interrupted one). Added by migration 002. */
export interface ResultsTable {
  match_id: string;
  partial: number;
  time: number;
  availability: number;
  availability_nginx: number;
  availability_tomcat: number;
  availability_mysql: number;
  error_budget: number;
  slo_met: number;
  team_points: number;
  mttr: number | null;
  requests: number;
  ok: number;
  /** IncidentRecord[] as JSON. */
  incidents: string;
}

/** An append-only chunk of a round's match log (LogTick[] as JSON), keyed by its first tick. */
export interface LogChunksTable {
  match_id: string;
  first_tick: number;
  last_tick: number;
  ticks: string;
}

/** Every table. */
export interface Database {
  matches: MatchesTable;
  players: PlayersTable;
  results: ResultsTable;
  log_chunks: LogChunksTable;
}
