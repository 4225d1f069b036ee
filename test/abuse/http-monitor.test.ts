/**
 * The monitor (`/colyseus`) behind MONITOR_PASSWORD: the right credentials open it, a wrong
 * password (of any length) gets 401, and after MONITOR_MAX_FAILURES wrong ones an address is
 * locked out — even the right password gets 429 with Retry-After — until
 * MONITOR_LOCKOUT_SECONDS pass; other addresses are not locked out, and a browser's
 * credential-less request for the login prompt is not a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerHandle } from "../e2e/helpers";
import { request, sleep } from "./http-helpers";

let server: ServerHandle;
const basic = (user: string, password: string) =>
  "Basic " + Buffer.from(`${user}:${password}`).toString("base64");
const RIGHT = basic("admin", "booth-secret");

/** The monitor API's status for these credentials, asked from `from`. */
async function monitorStatus(authorization: string | undefined, from = "127.0.0.1"): Promise<number> {
  const headers = authorization ? { Authorization: authorization } : undefined;
  return (await request(server.port, "/colyseus/api", { headers, localAddress: from })).status;
}

describe("the monitor", () => {
  beforeAll(async () => {
    server = await startServer({
      MONITOR_PASSWORD: "booth-secret",
      MONITOR_MAX_FAILURES: "3",
      MONITOR_LOCKOUT_SECONDS: "2",
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("opens with the right credentials only; asking without any is not a failure", async () => {
    for (let i = 0; i < 5; i++) expect(await monitorStatus(undefined)).toBe(401);
    expect(await monitorStatus(RIGHT)).toBe(200);
    const prompt = await request(server.port, "/colyseus/");
    expect(prompt.headers["www-authenticate"]).toMatch(/^Basic /);
  });

  it("locks an address out after MONITOR_MAX_FAILURES wrong passwords, then lets it in again", async () => {
    const from = "127.0.0.40";
    const wrong = [basic("admin", "x"), basic("admin", "booth-secreT"), basic("root", "booth-secret")];
    for (const w of wrong) expect(await monitorStatus(w, from)).toBe(401);
    const locked = await request(server.port, "/colyseus/api", {
      headers: { Authorization: RIGHT },
      localAddress: from,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(await monitorStatus(RIGHT, "127.0.0.41")).toBe(200);
    await sleep(2500);
    expect(await monitorStatus(RIGHT, from)).toBe(200);
  });
});
