/**
 * The booth API as the kiosk and the big screen call it (`/api/booth/...`, server side in
 * server/http/): the public config and boards, claiming a finished round, naming it, an
 * offline round's upload, and the kiosk's announcement of the room it plays now.
 */
import type {
  Board,
  BoardScope,
  BoothConfig,
  LiveAnnouncement,
  NameRequest,
  RoundClaim,
  RoundStored,
  RoundUpload,
} from "../../../shared/booth";
import { apiBase } from "../net/results";

/** A refusal (`status` ≥ 400, with the server's sentence) or no answer at all (`status` 0). */
export class BoothApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** Whether the server could not be reached (as opposed to refusing). */
  get unreachable(): boolean {
    return this.status === 0 || this.status >= 502;
  }
}

/** How long one request may take before the server counts as unreachable. */
const TIMEOUT_MS = 4000;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${apiBase()}/api/booth${path}`, {
      method,
      headers: { Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body === undefined ? null : JSON.stringify(body),
      cache: "no-store",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    throw new BoothApiError(0, "the game server cannot be reached");
  }
  const json = (await res.json().catch(() => undefined)) as { error?: string } | undefined;
  if (!res.ok) throw new BoothApiError(res.status, json?.error ?? `HTTP ${res.status}`);
  return json as T;
}

/** The booth's settings, today, and the kiosk's live room. */
export function fetchConfig(): Promise<BoothConfig> {
  return call<BoothConfig>("GET", "/config");
}

/** Today's or the all-time board. */
export function fetchBoard(scope: BoardScope = "day"): Promise<Board> {
  return call<Board>("GET", `/board?scope=${scope}`);
}

/** Claims a round played on the server, at its debrief (idempotent by round id). */
export function claimRound(claim: RoundClaim): Promise<RoundStored> {
  return call<RoundStored>("POST", "/rounds", claim);
}

/** Uploads a round played offline; the server replays its log (idempotent by round id). */
export function uploadRound(upload: RoundUpload): Promise<RoundStored> {
  return call<RoundStored>("POST", "/uploads", upload);
}

/** Sets the initials or nickname of a stored round. */
export function nameRound(roundId: string, name: string): Promise<RoundStored> {
  const body: NameRequest = { name };
  return call<RoundStored>("PUT", `/rounds/${encodeURIComponent(roundId)}/name`, body);
}

/** Tells the big screen which room the kiosk plays now ("" when none, with the room that `ended`). */
export function announceLive(room: string, ended?: string): Promise<unknown> {
  const body: LiveAnnouncement = ended === undefined ? { room } : { room, ended };
  return call<unknown>("POST", "/live", body);
}

/** A fresh round id (16 URL-safe characters from the browser's CSPRNG). */
export function newRoundId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}
