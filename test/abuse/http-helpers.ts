/**
 * Helpers of the HTTP and seat abuse tests: raw HTTP requests from a chosen loopback address
 * (all of 127.0.0.0/8 reaches the server, so each address can play another visitor), seat
 * reservations, the lobby's listing of rooms, and a server process's resident memory.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { Client } from "colyseus.js";
import { LOBBY_ROOM } from "../../shared/protocol";

/** An HTTP answer. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request on its own connection (no keep-alive), optionally from `localAddress`. */
export function request(
  port: number,
  path: string,
  opts: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: opts.method ?? "GET",
        headers: opts.headers,
        localAddress: opts.localAddress,
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("latin1");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** What a matchmaking answer carries. */
export interface Reserved {
  status: number;
  sessionId?: string;
  room?: { roomId: string; name: string };
  code?: number;
  error?: string;
}

/** `POST /matchmake/<method>/<name>` with JSON options, from `localAddress`. */
export async function matchmake(
  port: number,
  method: string,
  name: string,
  options: unknown,
  localAddress = "127.0.0.1",
  headers: http.OutgoingHttpHeaders = {},
): Promise<Reserved> {
  const a = await request(port, `/matchmake/${method}/${name}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(options),
    localAddress,
  });
  let parsed: Omit<Reserved, "status"> = {};
  try {
    parsed = JSON.parse(a.body) as Omit<Reserved, "status">;
  } catch {
    parsed = { error: a.body };
  }
  return { status: a.status, ...parsed };
}

/** The ids of the rooms the public lobby lists now. */
export async function listedRooms(url: string): Promise<string[]> {
  const lobby = await new Client(url.replace(/^http/, "ws")).joinOrCreate(LOBBY_ROOM);
  try {
    return await new Promise<string[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the lobby sent no room list")), 5000);
      lobby.onMessage("rooms", (rooms: { roomId: string }[]) => {
        clearTimeout(timer);
        resolve(rooms.map((r) => r.roomId));
      });
      lobby.onMessage("+", () => undefined);
      lobby.onMessage("-", () => undefined);
    });
  } finally {
    await lobby.leave(true);
  }
}

/** The process that runs the server: `tsx` starts the server as its child. */
export function serverPid(tsxPid: number): number {
  const children = readFileSync(`/proc/${tsxPid}/task/${tsxPid}/children`, "utf8").trim().split(/\s+/);
  return Number(children[0] ?? tsxPid);
}

/** Resident memory of a process, in MiB. */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

/** Waits `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
