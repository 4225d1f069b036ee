/**
 * Other origins: a web page a visitor happens to open cannot use the game server from their
 * browser. Preflights and requests carrying a foreign `Origin` are refused (403, no
 * `Access-Control-Allow-Origin`), WebSocket upgrades too; requests with no `Origin` (not a
 * browser: curl, colyseus.js in Node) and the server's own pages pass; `ALLOWED_ORIGINS` adds
 * origins. In Chromium, a page served from another local port cannot create a room, while
 * the same page from an allowed origin can (so the check would see a room if one were made).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer, type ServerHandle } from "../e2e/helpers";
import { listedRooms, matchmake, request } from "./http-helpers";

let game: ServerHandle;
let browser: Browser;
const pages: http.Server[] = [];
let foreign = "";
let allowed = "";

/** A page that tries to create a match on `target` in two ways, recording what happened in `window.__results`. */
function attackPage(target: string): string {
  return `<!doctype html><script>
  const url = ${JSON.stringify(target)} + "/matchmake/create/match";
  const body = JSON.stringify({ name: "Mallory" });
  window.__results = Promise.all([
    fetch(url, { method: "POST", credentials: "include", headers: { "Content-Type": "application/json" }, body })
      .then((r) => r.text().then((t) => "read: " + t), (e) => "blocked: " + e),
    fetch(url, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body })
      .then((r) => "sent: " + r.type, (e) => "blocked: " + e),
  ]);
</script>`;
}

/** Serves the attack page on a port of its own; returns its origin. */
async function servePage(html: () => string): Promise<string> {
  const s = http.createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(html()));
  pages.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe("other origins", () => {
  beforeAll(async () => {
    foreign = await servePage(() => attackPage(game.url));
    allowed = await servePage(() => attackPage(game.url));
    game = await startServer({ ALLOWED_ORIGINS: allowed });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await game?.stop();
    for (const s of pages) s.close();
  });

  it("refuses a foreign origin's preflight and requests, without Access-Control-Allow-Origin", async () => {
    const preflight = await request(game.port, "/matchmake/create/match", {
      method: "OPTIONS",
      headers: {
        Origin: foreign,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    for (const origin of [
      foreign,
      "http://evil.example",
      "null",
      `http://127.0.0.1.evil.example:${game.port}`,
    ]) {
      const simple = await matchmake(game.port, "create", "match", { name: "Mallory" }, "127.0.0.1", {
        Origin: origin,
        "Content-Type": "text/plain",
      });
      expect(simple, origin).toMatchObject({
        status: 403,
        error: expect.stringMatching(/^FORBIDDEN_ORIGIN/),
      });
      expect(simple.sessionId).toBeUndefined();
    }
    const page = await request(game.port, "/", { headers: { Origin: foreign } });
    expect(page.status).toBe(403);
    expect(await listedRooms(game.url)).toEqual([]);
  });

  it("refuses a foreign origin's WebSocket upgrade", async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${game.port}/any/room`, { headers: { Origin: foreign } });
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => resolve(101));
      ws.on("error", () => resolve(-1));
    });
    expect(status).toBe(403);
  });

  it("serves its own origin, ALLOWED_ORIGINS and clients with no Origin", async () => {
    const own = await request(game.port, "/matchmake/create/match", {
      method: "OPTIONS",
      headers: { Origin: game.url, "Access-Control-Request-Method": "POST" },
    });
    expect(own.status).toBe(204);
    expect(own.headers["access-control-allow-origin"]).toBe(game.url);
    // (From another address: this address's unused reservations are limited, and the Chromium test needs some.)
    const listed = await matchmake(game.port, "create", "match", {}, "127.0.0.3", { Origin: allowed });
    expect(listed.sessionId).toBeDefined();
    expect((await matchmake(game.port, "create", "match", {}, "127.0.0.3")).sessionId).toBeDefined();
  });

  it("in Chromium, a page from another local port cannot create a room; from an allowed origin it can", async () => {
    const before = await listedRooms(game.url);
    const page = await browser.newPage();
    await page.goto(foreign);
    const results = await page.evaluate(
      () => (window as unknown as { __results: Promise<string[]> }).__results,
    );
    expect(results[0]).toMatch(/^blocked: TypeError/);
    // results[1]: a no-cors POST leaves the browser whatever the page sees of the answer (CORP
    // hides even the opaque one), so only the server's refusal keeps the room from being made.
    expect(results).toHaveLength(2);
    expect((await listedRooms(game.url)).filter((id) => !before.includes(id))).toEqual([]);
    await page.goto(allowed);
    const control = await page.evaluate(
      () => (window as unknown as { __results: Promise<string[]> }).__results,
    );
    expect(control[0]).toMatch(/^read: .*"sessionId"/);
    const made = (JSON.parse(control[0]!.slice("read: ".length)) as { room: { roomId: string } }).room.roomId;
    expect(await listedRooms(game.url)).toContain(made);
    await page.close();
  });
});
