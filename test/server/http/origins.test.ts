/** Which browser origins may use the server: none but its own and ALLOWED_ORIGINS; non-browsers always. */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { originAllowed } from "../../../server/http/origins";

const req = (host: string, origin?: string) =>
  ({ headers: { host, ...(origin !== undefined ? { origin } : {}) } }) as IncomingMessage;

describe("originAllowed", () => {
  it("lets requests without an Origin through (not a cross-origin browser request)", () => {
    expect(originAllowed(req("booth.local:2567"), [])).toBe(true);
  });

  it("accepts the page's own host, http or https (a TLS proxy in front), default ports or not", () => {
    expect(originAllowed(req("booth.local:2567", "http://booth.local:2567"), [])).toBe(true);
    expect(originAllowed(req("game.example.org", "https://game.example.org"), [])).toBe(true);
    expect(originAllowed(req("game.example.org:443", "https://game.example.org"), [])).toBe(true);
    expect(originAllowed(req("Game.Example.org", "https://game.example.org"), [])).toBe(true);
  });

  it("refuses other hosts, ports, schemes and the null origin unless listed", () => {
    for (const origin of [
      "http://booth.local:2568",
      "http://evil.example",
      "http://booth.local.evil.example:2567",
      "null",
      "file://",
      "chrome-extension://abc",
    ])
      expect(originAllowed(req("booth.local:2567", origin), []), origin).toBe(false);
    expect(originAllowed(req("booth.local:2567", "http://localhost:5173"), ["http://localhost:5173"])).toBe(
      true,
    );
  });
});
