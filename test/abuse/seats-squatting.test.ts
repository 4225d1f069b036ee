/**
 * Seat squatting: seat reservations (`POST /matchmake/joinById/<code>`) made and never used
 * cannot keep real players out of a match. Squatters are raw HTTP requests from other
 * loopback addresses (127.0.0.x); real players are colyseus.js clients. Reservations last
 * SEAT_RESERVATION_SECONDS (3 here, so the tests can watch them expire).
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import { MAX_PLAYERS, MATCH_ROOM } from "../../shared/protocol";
import { matchmake, sleep } from "./http-helpers";

const PORT = 3211;
const RESERVATION_S = 3;
let colyseus: ColyseusTestServer;

beforeAll(async () => {
  process.env.SEAT_RESERVATION_SECONDS = String(RESERVATION_S);
  colyseus = await boot(appConfig, PORT);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

/** A host's new match (the host holds one of its seats). */
async function hostedMatch(): Promise<Room> {
  return colyseus.sdk.create(MATCH_ROOM, { name: "Host", role: "" });
}

describe("seat squatting", () => {
  it("14 squatters renewing reservations every second cannot keep real players out of a 12-seat match", async () => {
    const host = await hostedMatch();
    const squatters = Array.from({ length: 14 }, (_, i) => `127.0.0.${20 + i}`);
    let granted = 0;
    let squatting = true;
    const attack = (async () => {
      while (squatting) {
        const answers = await Promise.all(
          squatters.map((from) => matchmake(PORT, "joinById", host.roomId, { name: "Squat" }, from)),
        );
        granted += answers.filter((a) => a.sessionId).length;
        await sleep(1000);
      }
    })();
    try {
      await sleep(300); // the first wave is in
      const players: Room[] = [host];
      for (let i = 1; i < MAX_PLAYERS; i++)
        players.push(await colyseus.sdk.joinById(host.roomId, { name: `P${i}`, role: "" }));
      expect(players.every((p) => p.connection.isOpen)).toBe(true);
      await expect(colyseus.sdk.joinById(host.roomId, { name: "Late", role: "" })).rejects.toThrow(/full/i);
      // The squatters were served all along: their reservations simply do not count as seats.
      expect(granted).toBeGreaterThanOrEqual(squatters.length);
    } finally {
      squatting = false;
      await attack;
    }
  });

  it("one address holds at most MAX_PENDING_SEATS_PER_ADDRESS unused reservations; using or outliving one frees it", async () => {
    const host = await hostedMatch();
    const from = "127.0.0.50";
    const first = [];
    for (let i = 0; i < 4; i++)
      first.push(await matchmake(PORT, "joinById", host.roomId, { name: "Squat" }, from));
    expect(first.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(first.every((a) => a.sessionId)).toBe(true);
    const fifth = await matchmake(PORT, "joinById", host.roomId, { name: "Squat" }, from);
    expect(fifth).toMatchObject({ status: 429, error: expect.stringMatching(/^RATE_LIMITED: 4 seats/) });
    expect(fifth.sessionId).toBeUndefined();
    // Another address is not affected.
    expect((await matchmake(PORT, "joinById", host.roomId, {}, "127.0.0.51")).sessionId).toBeDefined();
    // A reservation used by its WebSocket no longer counts.
    await new Client(`ws://127.0.0.1:${PORT}`).consumeSeatReservation(first[0] as never);
    expect((await matchmake(PORT, "joinById", host.roomId, { name: "Used" }, from)).sessionId).toBeDefined();
    expect((await matchmake(PORT, "joinById", host.roomId, { name: "Squat" }, from)).status).toBe(429);
    // After the reservation time the unused seats are gone, and so is the refusal.
    await sleep(RESERVATION_S * 1000 + 500);
    expect((await matchmake(PORT, "joinById", host.roomId, { name: "Again" }, from)).sessionId).toBeDefined();
  });

  it("twenty reservations fired at once from one address still get at most MAX_PENDING_SEATS_PER_ADDRESS seats", async () => {
    const host = await hostedMatch();
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        matchmake(PORT, "joinById", host.roomId, { name: "Burst" }, "127.0.0.55"),
      ),
    );
    expect(burst.filter((a) => a.sessionId)).toHaveLength(4);
    expect(burst.filter((a) => a.status === 429)).toHaveLength(16);
  });

  it("a reservation is short-lived: after SEAT_RESERVATION_SECONDS its WebSocket is refused", async () => {
    const host = await hostedMatch();
    const r = await matchmake(PORT, "joinById", host.roomId, { name: "Slow" }, "127.0.0.60");
    expect(r.sessionId).toBeDefined();
    await sleep(RESERVATION_S * 1000 + 500);
    const plain = new Client(`ws://127.0.0.1:${PORT}`);
    await expect(plain.consumeSeatReservation(r as never)).rejects.toThrow(/expired/);
  });

  it("options are checked when the seat is reserved: a bad one gets no seat and creates no room", async () => {
    const host = await hostedMatch();
    const long = await matchmake(PORT, "joinById", host.roomId, { name: "x".repeat(300) }, "127.0.0.70");
    expect(long).toMatchObject({ code: 4400, error: expect.stringMatching(/^TOO_LONG/) });
    expect(long.sessionId).toBeUndefined();
    const role = await matchmake(PORT, "joinById", host.roomId, { role: "king" }, "127.0.0.70");
    expect(role).toMatchObject({ code: 4400, error: expect.stringMatching(/role/) });
    const rooms = (await matchMaker.query({ name: MATCH_ROOM })).length;
    const create = await matchmake(PORT, "create", MATCH_ROOM, { clock: "sundial" }, "127.0.0.70");
    expect(create).toMatchObject({ code: 4400, error: expect.stringMatching(/clock/) });
    expect((await matchMaker.query({ name: MATCH_ROOM })).length).toBe(rooms);
    const huge = await matchmake(PORT, "joinById", host.roomId, { name: "x".repeat(1 << 20) }, "127.0.0.70");
    expect(huge).toMatchObject({ status: 413, error: expect.stringMatching(/^TOO_LONG/) });
  });
});
