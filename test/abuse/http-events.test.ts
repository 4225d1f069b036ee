/**
 * Competitions per address: an address may keep MAX_EVENTS_PER_ADDRESS events open, counted
 * apart from its matches (an event's team matches are the event's, so a 20-team event does
 * not use up the address's matches, and open matches do not stop it running an event);
 * another address is not affected. Small limits here so the test stays short.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { matchMaker } from "@colyseus/core";
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import { EVENT_ROOM } from "../../server/rooms/EventRoom";
import { MATCH_ROOM } from "../../shared/protocol";
import { matchmake, sleep, type Reserved } from "./http-helpers";

const PORT = 3150;
let colyseus: ColyseusTestServer;
const held: Room[] = [];

beforeAll(async () => {
  Object.assign(process.env, {
    MAX_EVENTS_PER_ADDRESS: "1",
    MAX_ROOMS_PER_ADDRESS: "2",
    ROOMS_PER_MINUTE: "20",
    MATCHMAKE_PER_MINUTE: "50",
  });
  colyseus = await boot(appConfig, PORT);
});
afterAll(async () => {
  for (const k of [
    "MAX_EVENTS_PER_ADDRESS",
    "MAX_ROOMS_PER_ADDRESS",
    "ROOMS_PER_MINUTE",
    "MATCHMAKE_PER_MINUTE",
  ])
    delete process.env[k];
  await colyseus.cleanup();
  await colyseus.shutdown();
});

/** Creates a room from `from` and, when granted, takes the seat. */
async function createFrom(from: string, room: string, options: object): Promise<Reserved> {
  const r = await matchmake(PORT, "create", room, options, from);
  if (r.sessionId) held.push(await new Client(`ws://127.0.0.1:${PORT}`).consumeSeatReservation(r as never));
  return r;
}

describe("competitions per address", () => {
  it("at most MAX_EVENTS_PER_ADDRESS open events, counted apart from matches", async () => {
    const event = await createFrom("127.0.0.21", EVENT_ROOM, { teams: 4 });
    expect(event.sessionId).toBeDefined();
    // Its four team matches are not the address's: it may still create its two matches.
    for (let i = 0; i < 2; i++)
      expect(
        (await createFrom("127.0.0.21", MATCH_ROOM, { name: "Host" })).sessionId,
        `match ${i}`,
      ).toBeDefined();
    expect(await createFrom("127.0.0.21", MATCH_ROOM, { name: "Host" })).toMatchObject({
      status: 429,
      error: expect.stringMatching(/already has 2 open matches/),
    });
    const second = await createFrom("127.0.0.21", EVENT_ROOM, { teams: 2 });
    expect(second).toMatchObject({
      status: 429,
      error: expect.stringMatching(
        /^RATE_LIMITED: your address already has 1 open competitions \(the limit is 1\)$/,
      ),
    });
    expect(second.sessionId).toBeUndefined();
    expect((await matchMaker.query({ name: EVENT_ROOM })).length).toBe(1);
    expect((await createFrom("127.0.0.22", EVENT_ROOM, { teams: 2 })).sessionId).toBeDefined();

    // Closing the event frees its place.
    await matchMaker.getLocalRoomById(event.room!.roomId)!.disconnect();
    await sleep(300);
    expect((await createFrom("127.0.0.21", EVENT_ROOM, { teams: 2 })).sessionId).toBeDefined();
  });
});
