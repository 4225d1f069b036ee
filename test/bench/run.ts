/**
 * `npm run bench`: runs every benchmark and prints one JSON document. Speed and memory
 * targets are checked here, never in timed tests. `--only sim|bots|server|client|store|event|debrief`
 * narrows it (`bots`: only `sim.botsVsAutopilot`).
 */
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { benchBotsVsAutopilot, benchSim } from "./sim-bench";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const known = ["sim", "bots", "server", "client", "store", "event", "debrief"];
if (onlyAt >= 0 && (!only || !known.includes(only))) {
  process.stderr.write(`bench: --only takes one of ${known.join(", ")}\n`);
  process.exit(2);
}
const unknown = args.filter((a, i) => a !== "--only" && i !== onlyAt + 1);
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown argument "${unknown[0]}"; usage: npm run bench [-- --only sim|bots|server|client|store|event|debrief]\n`,
  );
  process.exit(2);
}

const results: Record<string, unknown> = { node: process.version, date: new Date().toISOString() };
if (!only || only === "sim") results.sim = benchSim();
else if (only === "bots") results.sim = { botsVsAutopilot: benchBotsVsAutopilot() };
/** Loads a bench module by file name and runs its exported function. */
async function runBench(file: string, fn: string): Promise<unknown> {
  const mod = (await import(pathToFileURL(`${here}/${file}`).href)) as Record<string, () => Promise<unknown>>;
  return mod[fn]!();
}
if ((!only || only === "server") && existsSync(`${here}/server-bench.ts`))
  results.server = await runBench("server-bench.ts", "benchServer");
if ((!only || only === "store") && existsSync(`${here}/store-bench.ts`))
  results.store = await runBench("store-bench.ts", "benchStore");
if ((!only || only === "event") && existsSync(`${here}/event-bench.ts`))
  results.event = await runBench("event-bench.ts", "benchEvent");
if ((!only || only === "debrief") && existsSync(`${here}/debrief-bench.ts`))
  results.debrief = await runBench("debrief-bench.ts", "benchDebrief");
if ((!only || only === "client") && existsSync(`${here}/client-bench.ts`))
  results.client = await runBench("client-bench.ts", "benchClient");
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exit(0);
