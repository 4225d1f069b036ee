/**
 * The fuzz: well over 100,000 malformed messages against one room — random message types
 * (real ones, prototype names, any Unicode, invalid UTF-8, numbers), random MessagePack
 * payloads, deep and huge values within the transport's 4 KiB frame limit, junk that is not
 * MessagePack at all, raw-bytes messages. The server must not crash, must keep the fuzzer
 * connected and answering, and the flooded room's world must stay bit for bit equal to a
 * control room's (same seed, no messages, ticked the same number of times). A real server
 * (boot(appConfig)); the fuzzer is a raw WebSocket; a colyseus.js watcher must keep decoding.
 * The per-connection budget is lifted here so every message reaches decoding and
 * validation (the budget has its own tests: test/match/budget.test.ts, flood.test.ts).
 */
import { unpack, pack } from "@colyseus/msgpackr";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import fc from "fast-check";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import appConfig from "../../server/app.config";
import { freePort } from "../e2e/helpers";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import { KubectlConsole } from "../../server/rooms/kubectlConsole";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { ClientMessage, ErrorCode, validatePickRole } from "../../shared/protocol";
import { stateHash } from "../../shared/sim";
import { collectErrors, eventually, sortedJson, synced } from "../integration/helpers";
import { Code, dataFrame, message, rawJoin, roundTrip } from "./raw-client";

/** A free port of its own (other suites, or another `npm test` on this machine, use theirs). */
let PORT = 0;
const MESSAGES = 100_000;
const CHUNK = 1000;
const MAX_FRAME = 4096;
let colyseus: ColyseusTestServer;

beforeAll(async () => {
  process.env.CLIENT_MESSAGES_PER_SECOND = "1000000000";
  process.env.CLIENT_BYTES_PER_SECOND = "1000000000000";
  PORT = await freePort();
  colyseus = await boot(appConfig, PORT);
});
afterAll(async () => {
  await colyseus.shutdown();
});

const TYPES = [
  ...Object.values(ClientMessage),
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "",
  "*",
];

/** A message type as bytes: a real or odd name, any Unicode (lone surrogates too), invalid UTF-8, a number. */
const typeBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TYPES).map((t) => pack(t)) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map((t) => pack(t)) },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 20 })
      .map((t) => pack(t)),
  },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 20 })
      .map((b) => Uint8Array.from([0xa0 | b.length, ...b])),
  },
  { weight: 1, arbitrary: fc.integer().map((n) => pack(n)) },
);

/** Deep nesting, within the frame limit. */
const deep = fc
  .tuple(fc.integer({ min: 50, max: 1500 }), fc.constantFrom("array", "object"))
  .map(([depth, kind]) => {
    let v: unknown = "bottom";
    for (let i = 0; i < depth; i++) v = kind === "array" ? [v] : { type: v };
    return v;
  });

/** Huge values, within the frame limit. */
const huge = fc.constantFrom(
  "x".repeat(3900),
  Array.from({ length: 900 }, (_, i) => i),
  Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
  {
    type: "labelPod",
    pod: "shop/a",
    labels: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`l${i}`, "v"])),
  },
);

/** A payload: any value MessagePack can carry, intent-shaped ones, deep, huge, or bytes that are not MessagePack. */
const payloadBytes: fc.Arbitrary<Uint8Array | undefined> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .anything({ maxDepth: 4, withNullPrototype: true, withMap: true, withSet: true })
      .map(safePack),
  },
  {
    weight: 3,
    arbitrary: fc
      .record(
        {
          type: fc.constantFrom("bindPod", "deletePod", "scale", "labelPod", "pod-kill", "toString"),
          pod: fc.anything(),
          node: fc.string(),
          replicas: fc.anything(),
          labels: fc.anything(),
          role: fc.anything(),
          mode: fc.anything(),
        },
        { requiredKeys: [] },
      )
      .map(safePack),
  },
  { weight: 1, arbitrary: deep.map(safePack) },
  { weight: 1, arbitrary: huge.map(safePack) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

function safePack(v: unknown): Uint8Array | undefined {
  try {
    return pack(v);
  } catch {
    return undefined; // a value MessagePack cannot carry: sent without a payload
  }
}

/** One frame: mostly ROOM_DATA, some ROOM_DATA_BYTES, some junk that is no Colyseus frame at all. */
const frames: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(typeBytes, payloadBytes).map(([t, p]) => dataFrame(t, p)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(typeBytes, fc.uint8Array({ maxLength: 200 }))
      .map(([t, p]) => Buffer.concat([Buffer.from([Code.ROOM_DATA_BYTES]), t, p])),
  },
  {
    weight: 1,
    // Any first byte but LEAVE_ROOM, which is a (well-formed) request to leave.
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 100 })
      .filter((b) => b[0] !== Code.LEAVE_ROOM)
      .map((b) => Buffer.from(b)),
  },
);

/** Whether a frame is a well-formed `pickRole` (it would rightly change the roles: not malformed). */
function isValidPickRole(frame: Buffer): boolean {
  const head = pack(ClientMessage.pickRole);
  if (frame[0] !== Code.ROOM_DATA || !frame.subarray(1, 1 + head.length).equals(head)) return false;
  const rest = frame.subarray(1 + head.length);
  try {
    return validatePickRole(rest.length ? unpack(rest) : undefined).ok;
  } catch {
    return false;
  }
}

/** A started manual-clock match of seed 99 whose host is a raw client. */
async function startedMatch() {
  const host = await rawJoin(PORT, undefined, { manualClock: true, seed: 99, name: "Host", role: "" });
  host.send(message(ClientMessage.start, {}));
  await roundTrip(host);
  const room = colyseus.getRoomById(host.roomId) as MatchRoom;
  expect(room.match.phase).toBe("running");
  return { host, room };
}

describe("fuzz", () => {
  it('one message of type "*" with a payload like { toString: 1 } is refused, not fatal', async () => {
    // Colyseus hands a "*" message to the wildcard handler with the payload in the type's
    // place; turning that into a string threw and stopped the whole process.
    const { host, room } = await startedMatch();
    const replies: string[] = [];
    host.on("message", (m: Buffer) => replies.push(Buffer.from(m).toString("latin1")));
    host.send(message("*", { toString: 1, valueOf: 1 }));
    host.send(message("__no_message_handler", {}));
    await roundTrip(host);
    await new Promise((r) => setTimeout(r, 100));
    expect(host.readyState).toBe(WebSocket.OPEN);
    expect(colyseus.getRoomById(room.roomId)).toBeDefined();
    expect(replies.filter((m) => m.includes("UNKNOWN_MESSAGE"))).toHaveLength(2);
  });

  it(`${MESSAGES.toLocaleString("en")} malformed messages: no crash, and the world equals a control room's`, async () => {
    const fuzzed = await startedMatch();
    const control = await startedMatch();
    const fuzzer = await rawJoin(PORT, fuzzed.room.roomId, { name: "Fuzzer", role: "" });
    const watcher = await colyseus.sdk.joinById<MatchState>(fuzzed.room.roomId, {
      name: "Watcher",
      role: "",
    });
    // How many messages got past the frame check into the match's own validation (or the kubectl console's).
    const received = vi.spyOn(fuzzed.room.match, "receive");
    const consoleReceived = vi.spyOn(KubectlConsole.prototype, "receive");
    let sent = 0;
    let chunk = 0;
    while (sent < MESSAGES) {
      const batch = fc
        .sample(frames, { numRuns: CHUNK, seed: 1000 + chunk++ })
        .filter((f) => f.length <= MAX_FRAME && !isValidPickRole(f));
      for (const f of batch) fuzzer.send(f);
      sent += batch.length;
      await roundTrip(fuzzer, 60_000);
      expect(fuzzer.readyState, `the fuzzer was disconnected after ${sent} messages`).toBe(WebSocket.OPEN);
      fuzzed.room.tickOnce();
      control.room.tickOnce();
    }
    expect(sent).toBeGreaterThanOrEqual(MESSAGES);
    expect(received.mock.calls.length + consoleReceived.mock.calls.length).toBeGreaterThan(MESSAGES / 2);
    expect(fuzzed.room.match.world.tick).toBe(control.room.match.world.tick);
    expect(fuzzed.room.match.world.tick).toBeGreaterThanOrEqual(100);
    expect(stateHash(fuzzed.room.match.world)).toBe(stateHash(control.room.match.world));
    // Still serving: the watcher decodes exactly the server's state (and its hash), and is answered.
    await synced(fuzzed.room, watcher);
    expect(sortedJson(watcher.state)).toEqual(sortedJson(fuzzed.room.state));
    expect(watcher.state.stateHash).toBe(stateHash(control.room.match.world));
    const errors = collectErrors(watcher);
    watcher.send(ClientMessage.start, {}); // not the host
    await eventually(() => errors.length === 1, "the watcher's refusal");
    expect(errors[0]).toMatchObject({ code: ErrorCode.NOT_HOST, ref: ClientMessage.start });
    await watcher.leave(true);
  }, 240_000);
});
