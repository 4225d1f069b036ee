/**
 * The sim CLI's match logs: `--log` writes the run's log, `--replay` replays it and checks
 * the recorded stateHash; a corrupted log is refused with exit 2 and one `sim: …` line.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sim(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "server/cli/sim.ts", ...args],
      { cwd: process.cwd() },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface Log {
  format: number;
  options: { scenario: string; seed: number; durationSeconds: number };
  round: number;
  ticks: {
    tick: number;
    modes?: Record<string, string>;
    intents?: { actor: string; role: string; intent: { type: string } }[];
  }[];
  end?: { tick: number; stateHash: string };
}

let dir: string;
const file = (name: string) => join(dir, name);

describe("sim CLI match logs", () => {
  let run: Run;
  let runJson: Run;
  let log: Log;
  let injected: Run;
  let injectedLog: Log;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "reconcile-cli-"));
    [run, runJson, injected] = await Promise.all([
      sim([
        "--scenario",
        "nmt",
        "--seed",
        "3",
        "--duration",
        "20",
        "--bot",
        "scheduler",
        "--log",
        file("run.json"),
      ]),
      sim(["--scenario", "nmt", "--seed", "3", "--duration", "20", "--bot", "scheduler", "--json"]),
      sim([
        "--scenario",
        "nmt",
        "--seed",
        "3",
        "--duration",
        "20",
        "--bot",
        "scheduler",
        "--inject",
        "5:pod-kill:shop/tomcat",
        "--log",
        file("injected.json"),
      ]),
    ]);
    log = JSON.parse(readFileSync(file("run.json"), "utf8")) as Log;
    injectedLog = JSON.parse(readFileSync(file("injected.json"), "utf8")) as Log;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("--log writes the run's match log: options, the bot's role mode, the end and its stateHash", () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(log).toMatchObject({
      format: 1,
      round: 1,
      options: { scenario: "nmt", seed: 3, durationSeconds: 20 },
    });
    expect(log.ticks[0]).toEqual({ tick: 1, modes: { scheduler: "manual" } });
    expect(log.end?.tick).toBe(200);
    // The log's end is the run's own stateHash.
    expect(log.end?.stateHash).toBe((JSON.parse(runJson.stdout) as { stateHash: string }).stateHash);
    expect(run.stdout).toContain(`state ${log.end!.stateHash}`);
  });

  it('--replay of that log prints the tables and "replay verified"', async () => {
    const r = await sim(["--replay", file("run.json")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("replay verified");
    expect(r.stdout).toContain(log.end!.stateHash);
    expect(r.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/m);
  });

  it("replays a log with injected chaos and the bot's intents, in tables and in JSON", async () => {
    expect(injected.code).toBe(0);
    const intents = injectedLog.ticks.flatMap((t) => t.intents ?? []);
    expect(intents.length).toBeGreaterThan(0);
    expect(intents.every((q) => q.actor === "scheduler-bot" && q.intent.type === "bindPod")).toBe(true);
    const [tables, json] = await Promise.all([
      sim(["--replay", file("injected.json")]),
      sim(["--replay", file("injected.json"), "--json"]),
    ]);
    expect(tables.code).toBe(0);
    expect(tables.stdout).toContain("replay verified");
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { stateHash: string; verified: boolean; ticks: number };
    expect(report).toMatchObject({ stateHash: injectedLog.end!.stateHash, verified: true, ticks: 200 });
  });

  it("a log whose end hash was tampered with replays to a MISMATCH, exit 1", async () => {
    writeFileSync(
      file("tampered.json"),
      JSON.stringify({ ...log, end: { ...log.end!, stateHash: "0".repeat(16) } }),
    );
    const r = await sim(["--replay", file("tampered.json")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("replay MISMATCH");
  });

  it("refuses a corrupted log — bad JSON, an unknown intent type, ticks out of order — with exit 2 and one line", async () => {
    const unknownIntent: Log = {
      ...injectedLog,
      ticks: [
        ...injectedLog.ticks.slice(0, 1),
        { tick: 150, intents: [{ actor: "x", role: "scheduler", intent: { type: "frobnicate" } }] },
      ],
    };
    const outOfOrder: Log = { ...log, ticks: [{ tick: 5, modes: { scheduler: "manual" } }, { tick: 3 }] };
    writeFileSync(file("bad.json"), '{"format": 1, "ticks": [');
    writeFileSync(file("unknown-intent.json"), JSON.stringify(unknownIntent));
    writeFileSync(file("out-of-order.json"), JSON.stringify(outOfOrder));
    const runs = await Promise.all(
      ["bad.json", "unknown-intent.json", "out-of-order.json", "missing.json"].map((f) =>
        sim(["--replay", file(f)]),
      ),
    );
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trimEnd().split("\n");
      expect(lines, r.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^sim: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(runs[0]!.stderr).toContain("bad.json");
    expect(runs[1]!.stderr).toMatch(/frobnicate/);
    expect(runs[2]!.stderr).toMatch(/ticks\[1\]\.tick/);
    expect(runs[3]!.stderr).toContain("missing.json");
  });
});
