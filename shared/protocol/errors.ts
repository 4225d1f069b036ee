/** Error codes the match server sends in `error` messages and join rejections. */
export const ErrorCode = {
  /** The payload is not the shape the message type needs (wrong type, missing or unknown field). */
  BAD_PAYLOAD: "BAD_PAYLOAD",
  /** A string field is longer than allowed. */
  TOO_LONG: "TOO_LONG",
  /** The message type is not part of the protocol. */
  UNKNOWN_MESSAGE: "UNKNOWN_MESSAGE",
  /** The intent type is not one the simulation knows. */
  UNKNOWN_INTENT: "UNKNOWN_INTENT",
  /** Only the host may do this. */
  NOT_HOST: "NOT_HOST",
  /** Not allowed in the current phase (e.g. an intent in the lobby). */
  WRONG_PHASE: "WRONG_PHASE",
  /** Someone else holds that role. */
  ROLE_TAKEN: "ROLE_TAKEN",
  /** The sender holds no role, or not the role the intent needs. */
  NO_ROLE: "NO_ROLE",
  /** Too many messages: per tick, per second (the connection's budget), or lobby actions per second. */
  RATE_LIMITED: "RATE_LIMITED",
  /** Create option `scenario` names no scenario. */
  UNKNOWN_SCENARIO: "UNKNOWN_SCENARIO",
  /** Create option `scenarioFile` is not a valid scenario file (the message names file, line and field). */
  INVALID_SCENARIO: "INVALID_SCENARIO",
  /** Something failed on the server; nothing changed. */
  INTERNAL: "INTERNAL",
} as const;
/** One error code. */
export type ErrorCodeName = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A validation error: code + sentence. */
export interface ProtocolError {
  code: ErrorCodeName;
  message: string;
}

/** What every validator returns. */
export type Validation<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };
