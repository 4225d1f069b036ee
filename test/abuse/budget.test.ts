/**
 * The per-connection budget through real sockets (boot(appConfig), raw WebSockets): refusals
 * coalesced per code with a count; a client over budget for seconds closed with 4429 and its
 * seat freed; `pickRole` toggling held to a few role changes a second; bad input logged at
 * most once a second; a client that stops reading dropped with 4503 (its seat kept for a
 * reconnection). The guard reads the budget when a room is created, so a test that needs
 * a roomier budget (to reach what it tests) sets it just for its own room.
 */
import { logger } from "@colyseus/core";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { unpack } from "@colyseus/msgpackr";
import type WebSocket from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import appConfig from "../../server/app.config";
import { freePort } from "../e2e/helpers";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import { BUDGET } from "../../shared/match";
import { CloseCode, ErrorCode, type ErrorPayload } from "../../shared/protocol";
import { eventually } from "../integration/helpers";
import { Code, dataFrame, message, rawJoin, roundTrip } from "./raw-client";

/** A free port of its own (other suites, or another `npm test` on this machine, use theirs). */
let PORT = 0;
let colyseus: ColyseusTestServer;

beforeAll(async () => {
  PORT = await freePort();
  colyseus = await boot(appConfig, PORT);
});
afterEach(async () => {
  delete process.env.CLIENT_MESSAGES_PER_SECOND;
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

/** A manual-clock match with a raw host; `messagesPerSecond` overrides the budget for this room only. */
async function match(messagesPerSecond?: number) {
  if (messagesPerSecond) process.env.CLIENT_MESSAGES_PER_SECOND = String(messagesPerSecond);
  const host = await rawJoin(PORT, undefined, { manualClock: true, name: "Host", role: "" });
  delete process.env.CLIENT_MESSAGES_PER_SECOND;
  return { host, room: colyseus.getRoomById(host.roomId) as MatchRoom };
}

/** Every `error` message a raw client receives (frames: ROOM_DATA, "error", MessagePack payload). */
function errorsOf(ws: WebSocket): ErrorPayload[] {
  const out: ErrorPayload[] = [];
  ws.on("message", (data: Buffer) => {
    if (data[0] !== Code.ROOM_DATA || data[1] !== 0xa5 || data.subarray(2, 7).toString() !== "error") return;
    out.push(unpack(data.subarray(7)) as ErrorPayload);
  });
  return out;
}

/** When (ms after `t0`) and with which code a socket closes. */
function closing(ws: WebSocket, t0: number): Promise<{ code: number; afterMs: number }> {
  return new Promise((resolve) =>
    ws.once("close", (code: number) => resolve({ code, afterMs: performance.now() - t0 })),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("per-connection budget", () => {
  it("answers a burst of refusals one by one, then once per code per second with the count", async () => {
    const { host } = await match(100_000);
    const errors = errorsOf(host);
    for (let i = 0; i < 200; i++) host.send(message("intent", { type: "bindPod" })); // BAD_PAYLOAD
    await roundTrip(host);
    expect(errors.length).toBe(BUDGET.replyBurst);
    expect(errors.every((e) => e.code === ErrorCode.BAD_PAYLOAD && e.count === undefined)).toBe(true);
    // The rest are held back and answered together within about a second.
    await eventually(() => errors.length === BUDGET.replyBurst + 1, "the coalesced reply", 3000);
    expect(errors.at(-1)).toMatchObject({ code: ErrorCode.BAD_PAYLOAD, count: 200 - BUDGET.replyBurst });
    await sleep(1500);
    expect(errors.length).toBe(BUDGET.replyBurst + 1); // nothing more: every refusal is accounted for
  });

  it("closes a client that stays over budget for seconds with 4429, and frees its seat at once", async () => {
    const { room } = await match();
    const flooder = await rawJoin(PORT, room.roomId, { name: "Flooder", role: "workload-controller" });
    expect(room.match.seats.get(flooder.sessionId)?.role).toBe("workload-controller");
    const t0 = performance.now();
    const closed = closing(flooder, t0);
    let open = true;
    void closed.then(() => (open = false));
    // 200 messages a second, ten times the budget, for at most 8 s.
    while (open && performance.now() - t0 < 8000) {
      for (let i = 0; i < 20 && open; i++)
        flooder.send(message("intent", { type: "cordon", node: "node-1" }));
      await sleep(100);
    }
    const { code, afterMs } = await Promise.race([
      closed,
      sleep(2000).then(() => ({ code: -1, afterMs: NaN })),
    ]);
    expect(code).toBe(CloseCode.OVER_BUDGET);
    expect(afterMs).toBeGreaterThanOrEqual(BUDGET.overBudgetSeconds * 1000 - 200);
    expect(afterMs).toBeLessThan(5000);
    // No reconnection window for a flooder: its seat and role are free again.
    await eventually(() => room.match.seats.get(flooder.sessionId) === undefined, "the seat to be freed");
    expect(room.match.freeRoles()).toContain("workload-controller");
  });

  it("lets pickRole toggling change roles only a few times a second; the rest are refused RATE_LIMITED", async () => {
    const { host, room } = await match(100_000);
    const errors = errorsOf(host);
    const version = room.match.version;
    for (let i = 0; i < 300; i++) host.send(message("pickRole", { role: i % 2 === 0 ? "scheduler" : "" }));
    await roundTrip(host);
    const changes = room.match.version - version;
    expect(errors[0]).toMatchObject({ code: ErrorCode.RATE_LIMITED, ref: "pickRole" });
    await eventually(() => errors.some((e) => (e.count ?? 0) > 1), "the coalesced RATE_LIMITED", 3000);
    const refused = errors
      .filter((e) => e.code === ErrorCode.RATE_LIMITED)
      .reduce((n, e) => n + (e.count ?? 1), 0);
    const accepted = 300 - refused;
    expect(accepted).toBeLessThanOrEqual(BUDGET.lobbyActionBurst + 1);
    expect(changes).toBeGreaterThan(0);
    expect(changes).toBeLessThanOrEqual(accepted);
  });

  it("writes at most about one log line a second for a stream of bad frames (invalid UTF-8 types)", async () => {
    const { host } = await match(100_000);
    const warn = vi.spyOn(logger, "warn");
    const t0 = performance.now();
    try {
      for (let round = 0; round < 10; round++) {
        for (let i = 0; i < 200; i++) host.send(dataFrame(Uint8Array.from([0xa3, 0xff, 0xfe, 0x80])));
        await roundTrip(host);
        await sleep(150);
      }
      const seconds = (performance.now() - t0) / 1000;
      const lines = warn.mock.calls.filter(([l]) => String(l).includes("not valid UTF-8"));
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
      // The lines that are written say how many they stand for.
      expect(lines.some(([l]) => /\+\d+ like it/.test(String(l)))).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });

  it("drops a client that stops reading once its send buffer passes the bound (4503), and keeps its seat", async () => {
    const { host, room } = await match();
    const slow = await rawJoin(PORT, room.roomId, { name: "Slow", role: "" });
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const seat = room.clients.getById(slow.sessionId)!;
    const socket = seat.ref as unknown as { bufferedAmount: number };
    const chunk = new Uint8Array(64 * 1024);
    let pushed = 0;
    let maxBuffered = 0;
    // The server has a lot to say to it (kernel buffers take the first few MiB).
    while (room.clients.getById(slow.sessionId) && pushed < 64 * 1024 * 1024) {
      seat.send("bulk", chunk);
      pushed += chunk.length;
      maxBuffered = Math.max(maxBuffered, socket.bufferedAmount);
      await sleep(2); // about 32 MiB/s
    }
    expect(room.clients.getById(slow.sessionId), "the slow reader is still connected").toBeUndefined();
    // It was not buffered without limit: a sweep (every 250 ms) found it past the bound.
    expect(maxBuffered).toBeGreaterThan(BUDGET.sendBufferBytes);
    expect(maxBuffered).toBeLessThan(BUDGET.sendBufferBytes + 32 * 1024 * 1024);
    // A stalled connection (a tab on flaky wifi) may come back: the seat waits for it.
    expect(room.match.seats.get(slow.sessionId)).toMatchObject({ connected: false });
    // The host, who reads, was never touched.
    await roundTrip(host);
    expect(room.clients.getById(host.sessionId)).toBeDefined();
  });
});
