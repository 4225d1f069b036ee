/**
 * Text from strangers cannot corrupt anyone's state. A real server (boot(appConfig)) and real
 * colyseus.js observers; the text comes in through join options (names, over HTTP) and
 * intents and injections (over the WebSocket). "Valid" means each observer decodes exactly
 * the state the server holds (@colyseus/schema mis-encodes lone surrogates: before safe
 * text, one `"Ada\ud800"` gave every other client a broken player and decode errors), and
 * every name and event it shows is safe text.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import fc from "fast-check";
import type { Room as ClientRoom } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import appConfig from "../../server/app.config";
import { freePort } from "../e2e/helpers";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { charCount, cleanName, isSafeText, MAX_PLAYER_NAME_LENGTH, MAX_PLAYERS } from "../../shared/protocol";
import { eventually, sortedJson, type Client } from "../integration/helpers";
import { message, rawJoin, rawLeave, roundTrip } from "./raw-client";

/** A free port of its own (other suites, or another `npm test` on this machine, use theirs). */
let PORT = 0;
let colyseus: ColyseusTestServer;

beforeAll(async () => {
  // Thousands of joins from one address and hundreds of messages a second from one client:
  // lift the front door's per-address limits and the per-connection budget (each has its own
  // tests) so that every string reaches the room.
  process.env.MATCHMAKE_PER_MINUTE = "1000000";
  process.env.MAX_PENDING_SEATS_PER_ADDRESS = "64";
  process.env.CLIENT_MESSAGES_PER_SECOND = "100000";
  PORT = await freePort();
  colyseus = await boot(appConfig, PORT);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

/** Characters that break or fake text, crafted (fast-check's full-Unicode strings have no lone surrogates). */
const NASTY = [
  "\ud800",
  "\udbff",
  "\udc00",
  "\udfff",
  "\u202e",
  "\u202a",
  "\u2066",
  "\u2069",
  "\u200e",
  "\u200f",
  "\u061c",
  "\u200b",
  "\u200c",
  "\u200d",
  "\u2060",
  "\ufeff",
  "\u0000",
  "\u001b",
  "\u0085",
  "\u3164",
  "\ue000",
];

/** Any text a stranger could send: full Unicode, raw UTF-16 units (lone surrogates too), laced with NASTY. */
const strangerText = fc
  .tuple(
    fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.string({
        unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)),
        maxLength: 30,
      }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
    ),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...NASTY)), { maxLength: 4 }),
  )
  .map(([s, inserts]) =>
    inserts.reduce(
      (acc, [at, ch]) => acc.slice(0, at % (acc.length + 1)) + ch + acc.slice(at % (acc.length + 1)),
      s,
    ),
  );

let syncSeq = 0;
const lastSync = new WeakMap<Client, number>();

/** Sends a patch now and waits until every client has decoded it (a marker follows it on each socket). */
async function decoded(room: MatchRoom, ...clients: Client[]): Promise<void> {
  room.broadcastPatch();
  const n = ++syncSeq;
  for (const c of clients) {
    if (!lastSync.has(c)) {
      lastSync.set(c, 0);
      c.onMessage("__sync", (k: number) => lastSync.set(c, k));
    }
    room.clients.getById(c.sessionId)?.send("__sync", n);
  }
  await eventually(() => clients.every((c) => (lastSync.get(c) ?? 0) >= n), "clients to decode the patch");
}

/** What every observer must see: the server's own state, with safe names, actors and event lines. */
function expectValid(room: MatchRoom, ...clients: Client[]): void {
  const truth = sortedJson(room.state);
  for (const c of clients) {
    expect(sortedJson(c.state)).toEqual(truth);
    for (const [id, p] of c.state.players) {
      expect(p.id).toBe(id);
      expect(p.actor).not.toBe("");
      expect(isSafeText(p.name) && isSafeText(p.actor), JSON.stringify(p.name)).toBe(true);
    }
    for (const e of c.state.events) expect(isSafeText(e.message), JSON.stringify(e.message)).toBe(true);
  }
}

/** Console lines @colyseus/schema prints when it cannot decode (it does not throw). */
function watchDecodeComplaints() {
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const warnings = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  return {
    count: () => errors.mock.calls.length + warnings.mock.calls.length,
    restore: () => {
      errors.mockRestore();
      warnings.mockRestore();
    },
  };
}

/**
 * Seats a stranger named `name` with a raw client that never reads (cheap: the server sends
 * it nothing). A name too long once cleaned is refused at reservation: then undefined.
 */
async function joinNamed(roomId: string, name: string) {
  const clean = cleanName(name);
  const tooLong = charCount(clean) > MAX_PLAYER_NAME_LENGTH;
  try {
    const ws = await rawJoin(PORT, roomId, { name, role: "" }, false);
    expect(tooLong, `${JSON.stringify(name)} was seated`).toBe(false);
    return { ws, clean };
  } catch (e) {
    expect(tooLong, `${JSON.stringify(name)} was refused: ${String(e)}`).toBe(true);
    expect(String(e)).toContain("TOO_LONG");
    return undefined;
  }
}

/** The seated strangers show their cleaned names (or `Player N` when nothing was left). */
function expectNames(c: Client, joined: { ws: { sessionId: string }; clean: string }[]): void {
  for (const j of joined) {
    const name = c.state.players.get(j.ws.sessionId)?.name;
    if (j.clean) expect(name).toBe(j.clean);
    else expect(name).toMatch(/^Player \d+$/);
  }
}

/**
 * A manual-clock match whose host is a raw client (so the test knows when the server has
 * handled what it sent), watched by two colyseus.js clients.
 */
async function matchWithObservers(role: string) {
  const host = await rawJoin(PORT, undefined, { manualClock: true, name: "Host", role });
  const room = colyseus.getRoomById(host.roomId) as MatchRoom;
  const a = await colyseus.sdk.joinById<MatchState>(host.roomId, { name: "Watcher", role: "" });
  const b = await colyseus.sdk.joinById<MatchState>(host.roomId, { name: "Watcher", role: "" });
  await decoded(room, a, b);
  return { room, host, a, b };
}

describe("stranger text", () => {
  it('a "Ada\\ud800" name leaves every other client, and everyone who joins later, a valid state', async () => {
    const { room, a, b } = await matchWithObservers("");
    const complaints = watchDecodeComplaints();
    try {
      const ada = await colyseus.sdk.joinById<MatchState>(room.roomId, { name: "Ada\ud800", role: "" });
      await decoded(room, a, b, ada);
      expectValid(room, a, b, ada);
      expect(a.state.players.get(ada.sessionId)).toMatchObject({ name: "Ada", actor: "Ada" });
      const late: ClientRoom<MatchState> = await colyseus.sdk.joinById<MatchState>(room.roomId, { role: "" });
      await decoded(room, a, b, ada, late);
      expectValid(room, a, b, ada, late);
      expect(complaints.count()).toBe(0);
    } finally {
      complaints.restore();
    }
  });

  it("arbitrary Unicode in join names, intents and injections leaves every observer a valid state", async () => {
    const { room, host, a, b } = await matchWithObservers("workload-controller");
    host.send(message("start", {}));
    await roundTrip(host);
    expect(room.match.phase).toBe("running");
    const pod = [...room.state.pods.keys()][0]!;
    const complaints = watchDecodeComplaints();
    let seated = 0;
    try {
      await fc.assert(
        fc.asyncProperty(strangerText, strangerText, async (name, text) => {
          const joiner = await joinNamed(room.roomId, name);
          const intents = [
            { type: "setImage", workload: "Deployment/shop/nginx", container: "nginx", image: text },
            { type: "deletePod", pod: text },
            { type: "labelPod", pod, labels: { note: text } },
            { type: "cordon", node: text },
          ];
          for (const i of intents) host.send(message("intent", i));
          host.send(message("inject", { type: "pod-kill", target: text }));
          await roundTrip(host);
          room.tickOnce();
          await decoded(room, a, b);
          expectValid(room, a, b);
          if (joiner) {
            seated++;
            expectNames(a, [joiner]);
            await rawLeave(joiner.ws);
          }
        }),
        { numRuns: 150, seed: 10 },
      );
      expect(complaints.count()).toBe(0);
    } finally {
      complaints.restore();
    }
    expect(seated).toBeGreaterThan(75);
  });

  it("10,000 random Unicode names, joining 9 at a time, leave every observer a valid state", async () => {
    const { room, a, b } = await matchWithObservers("");
    const names = fc.sample(strangerText, { numRuns: 10_000, seed: 7 });
    const batchSize = MAX_PLAYERS - 3; // the host and two watchers hold the other seats
    const complaints = watchDecodeComplaints();
    let seated = 0;
    try {
      for (let i = 0; i < names.length; i += batchSize) {
        const tried = await Promise.all(names.slice(i, i + batchSize).map((n) => joinNamed(room.roomId, n)));
        const joined = tried.filter((j) => j !== undefined);
        seated += joined.length;
        await decoded(room, a, b);
        expectValid(room, a, b);
        expect(a.state.players.size).toBe(3 + joined.length);
        expectNames(b, joined);
        await Promise.all(joined.map((j) => rawLeave(j.ws)));
      }
      await decoded(room, a, b);
      expectValid(room, a, b);
      expect(a.state.players.size).toBe(3);
      expect(complaints.count()).toBe(0);
    } finally {
      complaints.restore();
    }
    expect(seated).toBeGreaterThan(5000);
  }, 600_000); // no speed claim here (that is the bench's job): the bound only stops a hang
});
