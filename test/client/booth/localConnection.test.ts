/**
 * The booth's in-page match (attract demo and offline fallback): it plays a whole round
 * with the shared engine, shows it as the scenes' view model, answers the person's intents
 * like the server would, and leaves a log whose replay reaches the same stateHash.
 */
import { describe, expect, it } from "vitest";
import { verifyLog } from "../../../shared/match";
import { LocalConnection, localOptions } from "../../../client/src/booth/localConnection";

const OPTIONS = localOptions({ scenario: "nmt", seed: 7, difficulty: "standard", durationSeconds: 20 });

/** Ticks a local round by hand until it leaves the running phase. */
function playOut(c: LocalConnection): void {
  for (let i = 0; i < 100_000 && c.match.phase === "running"; i++) c.tick();
}

describe("LocalConnection", () => {
  it("plays a round to its debrief, with the person seated and the log verifiable", () => {
    const c = new LocalConnection({
      options: OPTIONS,
      seat: { name: "ADA", role: "scheduler" },
      code: "OFFLINE",
    });
    c.stop();
    c.match.start();
    const states: string[] = [];
    c.on("state", (v) => states.push(v.phase));
    playOut(c);
    expect(c.match.phase).toBe("debrief");
    expect(c.view?.phase).toBe("debrief");
    expect(states.at(-1)).toBe("debrief");
    expect(c.role).toBe("scheduler");
    expect(c.view?.players.find((p) => p.id === "local")?.name).toBe("ADA");
    expect(c.view?.debrief.timeline.length).toBeGreaterThanOrEqual(20);
    expect(c.view?.debrief.availability).toBeGreaterThan(0);
    const log = JSON.parse(JSON.stringify(c.match.log));
    expect(verifyLog(log).ok).toBe(true);
  });

  it("answers an intent of another role with a refusal, as the server would", () => {
    const c = new LocalConnection({
      options: OPTIONS,
      seat: { name: "ADA", role: "scheduler" },
      code: "OFFLINE",
    });
    c.match.start();
    const results: boolean[] = [];
    c.on("intentResult", (r) => results.push(r.ok));
    c.sendIntent({ type: "scale", workload: "shop/tomcat", replicas: 3 });
    c.tick();
    expect(results).toEqual([false]);
    const last = c.lastIntentResult;
    expect(last && !last.ok ? last.code : "").toBe("WRONG_ROLE");
    c.stop();
  });

  it("runs the attract demo with bots in every role and nobody seated", () => {
    const c = new LocalConnection({
      options: localOptions({ scenario: "nmt", seed: 1, difficulty: "bots", durationSeconds: 10 }),
      code: "DEMO",
    });
    c.match.start();
    playOut(c);
    c.stop();
    expect(c.sessionId).toBe("");
    expect(c.view?.players.every((p) => p.isBot)).toBe(true);
    expect(c.view?.players.length).toBe(3);
    expect(c.view?.phase).toBe("debrief");
  });

  it("answers the kubectl console from the in-page world: reads, completion, a write as the person's intent", () => {
    const c = new LocalConnection({
      options: OPTIONS,
      seat: { name: "ADA", role: "workload-controller" },
      code: "OFFLINE",
    });
    c.stop();
    c.match.start();
    for (let i = 0; i < 20; i++) c.tick();
    const results: { id: number; stdout: string; exitCode: number; intents: unknown[] }[] = [];
    const completions: { id: number; candidates: string[] }[] = [];
    const intents: { ok: boolean; intent: { type: string } }[] = [];
    c.on("kubectlResult", (r) => results.push(r));
    c.on("kubectlCompletion", (r) => completions.push(r));
    c.on("intentResult", (r) => intents.push(r));
    c.kubectl(1, "kubectl -n shop get deploy");
    expect(results[0]).toMatchObject({ id: 1, exitCode: 0, intents: [] });
    expect(results[0]!.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE/);
    c.completeKubectl(2, "kubectl -n shop scale deployment t", 34);
    expect(completions[0]).toMatchObject({ id: 2, candidates: ["tomcat"] });
    c.kubectl(3, "kubectl cordon node-1");
    expect(intents[0]).toMatchObject({ ok: false, code: "WRONG_ROLE", intent: { type: "cordon" } });
    c.kubectl(4, "kubectl -n shop scale deployment tomcat --replicas=3");
    expect(results.at(-1)!.intents).toEqual([
      { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 },
    ]);
    c.tick();
    expect(intents.at(-1)).toMatchObject({ ok: true, intent: { type: "scale" } });
    expect(c.match.world.store.get("Deployment", "shop/tomcat")).toMatchObject({ spec: { replicas: 3 } });
  });
});
