/** The flow's phase → scene map, and the pure helpers around joining: codes, errors, URL options. */
import { describe, expect, it } from "vitest";
import { PHASES } from "../../shared/protocol/messages";
import { PHASE_SCENES, sceneForPhase, SCENES, stageOf } from "../../client/src/flow";
import { urlCreateOptions } from "../../client/src/matchOptions";
import { joinErrorText, MATCHMAKE_ERRORS } from "../../client/src/net/joinError";
import { normalizeCode } from "../../client/src/net/matchCode";
import { TABLES } from "../../client/src/i18n";

describe("flow", () => {
  it("shows one scene per match phase: lobby → Lobby, running → Match, debrief → Debrief", () => {
    expect(PHASES.map(sceneForPhase)).toEqual([SCENES.lobby, SCENES.match, SCENES.debrief]);
    expect(Object.keys(PHASE_SCENES).sort()).toEqual([...PHASES].sort());
    expect(sceneForPhase("paused")).toBeUndefined();
  });

  it("tells a new round's lobby from the last round's debrief and from the first lobby", () => {
    const stages = [
      stageOf({ round: 1, phase: "lobby" }),
      stageOf({ round: 1, phase: "running" }),
      stageOf({ round: 1, phase: "debrief" }),
      stageOf({ round: 2, phase: "lobby" }),
      stageOf({ round: 2, phase: "running" }),
    ];
    expect(new Set(stages).size).toBe(stages.length);
  });
});

describe("joining", () => {
  it("accepts a code in any case and with stray spaces", () => {
    expect(normalizeCode("tn9u")).toBe("TN9U");
    expect(normalizeCode(" Tn 9u ")).toBe("TN9U");
  });

  it("explains a wrong code in the player's language instead of the server's raw sentence", () => {
    const err = Object.assign(new Error('room "TN9U" not found'), { code: MATCHMAKE_ERRORS.INVALID_ROOM_ID });
    const text = joinErrorText(err, "TN9U");
    expect(text).toEqual({ key: "menu.error.noSuchCode", params: { code: "TN9U" } });
    expect(TABLES.en[text.key]).toContain("{code}");
    expect(TABLES.zh[text.key]).toMatch(/[\u4e00-\u9fff]/);
    expect(joinErrorText(new Error("connect ECONNREFUSED 127.0.0.1:2567"), "").key).toBe(
      "menu.error.offline",
    );
    expect(joinErrorText(new Error("room is locked"), "AB12").key).toBe("menu.error.full");
    expect(joinErrorText(new Error("BAD_OPTIONS: name too long"), "")).toEqual({
      key: "menu.error",
      params: { reason: "BAD_OPTIONS: name too long" },
    });
  });

  it("reads ?duration= and ?seed= from the URL as create options", () => {
    expect(urlCreateOptions("?duration=10&seed=42&name=Ada")).toEqual({ durationSeconds: 10, seed: 42 });
    expect(urlCreateOptions("?duration=abc")).toEqual({});
    expect(urlCreateOptions("")).toEqual({});
  });
});
