/**
 * Why a create / join / quick play failed, as a sentence in the player's language instead
 * of the server's raw English (`room "TN9U" not found`).
 */
import type { MessageKey } from "../i18n/en";

/** Colyseus' matchmaking error codes the Menu explains (colyseus.js `ErrorCode`). */
export const MATCHMAKE_ERRORS = {
  /** `joinById` with a code no room has. */
  INVALID_ROOM_ID: 4212,
  /** The room exists but refuses seats (full or locked). */
  UNHANDLED: 4213,
  /** A seat reservation or reconnection token that ran out. */
  EXPIRED: 4214,
} as const;

/** A message key and its parameters. */
export interface JoinErrorText {
  key: MessageKey;
  params: Record<string, string>;
}

/** The message for an error thrown by colyseus.js while joining `code` ("" when creating). */
export function joinErrorText(e: unknown, code: string): JoinErrorText {
  const err = (typeof e === "object" && e !== null ? e : {}) as { code?: unknown; message?: unknown };
  const message = typeof err.message === "string" ? err.message : String(e);
  if (err.code === MATCHMAKE_ERRORS.INVALID_ROOM_ID)
    return { key: "menu.error.noSuchCode", params: { code } };
  if (/locked|full/i.test(message)) return { key: "menu.error.full", params: { code } };
  if (/ECONNREFUSED|Failed to fetch|NetworkError|network error/i.test(message))
    return { key: "menu.error.offline", params: {} };
  return { key: "menu.error", params: { reason: message } };
}
