/** Role policy: who plays each role, per difficulty and the host's choices. */
import { describe, expect, it } from "vitest";
import { ROLES } from "../../shared/sim";
import { Match, RolePolicy, unheldModeFor } from "../../shared/match";
import { options, ticks } from "./fixtures";

describe("role policy", () => {
  it("plays unheld roles on autopilot in easy/standard and with bots in bots/hard", () => {
    expect(unheldModeFor("easy")).toBe("autopilot");
    expect(unheldModeFor("standard")).toBe("autopilot");
    expect(unheldModeFor("bots")).toBe("bot");
    expect(unheldModeFor("hard")).toBe("bot");
  });

  it("makes a held role manual and takes its bot away", () => {
    const p = new RolePolicy("bots");
    expect(p.wantsBot("scheduler")).toBe(true);
    p.take("scheduler", "a");
    expect(p.worldMode("scheduler")).toBe("manual");
    expect(p.wantsBot("scheduler")).toBe(false);
    p.release("a");
    expect(p.wantsBot("scheduler")).toBe(true);
  });

  it("seats a bot per empty role in a bots match and removes it when a person takes the role", () => {
    const m = new Match(options({ difficulty: "bots" }));
    expect(
      m.seats
        .all()
        .filter((s) => s.isBot)
        .map((s) => s.actor),
    ).toEqual(ROLES.map((r) => `${r}-bot`));
    m.join("a", { name: "Ada", role: "scheduler" });
    expect(m.seats.get("scheduler-bot")).toBeUndefined();
    m.leave("a");
    expect(m.seats.get("scheduler-bot")?.isBot).toBe(true);
  });

  it("refuses a second person on a held role and lets the host switch an unheld role to a bot", () => {
    const m = new Match(options());
    m.join("a", { name: "Ada", role: "scheduler" });
    m.join("b", { name: "Bob", role: "" });
    expect(m.receive("b", "pickRole", { role: "scheduler" })).toMatchObject({
      error: { code: "ROLE_TAKEN", message: "scheduler is held by Ada" },
    });
    expect(m.receive("b", "setMode", { role: "service-controller", mode: "bot" })).toMatchObject({
      error: { code: "NOT_HOST" },
    });
    expect(m.receive("a", "setMode", { role: "scheduler", mode: "bot" })).toMatchObject({
      error: { code: "ROLE_TAKEN" },
    });
    expect(m.receive("a", "setMode", { role: "service-controller", mode: "bot" })).toBeUndefined();
    expect(m.seats.get("service-controller-bot")?.isBot).toBe(true);
  });

  it("applies role modes to the world at the next tick and logs them as that tick's input", () => {
    const m = new Match(options());
    m.join("a", { name: "Ada", role: "scheduler" });
    expect(m.world.roles.scheduler).toBe("autopilot");
    m.start();
    ticks(m, 1);
    expect(m.world.roles.scheduler).toBe("manual");
    expect(m.log.ticks[0]).toMatchObject({ tick: 1, modes: { scheduler: "manual" } });
  });
});
