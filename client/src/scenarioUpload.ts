/**
 * "Load file…" by the Scenario row (Menu, competition setup): a file picker, the file read
 * in the page and checked with the same loader the server runs, so a facilitator sees the
 * errors (file:line: field: message) before creating anything. The server checks again.
 */
import {
  formatScenarioError,
  MAX_SCENARIO_CHARS,
  parseScenarioYaml,
} from "../../shared/sim/scenarios/load-yaml";
import { t } from "./i18n";
import type { LoadedScenarioFile } from "./matchOptions";

/** What checking a picked file gave: the loaded scenario, or the errors to show. */
export type PickedScenario =
  { ok: true; loaded: LoadedScenarioFile } | { ok: false; file: string; errors: string[] };

/** How many errors the page shows (the rest are counted). */
export const ERRORS_SHOWN = 3;

/** Checks a file's text with the scenario loader. */
export function checkScenarioFile(fileName: string, text: string): PickedScenario {
  const clean = text.replace(/^\uFEFF/, "");
  const r = parseScenarioYaml(clean, fileName);
  if (!r.ok) {
    const shown = r.errors.slice(0, ERRORS_SHOWN).map((e) => clip(formatScenarioError(e), 150));
    if (r.errors.length > ERRORS_SHOWN) shown.push(`… (${r.errors.length - ERRORS_SHOWN} more)`);
    return { ok: false, file: fileName, errors: shown };
  }
  return {
    ok: true,
    loaded: {
      file: { name: fileName, text: clean },
      scenario: r.scenario.name,
      description: r.scenario.description,
      ignored: r.ignored,
    },
  };
}

/**
 * A hidden `<input type=file name=scenario-file>` in the page: `open()` shows the picker
 * (call it from a click), `onPicked` gets each checked file; `remove()` on scene shutdown.
 */
export function scenarioFileInput(onPicked: (p: PickedScenario) => void): { open(): void; remove(): void } {
  const input = document.createElement("input");
  input.type = "file";
  input.name = "scenario-file";
  input.accept = ".yaml,.yml,application/yaml,text/yaml";
  input.style.display = "none";
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    input.value = ""; // picking the same file again (after fixing it) fires change again
    if (!file) return;
    // Four bytes a character at most: a bigger file cannot be within the loader's limit.
    if (file.size > MAX_SCENARIO_CHARS * 4) {
      onPicked({
        ok: false,
        file: file.name,
        errors: [`${file.name}:1: file too large (at most ${MAX_SCENARIO_CHARS} characters)`],
      });
      return;
    }
    file.text().then(
      (text) => onPicked(checkScenarioFile(file.name, text)),
      (e: unknown) => onPicked({ ok: false, file: file.name, errors: [`${file.name}: ${String(e)}`] }),
    );
  });
  document.body.appendChild(input);
  return { open: () => input.click(), remove: () => input.remove() };
}

/** The help line's parameters for a loaded file: its scenario, file, and description (clipped to `room` characters). */
export function loadedHelpParams(
  l: LoadedScenarioFile,
  room: number,
): { name: string; file: string; description: string } {
  return { name: l.scenario, file: l.file.name, description: clip(l.description, room) };
}

/** What the page says about the fields of a loaded file the game ignores ("" when none). */
export function ignoredText(l: LoadedScenarioFile): string {
  if (l.ignored.length === 0) return "";
  // `file:line: Kind ns/name: field` → `Kind ns/name: field`: the file is named just above.
  return t("menu.scenarioFile.ignored", {
    count: l.ignored.length,
    first: l.ignored[0]!.replace(/^\S+ /, ""),
  });
}

/** A text cut to `max` characters, marked with an ellipsis. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
