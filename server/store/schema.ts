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

/** A competition (migration 003): its code, name, the options every team plays and its clock's last move. */
export interface EventsTable {
  id: string;
  code: string;
  name: string;
  scenario: string;
  /** The MatchOptions every team plays, as JSON. */
  options: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
  phase: string;
}

/** One team of an event, and its stored match once it ran a tick. */
export interface EventTeamsTable {
  event_id: string;
  /** The team code (its match room's id). */
  team_id: string;
  position: number;
  name: string;
  match_id: string | null;
}

/** Every table. */
export interface Database {
  matches: MatchesTable;
  players: PlayersTable;
  results: ResultsTable;
  log_chunks: LogChunksTable;
  events: EventsTable;
  event_teams: EventTeamsTable;
}
