/**
 * The process's results store: opened before the server listens (migrations run, old
 * matches pruned, crashed rounds recovered), then shared by the rooms' recorders and the
 * HTTP API. Undefined until started: nothing is recorded then.
 */
import { openResultsStore, type ResultsStore, type StoreSettings } from "../store";
import { recoverInterrupted, type Recovered } from "./recovery";

/** Milliseconds in a day. */
const DAY_MS = 24 * 3600 * 1000;

let current: ResultsStore | undefined;

/** What start-up did. */
export interface ResultsStartup {
  store: ResultsStore;
  /** Matches deleted by retention. */
  pruned: number;
  /** Rounds found running (the server had died) and closed as interrupted. */
  recovered: Recovered[];
}

/** Opens the store, prunes matches past retention, recovers crashed rounds, and makes it current. */
export async function startResults(settings: StoreSettings, now = Date.now()): Promise<ResultsStartup> {
  const store = await openResultsStore(settings);
  try {
    const pruned = await store.prune(now - settings.retentionDays * DAY_MS);
    const recovered = await recoverInterrupted(store);
    await current?.close();
    current = store;
    return { store, pruned, recovered };
  } catch (e) {
    await store.close();
    throw e;
  }
}

/** The current store, if started. */
export function resultsStore(): ResultsStore | undefined {
  return current;
}
