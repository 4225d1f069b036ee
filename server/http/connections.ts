/**
 * A cap on open TCP connections per client address, for HTTP and WebSockets alike (a
 * WebSocket is an upgraded HTTP connection): past the cap a new connection is closed as soon
 * as it is accepted, so idle sockets from one address cannot use up the process's file
 * descriptors. Connections that stay silent are closed too (Node keeps them forever).
 */
import type { Server } from "node:http";
import type { Socket } from "node:net";
import { addressKey } from "./address";

/** A connection with no traffic either way for this long is closed (WebSockets are exempt: `ws` clears it, and pings every 3 s). */
const IDLE_TIMEOUT_MS = 30_000;
/** Time a client has to send a request's headers once it started (Node's default is 60 s). */
const HEADERS_TIMEOUT_MS = 15_000;
/** Time a client has to send a whole request, body included (Node's default is 300 s): no endless uploads. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Caps open connections per address on `server` (0 = no cap). */
export function limitConnections(server: Server, perAddress: number): void {
  const open = new Map<string, number>();
  server.timeout = IDLE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  // Before Node's own listener: a refused socket never reaches the HTTP parser.
  server.prependListener("connection", (socket: Socket) => {
    const key = addressKey(socket.remoteAddress);
    const n = open.get(key) ?? 0;
    if (perAddress > 0 && n >= perAddress) {
      socket.destroy();
      return;
    }
    open.set(key, n + 1);
    socket.once("close", () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });
}
