/**
 * The Colyseus app: the match room, the lobby that lists matches (unless PUBLIC_LOBBY=0),
 * the built client as static files, the health check (from @colyseus/tools) and, if
 * enabled, the monitor, the booth API (`/api/booth`, server/http/booth.ts) and the results
 * API (`/api`, server/http/results.ts) over the results store, opened before listening.
 * Every request first passes the front door (server/http/).
 */
import type { Server as HttpServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LobbyRoom, matchMaker } from "@colyseus/core";
import config from "@colyseus/tools";
import { Encoder } from "@colyseus/schema";
import { LOBBY_ROOM, MATCH_ROOM } from "../shared/protocol";
import { MatchRoom } from "./rooms/MatchRoom";
import { EVENT_ROOM, EventRoom } from "./rooms/EventRoom";
import { installFrontDoor } from "./http/frontDoor";
import { mountMonitor } from "./http/monitor";
import { readHttpSettings } from "./http/settings";
import { staticClient } from "./http/staticClient";
import { RESULTS_ROUTE, resultsRouter } from "./http/results";
import { BOOTH_ROUTE, boothRouter } from "./http/booth";
import { OPERATOR_PAGE_ROUTE, operatorPage } from "./http/boothOperator";
import { BoothService } from "./booth/service";
import { operatorKey } from "./booth/operatorKey";
import { readPublicUrl } from "./booth/publicUrl";
import { resultsStore, startResults } from "./results/service";
import { readStoreSettings } from "./store";

// The full nmt state is ~10 kB on join; the default 8 kB encode buffer would warn and regrow.
Encoder.BUFFER_SIZE = 64 * 1024;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Where `npm run build` puts the client. */
export const CLIENT_DIST = process.env.CLIENT_DIST ?? path.join(root, "dist", "client");

/** The app config `listen()` and `@colyseus/testing`'s `boot()` take. */
export default config({
  initializeGameServer: (gameServer) => {
    const settings = readHttpSettings();
    const match = gameServer.define(MATCH_ROOM, MatchRoom).filterBy(["scenario", "clock", "difficulty"]);
    gameServer.define(EVENT_ROOM, EventRoom);
    if (settings.publicLobby) {
      gameServer.define(LOBBY_ROOM, LobbyRoom);
      match.enableRealtimeListing();
    }
    installFrontDoor(gameServer.transport.server as HttpServer, settings, gameServer.transport.protocol);
  },

  initializeExpress: (app) => {
    const settings = readHttpSettings();
    app.disable("x-powered-by");
    app.set("trust proxy", settings.trustProxy);
    mountMonitor(app, process.env, settings.limits);
    const booth = new BoothService({
      results: resultsStore,
      publicUrl: readPublicUrl(),
      roomListing: async (code) => (await matchMaker.query({ name: MATCH_ROOM, roomId: code }))[0]?.metadata,
    });
    // Before the results API: that one answers every other /api path (read-only, 404).
    app.use(
      BOOTH_ROUTE,
      boothRouter(booth, () => operatorKey().key, settings.limits),
    );
    app.use(RESULTS_ROUTE, resultsRouter(resultsStore));
    app.use(OPERATOR_PAGE_ROUTE, operatorPage());
    app.use(staticClient(CLIENT_DIST));
  },

  // The results store opens (migrates, prunes, recovers crashed rounds) before any room runs.
  beforeListen: async () => {
    const { pruned, recovered } = await startResults(readStoreSettings());
    for (const r of recovered)
      console.log(`[results] match ${r.id} was cut off by a restart: interrupted at t=${r.time}s`);
    if (pruned > 0) console.log(`[results] ${pruned} match(es) past retention deleted`);
  },
});
