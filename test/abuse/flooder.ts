/**
 * Hostile clients for the flood test, in a process of their own so their busy loops never
 * slow the test's own measurements. `tsx test/abuse/flooder.ts <port> <roomId> <kinds,…>`,
 * then, on standard input, one command a line:
 *   `join` — each kind joins the room over raw HTTP + WebSocket (loopback); prints `ready`;
 *   `go`   — they flood at full speed until the server cuts them off (at most FLOOD_MS), then
 *            it prints one JSON line `[{ kind, closedAfterMs, code, sent }, …]`;
 *   `exit`.
 * Kinds: `malformed` (random types, random MessagePack payloads and junk, ≤ 4 KiB frames),
 * `silent` (never reads its socket while it floods intents), `toggler` (`pickRole` back and
 * forth), `badutf8` (message types that are not valid UTF-8).
 */
import { createInterface } from "node:readline";
import { pack } from "@colyseus/msgpackr";
import WebSocket from "ws";
import { dataFrame, rawJoin } from "./raw-client";

const [port, roomId, kindList] = process.argv.slice(2);
/** A flooder still connected after this long has not been cut off (the test wants < 5 s). */
const FLOOD_MS = 8000;
/** The transport drops bigger frames (and the sender); the fuzz stays under it. */
const MAX_FRAME = 4096;

/** A small seeded generator (mulberry32): the same flood every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A data frame, cut at the transport's frame limit. */
function frame(type: Uint8Array, payload?: Uint8Array): Buffer {
  return dataFrame(type, payload).subarray(0, MAX_FRAME);
}

/** A random value for a MessagePack payload: nested, odd keys, big and small. */
function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 9);
  if (depth > 6 || pick < 3)
    return [null, true, -1, 1e308, "x".repeat(Math.floor(r() * 300)), "", 0][pick % 7];
  if (pick < 5) return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(r, depth + 1));
  const keys = ["type", "role", "__proto__", "constructor", "pod", "labels", "\ud800", "node"];
  return Object.fromEntries(
    Array.from({ length: Math.floor(r() * 4) }, () => [
      keys[Math.floor(r() * keys.length)],
      randomValue(r, depth + 1),
    ]),
  );
}

/** The next frame each kind sends. */
function makeFrames(kind: string, seed: number): () => Buffer {
  const r = rng(seed);
  const types = [
    ...["intent", "pickRole", "inject", "setMode", "start", "restart", "kubectl", "kubectlComplete"],
    ...["hack", "", "x".repeat(200)],
  ];
  switch (kind) {
    case "malformed":
      return () => {
        const type = pack(types[Math.floor(r() * types.length)]);
        if (r() < 0.3)
          return frame(type, Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256))));
        return frame(type, pack(randomValue(r)));
      };
    case "silent":
      return () => frame(pack("intent"), pack({ type: "deletePod", pod: "shop/nginx-nope" }));
    case "toggler": {
      let on = false;
      return () => {
        on = !on;
        return frame(pack("pickRole"), pack({ role: on ? "scheduler" : "" }));
      };
    }
    case "badutf8":
      return () => frame(Buffer.from([0xa4, 0xff, 0xfe, 0xc0, Math.floor(r() * 256)]), pack({}));
    default:
      throw new Error(`unknown flooder kind ${kind}`);
  }
}

/** A joined flooder: its socket and what it sends. */
interface Flooder {
  kind: string;
  ws: WebSocket;
  next: () => Buffer;
}

/** Joins with a raw WebSocket (acknowledged, so the server sends it state and patches). */
async function join(kind: string, seed: number): Promise<Flooder> {
  const ws = await rawJoin(Number(port), roomId!, { name: "flooder", role: "" });
  return { kind, ws, next: makeFrames(kind, seed) };
}

/** Floods until the server closes the socket or FLOOD_MS pass. */
async function flood({ kind, ws, next }: Flooder) {
  const t0 = performance.now();
  let closedAfterMs: number | null = null;
  let code: number | null = null;
  let sent = 0;
  if (ws.readyState !== WebSocket.OPEN) return { kind, closedAfterMs: 0, code: -1, sent };
  ws.once("close", (c: number) => {
    closedAfterMs = performance.now() - t0;
    code = c;
  });
  // A paused socket stops reading what the server sends; it still notices a reset on write.
  if (kind === "silent") (ws as unknown as { _socket: { pause(): void } })._socket.pause();
  while (closedAfterMs === null && performance.now() - t0 < FLOOD_MS) {
    // Full speed, but never more than 1 MiB queued on our side (the kernel buffers the rest).
    for (let i = 0; i < 512 && ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 1 << 20; i++) {
      ws.send(next());
      sent++;
    }
    // When TCP holds the flood back (the server stopped reading), wait instead of spinning:
    // an attacker's busy loop runs on the attacker's machine, not on the server's.
    if (ws.bufferedAmount >= 1 << 20) await new Promise((r) => setTimeout(r, 5));
    else await new Promise((r) => setImmediate(r));
  }
  ws.terminate();
  return { kind, closedAfterMs, code, sent };
}

const kinds = (kindList ?? "").split(",").filter(Boolean);
let joined: Flooder[] = [];
let round = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  if (command === "join") {
    round += 1;
    joined = await Promise.all(kinds.map((k, i) => join(k, round * 100 + i)));
    process.stdout.write("ready\n");
  } else if (command === "go") {
    process.stdout.write(`${JSON.stringify(await Promise.all(joined.map(flood)))}\n`);
  } else if (command === "exit") break;
}
process.exit(0);
