/**
 * Where results are stored and for how long, read once from the environment:
 * `RECONCILE_DB` (a file path, or `:memory:`) and `RECONCILE_RETENTION_DAYS`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The database file when `RECONCILE_DB` is unset (outside tests). */
export const DEFAULT_DB = path.join(root, "data", "reconcile.db");
/** Days a match is kept when `RECONCILE_RETENTION_DAYS` is unset. */
export const DEFAULT_RETENTION_DAYS = 90;
/** An in-memory database: gone when the process ends (tests). */
export const MEMORY_DB = ":memory:";

/** The store's settings. */
export interface StoreSettings {
  /** The SQLite file, or `:memory:`. */
  file: string;
  /** Matches that started longer ago than this are deleted at start-up. */
  retentionDays: number;
}

/**
 * Reads the settings; throws a message naming the variable when one is malformed. Under
 * `NODE_ENV=test` with no `RECONCILE_DB`, results stay in memory, so test servers never
 * write into the checkout's `data/`.
 */
export function readStoreSettings(env: NodeJS.ProcessEnv = process.env): StoreSettings {
  const raw = env.RECONCILE_DB?.trim();
  const file = raw
    ? raw === MEMORY_DB
      ? raw
      : path.resolve(raw)
    : env.NODE_ENV === "test"
      ? MEMORY_DB
      : DEFAULT_DB;
  const days = env.RECONCILE_RETENTION_DAYS?.trim();
  let retentionDays = DEFAULT_RETENTION_DAYS;
  if (days) {
    const n = Number(days);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new Error(`RECONCILE_RETENTION_DAYS must be a whole number of days ≥ 1; got "${days}"`);
    retentionDays = n;
  }
  return { file, retentionDays };
}

/** The settings as the lines `npm start` prints. */
export function describeStoreSettings(s: StoreSettings): string {
  return [
    "Results store:",
    `  RECONCILE_DB=${s.file}  (SQLite file of matches, scores and match logs; :memory: keeps nothing)`,
    `  RECONCILE_RETENTION_DAYS=${s.retentionDays}  (matches older than this are deleted at start-up)`,
  ].join("\n");
}
