/**
 * The real server in a process of its own, for tests that kill and restart it on one
 * database file (crash recovery, stored competitions, the booth's board).
 */
import { spawn, type ChildProcess } from "node:child_process";

/** A running server process and everything it printed so far. */
export interface ServerProcess {
  proc: ChildProcess;
  output: () => string;
}

/** Starts `server/index.ts` on `port` with `env` added and waits for its health check. */
export async function spawnServer(port: number, env: Record<string, string>): Promise<ServerProcess> {
  let output = "";
  // node with tsx's loader, not the tsx CLI: the CLI runs the server in a child process
  // that a SIGKILL of the CLI would leave running.
  const proc = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  for (const deadline = Date.now() + 60_000; ;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/__healthcheck`)).ok) return { proc, output: () => output };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Stops a server process with `signal` (SIGKILL: no shutdown hook, no flush) and waits for it. */
export async function stopServerProcess(s: ServerProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!s || s.proc.exitCode !== null) return;
  const exited = new Promise((r) => s.proc.once("exit", r));
  s.proc.kill(signal);
  await exited;
}
