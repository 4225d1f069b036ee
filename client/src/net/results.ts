/**
 * The results API as the client reads it (server/http/results.ts): the stored matches, one
 * match, and its match log, from the same server the page plays on. Types come from the
 * server's store (type-only: the client never loads server code).
 */
import type { MatchSummary, StoredMatch } from "../../../server/store/types";
import type { MatchLog } from "../../../shared/match/log";
import { serverUrl } from "./connection";

export type { MatchSummary, StoredMatch };

/** A page of stored matches. */
export interface MatchList {
  total: number;
  limit: number;
  offset: number;
  matches: MatchSummary[];
}

/** The API's origin: the match server's, over HTTP(S). */
export function apiBase(ws: string = serverUrl()): string {
  return ws.replace(/^ws(s?):\/\//, "http$1://");
}

/** A refusal or failure of the API, with its message. */
export class ResultsError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** GETs a path of the API as JSON; a refusal throws a {@link ResultsError} with the API's message (status 0: unreachable). */
export async function getJson<T>(path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}${path}`, { headers: { Accept: "application/json" } });
  } catch {
    throw new ResultsError(0, "offline");
  }
  const body = (await res.json().catch(() => undefined)) as { error?: string } | undefined;
  if (!res.ok) throw new ResultsError(res.status, body?.error ?? `HTTP ${res.status}`);
  return body as T;
}

/** The newest stored matches. */
export function fetchMatches(limit: number, offset = 0): Promise<MatchList> {
  return getJson<MatchList>(`/api/matches?limit=${limit}&offset=${offset}`);
}

/** One stored match with its players and score. */
export function fetchMatch(id: string): Promise<StoredMatch> {
  return getJson<StoredMatch>(`/api/matches/${encodeURIComponent(id)}`);
}

/** A stored match's log (checked with `validateMatchLog` before it is replayed). */
export function fetchLog(id: string): Promise<MatchLog> {
  return getJson<MatchLog>(`/api/matches/${encodeURIComponent(id)}/log`);
}
