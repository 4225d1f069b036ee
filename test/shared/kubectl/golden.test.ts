/**
 * Golden tests: for a fixed world (test/shared/kubectl/fixture.ts), what the console prints
 * equals text written by hand in kubectl 1.3x's format (golden/*.txt): column names and
 * order, three spaces between columns, AGE as kubectl's HumanDuration from the objects'
 * whole-second timestamps, describe's tabwriter layout, -o yaml with sorted keys.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl";
import { goldenWorld } from "./fixture";

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), "utf8");
const world = goldenWorld();

describe("kubectl golden outputs", () => {
  const cases: [string, string][] = [
    ["kubectl -n shop get pods -o wide", "get-pods-wide.txt"],
    ["kubectl -n shop get svc", "get-svc.txt"],
    ["kubectl -n shop get endpoints", "get-endpoints.txt"],
    ["kubectl -n shop get deploy", "get-deploy.txt"],
    ["kubectl -n shop describe pod tomcat-594c9795c7-6ptrg", "describe-pod.txt"],
    ["kubectl -n shop get pod tomcat-594c9795c7-6ptrg -o yaml", "get-pod-yaml.txt"],
  ];
  for (const [line, file] of cases)
    it(line, () => {
      const r = runKubectl(world, line);
      expect(r.exitCode).toBe(0);
      expect(r.intents).toEqual([]);
      expect(r.stdout).toBe(golden(file));
    });

  it("get endpoints warns on stderr that v1 Endpoints is deprecated, as kubectl 1.33+ does", () => {
    expect(runKubectl(world, "kubectl -n shop get ep").stderr).toBe(
      "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n",
    );
  });

  it("-o json is the same object, 4-space indented, and several objects are a v1 List", () => {
    const one = JSON.parse(runKubectl(world, "-n shop get pod tomcat-594c9795c7-6ptrg -o json").stdout);
    expect(one.metadata.name).toBe("tomcat-594c9795c7-6ptrg");
    expect(runKubectl(world, "-n shop get pod tomcat-594c9795c7-6ptrg -o json").stdout).toMatch(
      /^\{\n {4}"apiVersion": "v1",\n/,
    );
    const list = JSON.parse(runKubectl(world, "-n shop get svc -o json").stdout);
    expect(list.kind).toBe("List");
    expect(list.apiVersion).toBe("v1");
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      "mysql",
      "nginx",
      "tomcat",
    ]);
  });
});
