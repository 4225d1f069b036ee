/**
 * The Colyseus app: the match room, the lobby that lists matches, the built client as
 * static files, the health check (from @colyseus/tools) and, if enabled, the monitor.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LobbyRoom } from "@colyseus/core";
import { monitor } from "@colyseus/monitor";
import config from "@colyseus/tools";
import { Encoder } from "@colyseus/schema";
import express from "express";
import { LOBBY_ROOM, MATCH_ROOM } from "../shared/protocol";
import { MatchRoom } from "./rooms/MatchRoom";

// The full nmt state is ~10 kB on join; the default 8 kB encode buffer would warn and regrow.
Encoder.BUFFER_SIZE = 64 * 1024;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where `npm run build` puts the client. */
export const CLIENT_DIST = process.env.CLIENT_DIST ?? path.join(root, "dist", "client");

/** Basic-auth guard for the monitor: user `admin` (or MONITOR_USER), password MONITOR_PASSWORD. */
function basicAuth(user: string, password: string): express.RequestHandler {
  const expected = "Basic " + Buffer.from(`${user}:${password}`).toString("base64");
  return (req, res, next) => {
    if (req.headers.authorization === expected) return next();
    res.set("WWW-Authenticate", 'Basic realm="colyseus monitor"').status(401).send("authentication required");
  };
}

/** The app config `listen()` and `@colyseus/testing`'s `boot()` take. */
export default config({
  initializeGameServer: (gameServer) => {
    gameServer.define(LOBBY_ROOM, LobbyRoom);
    gameServer
      .define(MATCH_ROOM, MatchRoom)
      .filterBy(["scenario", "clock", "difficulty"])
      .enableRealtimeListing();
  },

  initializeExpress: (app) => {
    const password = process.env.MONITOR_PASSWORD;
    if (password) app.use("/colyseus", basicAuth(process.env.MONITOR_USER ?? "admin", password), monitor());
    app.use(express.static(CLIENT_DIST, { index: "index.html", maxAge: "1h" }));
  },
});
