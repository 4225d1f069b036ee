/**
 * The built-in scenarios live in scenarios/*.yaml: the embedded copy is up to date, and the
 * worlds the YAML builds are the worlds the old TypeScript definitions built, bit for bit.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedSource, GENERATED_FILE, readScenarioFiles } from "../../../server/cli/scenarios";
import { SCENARIO_NAMES, SCENARIOS, createWorld, stateHash, step, TICK_SECONDS } from "../../../shared/sim";
import { BUILTIN_SCENARIO_FILES } from "../../../shared/sim/scenarios/builtin.generated";
import { parseScenarioYaml } from "../../../shared/sim/scenarios/load-yaml";
import { createWorldFrom } from "../../../shared/sim/scenarios/scenario";
import { nmt, nmtFull, nmtTraditional } from "./legacy-nmt";

const LEGACY = { nmt, "nmt-traditional": nmtTraditional, "nmt-full": nmtFull };

describe("built-in scenario files", () => {
  it("the embedded copy matches scenarios/*.yaml (run `npm run scenarios` when this fails)", () => {
    expect(readFileSync(GENERATED_FILE, "utf8")).toBe(generatedSource(readScenarioFiles()));
  });

  it("each file is named after its scenario, parses, and uses no field the game ignores", () => {
    expect(Object.keys(BUILTIN_SCENARIO_FILES).sort()).toEqual(SCENARIO_NAMES.map((n) => `${n}.yaml`).sort());
    for (const [file, text] of Object.entries(BUILTIN_SCENARIO_FILES)) {
      const r = parseScenarioYaml(text, file);
      expect(r.ok ? { name: `${r.scenario.name}.yaml`, ignored: r.ignored } : r.errors).toEqual({
        name: file,
        ignored: [],
      });
    }
    expect(SCENARIO_NAMES).toEqual(["nmt", "nmt-traditional", "nmt-full"]);
  });

  for (const [name, legacy] of Object.entries(LEGACY))
    it(`${name}: the YAML world equals the old TypeScript world at bring-up and after 120 s of chaos`, () => {
      for (const seed of [1, 7, 42, 20260101]) {
        const fromYaml = createWorld({ scenario: name, seed });
        const fromTs = createWorldFrom({ [name]: legacy }, { scenario: name, seed });
        expect(stateHash(fromYaml), `seed ${seed} at bring-up`).toBe(stateHash(fromTs));
        for (let t = 0; t < 120 / TICK_SECONDS; t++) {
          step(fromYaml, [], TICK_SECONDS);
          step(fromTs, [], TICK_SECONDS);
        }
        expect(fromYaml.chaos.fired.length).toBeGreaterThan(0);
        expect(stateHash(fromYaml), `seed ${seed} after 120 s`).toBe(stateHash(fromTs));
      }
    });

  it("README's example is the nmt file as it is", () => {
    expect(readFileSync("README.md", "utf8")).toContain(
      "```yaml\n" + BUILTIN_SCENARIO_FILES["nmt.yaml"] + "```",
    );
  });

  it("nmt-traditional pins nginx to a tomcat pod's IP; nmt keeps the Service name", () => {
    const upstream = (scenario: string) =>
      createWorld({ scenario, seed: 3 })
        .store.list("Deployment")
        .find((d) => d.metadata.name === "nginx")!
        .spec.template.spec.containers[0]!.env!.find((e) => e.name === "UPSTREAM")!.value;
    expect(upstream("nmt")).toBe("tomcat:8080");
    expect(upstream("nmt-traditional")).toMatch(/^10\.244\.\d+\.\d+:8080$/);
    expect(SCENARIOS["nmt-full"]!.manifests().map((m) => m.kind)).toContain("Job");
  });
});
