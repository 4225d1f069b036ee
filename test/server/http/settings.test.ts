/** The HTTP settings from the environment: defaults, overrides, and a clear error for a malformed value. */
import { describe, expect, it } from "vitest";
import { describeHttpSettings, LIMITS, readHttpSettings } from "../../../server/http/settings";

describe("readHttpSettings", () => {
  it("gives every limit its default when nothing is set", () => {
    const s = readHttpSettings({});
    for (const [key, spec] of Object.entries(LIMITS))
      expect(s.limits[key as keyof typeof LIMITS], key).toBe(spec.default);
    expect(s).toMatchObject({ allowedOrigins: [], publicLobby: true, trustProxy: false });
  });

  it("reads each variable", () => {
    const s = readHttpSettings({
      MAX_BODY_BYTES: "8192",
      MAX_CONNECTIONS_PER_ADDRESS: "0",
      ALLOWED_ORIGINS: "https://game.example.org, http://localhost:5173/",
      PUBLIC_LOBBY: "0",
      TRUST_PROXY: "1",
    });
    expect(s.limits.maxBodyBytes).toBe(8192);
    expect(s.limits.connectionsPerAddress).toBe(0);
    expect(s.allowedOrigins).toEqual(["https://game.example.org", "http://localhost:5173"]);
    expect(s.publicLobby).toBe(false);
    expect(s.trustProxy).toBe(1);
    expect(readHttpSettings({ TRUST_PROXY: "loopback" }).trustProxy).toBe("loopback");
  });

  it("refuses a malformed value, naming the variable", () => {
    expect(() => readHttpSettings({ MAX_BODY_BYTES: "4k" })).toThrow(
      /^MAX_BODY_BYTES must be a whole number ≥ 256/,
    );
    expect(() => readHttpSettings({ MAX_ROOMS_PER_ADDRESS: "0" })).toThrow(/^MAX_ROOMS_PER_ADDRESS/);
    expect(() => readHttpSettings({ SEAT_RESERVATION_SECONDS: "-1" })).toThrow(/^SEAT_RESERVATION_SECONDS/);
    expect(() => readHttpSettings({ ALLOWED_ORIGINS: "game.example.org" })).toThrow(/^ALLOWED_ORIGINS/);
    expect(() => readHttpSettings({ ALLOWED_ORIGINS: "https://game.example.org/play" })).toThrow(/no path/);
    expect(() => readHttpSettings({ PUBLIC_LOBBY: "maybe" })).toThrow(/^PUBLIC_LOBBY must be 1 or 0/);
  });

  it("prints every variable with its value", () => {
    const text = describeHttpSettings(readHttpSettings({ MAX_ROOMS_PER_ADDRESS: "3" }));
    for (const spec of Object.values(LIMITS)) expect(text).toContain(`${spec.env}=`);
    expect(text).toContain("MAX_ROOMS_PER_ADDRESS=3");
    expect(text).toContain("PUBLIC_LOBBY=1");
  });
});
