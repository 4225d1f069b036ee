/**
 * The booth operator's key: `BOOTH_OPERATOR_KEY`, or one made at start and printed (like
 * the monitor's password, it is the operator's to keep). Sent as `Authorization: Bearer
 * <key>`; compared in constant time, and an address that sends too many wrong keys is
 * locked out for a while (rate-limiter-flexible), as the monitor does.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { RequestHandler, Response } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { addressKey } from "../http/address";
import type { Limits } from "../http/settings";

/** Shortest key accepted from the environment. */
export const MIN_KEY_LENGTH = 12;

/** The key in force and where it came from. */
export interface OperatorKey {
  key: string;
  /** Made at start because `BOOTH_OPERATOR_KEY` was unset (printed once, gone at restart). */
  generated: boolean;
}

let current: OperatorKey | undefined;

/** The process's operator key: read from the environment once, else made once. Throws on a too-short key. */
export function operatorKey(env: NodeJS.ProcessEnv = process.env): OperatorKey {
  if (current) return current;
  const raw = env.BOOTH_OPERATOR_KEY?.trim();
  if (raw !== undefined && raw !== "") {
    if (raw.length < MIN_KEY_LENGTH)
      throw new Error(`BOOTH_OPERATOR_KEY must be at least ${MIN_KEY_LENGTH} characters`);
    current = { key: raw, generated: false };
  } else current = { key: randomBytes(12).toString("base64url"), generated: true };
  return current;
}

/** Forgets the key (tests that change `BOOTH_OPERATOR_KEY`). */
export function resetOperatorKey(): void {
  current = undefined;
}

/** The line `npm start` prints about the key. */
export function describeOperatorKey(k: OperatorKey): string {
  return k.generated
    ? `Booth operator key: ${k.key}  (made for this run; set BOOTH_OPERATOR_KEY to keep one)`
    : "Booth operator key: from BOOTH_OPERATOR_KEY";
}

/** SHA-256 of a string: equal-length inputs for timingSafeEqual whatever was sent. */
function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

/** Middleware: the request must carry `Authorization: Bearer <key>`; wrong keys count toward a lockout. */
export function operatorAuth(key: () => string, limits: Limits): RequestHandler {
  const failures = new RateLimiterMemory({
    keyPrefix: "booth-operator",
    points: limits.operatorKeyFailures,
    duration: limits.operatorLockoutSeconds,
    blockDuration: limits.operatorLockoutSeconds,
  });
  return async (req, res, next) => {
    const address = addressKey(req.ip);
    const seen = await failures.get(address);
    if (seen && seen.remainingPoints <= 0) return void locked(res, seen.msBeforeNext);
    const sent = req.headers.authorization;
    if (sent !== undefined && timingSafeEqual(digest(sent), digest(`Bearer ${key()}`))) return next();
    if (sent !== undefined)
      try {
        await failures.consume(address);
      } catch (e) {
        if (e instanceof RateLimiterRes) return void locked(res, e.msBeforeNext);
        throw e;
      }
    res
      .status(401)
      .set("WWW-Authenticate", 'Bearer realm="booth operator"')
      .json({ code: 401, error: "OPERATOR_KEY: send the booth operator key as Authorization: Bearer <key>" });
  };
}

function locked(res: Response, msBeforeNext: number): void {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  res
    .set("Retry-After", String(seconds))
    .status(429)
    .json({ code: 429, error: `LOCKED_OUT: too many wrong operator keys: try again in ${seconds} s` });
}
