/**
 * Why creating a competition failed, in the facilitator's language: the per-address limit
 * of open competitions says what to do about it (an ended event stays open until its pages
 * and players have left); anything else reads as any failed create does.
 */
import { joinErrorText, type JoinErrorText } from "../net/joinError";

/** The message for an error thrown by colyseus.js while creating an event. */
export function createEventErrorText(e: unknown): JoinErrorText {
  const message = typeof e === "object" && e !== null ? String((e as { message?: unknown }).message) : "";
  const limited = /RATE_LIMITED: .*competitions.*the limit is (\d+)/.exec(message);
  if (limited) return { key: "event.setup.tooMany", params: { limit: limited[1]! } };
  return joinErrorText(e, "");
}
