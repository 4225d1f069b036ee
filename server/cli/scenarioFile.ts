/**
 * `--scenario-file path.yaml` of the sim CLI: reads a scenario file and checks it with the
 * same loader the server uses, so a facilitator sees every error (file:line: field:
 * message) before a match, and which fields the game will ignore.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { formatScenarioError, MAX_SCENARIO_CHARS, parseScenarioYaml, type ClockName } from "../../shared/sim";
import type { ScenarioFileOption } from "../../shared/protocol";

/** A scenario file read and checked: the option a match takes, and the ignored fields; or why not. */
export type LoadedScenarioFile =
  | { ok: true; option: ScenarioFileOption; name: string; clock?: ClockName; ignored: string[] }
  | { ok: false; message: string };

/** Reads and checks a scenario file (never throws: a missing or unreadable file is an error too). */
export function loadScenarioFile(file: string): LoadedScenarioFile {
  const name = path.basename(file);
  let text: string;
  try {
    // Four bytes per character at most: a bigger file cannot be within the limit.
    if (statSync(file).size > MAX_SCENARIO_CHARS * 4)
      return { ok: false, message: `${name}: file too large (at most ${MAX_SCENARIO_CHARS} characters)` };
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (e) {
    return { ok: false, message: `--scenario-file ${file}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const r = parseScenarioYaml(text, name);
  if (!r.ok) return { ok: false, message: r.errors.map(formatScenarioError).join("\n") };
  return {
    ok: true,
    option: { name, text },
    name: r.scenario.name,
    ...(r.scenario.clock ? { clock: r.scenario.clock } : {}),
    ignored: r.ignored,
  };
}

/** The lines telling which fields the game ignores (empty when none). */
export function ignoredReport(ignored: string[]): string {
  return ignored.map((i) => `# ignored by the game: ${i}\n`).join("");
}
