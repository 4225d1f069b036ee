/**
 * What every response says about itself: security headers (CSP, framing, nosniff,
 * referrer) on pages, assets, the health check, matchmaking and errors, no `X-Powered-By`;
 * the client's JavaScript sent brotli- or gzip-compressed when asked, with long-lived cache
 * headers for hashed assets and revalidation for index.html; the monitor absent unless a
 * password is set.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClientIfNeeded, ROOT, startServer, type ServerHandle } from "../e2e/helpers";
import { request, type Answer } from "./http-helpers";

let server: ServerHandle;
let script: string;

/** The security headers every response must carry. */
function expectSecurityHeaders(a: Answer, what: string): void {
  const h = a.headers;
  // Express answers a 404 with its own stricter policy (default-src 'none').
  expect(h["content-security-policy"], what).toMatch(/default-src '(self|none)'/);
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("no-referrer");
  expect(h["x-powered-by"], what).toBeUndefined();
}

describe("response headers", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    script = readdirSync(path.join(ROOT, "dist/client/assets")).find((f) => f.endsWith(".js"))!;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("every kind of response carries the security headers and no X-Powered-By", async () => {
    const port = server.port;
    const answers: [string, Answer][] = [
      ["/", await request(port, "/")],
      ["a hashed asset", await request(port, `/assets/${script}`)],
      ["an icon", await request(port, "/logo.svg")],
      ["the health check", await request(port, "/__healthcheck")],
      ["a missing file", await request(port, "/no-such-file")],
      [
        "matchmaking",
        await request(port, "/matchmake/create/match", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: "{}",
        }),
      ],
      [
        "a refused matchmaking request",
        await request(port, "/matchmake/join/match", { method: "POST", body: "{}" }),
      ],
    ];
    for (const [what, a] of answers) expectSecurityHeaders(a, what);
    const csp = answers[0]![1].headers["content-security-policy"]!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} wss://127.0.0.1:${port}`);
  });

  it("the client JS arrives brotli- or gzip-compressed when asked, identical once decoded", async () => {
    const plain = await request(server.port, `/assets/${script}`);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await request(server.port, `/assets/${script}`, {
      headers: { "Accept-Encoding": "gzip, br" },
    });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["vary"]).toMatch(/Accept-Encoding/);
    expect(br.headers["content-type"]).toMatch(/javascript/);
    const gz = await request(server.port, `/assets/${script}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    const bytes = (a: Answer) => Buffer.from(a.body, "latin1");
    expect(brotliDecompressSync(bytes(br)).equals(bytes(plain))).toBe(true);
    expect(gunzipSync(bytes(gz)).equals(bytes(plain))).toBe(true);
    expect(bytes(br).length).toBeLessThan(bytes(plain).length / 3);
    const css = readdirSync(path.join(ROOT, "dist/client/assets")).find((f) => f.endsWith(".css"))!;
    const style = await request(server.port, `/assets/${css}`, { headers: { "Accept-Encoding": "br" } });
    expect(style.headers["content-encoding"]).toBe("br");
  });

  it("hashed assets are cached for a year as immutable; index.html and the icons are revalidated", async () => {
    for (const encoding of ["br", "gzip", "identity"]) {
      const asset = await request(server.port, `/assets/${script}`, {
        headers: { "Accept-Encoding": encoding },
      });
      expect(asset.headers["cache-control"], encoding).toBe("public, max-age=31536000, immutable");
    }
    for (const p of ["/", "/index.html", "/logo.svg"])
      expect((await request(server.port, p)).headers["cache-control"], p).toBe("no-cache");
  });

  it("the monitor is not served without MONITOR_PASSWORD", async () => {
    expect((await request(server.port, "/colyseus/")).status).toBe(404);
    expect((await request(server.port, "/colyseus/api")).status).toBe(404);
  });
});
