/**
 * The booth router on its own (an Express app on loopback, an in-memory store): uploads
 * held to BOOTH_UPLOADS_PER_MINUTE per address before their body is read, query and route
 * refusals as coded JSON, nothing cached.
 */
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoothService } from "../../../server/booth/service";
import { BOOTH_ROUTE, boothRouter } from "../../../server/http/booth";
import { readHttpSettings } from "../../../server/http/settings";
import { openSqliteStore, type SqliteResultsStore } from "../../../server/store/sqlite";

const PORT = 3711;
let server: Server;
let store: SqliteResultsStore;

beforeAll(async () => {
  store = await openSqliteStore(":memory:");
  const { limits } = readHttpSettings({ BOOTH_UPLOADS_PER_MINUTE: "2" });
  const app = express();
  app.use(
    BOOTH_ROUTE,
    boothRouter(new BoothService({ results: () => store }), () => "operator-key-1234", limits),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(PORT, "127.0.0.1", resolve);
  });
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await store.close();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${PORT}${BOOTH_ROUTE}${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { error?: string } };
}

describe("booth router", () => {
  it("holds uploads to the per-address rate, with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call("POST", "/uploads", { roundId: "short" })).status);
    expect(statuses).toEqual([400, 400, 429]);
    const over = await call("POST", "/uploads", { roundId: "short" });
    expect(over.body.error).toMatch(/^RATE_LIMITED/);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses bad queries and unknown routes as coded JSON, never cached", async () => {
    const week = await call("GET", "/board?scope=week");
    expect(week.status).toBe(400);
    expect(week.body.error).toMatch(/^BAD_QUERY: scope/);
    expect(week.headers.get("cache-control")).toBe("no-store");
    expect((await call("GET", "/config?x=1")).status).toBe(400);
    const nowhere = await call("DELETE", "/board");
    expect(nowhere.status).toBe(404);
    expect(nowhere.body.error).toMatch(/^NOT_FOUND/);
    const config = await call("GET", "/config");
    expect(config.status).toBe(200);
    expect(config.headers.get("cache-control")).toBe("no-store");
  });
});
