/**
 * Embeds the built-in scenario files (scenarios/*.yaml) into
 * shared/sim/scenarios/builtin.generated.ts: `npm run scenarios`. shared/ does no I/O, so
 * the server, the in-browser booth sim and browser replays all get the YAML texts from that
 * module; test/sim/scenarios/builtin.test.ts fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { embeddedModuleSource, isMain, readYamlFiles, ROOT } from "./embedYaml";

/** The directory of the built-in scenario files. */
export const SCENARIOS_DIR = path.join(ROOT, "scenarios");
/** The generated module. */
export const GENERATED_FILE = path.join(ROOT, "shared/sim/scenarios/builtin.generated.ts");

/** The scenario files on disk, by file name, in name order. */
export function readScenarioFiles(): Record<string, string> {
  return readYamlFiles(SCENARIOS_DIR);
}

/** The generated module's source (already in Prettier's format). */
export function generatedSource(files: Record<string, string>): string {
  return embeddedModuleSource(files, {
    what: "The built-in scenario files (scenarios/*.yaml)",
    generatedBy: "`npm run scenarios` (server/cli/scenarios.ts)",
    exportName: "BUILTIN_SCENARIO_FILES",
  });
}

if (isMain(import.meta.url)) {
  writeFileSync(GENERATED_FILE, generatedSource(readScenarioFiles()));
  console.log(`wrote ${path.relative(ROOT, GENERATED_FILE)}`);
}
