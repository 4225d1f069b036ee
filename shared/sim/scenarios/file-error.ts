/** A scenario file's errors: where (file, line, field) and what, in the words of the field's expectation. */
import type { z } from "./zod";
import { fieldOf, type Path } from "./yaml-paths";

/** One problem of a scenario file: where it is and what is wrong. */
export interface ScenarioFileError {
  file: string;
  /** 1-based line (1 when the problem is the whole file). */
  line: number;
  /** The field's path in its document (`spec.replicas`, `spec.template.spec.containers[0].image`), or "". */
  field: string;
  message: string;
}

/** `nmt.yaml:12: spec.replicas: expected a number`. */
export function formatScenarioError(e: ScenarioFileError): string {
  return `${e.file}:${e.line}: ${e.field ? `${e.field}: ` : ""}${e.message}`;
}

/** The zod issues as file errors (line of the field, or of its nearest parent that exists). */
export function issuesToErrors(
  error: z.ZodError,
  file: string,
  at: (path: Path) => number,
): ScenarioFileError[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    return { file, line: at(path), field: fieldOf(path), message: messageOf(issue) };
  });
}

/** A short message for a zod issue, in the words of the field's expectation. */
function messageOf(issue: z.core.$ZodIssue): string {
  const typeNames: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "an integer",
    boolean: "true or false",
    object: "a mapping",
    record: "a mapping",
    array: "a list",
  };
  switch (issue.code) {
    case "invalid_type":
      if (/received undefined/.test(issue.message)) return "required";
      return `expected ${typeNames[issue.expected] ?? issue.expected}`;
    case "invalid_union":
      return "expected a string or a number";
    case "invalid_value":
      return issue.message.startsWith("Invalid")
        ? `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}`
        : issue.message;
    case "too_big":
      return issue.origin === "array"
        ? `at most ${issue.maximum} items`
        : issue.origin === "string"
          ? `at most ${issue.maximum} characters`
          : `must be at most ${issue.maximum}`;
    case "too_small":
      return issue.origin === "array"
        ? `at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`
        : issue.origin === "string"
          ? `must not be empty`
          : `must be at least ${issue.minimum}`;
    default:
      return issue.message;
  }
}

/** The errors without repeats (a parser may report one problem several times). */
export function distinct(errors: ScenarioFileError[]): ScenarioFileError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = formatScenarioError(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
