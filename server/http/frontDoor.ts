/**
 * The front door: every HTTP request and WebSocket upgrade the server receives passes here
 * first, ahead of Colyseus' matchmaking hook (which would otherwise take any URL containing
 * `/matchmake` before Express sees it) and ahead of the Express app of `@colyseus/tools`
 * (whose CORS middleware reflects any origin). In order: security headers, foreign origins
 * refused, oversized bodies refused before they are read, then matchmaking (ours) or
 * everything else (the game's Express app: static client, health check, monitor).
 */
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import express from "express";
import { AddressLedger } from "./addressLedger";
import { BOOTH_UPLOAD_PATH } from "./booth";
import { limitConnections } from "./connections";
import { closeAfterAnswer } from "./lingeringClose";
import { MATCHMAKE_ROUTE, matchmakeRouter } from "./matchmake";
import { originAllowed } from "./origins";
import { securityHeaders } from "./securityHeaders";
import type { HttpSettings } from "./settings";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
/** An Express app called as a handler: `next` runs when no route of it answered. */
type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** A JSON refusal in the shape the Colyseus client reads (`error`). */
function refuse(res: ServerResponse, status: number, error: string, close = false): void {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  if (close) closeAfterAnswer(res);
  res.end(JSON.stringify({ code: status, error }));
}

/**
 * Why a request is refused on its headers alone, if it is: a foreign origin, or a body
 * larger than the limit (the connection is then closed, leaving the body unread).
 */
function admission(req: IncomingMessage, settings: HttpSettings): [number, string, boolean?] | undefined {
  if (!originAllowed(req, settings.allowedOrigins))
    return [403, `FORBIDDEN_ORIGIN: ${req.headers.origin} may not use this server`];
  const limit = bodyLimit(req, settings);
  if (Number(req.headers["content-length"] ?? 0) > limit)
    return [413, `TOO_LONG: request body over ${limit} bytes`, true];
  return undefined;
}

/**
 * The largest body a request may send: the upload of an offline booth round carries a whole
 * match log, and creating a match may carry an uploaded scenario file.
 */
export function bodyLimit(req: IncomingMessage, settings: HttpSettings): number {
  const path = req.url?.split("?")[0];
  if (req.method !== "POST") return settings.limits.maxBodyBytes;
  if (path === BOOTH_UPLOAD_PATH) return settings.limits.uploadBodyBytes;
  if (path?.startsWith(`${MATCHMAKE_ROUTE}/create/`)) return settings.limits.createBodyBytes;
  return settings.limits.maxBodyBytes;
}

/** The Express app every request meets first; `next()` hands a request on to the game's app. */
export function frontApp(settings: HttpSettings, protocol: string | undefined): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", settings.trustProxy);
  app.use(securityHeaders());
  app.use((req, res, next) => {
    const refusal = admission(req, settings);
    if (refusal) return refuse(res, ...refusal);
    next();
  });
  app.use(MATCHMAKE_ROUTE, matchmakeRouter(settings, new AddressLedger(settings.limits), protocol));
  // Colyseus' hook takes any URL that merely contains the route: none may reach it.
  app.use((req, res, next) => {
    if (req.url.includes(MATCHMAKE_ROUTE)) return refuse(res, 404, "unknown matchmaking request");
    next();
  });
  app.use(((err, _req, res, _next) => {
    refuse(res, (err as { status?: number }).status ?? 500, "request failed");
  }) as express.ErrorRequestHandler);
  return app;
}

/**
 * Puts the front door in front of `server`'s request and upgrade listeners (call it after
 * Colyseus attached its own) and caps connections per address.
 */
export function installFrontDoor(server: Server, settings: HttpSettings, protocol: string | undefined): void {
  limitConnections(server, settings.limits.connectionsPerAddress);
  const front = frontApp(settings, protocol) as unknown as Handler;
  const inner = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) =>
    front(req, res, () => {
      for (const listener of inner) listener.call(server, req, res);
    }),
  );
  // `Expect: 100-continue`: refuse before the client sends the body at all.
  server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
    const refusal = admission(req, settings);
    if (refusal) return refuse(res, ...refusal);
    res.writeContinue();
    server.emit("request", req, res);
  });
  const upgrades = server.listeners("upgrade") as UpgradeListener[];
  server.removeAllListeners("upgrade");
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!originAllowed(req, settings.allowedOrigins)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    for (const listener of upgrades) listener.call(server, req, socket, head);
  });
}
