/**
 * The campaign's levels on the pure match engine: each built-in level file parses, the
 * embedded copy is fresh, bad files are refused with their line, and each level is won by a
 * player doing what its hints say — and not won by a player who does nothing.
 */
import { describe, expect, it } from "vitest";
import {
  advanceLevel,
  answerQuestion,
  currentHint,
  LEVELS,
  levelMatchOptions,
  noteWrongMove,
  parseLevelYaml,
  startLevel,
  type Level,
  type LevelState,
} from "../../shared/campaign";
import { BUILTIN_LEVEL_FILES } from "../../shared/campaign/levels.generated";
import { Match } from "../../shared/match";
import { ClientMessage } from "../../shared/protocol/messages";
import { isNodeReady, isPodReady, SCENARIO_NAMES, type Intent, type World } from "../../shared/sim";
import { generatedLevelsSource, readLevelFiles } from "../../server/cli/campaign";

const ME = "me";

/** What a player who follows the hints does, per level: the intents to send this tick. */
const FOLLOW_HINTS: Record<string, (w: World) => Intent[]> = {
  scheduler: (w) =>
    w.store
      .list("Pod")
      .filter((p) => p.metadata.namespace === "shop" && !p.spec.nodeName && !p.metadata.deletionTimestamp)
      .map((p) => ({ type: "bindPod", pod: `shop/${p.metadata.name}`, node: readyNode(w) })),
  services: (w) => endpointsIfStale(w),
  networks: () => [],
  registry: rollOutMirror,
  exam: (w) =>
    ["tomcat", "nginx"].flatMap((name): Intent[] => {
      const key = `shop/${name}`;
      const svc = w.store.get("Service", key);
      if (!svc) return [{ type: "recreateService", service: key }];
      const rec = w.dns.records[`${name}.shop.svc.cluster.local`] ?? [];
      const dns: Intent[] = rec.join() !== svc.spec.clusterIP ? [{ type: "registerDns", service: key }] : [];
      const drifted = w.store
        .podsMatching("shop", { app: name })
        .filter((p) => Object.entries(svc.spec.selector).some(([k, v]) => p.metadata.labels[k] !== v));
      const fix: Intent[] = drifted.map((p) => ({
        type: "labelPod",
        pod: `shop/${p.metadata.name}`,
        labels: { ...p.metadata.labels, ...svc.spec.selector },
      }));
      return [...dns, ...fix, ...endpointsIfStale(w, name)];
    }),
  labels: (w) => {
    const drifted = w.store.podsMatching("shop", { tier: "debug" });
    const fix: Intent[] = drifted.map((p) => ({
      type: "labelPod",
      pod: `shop/${p.metadata.name}`,
      labels: { ...p.metadata.labels, tier: "backend" },
    }));
    return [...endpointsIfStale(w), ...fix];
  },
  dns: (w) => {
    if (!w.store.get("Service", "shop/tomcat")) return [{ type: "recreateService", service: "shop/tomcat" }];
    const svc = w.store.get("Service", "shop/tomcat")!;
    const rec = w.dns.records["tomcat.shop.svc.cluster.local"] ?? [];
    const out: Intent[] = endpointsIfStale(w);
    if (rec.join() !== svc.spec.clusterIP) out.push({ type: "registerDns", service: "shop/tomcat" });
    return out;
  },
};

/** A Ready, schedulable node (the exam's node crash takes one away). */
function readyNode(w: World): string {
  const ok = w.store
    .list("Node")
    .filter((n) => !n.spec.unschedulable && w.machines[n.metadata.name]?.up && isNodeReady(n));
  return ok[0]?.metadata.name ?? "node-1";
}

const MIRROR = "registry.aliyuncs.com/google_containers";

/** The registry level by hand: set the mirror, create the new ReplicaSet, create its pod. */
function rollOutMirror(w: World): Intent[] {
  const d = w.store.get("Deployment", "shop/nginx")!;
  const image = d.spec.template.spec.containers[0]!.image;
  if (!image.startsWith(MIRROR))
    return [
      {
        type: "setImage",
        workload: "Deployment/shop/nginx",
        container: "nginx",
        image: `${MIRROR}/${image.split("/").pop()}`,
      },
    ];
  const sets = w.store
    .list("ReplicaSet")
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid))
    .filter((rs) => rs.spec.template.spec.containers[0]!.image === image);
  const rs = sets[0];
  if (!rs) return [{ type: "createReplicaSet", workload: "Deployment/shop/nginx" }];
  const pods = w.store
    .podsMatching("shop", rs.spec.selector.matchLabels)
    .filter((p) => !p.metadata.deletionTimestamp);
  return pods.length < rs.spec.replicas
    ? [{ type: "createPod", owner: `ReplicaSet/shop/${rs.metadata.name}` }]
    : [];
}

/** Update Endpoints once the tomcat pods are Ready and the Endpoints differ from them. */
function endpointsIfStale(w: World, name = "tomcat"): Intent[] {
  const svc = w.store.get("Service", `shop/${name}`);
  if (!svc) return [];
  const want = w.store
    .podsMatching("shop", svc.spec.selector)
    .filter(isPodReady)
    .map((p) => p.status.podIP)
    .sort()
    .join();
  const have = (w.store.get("Endpoints", `shop/${name}`)?.subsets ?? [])
    .flatMap((s) => s.addresses.map((a) => a.ip))
    .sort()
    .join();
  return want !== have && want.split(",").length >= 1 && want !== ""
    ? [{ type: "updateEndpoints", service: `shop/${name}` }]
    : [];
}

/** Plays a level for up to `seconds` game seconds; `player` acts once a second. */
function play(level: Level, player: ((w: World) => Intent[]) | undefined, seconds: number) {
  const match = new Match(levelMatchOptions(level));
  match.join(ME, { name: "Me", role: level.spec.role });
  match.start();
  let r = startLevel(level, match.world);
  for (const c of r.inject) match.inject("campaign", c.type, c.target);
  let state: LevelState = r.state;
  const steps: number[] = [state.step];
  const hints: string[] = [];
  for (let tick = 0; tick < seconds * 10 && !state.won; tick++) {
    const out = match.tick();
    if (out.ended) break;
    r = advanceLevel(level, state, match.world);
    state = r.state;
    for (const c of r.inject) match.inject("campaign", c.type, c.target);
    if (r.stepped) steps.push(state.step);
    const hint = currentHint(level, state, match.world)?.text.en;
    if (hint && hints.at(-1) !== hint) hints.push(hint);
    const ask = level.spec.steps[state.step]?.ask;
    if (player && ask && !state.answered && tick % 10 === 5)
      state = answerQuestion(
        level,
        state,
        ask.choices.findIndex((c) => c.correct),
        match.world.time,
      );
    if (player && tick % 10 === 5)
      for (const intent of player(match.world)) {
        const refused = match.receive(ME, ClientMessage.intent, intent);
        expect(refused, JSON.stringify(intent)).toBeUndefined();
      }
  }
  return { state, steps, hints, time: match.world.time };
}

describe("campaign levels", () => {
  it("has the seed's first four lessons in order, each parsed from its file", () => {
    expect(LEVELS.map((l) => l.metadata.name)).toEqual([
      "scheduler",
      "services",
      "labels",
      "dns",
      "networks",
      "registry",
      "exam",
    ]);
    for (const [file, text] of Object.entries(BUILTIN_LEVEL_FILES)) {
      const r = parseLevelYaml(text, file, SCENARIO_NAMES);
      expect(r.ok, JSON.stringify(!r.ok && r.errors)).toBe(true);
    }
  });

  it("embeds the current level files (run `npm run campaign` after editing one)", () => {
    expect(generatedLevelsSource(readLevelFiles())).toBe(generatedLevelsSource({ ...BUILTIN_LEVEL_FILES }));
  });

  it.each(["scheduler", "services", "labels", "dns", "networks", "registry", "exam"])(
    "level %s is won by following its hints, within its time limit",
    (name) => {
      const level = LEVELS.find((l) => l.metadata.name === name)!;
      const run = play(level, FOLLOW_HINTS[name], level.spec.minutes * 60);
      expect(run.state.won).toBe(true);
      expect(run.steps).toEqual([...level.spec.steps.keys(), level.spec.steps.length]);
      expect(run.time).toBeLessThan(level.spec.minutes * 60);
      // the hints reacted: more than the steps' own texts were shown along the way
      expect(run.hints.length).toBeGreaterThanOrEqual(level.spec.steps.length);
    },
  );

  it.each(["scheduler", "services", "labels", "dns", "networks", "registry", "exam"])(
    "level %s is not won by doing nothing",
    (name) => {
      const level = LEVELS.find((l) => l.metadata.name === name)!;
      const run = play(level, undefined, level.spec.minutes * 60);
      expect(run.state.won).toBe(false);
      expect(run.state.step).toBe(0);
      expect(run.time).toBeGreaterThanOrEqual(level.spec.minutes * 60 - 1);
    },
  );

  it("level 1's replacements have new names (the seed's first lesson, checked on the world)", () => {
    const level = LEVELS[0]!;
    const match = new Match(levelMatchOptions(level));
    match.join(ME, { name: "Me", role: "scheduler" });
    match.start();
    const before = new Set(match.world.store.list("Pod").map((p) => p.metadata.name));
    const r = startLevel(level, match.world);
    for (const c of r.inject) match.inject("campaign", c.type, c.target);
    let state = r.state;
    for (let i = 0; i < 200 && state.step === 0; i++) {
      match.tick();
      state = advanceLevel(level, state, match.world).state;
      for (const p of FOLLOW_HINTS.scheduler!(match.world)) match.receive(ME, ClientMessage.intent, p);
    }
    expect(state.step).toBe(1);
    const fresh = match.world.store
      .podsMatching("shop", { app: "nginx" })
      .filter((p) => !before.has(p.metadata.name));
    expect(fresh.length).toBe(1);
  });

  it("a question is passed only by its correct choice; a wrong one is a wrong move that says why", () => {
    const level = LEVELS.find((l) => l.metadata.name === "networks")!;
    const match = new Match(levelMatchOptions(level));
    match.start();
    let state = startLevel(level, match.world).state;
    for (let i = 0; i < 20; i++) match.tick();
    const wrong = answerQuestion(level, state, 1, match.world.time);
    expect(wrong.answered).toBe(false);
    expect(wrong.wrongMove?.reason).toMatch(/node network/);
    expect(advanceLevel(level, wrong, match.world).stepped).toBe(false);
    expect(answerQuestion(level, state, 9, match.world.time)).toBe(state);
    state = answerQuestion(level, wrong, 0, match.world.time);
    expect(state.answered).toBe(true);
    expect(state.wrongMove).toBeUndefined();
    const next = advanceLevel(level, state, match.world);
    expect(next.stepped).toBe(true);
    expect(next.state).toMatchObject({ step: 1, answered: false });
  });

  it("a refused move is remembered for the hint, and cleared by the next step", () => {
    const level = LEVELS[0]!;
    const match = new Match(levelMatchOptions(level));
    const s = startLevel(level, match.world).state;
    const wrong = noteWrongMove(s, "UNSCHEDULABLE: node-1 is cordoned", 3);
    expect(wrong.wrongMove).toEqual({ reason: "UNSCHEDULABLE: node-1 is cordoned", at: 3 });
    expect(s.wrongMove).toBeUndefined();
  });
});

describe("level files", () => {
  const good = BUILTIN_LEVEL_FILES["01-scheduler.yaml"]!;

  it("names the line and field of an unknown check", () => {
    const bad = good.replace("check: noPendingPods", "check: noPendingPodz");
    const r = parseLevelYaml(bad, "bad.yaml", SCENARIO_NAMES);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const line = bad.split("\n").findIndex((l) => l.includes("noPendingPodz")) + 1;
    expect(r.errors[0]).toMatchObject({ file: "bad.yaml", line, field: "spec.steps[0].done[1].check" });
  });

  it("refuses an unknown scenario, a missing lesson, a role that does not exist and broken YAML", () => {
    const cases: [string, string][] = [
      [good.replace("scenario: nmt", "scenario: nope"), "spec.scenario"],
      [good.replace(/ {2}lesson:[\s\S]*$/, ""), "spec.lesson"],
      [good.replace("role: scheduler", "role: janitor"), "spec.role"],
      [good.replace("minutes: 3", "minutes: 30"), "spec.minutes"],
    ];
    for (const [text, field] of cases) {
      const r = parseLevelYaml(text, "x.yaml", SCENARIO_NAMES);
      expect(r.ok ? "" : r.errors.map((e) => e.field).join()).toContain(field);
    }
    const quiz = BUILTIN_LEVEL_FILES["05-networks.yaml"]!;
    const twoRight = quiz.replace(
      '          - text: { en: "The pod network 10.244.0.0/16", zh: "Pod 网络 10.244.0.0/16" }\n',
      '          - text: { en: "The pod network 10.244.0.0/16", zh: "Pod 网络 10.244.0.0/16" }\n            correct: true\n',
    );
    expect(twoRight).not.toBe(quiz);
    const r2 = parseLevelYaml(twoRight, "q.yaml", SCENARIO_NAMES);
    expect(r2.ok ? "" : r2.errors.map((e) => e.message).join()).toContain(
      "exactly one choice must be correct",
    );
    const noDone = good.replace(/ {6}done:\n(?: {8}- .*\n)+/, "");
    expect(noDone).not.toBe(good);
    const r3 = parseLevelYaml(noDone, "d.yaml", SCENARIO_NAMES);
    expect(r3.ok ? "" : r3.errors.map((e) => e.message).join()).toContain(
      "a step needs done checks or a question",
    );
    const broken = parseLevelYaml("spec: [", "b.yaml", SCENARIO_NAMES);
    expect(broken.ok).toBe(false);
    expect(parseLevelYaml(42 as unknown as string, "n.yaml", SCENARIO_NAMES).ok).toBe(false);
  });
});
