/**
 * The match log of a live room replays bit for bit: people in roles sending intents, a host
 * injection, a bot in a role and a role given up mid-round, run to the debrief; then
 * `replayLog` (shared/match) and the sim CLI's `--replay` reach the stateHash the clients saw.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState, PodView } from "../../server/rooms/schema/MatchState";
import { replayLog, validateMatchLog, verifyLog } from "../../shared/match";
import { MATCH_ROOM, ServerMessage, type IntentResultPayload } from "../../shared/protocol";
import { stateHash } from "../../shared/sim";
import { collect, eventually, sent, synced, tickSeconds, type Client } from "./helpers";

let colyseus: ColyseusTestServer;
let dir: string;

beforeAll(async () => {
  colyseus = await boot(appConfig, 2573);
  dir = mkdtempSync(join(tmpdir(), "reconcile-log-"));
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the sim CLI (as core-cli.test.ts does) and returns its exit code and output. */
function sim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "server/cli/sim.ts", ...args],
      { cwd: process.cwd() },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

/** The first pod in the client state matching `pred`. */
function podWhere(c: Client, pred: (p: PodView) => boolean): PodView | undefined {
  return [...c.state.pods.values()].find(pred);
}

describe("match log", () => {
  it("a live room with people, a bot and a host injection replays to the debrief's stateHash, in shared/match and in the sim CLI", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, {
      seed: 42,
      manualClock: true,
      durationSeconds: 12,
      name: "Ada",
      role: "scheduler",
    });
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Bob", role: "workload-controller" });
    const aResults = collect<IntentResultPayload>(a, ServerMessage.intentResult);
    const bResults = collect<IntentResultPayload>(b, ServerMessage.intentResult);
    const injected = collect<{ ok: boolean }>(a, ServerMessage.injectResult);
    await sent(room, a, "setMode", { role: "service-controller", mode: "bot" });
    await synced(room, a, b);
    expect(a.state.roles.get("service-controller")).toMatchObject({
      mode: "manual",
      bot: "service-controller-bot",
    });
    await sent(room, a, "start");
    tickSeconds(room, 1);
    await synced(room, a, b);

    // Bob deletes an nginx pod and creates its replacement; Ada binds it.
    const victim = podWhere(a, (p) => p.workload === "Deployment/shop/nginx")!;
    await sent(room, b, "intent", { type: "deletePod", pod: victim.key });
    room.tickOnce();
    await sent(room, b, "intent", { type: "createPod", owner: victim.owner });
    room.tickOnce();
    await synced(room, a, b);
    const pending = podWhere(a, (p) => p.owner === victim.owner && p.node === "")!;
    expect(pending).toBeDefined();
    await sent(room, a, "intent", { type: "bindPod", pod: pending.key, node: "node-2" });
    room.tickOnce();
    await eventually(() => aResults.length === 1 && bResults.length === 2, "the three results");
    expect([...aResults, ...bResults].every((r) => r.ok)).toBe(true);

    // The host kills a tomcat pod; Bob creates a new one; Ada gives the scheduler back to the
    // autopilot, which binds it (a mode change in the middle of the round).
    tickSeconds(room, 1);
    await sent(room, a, "inject", { type: "pod-kill", target: "shop/tomcat" });
    room.tickOnce();
    await eventually(() => injected.length === 1, "the injection result");
    expect(injected[0]?.ok).toBe(true);
    await synced(room, a, b);
    const tomcatRs = a.state.workloads.get("Deployment/shop/tomcat")!.currentReplicaSet;
    await sent(room, b, "intent", { type: "createPod", owner: tomcatRs });
    room.tickOnce();
    await sent(room, a, "pickRole", { role: "" });
    tickSeconds(room, 2);
    await synced(room, a, b);
    expect(a.state.roles.get("scheduler")?.mode).toBe("autopilot");
    expect([...a.state.pods.values()].filter((p) => p.owner === tomcatRs && p.node !== "")).toHaveLength(2);

    tickSeconds(room, 12);
    await synced(room, a, b);
    expect(a.state.phase).toBe("debrief");
    const hash = a.state.stateHash;
    expect(b.state.stateHash).toBe(hash);

    // The log holds the round's inputs: people's and the bot's intents, the injection, the modes.
    const log = room.match.log;
    expect(log.end).toEqual({ tick: 120, stateHash: hash });
    const intents = log.ticks.flatMap((t) => t.intents ?? []);
    expect(intents.filter((q) => q.actor === "Bob").map((q) => q.intent.type)).toEqual([
      "deletePod",
      "createPod",
      "createPod",
    ]);
    expect(intents.filter((q) => q.actor === "Ada").map((q) => q.intent.type)).toEqual(["bindPod"]);
    // The service controller's bot put the new tomcat pod into its Service's Endpoints.
    expect(intents.filter((q) => q.actor === "service-controller-bot").map((q) => q.intent.type)).toContain(
      "updateEndpoints",
    );
    expect(log.ticks.flatMap((t) => t.injections ?? [])).toEqual([
      { actor: "Ada", type: "pod-kill", target: "shop/tomcat" },
    ]);
    const modes = log.ticks.filter((t) => t.modes).map((t) => t.modes);
    expect(modes[0]).toEqual({
      scheduler: "manual",
      "workload-controller": "manual",
      "service-controller": "manual",
    });
    expect(modes).toContainEqual({ scheduler: "autopilot" });

    // Replayed in shared/match…
    expect(stateHash(replayLog(log))).toBe(hash);
    expect(verifyLog(log)).toEqual({ ok: true, expected: hash, actual: hash });
    // …and, through a JSON file, by the sim CLI.
    const file = join(dir, "match.json");
    writeFileSync(file, JSON.stringify(log));
    expect(validateMatchLog(JSON.parse(JSON.stringify(log))).ok).toBe(true);
    const run = await sim(["--replay", file, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { stateHash: string; verified: boolean; ticks: number };
    expect(report.stateHash).toBe(hash);
    expect(report.verified).toBe(true);
    expect(report.ticks).toBe(120);
  });
});
