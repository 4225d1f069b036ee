/**
 * The sim CLI's kubectl console: `--kubectl` prints kubectl's output for the world the run
 * ended on (as a subprocess, the real entry point); `--repl` reads commands, completes with
 * Tab, queues writes as the role the CLI plays and applies them when it steps.
 */
import { execFile } from "node:child_process";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseSimArgs, newSimMatch, runMatch } from "../../../server/cli/sim-run";
import { SimConsole, runRepl } from "../../../server/cli/simKubectl";
import { runKubectl } from "../../../shared/kubectl";

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

/** Feeds lines to the REPL and returns everything it printed. */
async function repl(argv: string[], lines: string[]): Promise<string> {
  const opts = parseSimArgs(argv);
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (d: Buffer) => (text += d.toString()));
  const done = runRepl(newSimMatch(opts), opts, input, output);
  input.end(lines.map((l) => `${l}\n`).join(""));
  await done;
  return text;
}

describe("sim CLI --kubectl", () => {
  it("prints each line's output for the world at the end of the run", async () => {
    const args = ["--scenario", "nmt", "--seed", "7", "--duration", "30"];
    const r = await sim([...args, "--kubectl", "get pods -n shop -o wide", "--kubectl", "kubectl get nodes"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const world = runMatch(parseSimArgs(args)).match.world;
    expect(world.time).toBeGreaterThanOrEqual(30);
    expect(r.stdout).toBe(
      `$ kubectl get pods -n shop -o wide\n${runKubectl(world, "get pods -n shop -o wide").stdout}` +
        `$ kubectl get nodes\n${runKubectl(world, "get nodes").stdout}`,
    );
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/m);
    expect(r.stdout).not.toContain("Availability");
  }, 60_000);

  it("prints kubectl's error and exits 1 for a bad line; refuses a missing value with exit 2", async () => {
    const r = await sim(["--duration", "5", "--kubectl", "frobnicate pods"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('unknown command "frobnicate" for "kubectl"');
    const bad = await sim(["--kubectl"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^sim: --kubectl needs a value/);
  }, 60_000);
});

describe("sim CLI --repl", () => {
  it("runs reads, queues a write as the role the CLI plays and applies it on step", async () => {
    const out = await repl(
      ["--scenario", "nmt", "--seed", "3", "--no-chaos", "--manual", "workload-controller", "--repl"],
      [
        "step 5",
        "get deploy -n shop",
        "scale deployment tomcat -n shop --replicas=3",
        "step 1",
        "get deploy tomcat -n shop",
        "exit",
      ],
    );
    expect(out).toContain("you play workload-controller");
    expect(out).toMatch(/^tomcat\s+2\/2\s+2\s+2\s+/m);
    expect(out).toContain("(1 intent queued: `step` applies it)");
    expect(out).toContain("deployment.apps/tomcat scaled\n");
    expect(out).toMatch(/^tomcat\s+[0-3]\/3\s+/m);
  });

  it("sends a line's intents past the per-tick rate on the next ticks, in order", async () => {
    const out = await repl(
      ["--no-chaos", "--repl", "--manual", "workload-controller"],
      ["step 5", "delete pods -l tier -n shop", "step 1", "exit"],
    );
    expect(out).toContain("(5 intents queued: `step` applies them)");
    expect(out.match(/pod "[a-z0-9-]+" deleted$/gm)).toHaveLength(5);
    expect(out).not.toContain("RATE_LIMITED");
  });

  it("refuses writes when the CLI plays no role or not the intent's role, like a room", async () => {
    const out = await repl(
      ["--no-chaos", "--repl", "--manual", "scheduler"],
      ["scale deployment tomcat -n shop --replicas=3", "step 1", "exit"],
    );
    expect(out).toContain("Error from server (WRONG_ROLE)");
    const none = await repl(["--no-chaos", "--repl"], ["cordon node-1", "exit"]);
    expect(none).toContain("Error from server (NO_ROLE)");
    expect(none).toContain("start it with --manual <role>");
  });

  it("completes from the world and reads a heredoc as stdin", async () => {
    const opts = parseSimArgs(["--repl"]);
    const c = new SimConsole(newSimMatch(opts), []);
    expect(c.complete("kubectl -n shop scale deployment t")).toEqual([["tomcat"], "t"]);
    const out = await repl(
      ["--repl", "--no-chaos", "--manual", "service-controller"],
      [
        "apply -f - <<EOF",
        "apiVersion: v1",
        "kind: Service",
        "metadata:",
        "  name: tomcat",
        "  namespace: shop",
        "EOF",
        "step 1",
        "time",
        "exit",
      ],
    );
    expect(out).toContain("(1 intent queued: `step` applies it)");
    expect(out).toContain("service/tomcat unchanged\n");
    expect(out).toContain("t=1.0s");
  });
});
