/**
 * A match with an uploaded scenario file: the options are re-validated by the loader (a bad
 * file is refused with its file:line errors), the world is the file's, and the file travels
 * in the match log, so a replay rebuilds the same world.
 */
import { describe, expect, it } from "vitest";
import { Match, replayLog, resolveMatchOptions, validateMatchLog } from "../../shared/match";
import { ErrorCode } from "../../shared/protocol";
import { stateHash } from "../../shared/sim";
import { TINY } from "../sim/scenarios/fixtures";

describe("match options with a scenario file", () => {
  it("runs the file's scenario, keeps the file in the log, and replays to the same hash", () => {
    const v = resolveMatchOptions(
      { scenarioFile: { name: "tiny.yaml", text: TINY }, durationSeconds: 20 },
      () => 9,
    );
    if (!v.ok) throw new Error(v.error.message);
    expect(v.value).toMatchObject({
      scenario: "tiny",
      seed: 9,
      scenarioFile: { name: "tiny.yaml", text: TINY },
    });
    const m = new Match(v.value);
    expect(m.world.store.list("Node")).toHaveLength(2);
    m.start();
    m.receive("cli", "inject", { type: "pod-kill", target: "web/front" });
    while (m.phase === "running") m.tick();
    const log = JSON.parse(JSON.stringify(m.log));
    const checked = validateMatchLog(log);
    expect(checked.ok).toBe(true);
    expect(replayLog(log).scenario).toBe("tiny");
    expect(stateHash(replayLog(log))).toBe(stateHash(m.world));
  });

  it("refuses a bad file with its errors, and a log whose file was tampered with", () => {
    const bad = TINY.replace("count: 2", "count: lots");
    const v = resolveMatchOptions({ scenarioFile: { name: "tiny.yaml", text: bad } }, () => 1);
    expect(v.ok ? "accepted" : v.error).toEqual({
      code: ErrorCode.INVALID_SCENARIO,
      message: `tiny.yaml:6: spec.nodes.count: expected a number`,
    });
    const shape = resolveMatchOptions({ scenarioFile: { name: "x.yaml", text: 5 } }, () => 1);
    expect(shape.ok ? "accepted" : shape.error.message).toMatch(/scenarioFile.text/);
    const huge = resolveMatchOptions(
      { scenarioFile: { name: "x.yaml", text: "#".repeat(300_000) } },
      () => 1,
    );
    expect(huge.ok ? "accepted" : huge.error.code).toBe(ErrorCode.TOO_LONG);
    const good = resolveMatchOptions({ scenarioFile: { name: "tiny.yaml", text: TINY } }, () => 1);
    if (!good.ok) throw new Error(good.error.message);
    const m = new Match(good.value);
    const log = JSON.parse(JSON.stringify(m.log));
    log.options.scenarioFile.text = bad;
    const r = validateMatchLog(log);
    expect(r.ok ? "accepted" : r.error.message).toMatch(/tiny\.yaml:6: spec\.nodes\.count/);
  });
});
