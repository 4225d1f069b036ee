/**
 * Embeds the campaign's level files (campaign/*.yaml) into shared/campaign/levels.generated.ts:
 * `npm run campaign`. shared/ does no I/O, so the page gets the texts from that module;
 * test/campaign/levels.test.ts fails when it is stale.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { embeddedModuleSource, isMain, readYamlFiles, ROOT } from "./embedYaml";

/** The directory of the level files. */
export const LEVELS_DIR = path.join(ROOT, "campaign");
/** The generated module. */
export const GENERATED_LEVELS = path.join(ROOT, "shared/campaign/levels.generated.ts");

/** The level files on disk, by file name, in name order. */
export function readLevelFiles(): Record<string, string> {
  return readYamlFiles(LEVELS_DIR);
}

/** The generated module's source (already in Prettier's format). */
export function generatedLevelsSource(files: Record<string, string>): string {
  return embeddedModuleSource(files, {
    what: "The campaign's level files (campaign/*.yaml)",
    generatedBy: "`npm run campaign` (server/cli/campaign.ts)",
    exportName: "BUILTIN_LEVEL_FILES",
  });
}

if (isMain(import.meta.url)) {
  writeFileSync(GENERATED_LEVELS, generatedLevelsSource(readLevelFiles()));
  console.log(`wrote ${path.relative(ROOT, GENERATED_LEVELS)}`);
}
