/**
 * Oversized request bodies: a 10 MB matchmaking body is refused with 413 before the server
 * reads it (on its Content-Length header, before a 100-continue, or after the first few KB
 * of a chunked body), the connection is closed so the rest is never read, no room is made,
 * and ten such uploads at once leave the server's memory where it was. The connection
 * lingers (the rest is read and dropped) so a client that reads its answer late still gets
 * the 413 rather than a TCP reset, and one that never stops sending is cut off.
 */
import { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINGER_MS } from "../../server/http/lingeringClose";
import { LIMITS } from "../../server/http/settings";
import { startServer, type ServerHandle } from "../e2e/helpers";
import { listedRooms, request, rssMiB, serverPid, sleep } from "./http-helpers";

const TEN_MB = 10 * 1024 * 1024;
const CHUNK = 64 * 1024;
let server: ServerHandle;

/** How an upload went: the final status, and how many body bytes had been sent when it came. */
interface Upload {
  status: number;
  body: string;
  sentBeforeAnswer: number;
}

/**
 * POSTs a 10 MB JSON-ish body to create a match, at most `pace` ms between 64 KB chunks,
 * stopping as soon as the server answers or closes.
 */
function upload(port: number, mode: "length" | "chunked" | "expect", pace = 5): Promise<Upload> {
  return new Promise((resolve) => {
    const s = new Socket();
    let sent = 0;
    let answer = "";
    let sentBeforeAnswer = -1;
    let status = 0;
    const finish = () => {
      s.destroy();
      resolve({ status, body: answer.split("\r\n\r\n").pop() ?? "", sentBeforeAnswer });
    };
    s.on("data", (d: Buffer) => {
      answer += d.toString("latin1");
      const finals = [...answer.matchAll(/HTTP\/1\.1 (\d{3})/g)]
        .map((m) => Number(m[1]))
        .filter((c) => c !== 100);
      if (finals.length && sentBeforeAnswer < 0) {
        status = finals[0]!;
        sentBeforeAnswer = sent;
      }
    });
    s.on("error", () => undefined);
    s.on("close", finish);
    s.connect({ host: "127.0.0.1", port }, async () => {
      const headers = [
        "POST /matchmake/create/match HTTP/1.1",
        `Host: 127.0.0.1:${port}`,
        "Content-Type: application/json",
        mode === "chunked" ? "Transfer-Encoding: chunked" : `Content-Length: ${TEN_MB}`,
        ...(mode === "expect" ? ["Expect: 100-continue"] : []),
      ];
      s.write(headers.join("\r\n") + "\r\n\r\n");
      if (mode === "expect") await sleep(500); // what curl does: wait for 100 Continue (or a refusal)
      const chunk = Buffer.alloc(CHUNK, "a");
      while (sent < TEN_MB && sentBeforeAnswer < 0 && !s.destroyed) {
        if (mode === "chunked") s.write(`${CHUNK.toString(16)}\r\n`);
        s.write(chunk);
        if (mode === "chunked") s.write("\r\n");
        sent += CHUNK;
        await sleep(pace);
      }
      await sleep(200);
      finish();
    });
  });
}

describe("oversized request bodies", () => {
  beforeAll(async () => {
    server = await startServer({ MAX_ROOMS_PER_ADDRESS: "100" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("a 10 MB body with Content-Length: 413 on the header, the body left unread", async () => {
    const u = await upload(server.port, "length");
    expect(u.status).toBe(413);
    expect(JSON.parse(u.body)).toEqual({
      code: 413,
      // Creating a match has its own, larger limit: it may carry an uploaded scenario file.
      error: `TOO_LONG: request body over ${LIMITS.createBodyBytes.default} bytes`,
    });
    expect(u.sentBeforeAnswer).toBeLessThan(1024 * 1024);
  });

  it("a 10 MB body behind Expect: 100-continue: 413 before a single body byte is sent", async () => {
    const u = await upload(server.port, "expect");
    expect(u.status).toBe(413);
    expect(u.sentBeforeAnswer).toBe(0);
  });

  it("a 10 MB chunked body (no Content-Length): 413 after the limit, the rest unread", async () => {
    const u = await upload(server.port, "chunked");
    expect(u.status).toBe(413);
    expect(u.sentBeforeAnswer).toBeLessThan(1024 * 1024);
  });

  it("ten 10 MB uploads at once, full speed: memory stays put and no room is created", async () => {
    const pid = serverPid(server.proc.pid!);
    await upload(server.port, "length", 0); // warm the code path before the baseline
    const before = rssMiB(pid);
    const all = await Promise.all(
      Array.from({ length: 10 }, (_, i) => upload(server.port, i % 2 ? "chunked" : "length", 0)),
    );
    expect(all.map((u) => u.status)).toEqual(Array(10).fill(413));
    const grew = rssMiB(pid) - before;
    expect(grew, `RSS grew ${grew.toFixed(1)} MiB for 100 MB sent`).toBeLessThan(32);
    expect(await listedRooms(server.url)).toEqual([]);
    // A request within the limit still works.
    const ok = await request(server.port, "/matchmake/create/match", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Ada" }),
    });
    expect(JSON.parse(ok.body)).toMatchObject({ sessionId: expect.any(String) });
  });

  it("a client that reads its answer late still gets the 413, not a connection reset", async () => {
    const s = await rawConnection(server.port);
    s.pause(); // the answer waits in the client's receive buffer, unread
    s.write(postHead(server.port, TEN_MB));
    s.write(Buffer.alloc(4 * 1024 * 1024, "a"));
    await sleep(500);
    s.resume();
    await sleep(300);
    s.destroy();
    expect(s.answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it("a client that keeps sending after the 413 is cut off once the linger ends", async () => {
    const s = await rawConnection(server.port, true); // ignores the server's FIN, keeps writing
    s.write(postHead(server.port, 1024 * 1024 * 1024));
    const started = Date.now();
    while (!s.closed && Date.now() - started < LINGER_MS + 3000) {
      s.write(Buffer.alloc(CHUNK, "a"));
      await sleep(5);
    }
    expect(s.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(s.closed, "the server closed the connection").toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(LINGER_MS - 100); // it did linger first
    s.destroy();
  });
});

/** A raw TCP connection to the server that collects what it answers. */
async function rawConnection(port: number, allowHalfOpen = false): Promise<Socket & { answer: string }> {
  const s = Object.assign(new Socket({ allowHalfOpen }), { answer: "" });
  s.on("data", (d: Buffer) => (s.answer += d.toString("latin1")));
  s.on("error", () => undefined);
  await new Promise<void>((r) => s.connect({ host: "127.0.0.1", port }, r));
  return s;
}

/** The head of a match-creating POST announcing `length` body bytes. */
function postHead(port: number, length: number): string {
  return `POST /matchmake/create/match HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
}
