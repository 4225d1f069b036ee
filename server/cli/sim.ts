/**
 * `npm run sim -- --scenario nmt --seed 42 --duration 120 [--json]`: runs a scenario
 * headless and prints what `kubectl get` would show, the DNS records and availability —
 * or, with --json, one JSON document. Facilitators use it to preview a scenario.
 */
import { parseSimArgs, runSim, renderTables, SimUsageError } from "./sim-run";

try {
  const opts = parseSimArgs(process.argv.slice(2));
  const report = runSim(opts);
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderTables(report));
} catch (err) {
  if (err instanceof SimUsageError || (err instanceof Error && /scenario|seed|clock/.test(err.message))) {
    process.stderr.write(`sim: ${(err as Error).message}\n`);
    process.exit(2);
  }
  throw err;
}
