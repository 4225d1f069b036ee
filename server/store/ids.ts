/** Stored match ids: 12 URL-safe random characters (72 bits), never guessable from a room code. */
import { randomBytes } from "node:crypto";

/** The shape of a match id (the API refuses anything else before it reaches a query). */
const MATCH_ID = /^[A-Za-z0-9_-]{12}$/;

/** A new match id. */
export function newMatchId(): string {
  return randomBytes(9).toString("base64url");
}

/** Whether a string has the shape of a match id. */
export function isMatchId(s: unknown): s is string {
  return typeof s === "string" && MATCH_ID.test(s);
}
