/**
 * The results store: the only part of the server that knows SQL. Callers use the
 * `ResultsStore` interface; `openResultsStore` picks the implementation (SQLite, embedded;
 * a PostgreSQL one would be chosen here from `DATABASE_URL` without touching callers).
 */
import { openSqliteStore } from "./sqlite";
import type { StoreSettings } from "./settings";
import type { ResultsStore } from "./types";

export type * from "./types";
export { MATCH_STATUSES } from "./types";
export { newMatchId, isMatchId } from "./ids";
export { readStoreSettings, describeStoreSettings, type StoreSettings } from "./settings";

/** Opens the store the settings name, migrated to the current schema. */
export function openResultsStore(settings: StoreSettings): Promise<ResultsStore> {
  return openSqliteStore(settings.file);
}
