/**
 * A campaign level as a file (campaign/*.yaml): the scenario it runs, the role the player
 * takes, the goal, the steps (chaos each step starts with, its hint, nudges that react to the
 * world, the checks that finish it) and the lesson. Parsed with yaml + zod; errors name the
 * file, line and field, and parsing never throws.
 */
import { LineCounter, parseDocument } from "yaml";
import { fieldOf, offsetOf, type Path } from "../sim/scenarios/yaml-paths";
import { z } from "../sim/scenarios/zod";
import { CHAOS_TYPES } from "../sim/chaos";
import { CLOCK_NAMES } from "../sim/clock";
import { ROLES } from "../sim/world";
import { checkSchema } from "./checks";

/** The largest level file accepted (characters). */
export const MAX_LEVEL_CHARS = 32 * 1024;

/** A text in both languages. */
const text = z.strictObject({ en: z.string().min(1).max(800), zh: z.string().min(1).max(800) });
/** A text in both languages. */
export type LevelText = z.infer<typeof text>;

const chaos = z.strictObject({ type: z.enum(CHAOS_TYPES), target: z.string().min(1).max(120).optional() });

/** A question the player answers by picking one choice (exactly one is correct). */
const askSchema = z
  .strictObject({
    question: text,
    choices: z
      .array(z.strictObject({ text, correct: z.boolean().default(false) }))
      .min(2)
      .max(4),
    /** Said when a wrong choice is picked (after which the player may pick again). */
    why: text,
  })
  .refine((a) => a.choices.filter((c) => c.correct).length === 1, "exactly one choice must be correct");

const stepSchema = z
  .strictObject({
    /** Chaos injected when the step begins (the lesson's event). */
    enter: z.array(chaos).max(5).default([]),
    hint: text,
    /** Hints shown instead of `hint` while their `when` checks hold and their `unless` checks do not (first match wins): they react to the world. */
    nudges: z
      .array(
        z
          .strictObject({
            when: z.array(checkSchema).max(5).default([]),
            /** None of these may hold either. */
            unless: z.array(checkSchema).max(5).default([]),
            hint: text,
          })
          .refine((n) => n.when.length + n.unless.length > 0, "a nudge needs a check in when or unless"),
      )
      .max(8)
      .default([]),
    /** All of these must hold for the step to be done. */
    done: z.array(checkSchema).max(6).default([]),
    /** A question: the step is done once the correct choice is picked (and its checks hold). */
    ask: askSchema.optional(),
    /** Game seconds after the step begins before its checks count (its chaos must land first). */
    settle: z.number().min(0).max(30).default(1),
  })
  .refine((s) => s.done.length > 0 || s.ask !== undefined, "a step needs done checks or a question (ask)");
/** One validated step. */
export type LevelStep = z.infer<typeof stepSchema>;

/** The schema of a level file. */
export const levelSchema = z.strictObject({
  apiVersion: z.literal("reconcile.game/v1"),
  kind: z.literal("Level"),
  metadata: z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and -"),
  }),
  spec: z.strictObject({
    /** Where it sits in the list (levels are listed by order, then name). */
    order: z.number().int().min(1).max(999),
    title: text,
    /** A built-in scenario's name. */
    scenario: z.string().min(1).max(63),
    seed: z.number().int().min(0).max(0x7fffffff).default(1),
    clock: z.enum(CLOCK_NAMES).default("arcade"),
    role: z.enum(ROLES),
    /** Who plays the other roles: bots (with their reaction time) or the built-in loops. */
    others: z.enum(["bots", "autopilot"]).default("bots"),
    /** Whether the scenario's seeded chaos schedule runs too (a graded round); else only the steps' chaos. */
    chaos: z.boolean().default(false),
    /** The time limit. */
    minutes: z.number().min(1).max(4).default(3),
    goal: text,
    steps: z.array(stepSchema).min(1).max(12),
    /** Said when a move is refused (default: the client's own words), followed by the step's hint. */
    wrongMove: text.optional(),
    /** The closing card. */
    lesson: text,
  }),
});
/** A validated level. */
export type Level = z.infer<typeof levelSchema>;

/** One problem in a level file. */
export interface LevelFileError {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** What {@link parseLevelYaml} returns. */
export type LevelParse = { ok: true; level: Level } | { ok: false; errors: LevelFileError[] };

/** `01-scheduler.yaml:12: spec.steps[0].done[0].check: …`. */
export function formatLevelError(e: LevelFileError): string {
  return `${e.file}:${e.line}: ${e.field ? `${e.field}: ` : ""}${e.message}`;
}

/**
 * Parses a level file; `scenarios` are the names a level may run (the built-ins). Never
 * throws: every problem comes back with its line.
 */
export function parseLevelYaml(text: string, file: string, scenarios: readonly string[]): LevelParse {
  const fail = (line: number, field: string, message: string): LevelParse => ({
    ok: false,
    errors: [{ file, line, field, message }],
  });
  try {
    if (typeof text !== "string") return fail(1, "", "expected the text of a YAML file");
    if (text.length > MAX_LEVEL_CHARS)
      return fail(1, "", `file too large (at most ${MAX_LEVEL_CHARS} characters)`);
    const lines = new LineCounter();
    const doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: true,
      prettyErrors: false,
    });
    const lineAt = (offset: number) => lines.linePos(offset).line;
    if (doc.errors.length > 0)
      return {
        ok: false,
        errors: doc.errors.slice(0, 5).map((e) => ({
          file,
          line: e.linePos?.[0].line ?? 1,
          field: "",
          message: e.message.split("\n")[0]!,
        })),
      };
    const parsed = levelSchema.safeParse(doc.toJS({ maxAliasCount: 50 }));
    const at = (path: Path) => lineAt(offsetOf(doc, path) ?? 0);
    if (!parsed.success)
      return {
        ok: false,
        errors: parsed.error.issues.slice(0, 20).map((issue) => {
          const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
          return { file, line: at(path), field: fieldOf(path), message: issue.message };
        }),
      };
    const level = parsed.data;
    if (!scenarios.includes(level.spec.scenario))
      return fail(
        at(["spec", "scenario"]),
        "spec.scenario",
        `unknown scenario "${level.spec.scenario}" (known: ${scenarios.join(", ")})`,
      );
    return { ok: true, level };
  } catch (err) {
    return fail(1, "", `cannot read the file: ${String(err).slice(0, 200)}`);
  }
}
