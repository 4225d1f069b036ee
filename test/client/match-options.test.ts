/** The Menu's "Create match" choices are options the server accepts, defaults first. */
import { describe, expect, it } from "vitest";
import {
  CLOCK_CHOICES,
  createOptionsFor,
  cycle,
  defaultChoices,
  DIFFICULTY_CHOICES,
  CHAOS_CHOICES,
  SCENARIO_CHOICES,
} from "../../client/src/matchOptions";
import { en } from "../../client/src/i18n/en";
import { zh } from "../../client/src/i18n/zh";
import {
  DEFAULT_CLOCK,
  DEFAULT_DIFFICULTY,
  DEFAULT_SCENARIO,
  validateRoomOptions,
} from "../../shared/protocol";
import { SCENARIO_NAMES } from "../../shared/sim";

describe("Menu match options", () => {
  it("every scenario, clock and difficulty the Menu offers passes the server's validation", () => {
    for (const scenario of SCENARIO_CHOICES) expect(SCENARIO_NAMES).toContain(scenario);
    for (const scenario of SCENARIO_CHOICES)
      for (const clock of CLOCK_CHOICES)
        for (const difficulty of DIFFICULTY_CHOICES)
          for (const chaos of CHAOS_CHOICES) {
            const opts = createOptionsFor({ scenario, clock, difficulty, chaos });
            expect(validateRoomOptions({ ...opts, name: "Ada" }).ok, JSON.stringify(opts)).toBe(true);
          }
  });

  it("the defaults are the server's defaults", () => {
    expect(createOptionsFor(defaultChoices())).toEqual({
      scenario: DEFAULT_SCENARIO,
      clock: DEFAULT_CLOCK,
      difficulty: DEFAULT_DIFFICULTY,
      chaos: true,
    });
  });

  it("every choice has a label and a help line in both languages", () => {
    const keys = [
      ...SCENARIO_CHOICES.map((v) => `menu.scenario.${v}`),
      ...CLOCK_CHOICES.map((v) => `menu.clock.${v}`),
      ...DIFFICULTY_CHOICES.map((v) => `menu.difficulty.${v}`),
      ...CHAOS_CHOICES.map((v) => `menu.chaos.${v}`),
    ];
    for (const k of keys.flatMap((k) => [k, `${k}.help`])) {
      expect(en, k).toHaveProperty([k]);
      expect(zh, k).toHaveProperty([k]);
    }
  });

  it("cycle wraps both ways", () => {
    expect(cycle(CLOCK_CHOICES, "realistic", 1)).toBe("arcade");
    expect(cycle(SCENARIO_CHOICES, "nmt", -1)).toBe("nmt-full");
    expect(cycle(DIFFICULTY_CHOICES, "standard", 1)).toBe("bots");
  });
});
