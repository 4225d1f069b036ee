/**
 * The booth's day boundary (Intl, the booth's time zone), its operator key (from the
 * environment or made once and printed) and PUBLIC_URL.
 */
import { afterEach, describe, expect, it } from "vitest";
import { dayOf, isTimeZone } from "../../../server/booth/day";
import { describeOperatorKey, operatorKey, resetOperatorKey } from "../../../server/booth/operatorKey";
import { readPublicUrl } from "../../../server/booth/publicUrl";

afterEach(() => resetOperatorKey());

describe("the booth's day", () => {
  it("turns at midnight in the booth's time zone, not the server's", () => {
    const utcEvening = Date.UTC(2026, 10, 25, 16, 30); // 16:30 UTC = 00:30 next day in Shanghai
    expect(dayOf(utcEvening, "UTC")).toBe("2026-11-25");
    expect(dayOf(utcEvening, "Asia/Shanghai")).toBe("2026-11-26");
    expect(dayOf(Date.UTC(2026, 10, 25, 15, 59, 59), "Asia/Shanghai")).toBe("2026-11-25");
    expect(dayOf(Date.UTC(2026, 10, 25, 4, 59), "America/New_York")).toBe("2026-11-24");
  });
  it("knows IANA zones and refuses made-up ones", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});

describe("the operator key", () => {
  it("comes from BOOTH_OPERATOR_KEY and is not printed", () => {
    const k = operatorKey({ BOOTH_OPERATOR_KEY: " a-long-enough-key " });
    expect(k).toEqual({ key: "a-long-enough-key", generated: false });
    expect(describeOperatorKey(k)).not.toContain(k.key);
  });
  it("is made once per process when unset, and printed for the operator", () => {
    const k = operatorKey({});
    expect(k.generated).toBe(true);
    expect(k.key.length).toBeGreaterThanOrEqual(12);
    expect(operatorKey({})).toBe(k);
    expect(describeOperatorKey(k)).toContain(k.key);
    resetOperatorKey();
    expect(operatorKey({}).key).not.toBe(k.key);
  });
  it("refuses a short key with a message naming the variable", () => {
    expect(() => operatorKey({ BOOTH_OPERATOR_KEY: "1234" })).toThrow(/BOOTH_OPERATOR_KEY/);
  });
});

describe("PUBLIC_URL", () => {
  it("is an http(s) address, or null when unset", () => {
    expect(readPublicUrl({})).toBeNull();
    expect(readPublicUrl({ PUBLIC_URL: "http://10.0.0.5:2567" })).toBe("http://10.0.0.5:2567/");
    expect(() => readPublicUrl({ PUBLIC_URL: "ftp://x" })).toThrow(/PUBLIC_URL/);
    expect(() => readPublicUrl({ PUBLIC_URL: "not a url" })).toThrow(/PUBLIC_URL/);
  });
});
