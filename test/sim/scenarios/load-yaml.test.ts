/**
 * parseScenarioYaml: a good file gives a scenario (and lists the fields the game ignores);
 * each kind of bad file gives errors naming the file, the line and the field; limits hold.
 */
import { describe, expect, it } from "vitest";
import { createWorld, stateHash } from "../../../shared/sim";
import { BUILTIN_SCENARIO_FILES } from "../../../shared/sim/scenarios/builtin.generated";
import { TINY } from "./fixtures";
import {
  formatScenarioError,
  MAX_SCENARIO_CHARS,
  MAX_SCENARIO_OBJECTS,
  parseScenarioYaml,
} from "../../../shared/sim/scenarios/load-yaml";

const NMT = BUILTIN_SCENARIO_FILES["nmt.yaml"]!;

/** The 1-based line of the first line of `text` that contains `needle` (after `from`). */
function lineOf(text: string, needle: string, from = ""): number {
  const start = from ? text.indexOf(from) : 0;
  return text.slice(0, text.indexOf(needle, start)).split("\n").length;
}

/** The errors of a file that must be rejected, formatted. */
function errorsOf(text: string, file = "nmt.yaml"): string[] {
  const r = parseScenarioYaml(text, file);
  if (r.ok) throw new Error("expected the file to be rejected");
  return r.errors.map(formatScenarioError);
}

describe("parseScenarioYaml: good files", () => {
  it("reads the nmt file: header, nodes in the scheduler's units, manifests with defaults", () => {
    const r = parseScenarioYaml(NMT, "nmt.yaml");
    if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join("\n"));
    const s = r.scenario;
    expect(s.name).toBe("nmt");
    expect(s.nodes).toEqual({ count: 3, allocatable: { cpu: 2000, memory: 4096, pods: 110 } });
    expect(s.traffic.podCapacity).toEqual({ nginx: 40, tomcat: 25, mysql: 60 });
    const tomcat = s.manifests().find((m) => m.kind === "Deployment" && m.metadata.name === "tomcat");
    expect(tomcat?.kind === "Deployment" && tomcat.spec.template.spec.containers[0]!.resources).toEqual({
      requests: { cpu: 250, memory: 256 },
    });
    expect(tomcat?.kind === "Deployment" && tomcat.spec.strategy.rollingUpdate).toEqual({
      maxSurge: "25%",
      maxUnavailable: "25%",
    });
    expect(s.chaos).toBeTypeOf("function");
  });

  it("reads a small custom file; defaults: namespace-less objects go to default, targetPort = port", () => {
    const r = parseScenarioYaml(TINY, "tiny.yaml");
    if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join("\n"));
    expect(r.ignored).toEqual([]);
    const svc = r.scenario.manifests().find((m) => m.kind === "Service");
    expect(svc?.kind === "Service" && svc.spec.ports[0]).toEqual({
      port: 80,
      targetPort: 80,
      protocol: "TCP",
      nodePort: 30081,
    });
    expect(r.scenario.chaos).toBeUndefined();
    const world = createWorld({
      scenario: "ignored",
      seed: 5,
      scenarioFile: { name: "tiny.yaml", text: TINY },
    });
    expect(world.scenario).toBe("tiny");
    expect(world.store.list("Node").map((n) => n.metadata.name)).toEqual(["node-1", "node-2"]);
    expect(world.store.list("Pod").filter((p) => p.status.phase === "Running")).toHaveLength(1);
  });

  it("lists unsupported fields as ignored by the game, with file and line, and leaves them out of the world", () => {
    const text = NMT.replace(
      "          image: nginx:1.25\n",
      "          image: nginx:1.25\n          livenessProbe:\n            httpGet: { path: /, port: 80 }\n",
    );
    const r = parseScenarioYaml(text, "nmt.yaml");
    if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join("\n"));
    expect(r.ignored).toEqual([
      `nmt.yaml:${lineOf(text, "livenessProbe")}: Deployment shop/nginx: spec.template.spec.containers[0].livenessProbe`,
    ]);
    const world = createWorld({ scenario: "x", seed: 1, scenarioFile: { name: "nmt.yaml", text } });
    expect(stateHash(world)).toBe(stateHash(createWorld({ scenario: "nmt", seed: 1 })));
  });

  it("a custom file's chaos events fire at their times, and its clock is the default", () => {
    const text = TINY.replace(
      "  description: A tiny shop.\n",
      "  description: A tiny shop.\n  clock: realistic\n  chaos:\n    events:\n      - { at: 30, type: pod-kill, target: web/front }\n",
    );
    const world = createWorld({ scenario: "tiny", seed: 2, scenarioFile: { name: "tiny.yaml", text } });
    expect(world.clock).toBe("realistic");
    expect(world.chaos.pending).toEqual([
      { at: 30, type: "pod-kill", target: "web/front", source: "schedule" },
    ]);
  });
});

describe("parseScenarioYaml: errors name the file, the line and the field", () => {
  it("a wrong type", () => {
    const text = NMT.replace(
      "  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx",
      "  replicas: two\n  selector:\n    matchLabels:\n      app: nginx",
    );
    expect(errorsOf(text)).toEqual([
      `nmt.yaml:${lineOf(text, "replicas: two")}: spec.replicas: expected a number`,
    ]);
  });

  it("a missing field", () => {
    const text = NMT.replace("          image: tomcat:9.0\n", "");
    expect(errorsOf(text)).toEqual([
      `nmt.yaml:${lineOf(text, "- name: tomcat")}: spec.template.spec.containers[0].image: required`,
    ]);
  });

  it("replicas above the game's maximum", () => {
    const text = NMT.replace("  replicas: 1\n", "  replicas: 50\n");
    expect(errorsOf(text)).toEqual([
      `nmt.yaml:${lineOf(text, "replicas: 50")}: spec.replicas: must be at most 10`,
    ]);
  });

  it("a quantity that is not one", () => {
    const text = NMT.replace("cpu: 250m", "cpu: lots");
    expect(errorsOf(text)).toEqual([
      `nmt.yaml:${lineOf(text, "cpu: lots")}: spec.template.spec.containers[0].resources.requests.cpu: "lots" is not a CPU quantity (e.g. 100m, 0.5, 2)`,
    ]);
  });

  it("a kind the game does not model, and a wrong apiVersion", () => {
    const extra =
      "---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: cfg, namespace: shop }\ndata: { a: b }\n";
    const text = NMT + extra;
    const [err] = errorsOf(text);
    expect(err).toContain(
      `nmt.yaml:${lineOf(text, "kind: ConfigMap")}: kind: kind "ConfigMap" is not supported by the game`,
    );
    const wrongApi = NMT.replace(
      "apiVersion: apps/v1\nkind: StatefulSet",
      "apiVersion: v1\nkind: StatefulSet",
    );
    expect(errorsOf(wrongApi)).toEqual([
      `nmt.yaml:${lineOf(wrongApi, "apiVersion: v1\nkind: StatefulSet")}: apiVersion: expected "apps/v1" for kind StatefulSet`,
    ]);
  });

  it("YAML syntax errors carry the parser's line", () => {
    const text = NMT.replace("maxSurge: 25%", "maxSurge: [25%");
    const errors = errorsOf(text);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e).toMatch(/^nmt\.yaml:\d+: /);
    expect(errorsOf("a: 1\na: 2\n", "dup.yaml")).toEqual(["dup.yaml:1: Map keys must be unique"]);
  });

  it("a selector that does not match the template, a namespace nobody declared, a header naming a missing Service", () => {
    const sel = NMT.replace(
      "      app: nginx\n      tier: frontend\n  template",
      "      app: web\n      tier: frontend\n  template",
    );
    expect(errorsOf(sel)).toEqual([
      `nmt.yaml:${lineOf(sel, "matchLabels:", "name: nginx")}: spec.selector.matchLabels: selector does not match the template's labels (spec.template.metadata.labels)`,
    ]);
    const ns = TINY.replace("namespace: web }\nspec:\n  selector", "namespace: api }\nspec:\n  selector");
    expect(errorsOf(ns, "tiny.yaml")).toEqual([
      `tiny.yaml:${lineOf(ns, "namespace: api")}: metadata.namespace: namespace "api" is not declared in this file (add a Namespace object)`,
    ]);
    const svc = TINY.replace("entryService: front", "entryService: shop");
    expect(errorsOf(svc, "tiny.yaml")).toEqual([
      `tiny.yaml:${lineOf(svc, "entryService")}: spec.traffic.entryService: no Service "shop" in namespace web`,
    ]);
  });

  it("two Services asking for one ClusterIP or node port, and a ClusterIP that is not an address", () => {
    const ip = NMT.replace("clusterIP: 10.96.0.10", "clusterIP: 10.96.0.1");
    expect(errorsOf(ip)).toEqual([
      `nmt.yaml:${lineOf(ip, "clusterIP: 10.96.0.1", "name: kube-dns")}: spec.clusterIP: 10.96.0.1: provided IP is already allocated`,
    ]);
    const port =
      TINY + TINY.slice(TINY.lastIndexOf("---")).replace("name: front, namespace", "name: front2, namespace");
    const portLine = port.slice(0, port.lastIndexOf("nodePort")).split("\n").length;
    expect(errorsOf(port, "tiny.yaml")).toEqual([
      `tiny.yaml:${portLine}: spec.ports[0].nodePort: 30081: provided port is already allocated`,
    ]);
    const bad = NMT.replace("clusterIP: 10.96.0.10", "clusterIP: ten");
    expect(errorsOf(bad)).toEqual([
      `nmt.yaml:${lineOf(bad, "clusterIP: ten")}: spec.clusterIP: must be an IPv4 address, "None" or ""`,
    ]);
  });

  it("no header, two headers, a header field wrong", () => {
    const body = NMT.slice(NMT.indexOf("---\n") + 4);
    expect(errorsOf(body)).toEqual([
      "nmt.yaml:1: no Scenario header (a document with apiVersion: reconcile.game/v1 and kind: Scenario)",
    ]);
    const header = NMT.slice(0, NMT.indexOf("---\n"));
    expect(errorsOf(NMT + "---\n" + header)[0]).toContain("a second Scenario header");
    const nodes = NMT.replace("count: 3", "count: 0");
    expect(errorsOf(nodes)).toEqual([
      `nmt.yaml:${lineOf(nodes, "count: 0")}: spec.nodes.count: must be at least 1`,
    ]);
    const chaos = NMT.replace(
      "schedule: shop-default",
      "schedule: shop-default\n    events: [{ at: 5, type: meteor }]",
    );
    expect(errorsOf(chaos)).toEqual([
      `nmt.yaml:${lineOf(chaos, "events:")}: spec.chaos.events[0].type: is not a chaos type of the game`,
    ]);
  });
});

describe("parseScenarioYaml: limits", () => {
  it("size", () => {
    const text = NMT + "#".repeat(MAX_SCENARIO_CHARS);
    expect(errorsOf(text)).toEqual([
      `nmt.yaml:1: file too large: ${text.length} characters (at most ${MAX_SCENARIO_CHARS})`,
    ]);
  });

  it("object count", () => {
    const ns = (i: number) => `---\napiVersion: v1\nkind: Namespace\nmetadata: { name: ns-${i} }\n`;
    const text = NMT + Array.from({ length: MAX_SCENARIO_OBJECTS }, (_, i) => ns(i)).join("");
    expect(errorsOf(text)[0]).toMatch(/^nmt\.yaml:1: too many (documents|objects)/);
  });

  it("nesting depth, as block mappings and as flow sequences", () => {
    const block = "a:\n" + Array.from({ length: 40 }, (_, i) => " ".repeat(i + 1) + "b:\n").join("");
    expect(errorsOf(block)[0]).toMatch(/^nmt\.yaml:\d+: nested deeper than 24 levels$/);
    const flow = "a: " + "[".repeat(5000) + "]".repeat(5000);
    expect(errorsOf(flow)[0]).toMatch(/^nmt\.yaml:1: nested (too deeply|deeper)/);
  });

  it("alias expansion (a billion laughs)", () => {
    const rows = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (const [name, prev] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
    ])
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    expect(errorsOf(rows.join("\n") + "\n")).toEqual([
      "nmt.yaml:1: too many alias expansions (*name) in one document",
    ]);
  });

  it("total pods", () => {
    const many =
      TINY +
      Array.from(
        { length: 20 },
        (_, i) =>
          `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d${i}, namespace: web }\nspec:\n  replicas: 10\n  selector: { matchLabels: { app: d${i} } }\n  template:\n    metadata: { labels: { app: d${i} } }\n    spec: { containers: [{ name: c, image: busybox }] }\n`,
      ).join("");
    expect(errorsOf(many, "tiny.yaml")).toEqual([
      "tiny.yaml:1: the workloads ask for 201 pods (at most 150)",
    ]);
  });
});
