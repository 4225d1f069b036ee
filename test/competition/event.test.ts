/** Event options and control messages: bad input gets a sentence; good input comes back cleaned. */
import { describe, expect, it } from "vitest";
import { validateControl, validateEventOptions } from "../../shared/competition";

describe("validateEventOptions", () => {
  it("accepts 2 to 20 teams with a name and the match options", () => {
    expect(validateEventOptions({ name: " Dojo ", teams: 20, seed: 3, clock: "arcade" })).toEqual({
      ok: true,
      value: { name: "Dojo", teams: 20 },
    });
    expect(validateEventOptions({})).toEqual({ ok: true, value: { name: "Competition", teams: 2 } });
  });

  it("refuses a bad team count, name or match option with a reason", () => {
    for (const teams of [1, 21, 2.5, "3"]) {
      const v = validateEventOptions({ teams });
      expect(!v.ok && v.error.message).toMatch(/"teams" must be a whole number from 2 to 20/);
    }
    const long = validateEventOptions({ name: "x".repeat(41) });
    expect(!long.ok && long.error.message).toMatch(/"name"/);
    expect(validateEventOptions({ name: "a\u202eb" }).ok).toBe(false);
    expect(validateEventOptions({ seed: -1 }).ok).toBe(false);
    expect(validateEventOptions(null).ok).toBe(false);
  });
});

describe("validateControl", () => {
  it("takes a clock move or an injection into all or one team", () => {
    expect(validateControl({ kind: "move", move: "pause" })).toEqual({
      ok: true,
      value: { kind: "move", move: "pause" },
    });
    expect(validateControl({ kind: "inject", type: "pod-kill", target: "shop/mysql", team: "ACDE" })).toEqual(
      {
        ok: true,
        value: { kind: "inject", type: "pod-kill", target: "shop/mysql", team: "ACDE" },
      },
    );
  });

  it("refuses unknown moves, chaos types and kinds", () => {
    expect(validateControl({ kind: "move", move: "restart" }).ok).toBe(false);
    expect(validateControl({ kind: "inject", type: "meteor" }).ok).toBe(false);
    expect(validateControl({ kind: "inject", type: "pod-kill", team: 7 }).ok).toBe(false);
    expect(validateControl({ kind: "reboot" }).ok).toBe(false);
    expect(validateControl("start").ok).toBe(false);
  });
});
