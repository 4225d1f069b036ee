/** The page's scenario file check and the create options of a loaded file (client/src/scenarioUpload.ts, matchOptions.ts). */
import { describe, expect, it } from "vitest";
import { createOptionsFor, defaultChoices } from "../../client/src/matchOptions";
import { checkScenarioFile, ERRORS_SHOWN, ignoredText } from "../../client/src/scenarioUpload";
import { TINY } from "../sim/scenarios/fixtures";

describe("scenario upload in the page", () => {
  it("a good file becomes the create options' scenarioFile (a leading BOM dropped), not a scenario name", () => {
    const r = checkScenarioFile("tiny.yaml", "\uFEFF" + TINY);
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(r.loaded).toMatchObject({ scenario: "tiny", description: "A tiny shop.", ignored: [] });
    expect(ignoredText(r.loaded)).toBe("");
    const options = createOptionsFor({ ...defaultChoices(), scenarioFile: r.loaded });
    expect(options).toEqual({
      scenarioFile: { name: "tiny.yaml", text: TINY },
      clock: "arcade",
      difficulty: "standard",
      chaos: true,
    });
    expect(createOptionsFor(defaultChoices())).toMatchObject({ scenario: "nmt" });
  });

  it("a bad file gives its first errors as file:line: field: message, and counts the rest", () => {
    const bad = TINY.replace("count: 2", "count: two")
      .replace("requestsPerSecond: 5", "requestsPerSecond: x")
      .replace("podCapacity: 40", "podCapacity: y")
      .replace("podCapacity: 25", "podCapacity: z");
    const r = checkScenarioFile("tiny.yaml", bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(ERRORS_SHOWN + 1);
    expect(r.errors[0]).toBe("tiny.yaml:6: spec.nodes.count: expected a number");
    expect(r.errors.at(-1)).toBe("… (1 more)");
  });

  it("names the first ignored field without repeating the file", () => {
    const r = checkScenarioFile(
      "tiny.yaml",
      TINY.replace(
        "          image: nginx:1.25\n",
        "          image: nginx:1.25\n          imagePullPolicy: Always\n",
      ),
    );
    if (!r.ok) throw new Error(r.errors.join("\n"));
    expect(ignoredText(r.loaded)).toBe(
      "1 field(s) ignored by the game, e.g. Deployment web/front: spec.template.spec.containers[0].imagePullPolicy",
    );
  });
});
