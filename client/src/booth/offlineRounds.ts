/**
 * Rounds played offline, kept in this browser's localStorage until the server has them:
 * each upload is sent again until it is stored (the server keeps one per round id, so a
 * retry after a lost answer cannot store it twice) or refused for good.
 */
import type { BoothConfig, RoundStored, RoundUpload } from "../../../shared/booth";
import { BoothApiError } from "./api";

const PENDING_KEY = "reconcile.booth.pending";
const CONFIG_KEY = "reconcile.booth.config";

function read<T>(key: string): T | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: the round lives only as long as this page
  }
}

/** The uploads waiting for the server, oldest first. */
export function pendingRounds(): RoundUpload[] {
  const list = read<RoundUpload[]>(PENDING_KEY);
  return Array.isArray(list) ? list : [];
}

/** Keeps an offline round (or replaces the one with the same id: initials entered later). */
export function keepRound(upload: RoundUpload): void {
  write(PENDING_KEY, [...pendingRounds().filter((u) => u.roundId !== upload.roundId), upload]);
}

function drop(roundId: string): void {
  write(
    PENDING_KEY,
    pendingRounds().filter((u) => u.roundId !== roundId),
  );
}

/** What one flush did. */
export interface FlushReport {
  stored: RoundStored[];
  /** Refused for good (bad log, wrong options): dropped, with the server's reason. */
  refused: { roundId: string; reason: string }[];
  /** Still waiting (the server is unreachable). */
  waiting: number;
}

/**
 * Sends every waiting round through `upload`; stops at the first one that cannot reach the
 * server (the rest wait for the next try).
 */
export async function flushRounds(upload: (u: RoundUpload) => Promise<RoundStored>): Promise<FlushReport> {
  const report: FlushReport = { stored: [], refused: [], waiting: 0 };
  const list = pendingRounds();
  for (const [i, u] of list.entries()) {
    try {
      report.stored.push(await upload(u));
      drop(u.roundId);
    } catch (e) {
      if (e instanceof BoothApiError && !e.unreachable && e.status !== 429) {
        report.refused.push({ roundId: u.roundId, reason: e.message });
        drop(u.roundId);
        continue;
      }
      report.waiting = list.length - i;
      break;
    }
  }
  return report;
}

/** Remembers the booth's config (an offline round plays with the last known settings). */
export function rememberConfig(config: BoothConfig): void {
  write(CONFIG_KEY, config);
}

/** The last booth config this browser saw, if any. */
export function rememberedConfig(): BoothConfig | undefined {
  return read<BoothConfig>(CONFIG_KEY);
}
