/**
 * A cap on open TCP connections per client address, for HTTP and WebSockets alike (a
 * WebSocket is an upgraded HTTP connection): past the cap a new connection is closed as soon
 * as it is accepted, so idle sockets from one address cannot use up the process's file
 * descriptors. Also shortens how long a connection may take to send its request headers.
 */
import type { Server } from "node:http";
import type { Socket } from "node:net";
import { addressKey } from "./address";

/** Seconds a client has to send a request's headers (Node's default is 60). */
const HEADERS_TIMEOUT_MS = 15_000;

/** Counts of open connections per address, for tests and the monitor. */
export interface ConnectionCounter {
  /** Open connections of an address key. */
  open(key: string): number;
  /** Connections closed at accept because their address was at the cap. */
  readonly refused: number;
}

/** Caps open connections per address on `server` (0 = no cap) and returns the live counts. */
export function limitConnections(server: Server, perAddress: number): ConnectionCounter {
  const open = new Map<string, number>();
  let refused = 0;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  // Before Node's own listener: a refused socket never reaches the HTTP parser.
  server.prependListener("connection", (socket: Socket) => {
    const key = addressKey(socket.remoteAddress);
    const n = open.get(key) ?? 0;
    if (perAddress > 0 && n >= perAddress) {
      refused += 1;
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
  return {
    open: (key) => open.get(key) ?? 0,
    get refused() {
      return refused;
    },
  };
}
