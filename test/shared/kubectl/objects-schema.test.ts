/**
 * Every object the game shows validates against Kubernetes' own OpenAPI schemas (issue 15):
 * every built-in scenario at bring-up and through 120 s of its default chaos, and the sim
 * CLI's `--json` items. Before `toApiObject`, 0 of the 37 objects of nmt-full validated.
 */
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { runKubectl } from "../../../shared/kubectl";
import {
  createWorld,
  SCENARIO_NAMES,
  setRoleMode,
  step,
  TICKS_PER_SECOND,
  type World,
} from "../../../shared/sim";
import { KINDS } from "../../../shared/sim/types";
import {
  apiObjectsOf,
  endpointSlicesOf,
  eventObjectOf,
  type ApiObject,
} from "../../../shared/kubectl/objects";
import { parseSimArgs, runSim } from "../../../server/cli/sim-run";
import { schemaProblems } from "./k8sSchema";

/** Every API object of a world: each kind, the EndpointSlices derived from Endpoints, and the Events from `since` on. */
function everyObject(world: World, since = 0): ApiObject[] {
  const events = world.events
    .map((e, i) => ({ e, seq: world.eventsDropped + i }))
    .filter(({ seq }) => seq >= since)
    .flatMap(({ e, seq }) => eventObjectOf(world, e, seq) ?? []);
  return [...KINDS.flatMap((k) => apiObjectsOf(world, k)), ...endpointSlicesOf(world), ...events];
}

/**
 * Runs `seconds` of the world, checking every object at the start and every
 * {@link SAMPLE_EVERY} s (each event once); returns the refusals and the kinds seen.
 */
function runChecked(world: World, seconds: number): { bad: string[]; checked: number; kinds: Set<string> } {
  const kinds = new Set<string>();
  const bad: string[] = [];
  let checked = 0;
  let since = 0;
  const check = () => {
    const objects = everyObject(world, since);
    since = world.eventsDropped + world.events.length;
    checked += objects.length;
    for (const o of objects) kinds.add(o.kind);
    bad.push(...refusals(objects).map((r) => `t=${world.time}s ${r}`));
  };
  check();
  for (let t = 1; t <= seconds; t++) {
    for (let i = 0; i < TICKS_PER_SECOND; i++) step(world);
    if (t % SAMPLE_EVERY === 0) check();
  }
  return { bad, checked, kinds };
}

/** `Kind ns/name: problem` for each object Kubernetes would refuse. */
function refusals(objects: readonly unknown[]): string[] {
  return objects.flatMap((o) => {
    const m = o as ApiObject;
    return schemaProblems(o).map((p) => `${m.kind} ${m.metadata?.namespace ?? ""}/${m.metadata?.name}: ${p}`);
  });
}

/** The fields of a Pod's JSON the negative controls break. */
interface PodJson {
  kind: string;
  metadata: { creationTimestamp: unknown };
  status: { containerStatuses: { imageID?: string; state: { running: Record<string, unknown> } }[] };
}

const SEEDS = [1, 2, 3];
const SECONDS = 120;
/** How often the 120 s are sampled: chaos leaves transient states (terminating pods, taints) for seconds. */
const SAMPLE_EVERY = 5;

describe("API objects against Kubernetes' OpenAPI schemas", () => {
  it("the schema check refuses what Kubernetes refuses (negative controls)", () => {
    const world = createWorld({ scenario: "nmt-full", seed: 1 });
    const pod = structuredClone(apiObjectsOf(world, "Pod")[0]!) as unknown as PodJson;
    expect(schemaProblems(pod)).toEqual([]);
    const broken = (change: (o: PodJson) => void) => {
      const o = structuredClone(pod);
      change(o);
      return schemaProblems(o);
    };
    expect(broken((o) => (o.metadata.creationTimestamp = -60))).toEqual([
      "data/metadata/creationTimestamp must be string",
    ]);
    expect(broken((o) => (o.metadata.creationTimestamp = "an hour ago")).join()).toMatch(/date-time/);
    expect(broken((o) => delete o.status.containerStatuses[0]!.imageID).join()).toMatch(
      /must have required property imageID/,
    );
    expect(broken((o) => (o.status.containerStatuses[0]!.state.running.attempt = 1))).toEqual([
      'unknown field "status.containerStatuses.0.state.running.attempt"',
    ]);
    expect(broken((o) => (o.kind = "Pods"))).toEqual(["no schema for apiVersion v1 kind Pods"]);
    // The game's own objects, before toApiObject, are refused (numeric timestamps, missing fields).
    const raw = KINDS.flatMap((k) => world.store.list(k));
    expect(raw.filter((o) => schemaProblems(o).length === 0)).toEqual([]);
  });

  for (const scenario of SCENARIO_NAMES)
    it(`${scenario}: every object validates at bring-up and every ${SAMPLE_EVERY} s of ${SECONDS} s of the default chaos (seeds ${SEEDS.join(", ")})`, () => {
      for (const seed of SEEDS) {
        const world = createWorld({ scenario, seed });
        const { bad, checked, kinds: kindsSeen } = runChecked(world, SECONDS);
        expect(world.chaos.fired.length, "the default chaos ran").toBeGreaterThan(0);
        expect(bad.slice(0, 20), `${scenario} seed ${seed}: ${bad.length} refusals of ${checked}`).toEqual(
          [],
        );
        expect([...kindsSeen]).toEqual(
          expect.arrayContaining(["Pod", "Node", "Service", "Endpoints", "EndpointSlice", "Event"]),
        );
      }
    });

  it("nmt-full through both rounds of its chaos (600 s), and with nobody playing the scheduler: every object validates", () => {
    const full = createWorld({ scenario: "nmt-full", seed: 1 });
    const played = runChecked(full, 600);
    expect(full.chaos.fired.map((e) => e.type)).toEqual(
      expect.arrayContaining(["crashloop", "bad-rollout", "image-pull-fail", "volume-detach", "node-crash"]),
    );
    expect(played.bad.slice(0, 20), `${played.bad.length} refusals of ${played.checked}`).toEqual([]);

    // Unscheduled pods: no nodeName, no IP, no container statuses.
    const idle = createWorld({ scenario: "nmt", seed: 2 });
    setRoleMode(idle, "scheduler", "manual");
    const unplayed = runChecked(idle, 120);
    expect(idle.store.pendingUnbound.size).toBeGreaterThan(0);
    expect(unplayed.bad.slice(0, 20), `${unplayed.bad.length} refusals of ${unplayed.checked}`).toEqual([]);
  });

  it("the sim CLI's --json items are API objects that validate", () => {
    const report = runSim(parseSimArgs(["--scenario", "nmt-full", "--seed", "1", "--duration", "30"]));
    expect(report.items.length).toBeGreaterThan(30);
    expect(refusals(report.items)).toEqual([]);
    const kinds = new Set((report.items as ApiObject[]).map((o) => o.kind));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
  });

  it("kubectl get <every type> -A -o json and -o yaml print objects that validate (after 120 s of chaos)", () => {
    const world = createWorld({ scenario: "nmt-full", seed: 1 });
    for (let i = 0; i < 120 * TICKS_PER_SECOND; i++) step(world);
    const types = [
      "pods",
      "nodes",
      "namespaces",
      "services",
      "endpoints",
      "endpointslices",
      "deployments",
      "replicasets",
      "statefulsets",
      "daemonsets",
      "jobs",
      "pvc",
      "events",
    ];
    for (const type of types)
      for (const [format, parse] of [
        ["json", (text: string): unknown => JSON.parse(text)],
        ["yaml", (text: string): unknown => parseYaml(text)],
      ] as const) {
        const run = runKubectl(world, `get ${type} -A -o ${format}`);
        expect(run.stderr, `get ${type} -o ${format}`).toBe("");
        const list = parse(run.stdout) as { kind: string; items: unknown[] };
        expect(list.kind).toBe("List");
        expect(list.items.length, `get ${type} -A lists something`).toBeGreaterThan(0);
        expect(refusals(list.items), `get ${type} -A -o ${format}`).toEqual([]);
      }
  });
});
