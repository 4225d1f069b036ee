/** The sim CLI's parts: argument parsing, the run, the JSON report, the kubectl-style tables. */
import {
  age,
  availability,
  cell,
  endpointsColumn,
  formatLabels,
  nodeStatus,
  podReadyColumn,
  podRestarts,
  podStatus,
  servicePorts,
  CHAOS_TYPES,
  checkChaosTarget,
  isChaosType,
  ROLES,
  scoreOf,
  CLOCK_NAMES,
  SCENARIO_NAMES,
  stateHash,
  TICK_SECONDS,
  type ChaosType,
  type ClockName,
  type Role,
  type Score,
  type Endpoints,
  type KubeObject,
  type Node,
  type Pod,
  type Service,
  type World,
} from "../../shared/sim";
import { Match, replayLog, validateMatchLog, type MatchLog } from "../../shared/match";
import type { ApiObject } from "../../shared/kubectl/objects";
import { printable, simItems } from "./simItems";
import { loadScenarioFile } from "./scenarioFile";
import type { ScenarioFileOption } from "../../shared/protocol";

/** A bad flag or value: printed as one line, exit code 2. */
export class SimUsageError extends Error {}

/** Parsed CLI options. */
export interface SimOptions {
  scenario: string;
  seed: number;
  duration: number;
  clock: ClockName;
  json: boolean;
  /** Run the scenario's seeded chaos schedule (default true). */
  chaos: boolean;
  /** Chaos events added on top (`--inject <seconds>:<type>[:<target>]`). */
  inject: { at: number; type: ChaosType; target?: string }[];
  /** Roles left to people (`--manual <role>`): their loops stop; nobody plays them. */
  manual: Role[];
  /** Roles played by bots (`--bot <role>`): manual, with a bot sending intents. */
  bots: Role[];
  /** A match log file to replay instead of running (`--replay match.json`). */
  replay?: string;
  /** kubectl lines run after the run (`--kubectl "get pods -o wide"`, repeatable): their output is printed instead of the tables. */
  kubectl: string[];
  /** An interactive kubectl console over the running match (`--repl`: server/cli/simKubectl.ts). */
  repl: boolean;
  /** A custom scenario file run instead of `--scenario` (`--scenario-file path.yaml`: scenarioFile.ts). */
  scenarioFile?: ScenarioFileOption;
  /** The fields of that file the game ignores. */
  ignored?: string[];
}

const USAGE =
  "usage: npm run sim -- --scenario <name>|--scenario-file <file.yaml> --seed <int> --duration <seconds> [--clock arcade|realistic] [--json]" +
  " [--no-chaos] [--inject <seconds>:<type>[:<target>]]... [--manual <role>]... [--bot <role>]..." +
  ' [--kubectl "<kubectl line>"]... [--repl]' +
  " | --replay <match-log.json> [--json]";

function parseRole(flag: string, v: string): Role {
  if (!(ROLES as readonly string[]).includes(v))
    throw new SimUsageError(`${flag}: unknown role "${v}" (known: ${ROLES.join(", ")})`);
  return v as Role;
}

function parseInject(v: string): SimOptions["inject"][number] {
  const m = /^(\d+(?:\.\d+)?):([a-z-]+)(?::(.+))?$/.exec(v);
  if (!m)
    throw new SimUsageError(
      `--inject must be <seconds>:<type>[:<target>], e.g. 10:pod-kill:shop/tomcat, got "${v}"`,
    );
  const at = Number(m[1]);
  if (at > 86_400) throw new SimUsageError(`--inject time must be at most 86400 seconds, got "${m[1]}"`);
  if (!isChaosType(m[2]!))
    throw new SimUsageError(`--inject: unknown chaos type "${m[2]}" (known: ${CHAOS_TYPES.join(", ")})`);
  return { at, type: m[2], ...(m[3] ? { target: m[3] } : {}) };
}

/** Parses argv (without node and script); throws SimUsageError on anything unknown or malformed. */
export function parseSimArgs(argv: readonly string[]): SimOptions {
  const opts: SimOptions = {
    scenario: "nmt",
    seed: 42,
    duration: 120,
    clock: "arcade",
    json: false,
    chaos: true,
    inject: [],
    manual: [],
    bots: [],
    kubectl: [],
    repl: false,
  };
  let durationGiven = false;
  let scenarioGiven = false;
  let clockGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes("=")
      ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)]
      : [flag, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith("--")) throw new SimUsageError(`${name} needs a value; ${USAGE}`);
      return v;
    };
    switch (name) {
      case "--replay":
        opts.replay = value();
        break;
      case "--scenario-file": {
        if (scenarioGiven) throw new SimUsageError("--scenario and --scenario-file exclude each other");
        scenarioGiven = true;
        const loaded = loadScenarioFile(value());
        if (!loaded.ok) throw new SimUsageError(loaded.message);
        opts.scenario = loaded.name;
        opts.scenarioFile = loaded.option;
        // The file's header may name a clock; --clock (before or after) still wins.
        if (loaded.clock && !clockGiven) opts.clock = loaded.clock;
        opts.ignored = loaded.ignored;
        break;
      }
      case "--scenario": {
        if (scenarioGiven) throw new SimUsageError("--scenario and --scenario-file exclude each other");
        scenarioGiven = true;
        const v = value();
        if (!SCENARIO_NAMES.includes(v))
          throw new SimUsageError(`unknown scenario "${v}" (known: ${SCENARIO_NAMES.join(", ")})`);
        opts.scenario = v;
        break;
      }
      case "--seed": {
        const v = value();
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)))
          throw new SimUsageError(`--seed must be a non-negative integer, got "${v}"`);
        opts.seed = Number(v);
        break;
      }
      case "--duration": {
        const v = value();
        const n = Number(v);
        if (!/^\d+(\.\d+)?$/.test(v) || n <= 0 || n > 86_400)
          throw new SimUsageError(`--duration must be a number of seconds from 0 to 86400, got "${v}"`);
        opts.duration = n;
        durationGiven = true;
        break;
      }
      case "--clock": {
        const v = value();
        if (!(CLOCK_NAMES as readonly string[]).includes(v))
          throw new SimUsageError(`unknown clock "${v}" (known: ${CLOCK_NAMES.join(", ")})`);
        opts.clock = v as ClockName;
        clockGiven = true;
        break;
      }
      case "--json":
        if (inline !== undefined) throw new SimUsageError(`--json takes no value`);
        opts.json = true;
        break;
      case "--no-chaos":
        if (inline !== undefined) throw new SimUsageError(`--no-chaos takes no value`);
        opts.chaos = false;
        break;
      case "--inject":
        opts.inject.push(parseInject(value()));
        break;
      case "--kubectl":
        opts.kubectl.push(value());
        break;
      case "--repl":
        if (inline !== undefined) throw new SimUsageError(`--repl takes no value`);
        opts.repl = true;
        break;
      case "--manual": {
        const role = parseRole(name, value());
        if (opts.bots.includes(role))
          throw new SimUsageError(`--manual ${role}: the role is already a --bot`);
        if (!opts.manual.includes(role)) opts.manual.push(role);
        break;
      }
      case "--bot": {
        const role = parseRole(name, value());
        if (opts.manual.includes(role))
          throw new SimUsageError(`--bot ${role}: the role is already --manual`);
        if (!opts.bots.includes(role)) opts.bots.push(role);
        break;
      }
      default:
        throw new SimUsageError(`unknown flag "${flag}"; ${USAGE}`);
    }
  }
  // A console session lasts as long as its player steps it: an hour unless --duration says.
  if (opts.repl && !durationGiven) opts.duration = 3600;
  return opts;
}

/** The JSON report of a run. */
export interface SimReport {
  scenario: string;
  seed: number;
  clock: ClockName;
  durationSeconds: number;
  ticks: number;
  stateHash: string;
  availability: ReturnType<typeof availability>;
  /** Incidents: from a chaos event until the request chain was healthy again (end null: still open). */
  incidents: { start: number; end: number | null; cause: string }[];
  score: Score;
  roles: World["roles"];
  requests: { total: number; ok: number; failed: Record<string, number> };
  events: World["events"];
  dns: Record<string, string[]>;
  /** Every object as the Kubernetes API returns it (`kubectl get -o json`). */
  items: ApiObject[];
}

/**
 * Runs a match through `shared/match`, as a room would with nobody seated: the flags' roles
 * are left manual or given to bots, `--inject` chaos enters on its second, and it ends after
 * the duration. Returns the report and the match log (replayable with `--replay`).
 */
export function runMatch(opts: SimOptions): { report: SimReport; log: MatchLog; match: Match } {
  const match = newSimMatch(opts);
  // An injection enters the tick that starts at its second, so it fires when the clock reaches it.
  const due = [...opts.inject].sort((a, b) => a.at - b.at);
  while (match.phase === "running") stepSim(match, due);
  return { report: report(match.world, opts, match.world.tick), log: match.log, match };
}

/** One tick of a CLI match, with the `--inject` events due by then (taken from the sorted `due`). */
export function stepSim(match: Match, due: SimOptions["inject"]): ReturnType<Match["tick"]> {
  while (due.length > 0 && due[0]!.at <= match.world.time + TICK_SECONDS / 2) {
    const ev = due.shift()!;
    match.inject("cli", ev.type, ev.target);
  }
  return match.tick();
}

/** The CLI's match, started: the flags' roles manual or bots, `--inject` targets checked. */
export function newSimMatch(opts: SimOptions): Match {
  const match = new Match({
    scenario: opts.scenario,
    seed: opts.seed,
    clock: opts.clock,
    difficulty: "standard",
    durationSeconds: opts.duration,
    chaos: opts.chaos,
    ...(opts.scenarioFile ? { scenarioFile: opts.scenarioFile } : {}),
  });
  for (const ev of opts.inject) {
    const bad = checkChaosTarget(match.world, ev);
    if (bad) throw new SimUsageError(`--inject ${ev.at}:${ev.type}:${ev.target}: ${bad}`);
  }
  for (const role of opts.manual) match.setMode(role, "manual");
  for (const role of opts.bots) match.setMode(role, "bot");
  match.start();
  return match;
}

/** Runs a match and reports (see {@link runMatch}). */
export function runSim(opts: SimOptions): SimReport {
  return runMatch(opts).report;
}

/** Replays a match log (already parsed JSON): the report of its last tick and whether its hash matches. */
export function replaySim(
  raw: unknown,
  json: boolean,
): { report: SimReport; verified: boolean; expected?: string } {
  const v = validateMatchLog(raw);
  if (!v.ok) throw new SimUsageError(v.error.message);
  const log = v.value;
  const world = replayLog(log);
  const opts: SimOptions = {
    scenario: log.options.scenario,
    seed: log.options.seed,
    duration: log.options.durationSeconds,
    clock: log.options.clock,
    json,
    chaos: log.options.chaos,
    ...(log.options.scenarioFile ? { scenarioFile: log.options.scenarioFile } : {}),
    inject: [],
    manual: [],
    bots: [],
    kubectl: [],
    repl: false,
  };
  const r = report(world, opts, world.tick);
  return {
    report: r,
    verified: log.end?.stateHash === r.stateHash,
    ...(log.end ? { expected: log.end.stateHash } : {}),
  };
}

/** The report of a world after a run. */
export function report(world: World, opts: SimOptions, ticks: number): SimReport {
  const score = scoreOf(world, { windowSeconds: opts.duration });
  const dns: Record<string, string[]> = {};
  for (const name of Object.keys(world.dns.records).sort()) dns[name] = world.dns.records[name]!;
  const items = simItems(world);
  return {
    scenario: world.scenario,
    seed: world.seed,
    clock: world.clock,
    durationSeconds: opts.duration,
    ticks,
    stateHash: stateHash(world),
    availability: availability(world),
    incidents: score.incidents.map(({ start, end, cause }) => ({ start, end, cause })),
    score,
    roles: { ...world.roles },
    requests: { total: world.traffic.total, ok: world.traffic.ok, failed: { ...world.traffic.failed } },
    events: world.events,
    dns,
    items,
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return (
    rows
      .map((r) =>
        r
          .map((cell, c) => cell.padEnd(widths[c]! + 3))
          .join("")
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}

/** The report as `kubectl get` tables, DNS records and an availability summary. */
export function renderTables(r: SimReport): string {
  const now = r.durationSeconds;
  const of = <K extends KubeObject["kind"]>(kind: K) => r.items.flatMap((i) => printable(i, kind) ?? []);
  const out: string[] = [];
  out.push(
    `# scenario ${r.scenario}, seed ${r.seed}, clock ${r.clock}, ${r.durationSeconds}s (${r.ticks} ticks), state ${r.stateHash}\n`,
  );
  out.push("$ kubectl get nodes -o wide\n");
  out.push(
    table([
      ["NAME", "STATUS", "ROLES", "AGE", "INTERNAL-IP", "POD-CIDR"],
      ...of("Node").map((n: Node) => [
        n.metadata.name,
        nodeStatus(n),
        cell(""),
        age(now - n.metadata.creationTimestamp),
        n.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "",
        n.spec.podCIDR,
      ]),
    ]),
  );
  out.push("\n$ kubectl get pods -A -o wide\n");
  out.push(
    table([
      ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE"],
      ...of("Pod").map((p: Pod) => [
        p.metadata.namespace ?? "",
        p.metadata.name,
        podReadyColumn(p),
        podStatus(p),
        String(podRestarts(p)),
        age(now - p.metadata.creationTimestamp),
        cell(p.status.podIP ?? ""),
        cell(p.spec.nodeName ?? ""),
      ]),
    ]),
  );
  out.push("\n$ kubectl get services -A\n");
  out.push(
    table([
      ["NAMESPACE", "NAME", "TYPE", "CLUSTER-IP", "PORT(S)", "SELECTOR"],
      ...of("Service").map((s: Service) => [
        s.metadata.namespace ?? "",
        s.metadata.name,
        s.spec.type,
        s.spec.clusterIP,
        cell(servicePorts(s)),
        cell(formatLabels(s.spec.selector)),
      ]),
    ]),
  );
  out.push("\n$ kubectl get endpoints -A\n");
  out.push(
    table([
      ["NAMESPACE", "NAME", "ENDPOINTS"],
      ...of("Endpoints").map((e: Endpoints) => [
        e.metadata.namespace ?? "",
        e.metadata.name,
        cell(endpointsColumn(e)),
      ]),
    ]),
  );
  out.push("\n# cluster DNS (CoreDNS) A records\n");
  out.push(table([["NAME", "ADDRESSES"], ...Object.entries(r.dns).map(([n, ips]) => [n, ips.join(",")])]));
  const a = r.availability;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  out.push(
    `\n# availability: overall ${pct(a.overall)}  nginx ${pct(a.nginx)}  tomcat ${pct(a.tomcat)}  mysql ${pct(a.mysql)}\n`,
  );
  const s = r.score;
  out.push(
    `# SLO ${pct(s.slo.target)}: ${s.slo.met ? "met" : "missed"}; error budget used ${s.slo.errorBudget.usedFailures} of ${s.slo.errorBudget.allowedFailures} failures; MTTR ${s.mttrSeconds ?? "-"}s; ${s.openIncidents} open incident(s); team points ${s.teamPoints}\n`,
  );
  const manual = Object.entries(r.roles).filter(([, m]) => m === "manual");
  if (manual.length > 0) out.push(`# manual roles: ${manual.map(([role]) => role).join(", ")}\n`);
  if (r.incidents.length > 0) {
    out.push("\n# incidents (chaos → chain healthy again)\n");
    out.push(
      table([
        ["START", "END", "MTTR", "CAUSE"],
        ...r.incidents.map((i) => [
          `${i.start}s`,
          i.end === null ? "open" : `${i.end}s`,
          i.end === null ? "-" : `${Math.round((i.end - i.start) * 10) / 10}s`,
          i.cause,
        ]),
      ]),
    );
  }
  for (const p of s.players)
    out.push(
      `# player ${p.actor}: ${p.points} points, ${p.actions} actions (${p.restored} restored, ${p.broke} hurt)\n`,
    );
  const failed = Object.entries(r.requests.failed).filter(([, n]) => n > 0);
  out.push(
    `# requests: ${r.requests.total} total, ${r.requests.ok} ok${failed.length ? `, failed: ${failed.map(([k, n]) => `${k} ${n}`).join(", ")}` : ""}\n`,
  );
  return out.join("");
}
