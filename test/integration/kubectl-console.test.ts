/**
 * The kubectl console through a real room (issue 15): real colyseus.js clients send `kubectl`
 * lines; reads answer from the authoritative world with no role needed; every intent type
 * goes from a console line through the match's intake as the sender's seat, so its result
 * arrives as an `intentResult` exactly as a button's would (role refusal included). Judged
 * only by what the clients receive and decode.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import { CONSOLE_BUDGET } from "../../server/rooms/kubectlConsole";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import {
  ErrorCode,
  MATCH_ROOM,
  MAX_INTENTS_PER_TICK,
  MAX_KUBECTL_LINE,
  type ErrorPayload,
  type KubectlCompletionPayload,
  type KubectlResultPayload,
} from "../../shared/protocol";
import { kubectlConfirmation } from "../../shared/kubectl";
import { INTENT_TYPES, kubectlFor, type IntentResult, type IntentType } from "../../shared/sim";
import { collect, collectErrors, eventually, sent, synced, tickSeconds, type Client } from "./helpers";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, 3701);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

/** One player: the client, what it received. */
interface Player {
  c: Client;
  results: KubectlResultPayload[];
  completions: KubectlCompletionPayload[];
  intents: IntentResult[];
  errors: ErrorPayload[];
}

function player(c: Client): Player {
  return {
    c,
    results: collect<KubectlResultPayload>(c, "kubectlResult"),
    completions: collect<KubectlCompletionPayload>(c, "kubectlCompletion"),
    intents: collect<IntentResult>(c, "intentResult"),
    errors: collectErrors(c),
  };
}

/** A running manual-clock nmt match (no chaos) with a player per role and a watcher. */
async function fourPlayers() {
  const opts = { manualClock: true, seed: 42, chaos: false, durationSeconds: 3600 };
  const host = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { ...opts, name: "Sam", role: "scheduler" });
  const room = colyseus.getRoomById(host.roomId) as MatchRoom;
  const join = (name: string, role: string) => colyseus.sdk.joinById<MatchState>(host.roomId, { name, role });
  const wl = await join("Wendy", "workload-controller");
  const svc = await join("Sid", "service-controller");
  const watcher = await join("Wes", "");
  await synced(room, host, wl, svc, watcher);
  const p = { room, sched: player(host), wl: player(wl), svc: player(svc), watcher: player(watcher) };
  await sent(room, host, "start", {});
  tickSeconds(room, 3);
  await synced(room, host, wl, svc, watcher);
  return p;
}

let nextId = 1;

/** Sends a console line as `p` and waits for its `kubectlResult`. */
async function kubectl(
  room: MatchRoom,
  p: Player,
  line: string,
  stdin?: string,
): Promise<KubectlResultPayload> {
  const id = nextId++;
  await sent(room, p.c, "kubectl", stdin === undefined ? { id, line } : { id, line, stdin });
  await eventually(() => p.results.some((r) => r.id === id), `the reply to "${line}"`);
  return p.results.find((r) => r.id === id)!;
}

/** Ticks once and waits for `p`'s result of an intent of `type` (the newest one). */
async function resultOf(room: MatchRoom, p: Player, type: IntentType, from: number): Promise<IntentResult> {
  tickSeconds(room, 0.1);
  await eventually(
    () => p.intents.slice(from).some((r) => r.intent.type === type),
    `the ${type} result to arrive`,
  );
  return p.intents.slice(from).find((r) => r.intent.type === type)!;
}

const pods = (p: Player) => [...p.c.state.pods.values()];

describe("kubectl console in a match room", () => {
  it("answers a read from a player with no role, from the authoritative world", async () => {
    const { room, sched, watcher } = await fourPlayers();
    const r = await kubectl(room, watcher, "kubectl -n shop get pods");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.intents).toEqual([]);
    const rows = r.stdout.trim().split("\n");
    expect(rows[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    const names = rows.slice(1).map((row) => row.split(/\s+/)[0]);
    const shown = pods(watcher)
      .filter((p) => p.namespace === "shop")
      .map((p) => p.name)
      .sort();
    expect(names.sort()).toEqual(shown);
    // kubectl's own errors come back as kubectl prints them, nothing else happens.
    const bad = await kubectl(room, sched, "kubectl frobnicate");
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('unknown command "frobnicate" for "kubectl"');
    expect(sched.intents).toEqual([]);
  });

  it("completes a line from the server's world", async () => {
    const { room, watcher } = await fourPlayers();
    await sent(room, watcher.c, "kubectlComplete", {
      id: 7,
      line: "kubectl -n shop scale deployment t",
      cursor: 34,
    });
    await eventually(() => watcher.completions.length > 0, "the completion");
    expect(watcher.completions[0]).toEqual({ id: 7, from: 33, to: 34, candidates: ["tomcat"] });
  });

  it("refuses malformed console messages with a clear error and changes nothing", async () => {
    const { room, wl } = await fourPlayers();
    const before = pods(wl).length;
    const bad: [string, unknown, string][] = [
      ["kubectl", { line: "get pods" }, 'missing field "id"'],
      ["kubectl", { id: 1, line: 5 }, '"line" must be a string'],
      ["kubectl", { id: 1, line: "get pods", extra: 1 }, 'unknown field "extra"'],
      ["kubectl", { id: 1, line: "x".repeat(MAX_KUBECTL_LINE + 1) }, "longer than 2000"],
      ["kubectl", { id: 1, line: "get pods\u202e" }, "bidi control"],
      ["kubectl", { id: 1, line: "apply -f -", stdin: 3 }, '"stdin" must be a string'],
      ["kubectl", "scale deployment tomcat --replicas=9", "expected an object"],
      ["kubectlComplete", { id: 1, line: "get", cursor: 9 }, '"cursor" must be between 0 and 3'],
    ];
    for (const [type, payload] of bad) await sent(room, wl.c, type, payload);
    await eventually(() => wl.errors.length >= bad.length, "every refusal");
    bad.forEach(([type, , message], i) => {
      expect(wl.errors[i]).toMatchObject({ ref: type });
      expect([ErrorCode.BAD_PAYLOAD, ErrorCode.TOO_LONG]).toContain(wl.errors[i]!.code);
      expect(wl.errors[i]!.message).toContain(message);
    });
    tickSeconds(room, 1);
    await synced(room, wl.c);
    expect(wl.results).toEqual([]);
    expect(wl.intents).toEqual([]);
    expect(pods(wl).length).toBe(before);
  });

  it("queues a write as the sender's intent: the scale applies on the next tick, on every client", async () => {
    const { room, wl, watcher } = await fourPlayers();
    const desired = (p: Player) => p.c.state.workloads.get("Deployment/shop/tomcat")!.desired;
    expect(desired(watcher)).toBe(2);
    const r = await kubectl(room, wl, "kubectl -n shop scale deployment tomcat --replicas=3");
    expect(r).toMatchObject({ exitCode: 0, stderr: "" });
    expect(r.intents).toEqual([{ type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }]);
    await synced(room, wl.c, watcher.c);
    expect(desired(watcher)).toBe(2); // queued, not applied: no tick yet
    const res = await resultOf(room, wl, "scale", 0);
    expect(res).toMatchObject({ ok: true, kubectl: "kubectl -n shop scale deployment tomcat --replicas=3" });
    await synced(room, wl.c, watcher.c);
    expect(desired(wl)).toBe(3);
    expect(desired(watcher)).toBe(3);
  });

  it("holds a client to a few commands a second: the rest are refused RATE_LIMITED and not run", async () => {
    const { watcher } = await fourPlayers();
    const t0 = performance.now();
    for (let i = 0; i < 30; i++) watcher.c.send("kubectl", { id: 1000 + i, line: "get pods -A -o yaml" });
    // Every command is answered: run (a kubectlResult) or refused (counted in coalesced errors).
    const answered = () => watcher.results.length + watcher.errors.reduce((n, e) => n + (e.count ?? 1), 0);
    await eventually(() => answered() >= 30, "every command answered", 20_000);
    const seconds = (performance.now() - t0) / 1000;
    // The burst, plus what the rate refilled while the 30 arrived: far fewer than 30.
    expect(watcher.results.length).toBeGreaterThanOrEqual(CONSOLE_BUDGET.commandBurst);
    expect(watcher.results.length).toBeLessThanOrEqual(
      CONSOLE_BUDGET.commandBurst + Math.ceil(CONSOLE_BUDGET.commandsPerSecond * seconds),
    );
    expect(watcher.results.length).toBeLessThan(30);
    expect(watcher.errors[0]).toMatchObject({ code: ErrorCode.RATE_LIMITED, ref: "kubectl" });
  });

  it("sends a line of more intents than one tick takes over the next ticks, in order, all as the sender's", async () => {
    const { room, wl, watcher } = await fourPlayers();
    const shop = pods(watcher)
      .filter((p) => p.namespace === "shop")
      .map((p) => p.name)
      .sort();
    expect(shop.length).toBeGreaterThan(MAX_INTENTS_PER_TICK);
    const r = await kubectl(room, wl, `kubectl -n shop delete pod ${shop.join(" ")}`);
    expect(r.exitCode).toBe(0);
    expect(r.intents.map((i) => i.type === "deletePod" && i.pod).sort()).toEqual(
      shop.map((n) => `shop/${n}`),
    );
    for (let i = 0; i < 20 && wl.intents.length < shop.length; i++) {
      tickSeconds(room, 0.1);
      await new Promise((res) => setTimeout(res, 250)); // the room's clock sends the waiting ones
    }
    expect(wl.errors).toEqual([]);
    expect(wl.intents.map((x) => x.ok)).toEqual(shop.map(() => true));
    expect(wl.intents.map((x) => x.intent.type === "deletePod" && x.intent.pod)).toEqual(
      shop.map((n) => `shop/${n}`),
    );
    await synced(room, watcher.c);
    for (const p of pods(watcher).filter((x) => x.namespace === "shop"))
      expect(p.terminating, p.name).toBe(true);
  });

  it("refuses a write for the sender's role as the button would, and a watcher's with NO_ROLE", async () => {
    const { room, sched, watcher } = await fourPlayers();
    const r = await kubectl(room, sched, "kubectl -n shop scale deployment tomcat --replicas=3");
    expect(r.intents).toEqual([{ type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }]);
    await eventually(() => sched.intents.length > 0, "the refusal");
    expect(sched.intents[0]).toMatchObject({ ok: false, code: "WRONG_ROLE", intent: { type: "scale" } });
    const w = await kubectl(room, watcher, "kubectl cordon node-1");
    expect(w.exitCode).toBe(1);
    expect(w.intents).toEqual([]);
    expect(w.stderr).toMatch(/^Error from server \(NO_ROLE\): /);
    tickSeconds(room, 1);
    await synced(room, sched.c, watcher.c);
    expect([...watcher.c.state.nodes.values()].find((n) => n.name === "node-1")!.cordoned).toBe(false);
    expect(pods(watcher).filter((p) => p.workload === "Deployment/shop/tomcat").length).toBe(2);
  });

  it("reaches every intent type from console lines, each accepted as the buttons' intent would be", async () => {
    const m = await fourPlayers();
    const { room } = m;
    const all = [m.sched.c, m.wl.c, m.svc.c, m.watcher.c];
    const results = new Map<IntentType, IntentResult>();
    /** Runs `line` as `p`: it must send an intent of `type`, whose result must come back accepted. */
    const write = async (p: Player, type: IntentType, line: string, stdin?: string) => {
      const from = p.intents.length;
      const r = await kubectl(room, p, line, stdin);
      expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
      expect(r.stderr, line).not.toMatch(/error/i);
      expect(
        r.intents.map((i) => i.type),
        line,
      ).toEqual([type]);
      const res = await resultOf(room, p, type, from);
      expect(res, line).toMatchObject({ ok: true });
      results.set(type, res);
      await synced(room, ...all);
    };
    const state = () => m.watcher.c.state;
    const podsOf = (workload: string) => pods(m.watcher).filter((p) => p.workload === workload);
    const rsOf = (workload: string) => state().workloads.get(workload)!.currentReplicaSet.split("/")[2]!;
    const owned = (kind: string, name: string, owner: string, ownerKind: string) =>
      `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: shop\n  ownerReferences:\n` +
      `  - apiVersion: apps/v1\n    kind: ${ownerKind}\n    name: ${owner}\n    controller: true\n`;

    // The workload controller scales tomcat up and creates the pod its ReplicaSet now wants.
    await write(m.wl, "scale", "kubectl -n shop scale deployment tomcat --replicas=3");
    const tomcatRs = rsOf("Deployment/shop/tomcat");
    await write(m.wl, "createPod", "kubectl apply -f -", owned("Pod", "tomcat-new", tomcatRs, "ReplicaSet"));
    expect(podsOf("Deployment/shop/tomcat")).toHaveLength(3);
    // The scheduler binds it with the Binding the game prints for its bind, then cordons and uncordons a node.
    const pending = podsOf("Deployment/shop/tomcat").find((p) => p.node === "")!;
    await write(m.sched, "bindPod", kubectlFor({ type: "bindPod", pod: pending.key, node: "node-3" }));
    expect(pods(m.watcher).find((p) => p.key === pending.key)!.node).toBe("node-3");
    await write(m.sched, "cordon", "kubectl cordon node-1");
    expect(state().nodes.get("node-1")!.cordoned).toBe(true);
    await write(m.sched, "uncordon", "kubectl uncordon node-1");
    expect(state().nodes.get("node-1")!.cordoned).toBe(false);
    // The service controller relabels a pod, rewrites endpoints and DNS, and recreates a deleted Service.
    const nginx = podsOf("Deployment/shop/nginx")[0]!;
    await write(m.svc, "labelPod", `kubectl -n shop label pod ${nginx.name} team=blue`);
    expect(pods(m.watcher).find((p) => p.key === nginx.key)!.labels).toContain("team=blue");
    const meta = (kind: string, name: string) =>
      `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: shop\n`;
    await write(m.svc, "updateEndpoints", "kubectl apply -f -", meta("Endpoints", "tomcat"));
    await write(m.svc, "registerDns", "kubectl apply -f -", meta("Service", "tomcat"));
    await sent(room, m.sched.c, "inject", { type: "service-recreate", target: "shop/tomcat" });
    tickSeconds(room, 1);
    await synced(room, ...all);
    expect(state().services.has("shop/tomcat")).toBe(false);
    await write(m.svc, "recreateService", "kubectl apply -f -", meta("Service", "tomcat"));
    expect(state().services.has("shop/tomcat")).toBe(true);
    // An orphan to adopt: with nobody in the role the ReplicaSet controller releases a pod
    // relabelled out of its selector; back in the role, the player adopts it once it matches again.
    await sent(room, m.wl.c, "pickRole", { role: "" });
    await write(m.svc, "labelPod", `kubectl -n shop label pod ${nginx.name} tier=debug --overwrite`);
    tickSeconds(room, 3);
    await sent(room, m.wl.c, "pickRole", { role: "workload-controller" });
    await write(m.svc, "labelPod", `kubectl -n shop label pod ${nginx.name} tier=frontend --overwrite`);
    expect(pods(m.watcher).find((p) => p.key === nginx.key)!.owner).toBe("");
    const nginxRs = rsOf("Deployment/shop/nginx");
    await write(m.wl, "adoptPod", "kubectl apply -f -", owned("Pod", nginx.name, nginxRs, "ReplicaSet"));
    expect(pods(m.watcher).find((p) => p.key === nginx.key)!.owner).toContain(nginxRs);
    // A StatefulSet's new image, rolled onto its pod by hand.
    await write(m.wl, "setImage", "kubectl -n shop set image statefulset/mysql mysql=mysql:8.4");
    await write(
      m.wl,
      "updateStatefulPod",
      "kubectl apply -f -",
      `${meta("Pod", "mysql-0")}spec:\n  containers:\n  - name: mysql\n    image: mysql:8.4\n`,
    );
    // A Deployment's rollout by hand: a new image, its new ReplicaSet, then back with rollout undo.
    await write(m.wl, "setImage", "kubectl -n shop set image deployment/tomcat tomcat=tomcat:10.1");
    await write(
      m.wl,
      "createReplicaSet",
      "kubectl apply -f -",
      owned("ReplicaSet", "tomcat-next", "tomcat", "Deployment"),
    );
    expect(rsOf("Deployment/shop/tomcat")).not.toBe(tomcatRs);
    await write(m.wl, "rolloutUndo", "kubectl -n shop rollout undo deployment/tomcat");
    // A restart stamps restartedAt on nginx's template: a new ReplicaSet for the player to roll out.
    const nginxBefore = rsOf("Deployment/shop/nginx");
    await write(m.wl, "rolloutRestart", "kubectl -n shop rollout restart deployment/nginx");
    expect(kubectlConfirmation(results.get("rolloutRestart")!.intent)).toBe(
      "deployment.apps/nginx restarted",
    );
    const yaml = await kubectl(room, m.watcher, "kubectl -n shop get deployment nginx -o yaml");
    expect(yaml.stdout).toMatch(/kubectl\.kubernetes\.io\/restartedAt: "?2026-01-01T\d\d:\d\d:\d\dZ"?\n/);
    await write(
      m.wl,
      "createReplicaSet",
      "kubectl apply -f -",
      owned("ReplicaSet", "nginx-next", "nginx", "Deployment"),
    );
    expect(rsOf("Deployment/shop/nginx")).not.toBe(nginxBefore);
    await write(m.wl, "deletePod", `kubectl -n shop delete pod ${pending.name}`);

    expect([...results.keys()].sort()).toEqual([...INTENT_TYPES].sort());
    // Each was applied as its sender's: the sim names the seat's actor.
    expect(results.get("scale")!.actor).toBe(m.wl.c.state.players.get(m.wl.c.sessionId)!.actor);
    expect(results.get("bindPod")!.actor).toBe(m.sched.c.state.players.get(m.sched.c.sessionId)!.actor);
  });
});
