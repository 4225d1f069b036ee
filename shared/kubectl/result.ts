/** What running one kubectl command came to, and the small helpers every command uses. */
import type { Intent } from "../sim/intents/types";
import type { World } from "../sim/world";
import type { Command } from "./args";

/** What a command printed, its exit code, and the intents a write becomes. */
export interface KubectlRun {
  /** What kubectl prints on stdout. */
  stdout: string;
  /** kubectl's error (and warning) text, e.g. `error: unknown command "foo" for "kubectl"`. */
  stderr: string;
  /** 0 ok, 1 error (as kubectl). */
  exitCode: number;
  /** A write: the intents it becomes, in order (the same intents the buttons send); [] for a read. */
  intents: Intent[];
}

/** What a command handler gets: the world, the parsed command, its namespace and stdin. */
export interface Context {
  world: World;
  cmd: Command;
  /** `-n`, or the context's default namespace. */
  namespace: string;
  stdin?: string;
}

/** Output on stdout, exit code 0. */
export function ok(stdout: string, stderr = ""): KubectlRun {
  return { stdout, stderr, exitCode: 0, intents: [] };
}

/** An error: the text on stderr (a newline added), exit code 1, nothing written. */
export function fail(stderr: string, stdout = ""): KubectlRun {
  return { stdout, stderr: stderr.endsWith("\n") ? stderr : `${stderr}\n`, exitCode: 1, intents: [] };
}

/** A write: its intents, and what kubectl says before the server answers (warnings). */
export function write(intents: Intent[], stderr = ""): KubectlRun {
  return { stdout: "", stderr, exitCode: 0, intents };
}
