/** Event options and control messages: bad input gets a sentence; good input comes back cleaned. */
import { describe, expect, it } from "vitest";
import {
  MAX_EVENT_NAME,
  sameTeamName,
  validateControl,
  validateEventOptions,
  validateTeamName,
} from "../../shared/competition";

describe("validateEventOptions", () => {
  it("accepts 2 to 20 teams with a name and the match options", () => {
    expect(validateEventOptions({ name: " Dojo ", teams: 20, seed: 3, clock: "arcade" })).toEqual({
      ok: true,
      value: { name: "Dojo", teams: 20, signup: false },
    });
    expect(validateEventOptions({})).toEqual({
      ok: true,
      value: { name: "Competition", teams: 2, signup: false },
    });
  });

  it("opens team sign-up with teams: 0", () => {
    expect(validateEventOptions({ teams: 0 })).toEqual({
      ok: true,
      value: { name: "Competition", teams: 0, signup: true },
    });
  });

  it("refuses a bad team count, name or match option with a reason", () => {
    for (const teams of [1, 21, 2.5, "3", -1]) {
      const v = validateEventOptions({ teams });
      expect(!v.ok && v.error.message).toMatch(/"teams" must be a whole number from 2 to 20, or 0/);
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

  it("takes team actions with a cleaned name and a team code", () => {
    expect(validateControl({ kind: "addTeam", name: "  Red Foxes " })).toEqual({
      ok: true,
      value: { kind: "addTeam", name: "Red Foxes" },
    });
    expect(validateControl({ kind: "renameTeam", team: "ABCD", name: "Blue" })).toEqual({
      ok: true,
      value: { kind: "renameTeam", team: "ABCD", name: "Blue" },
    });
    expect(validateControl({ kind: "removeTeam", team: "ABCD" })).toEqual({
      ok: true,
      value: { kind: "removeTeam", team: "ABCD" },
    });
  });

  it("refuses team actions with a bad name or no team code, with a reason", () => {
    const cases: [unknown, RegExp][] = [
      [{ kind: "addTeam" }, /"name"/],
      [{ kind: "addTeam", name: "   " }, /"name"/],
      [{ kind: "addTeam", name: "a\u202eb" }, /"name"/],
      [{ kind: "addTeam", name: "x".repeat(MAX_EVENT_NAME + 1) }, /over 40/],
      [{ kind: "renameTeam", name: "Blue" }, /"team"/],
      [{ kind: "renameTeam", team: "x".repeat(17), name: "Blue" }, /"team"/],
      [{ kind: "removeTeam", team: 3 }, /"team"/],
      [{ kind: "removeTeam", team: "" }, /"team"/],
    ];
    for (const [raw, why] of cases) {
      const v = validateControl(raw);
      expect(!v.ok && v.error.message, JSON.stringify(raw)).toMatch(why);
    }
  });
});

describe("team names", () => {
  it("are 1–40 plain characters, counted as characters, trimmed", () => {
    expect(validateTeamName(" 🦊".repeat(MAX_EVENT_NAME / 2).trim())).toMatchObject({ ok: true });
    expect(validateTeamName("🦊".repeat(MAX_EVENT_NAME))).toMatchObject({ ok: true });
    expect(validateTeamName("🦊".repeat(MAX_EVENT_NAME + 1))).toMatchObject({
      ok: false,
      error: { code: "TOO_LONG" },
    });
    expect(validateTeamName(42).ok).toBe(false);
    expect(validateTeamName("a\u0000b").ok).toBe(false);
  });

  it("are the same team's ignoring case, spaces around and lookalike letters", () => {
    expect(sameTeamName("Red Foxes", " red foxes")).toBe(true);
    expect(sameTeamName("Red Foxes", "RED FOXES")).toBe(true);
    expect(sameTeamName("Red Foxes", "Rеd Foxes")).toBe(true); // Cyrillic е
    expect(sameTeamName("Red Foxes", "Red Fox")).toBe(false);
    expect(sameTeamName("Team 1", "Team 2")).toBe(false);
  });
});
