/**
 * Server cost of one match: a real server on loopback, real colyseus.js clients, the room
 * ticking on its own timer. Measures the room's CPU per tick (step + projection + patch
 * encoding, via process CPU time) and the bytes each client receives per second, in steady
 * state and while chaos is injected. Prints nothing; `test/bench/run.ts` prints the result.
 */
import type { Room as ClientRoom } from "colyseus.js";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import { MATCH_ROOM } from "../../shared/protocol";

/** Options of {@link benchServer}. */
export interface ServerBenchOptions {
  /** Clients in the match (default 6). */
  players?: number;
  /** Seconds measured in steady state (default 15). */
  steadySeconds?: number;
  /** Seconds measured while the host injects a pod-kill every second (default 15). */
  chaosSeconds?: number;
  /** Port for the bench server (default 2590). */
  port?: number;
}

/** Mean and 99th percentile of a sample, in milliseconds. */
export interface MsStats {
  mean: number;
  p99: number;
  max: number;
  samples: number;
}

/** One measured window. */
export interface WindowResult {
  seconds: number;
  ticks: number;
  /** Room work per tick: `step` + results (ms). */
  tickMs: MsStats;
  /** Projection of the world into the schema, once per patch (ms). */
  projectMs: MsStats;
  /** Whole-process CPU time (user + system) per tick: step, projection, encoding, sockets (ms). */
  processCpuPerTickMs: number;
  /** Bytes received per client per second (WebSocket payloads, mean over clients). */
  bytesPerClientPerSecond: number;
  /** Availability at the end of the window. */
  availability: number;
}

/** What {@link benchServer} returns. */
export interface ServerBenchResult {
  scenario: "nmt";
  players: number;
  tickMs: number;
  patchMs: number;
  steady: WindowResult;
  chaos: WindowResult;
  targets: { bytesPerClientPerSecond: number; p99TickMs: number };
  withinTargets: boolean;
}

/** Mean, p99 and max of a sample in ms. */
export function stats(xs: number[]): MsStats {
  if (xs.length === 0) return { mean: 0, p99: 0, max: 0, samples: 0 };
  const s = [...xs].sort((a, b) => a - b);
  const p99 = s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)] ?? 0;
  const r = (n: number) => Math.round(n * 1000) / 1000;
  return {
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
    p99: r(p99),
    max: r(s[s.length - 1] ?? 0),
    samples: s.length,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a 6-player nmt match on loopback and measures the server's cost per tick and per client. */
export async function benchServer(options: ServerBenchOptions = {}): Promise<ServerBenchResult> {
  // The bench prints nothing: @colyseus/tools announces .env files on import, colyseus.js
  // warns about unhandled message types. Silence the console while it runs.
  const saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
  console.log = console.info = console.warn = console.debug = () => undefined;
  try {
    return await run(options);
  } finally {
    Object.assign(console, saved);
  }
}

async function run(options: ServerBenchOptions): Promise<ServerBenchResult> {
  const players = options.players ?? 6;
  const port = options.port ?? 2590;
  // dotenv (inside @colyseus/tools) reports on stderr what it loaded; keep the bench silent.
  const error = console.error;
  console.error = () => undefined;
  const { boot } = await import("@colyseus/testing");
  const { default: appConfig } = await import("../../server/app.config").finally(() => {
    console.error = error;
  });
  const server = await boot(appConfig, port);
  const clients: ClientRoom[] = [];
  const bytes: number[] = [];
  try {
    for (let i = 0; i < players; i++) {
      // Watchers: every role stays on autopilot so chaos heals and the state keeps churning.
      const opts = { name: `bench-${i}`, role: "", seed: 42, durationSeconds: 3600 };
      const c =
        i === 0
          ? await server.sdk.create(MATCH_ROOM, opts)
          : await server.sdk.joinById(clients[0]!.roomId, opts);
      c.onMessage("*", () => undefined);
      clients.push(c);
      bytes.push(0);
      const ws = (c.connection as unknown as { transport: { ws: { addEventListener: WsListen } } }).transport
        .ws;
      ws.addEventListener("message", (e) => {
        bytes[i]! += byteLength(e.data);
      });
    }
    const room = server.getRoomById(clients[0]!.roomId) as MatchRoom;
    const host = clients[0]!;
    host.send("start");
    await sleep(2000); // warm up: JIT, first patches

    const measure = async (seconds: number, everySecond?: (s: number) => void): Promise<WindowResult> => {
      room.cost.tickMs.length = 0;
      room.cost.projectMs.length = 0;
      room.collectCost = true;
      bytes.fill(0);
      const tick0 = room.world.tick;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (let s = 0; s < seconds; s++) {
        everySecond?.(s);
        await sleep(1000);
      }
      const elapsed = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      room.collectCost = false;
      const ticks = room.world.tick - tick0;
      // The clients run in this process too; their decoding is part of process CPU, so this
      // figure is an upper bound for the server alone.
      const cpuMs = (cpu.user + cpu.system) / 1000;
      return {
        seconds: Math.round(elapsed * 100) / 100,
        ticks,
        tickMs: stats(room.cost.tickMs),
        projectMs: stats(room.cost.projectMs),
        processCpuPerTickMs: Math.round((cpuMs / Math.max(1, ticks)) * 1000) / 1000,
        bytesPerClientPerSecond: Math.round(bytes.reduce((a, b) => a + b, 0) / players / elapsed),
        availability: room.state.availability.overall,
      };
    };

    const steady = await measure(options.steadySeconds ?? 15);
    const targets = ["shop/nginx", "shop/tomcat", "shop/mysql"];
    const chaos = await measure(options.chaosSeconds ?? 15, (s) =>
      host.send("inject", { type: "pod-kill", target: targets[s % targets.length] }),
    );
    const targetsOut = { bytesPerClientPerSecond: 2048, p99TickMs: 5 };
    return {
      scenario: "nmt",
      players,
      tickMs: 100,
      patchMs: 200,
      steady,
      chaos,
      targets: targetsOut,
      withinTargets:
        steady.bytesPerClientPerSecond <= targetsOut.bytesPerClientPerSecond &&
        [steady, chaos].every(
          (w) => w.tickMs.p99 <= targetsOut.p99TickMs && w.projectMs.p99 <= targetsOut.p99TickMs,
        ),
    };
  } finally {
    for (const c of clients) await c.leave(true).catch(() => undefined);
    await server.shutdown();
  }
}

type WsListen = (type: "message", cb: (e: { data: unknown }) => void) => void;

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  if (typeof data === "string") return data.length;
  return 0;
}
