/**
 * Server cost of a competition: a 20-team event (6 watchers per team, every role on
 * autopilot) on one process, real colyseus.js clients on loopback, the event's own timer
 * driving every team through presence. Measures the event tick (which steps all 20 teams),
 * process CPU per tick and the bytes one board client receives per second. Prints nothing;
 * `test/bench/run.ts` prints the result.
 */
import type { Room as ClientRoom } from "colyseus.js";
import { EVENT_ROOM, type Board, type EventRoom } from "../../server/rooms/EventRoom";
import { fromBoardRow } from "../../shared/competition";
import { stats, type MsStats } from "./server-bench";

/** What {@link benchEvent} returns. */
export interface EventBenchResult {
  teams: number;
  playersPerTeam: number;
  seconds: number;
  serverTicks: number;
  /** One event tick: every team's match step, results and status (ms). */
  eventTickMs: MsStats;
  /** Whole-process CPU per event tick, clients included (an upper bound for the server). */
  processCpuPerTickMs: number;
  /** Share of one core the process used. */
  cpuShare: number;
  boardBytesPerClientPerSecond: number;
  targets: { boardBytesPerClientPerSecond: number; p99TickMs: number };
  withinTargets: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs the 20-team event and measures it. */
export async function benchEvent(
  options: { teams?: number; players?: number; seconds?: number; port?: number } = {},
): Promise<EventBenchResult> {
  const saved = { log: console.log, info: console.info, warn: console.warn, debug: console.debug };
  console.log = console.info = console.warn = console.debug = () => undefined;
  const error = console.error;
  console.error = () => undefined;
  try {
    // 120 players from one loopback address: lift the per-address limits meant for the public.
    process.env.MAX_CONNECTIONS_PER_ADDRESS = "0";
    process.env.MATCHMAKE_PER_MINUTE = "100000";
    process.env.MAX_PENDING_SEATS_PER_ADDRESS = "1000";
    const { boot } = await import("@colyseus/testing");
    const { default: appConfig } = await import("../../server/app.config");
    console.error = error;
    const server = await boot(appConfig, options.port ?? 3602);
    const teams = options.teams ?? 20;
    const players = options.players ?? 6;
    const clients: ClientRoom[] = [];
    try {
      const facilitator = await server.sdk.create(EVENT_ROOM, { teams, seed: 42, durationSeconds: 3600 });
      const keys: string[] = [];
      facilitator.onMessage("facilitator", (m: { key: string }) => keys.push(m.key));
      const boards: Board[] = [];
      facilitator.onMessage("board", (b: Board) => boards.push(b));
      clients.push(facilitator);
      while (boards.at(-1)?.rows.length !== teams) await sleep(50);
      for (const t of boards.at(-1)!.rows.map(fromBoardRow))
        for (let i = 0; i < players; i++) {
          const c = await server.sdk.joinById(t.teamId, { name: `p${i}`, role: "" });
          c.onMessage("*", () => undefined);
          clients.push(c);
        }
      const watcher = await server.sdk.joinById(facilitator.roomId);
      watcher.onMessage("*", () => undefined);
      clients.push(watcher);
      let bytes = 0;
      const ws = (watcher.connection as unknown as { transport: { ws: WsLike } }).transport.ws;
      ws.addEventListener("message", (e) => {
        bytes += e.data instanceof ArrayBuffer ? e.data.byteLength : 0;
      });
      facilitator.send("control", { key: keys[0], kind: "move", move: "start" });
      const room = server.getRoomById(facilitator.roomId) as EventRoom;
      await sleep(2000);
      const tickMs: number[] = [];
      const tick = room.tick.bind(room);
      room.tick = () => {
        const t0 = performance.now();
        tick();
        tickMs.push(performance.now() - t0);
      };
      bytes = 0;
      const tick0 = room.serverTick;
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const seconds = options.seconds ?? 15;
      for (let s = 0; s < seconds; s++) {
        if (s % 3 === 0)
          facilitator.send("control", {
            key: keys[0],
            kind: "inject",
            type: "pod-kill",
            target: "shop/tomcat",
          });
        await sleep(1000);
      }
      const elapsed = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const ticks = room.serverTick - tick0;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      const targets = { boardBytesPerClientPerSecond: 4096, p99TickMs: 50 };
      const eventTickMs = stats(tickMs);
      const boardBytes = Math.round(bytes / elapsed);
      return {
        teams,
        playersPerTeam: players,
        seconds: Math.round(elapsed * 100) / 100,
        serverTicks: ticks,
        eventTickMs,
        processCpuPerTickMs: Math.round((cpuMs / Math.max(1, ticks)) * 1000) / 1000,
        cpuShare: Math.round((cpuMs / 1000 / elapsed) * 1000) / 1000,
        boardBytesPerClientPerSecond: boardBytes,
        targets,
        withinTargets:
          boardBytes <= targets.boardBytesPerClientPerSecond && eventTickMs.p99 <= targets.p99TickMs,
      };
    } finally {
      for (const c of clients) await c.leave(true).catch(() => undefined);
      await server.shutdown();
    }
  } finally {
    Object.assign(console, saved);
    console.error = error;
  }
}

interface WsLike {
  addEventListener(type: "message", cb: (e: { data: unknown }) => void): void;
}
