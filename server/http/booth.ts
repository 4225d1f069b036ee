/**
 * The booth API (`/api/booth`), JSON, never cached. Public: the config the kiosk and the big
 * screen read, the boards, claiming a round played here at its debrief, uploading a round
 * played offline (a larger body, a per-address rate, replayed before it is stored), the
 * nickname of a round, and the kiosk's live room. Behind the operator key: the settings
 * and clearing today's board. Refusals are `{ code, error: "CODE: sentence" }`.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { BOARD_SCOPES, type BoardScope } from "../../shared/booth";
import type { Answer, BoothService } from "../booth/service";
import { operatorAuth } from "../booth/operatorKey";
import { addressKey } from "./address";
import { jsonBody } from "./jsonBody";
import { closeAfterAnswer } from "./lingeringClose";
import type { Limits } from "./settings";

/** Where the booth API is served (mounted before the read-only results API at `/api`). */
export const BOOTH_ROUTE = "/api/booth";
/** The upload route: the one request allowed a body of `BOOTH_UPLOAD_BYTES` (frontDoor.ts). */
export const BOOTH_UPLOAD_PATH = `${BOOTH_ROUTE}/uploads`;

function fail(res: Response, status: number, error: string): void {
  res.status(status).json({ code: status, error });
}

function answer<T>(res: Response, a: Answer<T>, created = false): void {
  if (!a.ok) return fail(res, a.status, a.error);
  res.status(created ? 201 : 200).json(a.value);
}

/** Wraps a handler: no query parameters unless `query` allows them, and a thrown error is a 500. */
function route(
  handler: (req: Request, res: Response) => Promise<void>,
  query: string[] = [],
): RequestHandler {
  return async (req, res) => {
    const extra = Object.keys(req.query).find((k) => !query.includes(k));
    if (extra !== undefined) return fail(res, 400, `BAD_QUERY: unknown parameter "${extra.slice(0, 40)}"`);
    try {
      await handler(req, res);
    } catch {
      fail(res, 500, "INTERNAL: the booth could not answer");
    }
  };
}

/** The router; `operatorKey` is read per request (it is made at start when not configured). */
export function boothRouter(service: BoothService, operatorKey: () => string, limits: Limits): Router {
  const router = express.Router({ strict: true });
  const small = jsonBody(limits.maxBodyBytes);
  const operator = operatorAuth(operatorKey, limits);
  const uploads = new RateLimiterMemory({
    keyPrefix: "booth-upload",
    points: limits.uploadsPerMinute,
    duration: 60,
  });
  router.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });

  router.get(
    "/config",
    route(async (_req, res) => answer(res, await service.config())),
  );
  router.get(
    "/board",
    route(
      async (req, res) => {
        const scope = req.query.scope ?? "day";
        if (typeof scope !== "string" || !(BOARD_SCOPES as readonly string[]).includes(scope))
          return fail(res, 400, `BAD_QUERY: scope must be ${BOARD_SCOPES.join(" or ")}`);
        answer(res, await service.board(scope as BoardScope));
      },
      ["scope"],
    ),
  );
  router.post(
    "/rounds",
    small,
    route(async (req, res) => {
      const a = await service.claim(req.body);
      answer(res, a, a.ok && a.value.created);
    }),
  );
  router.post(
    "/uploads",
    async (req, res, next) => {
      try {
        await uploads.consume(addressKey(req.ip));
        next();
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) return fail(res, 500, "INTERNAL: the booth could not answer");
        // The body stays unread: close after answering, as every early refusal does.
        closeAfterAnswer(res);
        res.set("Retry-After", String(Math.max(1, Math.ceil(e.msBeforeNext / 1000))));
        fail(res, 429, `RATE_LIMITED: at most ${limits.uploadsPerMinute} uploads a minute`);
      }
    },
    jsonBody(limits.uploadBodyBytes),
    route(async (req, res) => {
      const a = await service.upload(req.body);
      answer(res, a, a.ok && a.value.created);
    }),
  );
  router.put(
    "/rounds/:roundId/name",
    small,
    route(async (req, res) => answer(res, await service.setName(String(req.params.roundId), req.body))),
  );
  router.post(
    "/live",
    small,
    route(async (req, res) => answer(res, await service.announce(req.body))),
  );
  router.get(
    "/settings",
    operator,
    route(async (_req, res) => answer(res, await service.operatorView())),
  );
  router.put(
    "/settings",
    operator,
    small,
    route(async (req, res) => answer(res, await service.updateSettings(req.body))),
  );
  router.post(
    "/today/clear",
    operator,
    small,
    route(async (req, res) => answer(res, await service.clearToday(req.body))),
  );
  router.use((req, res) =>
    fail(res, 404, `NOT_FOUND: no booth route ${req.method} ${req.path.slice(0, 60)}`),
  );
  return router;
}
