/**
 * The Colyseus monitor (`/colyseus`), served only when `MONITOR_PASSWORD` is set, behind
 * HTTP basic auth: the credentials are compared in constant time, and an address that
 * sends too many wrong ones is locked out for a while (rate-limiter-flexible). Basic auth
 * sends the password in the clear: put the server behind TLS before using it over a network.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { monitor } from "@colyseus/monitor";
import type { Express, RequestHandler } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { addressKey } from "./address";
import type { Limits } from "./settings";

/** Where the monitor is served. */
export const MONITOR_PATH = "/colyseus";

/** SHA-256 of a string: equal-length inputs for timingSafeEqual whatever was sent. */
function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}

/** Basic auth for `user`/`password`, with a lockout after `limits.monitorFailures` wrong tries per address. */
export function monitorAuth(user: string, password: string, limits: Limits): RequestHandler {
  const expected = digest(`Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`);
  const failures = new RateLimiterMemory({
    keyPrefix: "monitor",
    points: limits.monitorFailures,
    duration: limits.monitorLockoutSeconds,
    blockDuration: limits.monitorLockoutSeconds,
  });
  return async (req, res, next) => {
    const key = addressKey(req.ip);
    const seen = await failures.get(key);
    if (seen && seen.remainingPoints <= 0) return void locked(res, seen.msBeforeNext);
    const sent = req.headers.authorization;
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) return next();
    // A request with no credentials is a browser asking for the login prompt, not a guess.
    if (sent !== undefined)
      try {
        await failures.consume(key);
      } catch (e) {
        if (e instanceof RateLimiterRes) return void locked(res, e.msBeforeNext);
        throw e;
      }
    res.set("WWW-Authenticate", 'Basic realm="colyseus monitor"').status(401).send("authentication required");
  };
}

function locked(res: Parameters<RequestHandler>[1], msBeforeNext: number): void {
  const seconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  res
    .set("Retry-After", String(seconds))
    .status(429)
    .send(`too many wrong passwords: try again in ${seconds} s`);
}

/** Mounts the monitor when `MONITOR_PASSWORD` is set (user `MONITOR_USER`, default `admin`); otherwise nothing. */
export function mountMonitor(app: Express, env: NodeJS.ProcessEnv, limits: Limits): void {
  const password = env.MONITOR_PASSWORD;
  if (!password) return;
  app.use(MONITOR_PATH, monitorAuth(env.MONITOR_USER ?? "admin", password, limits), monitor());
}
