/**
 * `npm run sim -- --scenario-file path.yaml`: runs a custom scenario file, tells which fields
 * the game ignores, and on a bad file prints file:line errors and exits 2; its match log
 * replays to the same hash (the file travels in the log).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TINY } from "./scenarios/fixtures";

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
      (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const dir = mkdtempSync(path.join(tmpdir(), "scenario-file-"));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe("sim CLI --scenario-file", () => {
  it("runs the file, lists ignored fields on stderr, and its log replays to the same hash", async () => {
    const text = TINY.replace(
      "          image: nginx:1.25\n",
      "          image: nginx:1.25\n          imagePullPolicy: Always\n",
    );
    const file = write("shop.yaml", text);
    const line = text.split("\n").indexOf("          imagePullPolicy: Always") + 1;
    const log = path.join(dir, "log.json");
    const run = await sim([
      "--scenario-file",
      file,
      "--seed",
      "4",
      "--duration",
      "20",
      "--json",
      "--log",
      log,
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      `# ignored by the game: shop.yaml:${line}: Deployment web/front: spec.template.spec.containers[0].imagePullPolicy\n`,
    );
    const report = JSON.parse(run.stdout);
    expect(report.scenario).toBe("tiny");
    expect(report.items.filter((i: { kind: string }) => i.kind === "Node")).toHaveLength(2);
    expect(JSON.parse(readFileSync(log, "utf8")).options.scenarioFile.name).toBe("shop.yaml");
    const replay = await sim(["--replay", log, "--json"]);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ verified: true, stateHash: report.stateHash });
  });

  it("the header's clock is the run's unless --clock names one", async () => {
    const file = write(
      "slow.yaml",
      TINY.replace("  description: A tiny shop.\n", "  description: A tiny shop.\n  clock: realistic\n"),
    );
    const own = await sim(["--scenario-file", file, "--duration", "10", "--json"]);
    expect(JSON.parse(own.stdout).clock).toBe("realistic");
    const flag = await sim(["--clock", "arcade", "--scenario-file", file, "--duration", "10", "--json"]);
    expect(JSON.parse(flag.stdout).clock).toBe("arcade");
  });

  it("a bad file: every error as file:line: field: message, exit code 2; a missing file too", async () => {
    const bad = await sim(["--scenario-file", write("bad.yaml", TINY.replace("count: 2", "count: two"))]);
    expect(bad).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "sim: bad.yaml:6: spec.nodes.count: expected a number\n",
    });
    const missing = await sim(["--scenario-file", path.join(dir, "nope.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^sim: --scenario-file .*nope\.yaml: ENOENT/);
    const both = await sim(["--scenario", "nmt", "--scenario-file", path.join(dir, "shop.yaml")]);
    expect(both).toMatchObject({
      code: 2,
      stderr: "sim: --scenario and --scenario-file exclude each other\n",
    });
  });
});
