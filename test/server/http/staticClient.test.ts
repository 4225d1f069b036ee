/**
 * A reload of the kiosk comes from the browser's cache: hashed assets are immutable for a
 * year (never asked for again), index.html is revalidated and answered 304 with no body
 * when unchanged, in every encoding the build precompressed.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticClient } from "../../../server/http/staticClient";
import { request } from "../../abuse/http-helpers";

const PORT = 3710;
const ASSET = "assets/index-AbCd_f12.js";
let dir: string;
let server: Server;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-static-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Reconcile</title>");
  const js = "console.log('reconcile');".repeat(50);
  writeFileSync(join(dir, ASSET), js);
  writeFileSync(join(dir, `${ASSET}.br`), brotliCompressSync(js));
  const app = express();
  app.use(staticClient(dir));
  await new Promise<void>((resolve) => {
    server = app.listen(PORT, "127.0.0.1", resolve);
  });
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

// Plain node:http: fetch() adds `Cache-Control: no-cache` to a conditional request, which
// forbids the 304 a browser's reload gets.
const get = (path: string, headers: Record<string, string> = {}) => request(PORT, path, { headers });

describe("the client's cache headers", () => {
  it("index.html is revalidated, and a reload with its validator gets 304 and no body", async () => {
    const first = await get("/");
    expect(first.status).toBe(200);
    expect(first.headers["cache-control"]).toBe("no-cache");
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await get("/", { "If-None-Match": etag! });
    expect(again.status).toBe(304);
    expect(again.body).toBe("");
  });

  it("hashed assets are immutable for a year, plain and precompressed", async () => {
    for (const encoding of ["identity", "br"]) {
      const res = await get(`/${ASSET}`, { "Accept-Encoding": encoding });
      expect(res.status, encoding).toBe(200);
      expect(res.headers["cache-control"], encoding).toBe("public, max-age=31536000, immutable");
      if (encoding === "br") expect(res.headers["content-encoding"]).toBe("br");
    }
  });
});
