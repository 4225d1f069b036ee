/**
 * Rooms per address: one address cannot create matches without end (ROOMS_PER_MINUTE), keep
 * more than MAX_ROOMS_PER_ADDRESS open at once, or send more than MATCHMAKE_PER_MINUTE
 * matchmaking requests (what guessing codes takes); other addresses are not affected.
 * Small limits here so the test stays short; the defaults are printed by `npm start`.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { Client, type Room } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import { MATCH_ROOM } from "../../shared/protocol";
import { matchmake, sleep, type Reserved } from "./http-helpers";

const PORT = 3212;
let colyseus: ColyseusTestServer;
const held: Room[] = [];

beforeAll(async () => {
  Object.assign(process.env, {
    ROOMS_PER_MINUTE: "5",
    MAX_ROOMS_PER_ADDRESS: "3",
    MATCHMAKE_PER_MINUTE: "20",
  });
  colyseus = await boot(appConfig, PORT);
});
afterEach(async () => {
  held.length = 0;
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

/** Creates a match from `from` and, when granted, takes the seat (so the room stays open). */
async function createFrom(from: string): Promise<Reserved> {
  const r = await matchmake(PORT, "create", MATCH_ROOM, { name: "Host", role: "" }, from);
  if (r.sessionId) held.push(await new Client(`ws://127.0.0.1:${PORT}`).consumeSeatReservation(r as never));
  return r;
}

describe("rooms per address", () => {
  it("at most MAX_ROOMS_PER_ADDRESS open matches per address; closing one frees its place", async () => {
    const granted = [
      await createFrom("127.0.0.5"),
      await createFrom("127.0.0.5"),
      await createFrom("127.0.0.5"),
    ];
    expect(granted.every((r) => r.sessionId)).toBe(true);
    const fourth = await createFrom("127.0.0.5");
    expect(fourth).toMatchObject({ status: 429, error: expect.stringMatching(/already has 3 open matches/) });
    expect((await createFrom("127.0.0.6")).sessionId).toBeDefined();
    await held[0]!.leave(true); // the room empties and is disposed
    await sleep(300);
    expect((await createFrom("127.0.0.5")).sessionId).toBeDefined();
  });

  it("at most ROOMS_PER_MINUTE new matches per address, even when each is closed at once", async () => {
    for (let i = 0; i < 5; i++) {
      const r = await createFrom("127.0.0.7");
      expect(r.sessionId, `create ${i + 1}`).toBeDefined();
      await held.pop()!.leave(true);
    }
    const sixth = await createFrom("127.0.0.7");
    expect(sixth).toMatchObject({
      status: 429,
      error: expect.stringMatching(
        /^RATE_LIMITED: too many new matches from your address \(5 a minute\); try again in \d+ s$/,
      ),
    });
    expect((await createFrom("127.0.0.9")).sessionId).toBeDefined();
  });

  it("at most MATCHMAKE_PER_MINUTE matchmaking requests per address: guessing codes is slow", async () => {
    const guesses: Reserved[] = [];
    for (let i = 0; i < 21; i++) guesses.push(await matchmake(PORT, "joinById", `ZZ${i}`, {}, "127.0.0.8"));
    expect(guesses.slice(0, 20).every((g) => g.status === 200 && /not found/.test(g.error ?? ""))).toBe(true);
    expect(guesses[20]).toMatchObject({
      status: 429,
      error: expect.stringMatching(/too many matchmaking requests/),
    });
  });

  it("offers only the game's methods: no join-any-match, no joinOrCreate of a match, no other room types", async () => {
    for (const [method, name] of [
      ["join", MATCH_ROOM],
      ["joinOrCreate", MATCH_ROOM],
      ["create", "lobby"],
      ["create", "no-such-room"],
    ] as const) {
      const r = await matchmake(PORT, method, name, {}, "127.0.0.10");
      expect(r.status, `${method} ${name}`).toBe(404);
      expect(r.sessionId).toBeUndefined();
    }
  });
});
