/**
 * `npm run sim -- --scenario nmt --seed 42 --duration 120 [--json]`: runs a scenario (or
 * `--scenario-file shop.yaml`, a custom scenario file: errors and exit code 2 when invalid)
 * headless and prints what `kubectl get` would show, the DNS records and availability —
 * or, with --json, one JSON document. Facilitators use it to preview a scenario.
 * `--replay match.json` replays a match log instead and says whether it ends on the
 * stateHash the live match recorded; `--log out.json` writes the run's own match log.
 * `--kubectl "get pods -o wide"` (repeatable) prints those kubectl lines' output at the end of
 * the run instead of the tables; `--repl` opens an interactive kubectl console (simKubectl.ts).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { newSimMatch, parseSimArgs, renderTables, replaySim, runMatch, SimUsageError } from "./sim-run";
import { runKubectlLines, runRepl } from "./simKubectl";
import { ignoredReport } from "./scenarioFile";

try {
  const argv = process.argv.slice(2);
  const logAt = argv.indexOf("--log");
  const logFile = logAt >= 0 ? argv[logAt + 1] : undefined;
  if (logAt >= 0 && (!logFile || logFile.startsWith("--")))
    throw new SimUsageError("--log needs a file name");
  const opts = parseSimArgs(logAt >= 0 ? [...argv.slice(0, logAt), ...argv.slice(logAt + 2)] : argv);
  process.stderr.write(ignoredReport(opts.ignored ?? []));
  if (opts.replay) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(opts.replay, "utf8"));
    } catch (e) {
      throw new SimUsageError(`--replay ${opts.replay}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const { report, verified, expected } = replaySim(raw, opts.json);
    const check = expected
      ? verified
        ? `# replay verified: stateHash ${report.stateHash} equals the live match's\n`
        : `# replay MISMATCH: stateHash ${report.stateHash}, the live match recorded ${expected}\n`
      : `# replay of an unfinished round: stateHash ${report.stateHash} (no recorded end to compare)\n`;
    process.stdout.write(
      opts.json ? `${JSON.stringify({ ...report, verified }, null, 2)}\n` : renderTables(report) + check,
    );
    if (expected && !verified) process.exit(1);
  } else if (opts.repl) {
    await runRepl(newSimMatch(opts), opts);
  } else {
    const { report, log, match } = runMatch(opts);
    if (logFile) writeFileSync(logFile, `${JSON.stringify(log)}\n`);
    if (opts.kubectl.length > 0) {
      const out = runKubectlLines(match, opts);
      process.stdout.write(out.text);
      process.exitCode = out.exitCode;
    } else process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderTables(report));
  }
} catch (err) {
  if (err instanceof SimUsageError || (err instanceof Error && /scenario|seed|clock/.test(err.message))) {
    process.stderr.write(`sim: ${(err as Error).message}\n`);
    process.exit(2);
  }
  throw err;
}
