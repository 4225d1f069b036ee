/** `?server=`: a link may point the page only at its own server or one the build allows. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { serverUrl, type ServerPolicy } from "../../client/src/net/connection";

const page = (search: string, protocol = "http:", host = "booth.local:2567") => ({ protocol, host, search });
const none: ServerPolicy = { allowed: [], loopback: false };

describe("serverUrl", () => {
  afterEach(() => vi.restoreAllMocks());

  it("is the page's own origin, ws or wss as the page", () => {
    expect(serverUrl(page(""), none)).toBe("ws://booth.local:2567");
    expect(serverUrl(page("", "https:", "game.example.org"), none)).toBe("wss://game.example.org");
  });

  it("accepts ?server= naming the page's own host", () => {
    expect(serverUrl(page("?server=ws://booth.local:2567"), none)).toBe("ws://booth.local:2567");
    expect(serverUrl(page("?server=wss://BOOTH.local:2567"), none)).toBe("wss://booth.local:2567");
  });

  it("ignores ?server= naming any other server, with a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    for (const other of [
      "ws://evil.example:2567",
      "ws://booth.local:2568",
      "wss://booth.local.evil.example",
      "javascript:alert(1)",
      "not a url",
      "ws://localhost:2567",
    ])
      expect(serverUrl(page(`?server=${encodeURIComponent(other)}`), none), other).toBe(
        "ws://booth.local:2567",
      );
    expect(warn).toHaveBeenCalled();
  });

  it("accepts a server the build allows, and loopback servers only where the policy says (the Vite dev server)", () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const allowed: ServerPolicy = { allowed: ["game.example.org"], loopback: false };
    expect(serverUrl(page("?server=wss://game.example.org"), allowed)).toBe("wss://game.example.org");
    const dev: ServerPolicy = { allowed: [], loopback: true };
    expect(serverUrl(page("?server=ws://localhost:2567", "http:", "localhost:5173"), dev)).toBe(
      "ws://localhost:2567",
    );
    expect(serverUrl(page("?server=ws://127.0.0.1:2567", "http:", "localhost:5173"), dev)).toBe(
      "ws://127.0.0.1:2567",
    );
    expect(serverUrl(page("?server=ws://evil.example", "http:", "localhost:5173"), dev)).toBe(
      "ws://localhost:5173",
    );
  });

  it("takes http(s):// for ws(s):// and refuses an override with a path", () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const allowed: ServerPolicy = { allowed: ["game.example.org"], loopback: false };
    expect(serverUrl(page("?server=http://booth.local:2567"), none)).toBe("ws://booth.local:2567");
    expect(serverUrl(page("?server=https://game.example.org"), allowed)).toBe("wss://game.example.org");
    expect(serverUrl(page("?server=wss://game.example.org/elsewhere"), allowed)).toBe(
      "ws://booth.local:2567",
    );
  });
});
