/**
 * The sim CLI's kubectl console. `--kubectl "<line>"` runs lines against the world the run
 * ended on; `--repl` opens an interactive console over the running match: kubectl lines (Tab
 * completes), `step <seconds>` moves the clock, and a write is queued as an intent of the role
 * the CLI plays (`--manual <role>`: one seat per role, through the match's own intake, so the
 * same role checks, validation and refusals as the game's buttons), applied when it steps.
 */
import * as readline from "node:readline";
import { completeKubectl, kubectlConfirmation } from "../../shared/kubectl";
import { NO_ROLE } from "../../shared/protocol";
import { checkIntentRole, type Intent, type IntentResult, type Role } from "../../shared/sim";
import type { Match } from "../../shared/match";
import { runConsoleCommand, submitIntents } from "../../shared/match/kubectlCommand";
import { stepSim, type SimOptions } from "./sim-run";

/** The seat id of the role the CLI plays, and of its watcher seat (writes from it are refused NO_ROLE). */
const seatIdOf = (role: Role | typeof NO_ROLE): string => (role ? `cli-${role}` : "cli");

/** What the console prints for an intent's result: kubectl's confirmation, or the refusal as kubectl prints a server's error. */
function resultLine(r: IntentResult): string {
  return r.ok ? `${kubectlConfirmation(r.intent)}\n` : `Error from server (${r.code}): ${r.message}\n`;
}

/** Most game seconds one `step` may move (a typo must not run the CLI for an hour). */
export const MAX_STEP_SECONDS = 600;

/** The CLI's console over one match. */
export class SimConsole {
  private readonly due: SimOptions["inject"];
  /** Intents past the per-tick rate (a drain of a full node): sent after each tick, in order. */
  private backlog: Intent[] = [];

  constructor(
    readonly match: Match,
    /** The roles the CLI plays (its `--manual` roles). */
    readonly roles: readonly Role[],
    inject: SimOptions["inject"] = [],
  ) {
    this.due = [...inject].sort((a, b) => a.at - b.at);
    match.join(seatIdOf(NO_ROLE), { name: "cli", role: NO_ROLE });
    for (const role of roles) match.join(seatIdOf(role), { name: `cli ${role}`, role });
  }

  /**
   * The seat a write's intent is sent from: the one playing its role; else the first role the
   * CLI plays (refused WRONG_ROLE, as a room refuses it), or the watcher when it plays none (NO_ROLE).
   */
  private seatFor(intent: Intent): string {
    const role = this.roles.find((r) => checkIntentRole(intent, r) === undefined) ?? this.roles[0];
    return seatIdOf(role ?? NO_ROLE);
  }

  /** Runs one kubectl line; returns what it printed and its exit code. */
  run(line: string, stdin?: string): { text: string; exitCode: number } {
    const out = runConsoleCommand(this.match, (i) => this.seatFor(i), line, stdin, this.backlog.length > 0);
    this.backlog.push(...out.deferred);
    let text = out.stdout + out.stderr;
    for (const r of out.refused) text += resultLine(r);
    const queued = out.intents.length - out.refused.length;
    if (queued > 0)
      text += `(${queued} intent${queued > 1 ? "s" : ""} queued: \`step\` applies ${queued > 1 ? "them" : "it"})\n`;
    if (this.roles.length === 0 && out.stderr.includes("(NO_ROLE)"))
      text += "(the CLI plays no role: start it with --manual <role> to send writes)\n";
    return { text, exitCode: out.exitCode };
  }

  /** Moves the clock `seconds` game seconds; returns what became of the CLI's intents. */
  step(seconds: number): string {
    let text = "";
    const end = this.match.world.time + seconds - 1e-9;
    while (this.match.phase === "running" && this.match.world.time < end) {
      const out = stepSim(this.match, this.due);
      for (const d of out.deliveries) {
        if (d.type !== "intentResult") continue;
        text += resultLine(d.payload);
      }
      if (this.backlog.length === 0) continue;
      const sent = submitIntents(this.match, (i) => this.seatFor(i), this.backlog);
      for (const r of sent.refused) text += resultLine(r);
      for (const e of sent.errors) text += `Error from server (${e.code}): ${e.message}\n`;
      this.backlog = sent.rest;
    }
    const ended = this.match.phase === "running" ? "" : " (the match has ended: writes are refused now)";
    return `${text}t=${this.match.world.time.toFixed(1)}s${ended}\n`;
  }

  /** Tab completion for readline: the candidates, and the part of the line they complete. */
  complete(line: string): [string[], string] {
    const c = completeKubectl(this.match.world, line, line.length);
    return [c.candidates, line.slice(c.from, c.to)];
  }
}

/** Runs `--kubectl` lines against the match the run ended on: their output, and 1 if any failed. */
export function runKubectlLines(match: Match, opts: SimOptions): { text: string; exitCode: number } {
  const console = new SimConsole(match, opts.manual);
  let text = "";
  let exitCode = 0;
  for (const line of opts.kubectl) {
    const out = console.run(line);
    text += `$ ${line.trim().startsWith("kubectl") ? "" : "kubectl "}${line.trim()}\n${out.text}`;
    if (out.exitCode !== 0) exitCode = 1;
  }
  return { text, exitCode };
}

/** What the REPL's `help` prints. */
export const REPL_HELP = `kubectl console over the simulated match (the leading "kubectl" is optional).
  get pods -o wide          any kubectl line: reads print at once
  scale deployment tomcat -n shop --replicas=3
                            a write is queued as an intent of the role you play (--manual <role>)
  step [seconds]            moves the clock (default 1 s); queued intents apply, results print
  apply -f - <<EOF          a heredoc: the lines up to EOF are the YAML (any word works as the end mark)
  time                      the game time
  help                      this text
  exit                      leaves (Ctrl+D too)
Tab completes verbs, kinds, names and flags.
`;

/** A heredoc in a line: the command without it and the end mark (`apply -f - <<EOF`). */
function heredoc(line: string): { line: string; mark: string } | undefined {
  const m = /\s<<-?\s*['"]?(\w+)['"]?\s*$/.exec(line);
  return m ? { line: line.slice(0, m.index), mark: m[1]! } : undefined;
}

/** The interactive console (`--repl`): reads lines until `exit` or the end of input. */
export async function runRepl(
  match: Match,
  opts: SimOptions,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const console = new SimConsole(match, opts.manual, opts.inject);
  const terminal = (output as { isTTY?: boolean }).isTTY === true;
  const rl = readline.createInterface({
    input,
    output,
    terminal,
    completer: (line: string) => console.complete(line),
    historySize: 200,
  });
  const roles =
    opts.manual.length > 0 ? `you play ${opts.manual.join(", ")}` : "you play no role (reads only)";
  output.write(`${opts.scenario}, seed ${opts.seed}: ${roles}. Type help for the commands.\n`);
  rl.setPrompt(`[t=${match.world.time.toFixed(1)}s] kubectl> `);
  let doc: { line: string; mark: string; lines: string[] } | undefined;
  const prompt = () => {
    rl.setPrompt(doc ? "> " : `[t=${match.world.time.toFixed(1)}s] kubectl> `);
    rl.prompt();
  };
  prompt();
  for await (const raw of rl) {
    if (doc) {
      if (raw.trim() === doc.mark) {
        output.write(console.run(doc.line, `${doc.lines.join("\n")}\n`).text);
        doc = undefined;
      } else doc.lines.push(raw);
      prompt();
      continue;
    }
    const line = raw.trim();
    const [word, arg] = line.split(/\s+/, 2);
    if (line === "exit" || line === "quit") break;
    else if (line === "help") output.write(REPL_HELP);
    else if (line === "time") output.write(`t=${match.world.time.toFixed(1)}s\n`);
    else if (word === "step") {
      const s = arg === undefined ? 1 : Number(arg);
      if (!Number.isFinite(s) || s <= 0 || s > MAX_STEP_SECONDS)
        output.write(`step: give seconds from 0.1 to ${MAX_STEP_SECONDS}, e.g. step 5\n`);
      else output.write(console.step(s));
    } else if (line !== "") {
      const h = heredoc(line);
      if (h) doc = { ...h, lines: [] };
      else output.write(console.run(line).text);
    }
    prompt();
  }
  rl.close();
}
