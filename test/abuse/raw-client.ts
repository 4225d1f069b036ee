/**
 * A raw client of the match server for the abuse tests: a seat reserved over plain HTTP and
 * a bare WebSocket that speaks Colyseus' framing by hand, so a test can send any bytes at
 * all (or nothing, or never read). Loopback only.
 */
import http from "node:http";
import { pack } from "@colyseus/msgpackr";
import WebSocket from "ws";
import { MATCH_ROOM } from "../../shared/protocol";

/** Colyseus 0.16 protocol codes (first byte of a frame). */
export const Code = { JOIN_ROOM: 10, LEAVE_ROOM: 12, ROOM_DATA: 13, ROOM_DATA_BYTES: 17 } as const;

/** A seat reservation: what `POST /matchmake/joinById/<room>` answers. */
export interface Seat {
  sessionId: string;
  room: { processId: string; roomId: string };
}

/**
 * Reserves a seat with `options`: in room `roomId`, or in a new match when `roomId` is
 * undefined (the creator is the host). Rejects with the server's answer when refused.
 */
export function reserveSeat(port: number, roomId: string | undefined, options: unknown): Promise<Seat> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: roomId === undefined ? `/matchmake/create/${MATCH_ROOM}` : `/matchmake/joinById/${roomId}`,
        method: "POST",
        headers: { "Content-Type": "application/json" },
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => {
          try {
            const seat = JSON.parse(body) as Partial<Seat>;
            if (seat.sessionId && seat.room) return resolve(seat as Seat);
          } catch {
            // not JSON: reported below
          }
          reject(new Error(`no seat (${res.statusCode}): ${body.slice(0, 200)}`));
        });
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(options));
  });
}

/**
 * Takes a seat (in `roomId`, or in a new match when undefined) over a bare WebSocket and
 * resolves once the server has seated it (its JOIN_ROOM frame). With `ack`, the client
 * acknowledges, so the server sends it the state and every patch; without, it stays seated
 * but is sent nothing.
 */
export async function rawJoin(
  port: number,
  roomId: string | undefined,
  options: unknown,
  ack = true,
): Promise<WebSocket & { roomId: string; sessionId: string }> {
  const seat = await reserveSeat(port, roomId, options);
  const ws = new WebSocket(
    `ws://127.0.0.1:${port}/${seat.room.processId}/${seat.room.roomId}?sessionId=${seat.sessionId}`,
  );
  ws.on("error", () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once("message", () => resolve());
    ws.once("close", (code: number) => reject(new Error(`closed (${code}) before joining`)));
  });
  if (ack) ws.send(Buffer.from([Code.JOIN_ROOM]));
  return Object.assign(ws, { roomId: seat.room.roomId, sessionId: seat.sessionId });
}

/** A data frame: `[ROOM_DATA, type as MessagePack str, payload bytes]`; a string type is packed. */
export function dataFrame(type: string | Uint8Array, payload: Uint8Array = new Uint8Array()): Buffer {
  const t = typeof type === "string" ? pack(type) : type;
  return Buffer.concat([Buffer.from([Code.ROOM_DATA]), t, payload]);
}

/** A message as colyseus.js sends it: the type, then the payload packed (none when undefined). */
export function message(type: string, payload?: unknown): Buffer {
  return dataFrame(type, payload === undefined ? new Uint8Array() : pack(payload));
}

/** Resolves once the server has handled every frame sent before (a WebSocket ping is answered in order). */
export function roundTrip(ws: WebSocket, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no pong")), timeoutMs);
    ws.once("pong", () => {
      clearTimeout(timer);
      resolve();
    });
    ws.ping();
  });
}

/** Leaves for good (consented: the seat is freed at once) and waits for the close. */
export function rawLeave(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once("close", () => resolve());
    ws.send(Buffer.from([Code.LEAVE_ROOM]));
  });
}
