/**
 * The matchmaking route (`POST /matchmake/<method>/<room name or id>`), served here instead
 * of by Colyseus' own handler, which reads any body whole and with no limit, reflects any
 * origin and offers every method for every room. Here: the body is limited and parsed as
 * JSON before anything else, only the methods the game uses are offered, and each client
 * address is held to its limits (requests per minute, rooms, unused seat reservations)
 * before the matchmaker reserves a seat. The match room itself validates the options when
 * the seat is reserved (`MatchRoom.onAuth`, static).
 */
import { getBearerToken, matchMaker } from "@colyseus/core";
import cors from "cors";
import express, { type Request, type Response } from "express";
import { LOBBY_ROOM, MATCH_ROOM } from "../../shared/protocol";
import { EVENT_ROOM } from "../rooms/EventRoom";
import { addressKey } from "./address";
import { jsonBody } from "./jsonBody";
import type { AddressLedger } from "./addressLedger";
import type { HttpSettings } from "./settings";

/** Colyseus' matchmaking path segment (`/matchmake/...`). */
export const MATCHMAKE_ROUTE = `/${matchMaker.controller.matchmakeRoute}`;

/** Methods that reserve a new seat. */
const RESERVING = new Set(["create", "joinById", "joinOrCreate"]);

/** What the client SDK reads from a matchmaking reply. */
interface Reservation {
  room: { roomId: string };
  sessionId: string;
  protocol?: string;
}

/** Whether the game offers `method` on `name` (a room name, or a room id for joinById/reconnect). */
function offered(method: string, name: string, publicLobby: boolean): boolean {
  if (method === "create") return name === MATCH_ROOM || name === EVENT_ROOM;
  if (method === "joinById" || method === "reconnect") return true;
  return method === "joinOrCreate" && name === LOBBY_ROOM && publicLobby;
}

/** The router for {@link MATCHMAKE_ROUTE}. */
export function matchmakeRouter(
  settings: HttpSettings,
  ledger: AddressLedger,
  protocol: string | undefined,
): express.Router {
  const router = express.Router();
  // Same-origin and ALLOWED_ORIGINS only: the front door has refused every other origin.
  router.use(cors({ origin: true, credentials: true, methods: ["POST"], maxAge: 600 }));
  router.post(
    "/:method/:name",
    // A create may carry an uploaded scenario file; every other method stays small.
    (req, res, next) =>
      jsonBody(
        req.params.method === "create" ? settings.limits.createBodyBytes : settings.limits.maxBodyBytes,
      )(req, res, next),
    async (req: Request<{ method: string; name: string }>, res: Response) => {
      const { method, name } = req.params;
      if (!offered(method, name, settings.publicLobby))
        return void res.status(404).json({ error: `no matchmaking method "${method}" for "${name}"` });
      const key = addressKey(req.ip);
      const kind = name === EVENT_ROOM ? "event" : "match";
      const refusal =
        (await ledger.request(key)) ??
        (RESERVING.has(method) ? ledger.checkSeat(key) : undefined) ??
        (method === "create" ? await ledger.checkCreate(key, kind) : undefined);
      if (refusal)
        return void res.status(refusal.status).json({ code: refusal.status, error: refusal.message });
      try {
        const reservation = (await matchMaker.controller.invokeMethod(method, name, req.body ?? {}, {
          token: getBearerToken(req.headers.authorization ?? ""),
          headers: req.headers,
          ip: key,
          req,
        })) as Reservation;
        if (RESERVING.has(method))
          ledger.granted(
            key,
            { roomId: reservation.room.roomId, sessionId: reservation.sessionId },
            method === "create" && kind,
          );
        if (protocol !== undefined) reservation.protocol = protocol;
        res.json(reservation);
      } catch (e) {
        // As Colyseus answers a refused reservation: 200 with the error's code and message.
        const err = e as { code?: number; message?: string };
        res.json({ code: err.code, error: err.message });
      }
    },
  );
  router.all("*", (_req, res) => void res.status(404).json({ error: "unknown matchmaking request" }));
  return router;
}
