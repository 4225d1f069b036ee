/**
 * Done-means of issue 15: the YAML of every built-in scenario round-trips — parse → world →
 * `kubectl get <kind> <name> -o yaml` → parse — to the same objects. Compared are the
 * manifests the loader makes (metadata.name/namespace/labels/annotations, spec), not status;
 * the only differences allowed are what the API server itself fills in, listed here.
 */
import fc from "fast-check";
import { parseAllDocuments, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl";
import { apiObjectsOf } from "../../../shared/kubectl/objects";
import { createWorld, SCENARIO_NAMES, step, TICKS_PER_SECOND, type World } from "../../../shared/sim";
import type { Manifest } from "../../../shared/sim/apiserver";
import { BUILTIN_SCENARIO_FILES } from "../../../shared/sim/scenarios/builtin.generated";
import { parseScenarioYaml } from "../../../shared/sim/scenarios/load-yaml";
import { SCENARIO_KINDS, type ScenarioKind } from "../../../shared/sim/scenarios/manifest-schema";
import { objectKey } from "../../../shared/sim/store";

/** `kubectl get <kind> <name> [-n ns] -o yaml` of the object a manifest made. */
function getYaml(world: World, m: Manifest): string {
  const ns = m.metadata.namespace ? ` -n ${m.metadata.namespace}` : "";
  const run = runKubectl(world, `get ${m.kind.toLowerCase()} ${m.metadata.name}${ns} -o yaml`);
  expect(run.stderr).toBe("");
  expect(run.exitCode).toBe(0);
  return run.stdout;
}

/**
 * The manifest as the API server keeps it: what the world's bring-up applied on top of the
 * file (a scenario's afterBringUp manifests replace the spec, as `kubectl apply` does), and
 * the fields the API server fills in when the file leaves them out.
 */
function asServed(world: World, m: Manifest, after: readonly Manifest[]): Manifest {
  const out = structuredClone(m) as Manifest & { spec: Record<string, unknown> };
  const later = after.find(
    (a) =>
      a.kind === m.kind &&
      a.metadata.name === m.metadata.name &&
      a.metadata.namespace === m.metadata.namespace,
  );
  if (later) out.spec = structuredClone((later as { spec?: unknown }).spec) as Record<string, unknown>;
  switch (out.kind) {
    case "Namespace":
      // The NamespaceDefaultLabelName admission plugin labels every namespace with its name.
      out.metadata.labels = { ...out.metadata.labels, "kubernetes.io/metadata.name": out.metadata.name };
      break;
    case "Deployment":
      out.spec.revisionHistoryLimit ??= 10;
      {
        // The deployment controller writes its newest ReplicaSet's revision: one per template it has had.
        const d = world.store.get(
          "Deployment",
          objectKey("Deployment", m.metadata.name, m.metadata.namespace),
        )!;
        const templates = world.store.ownedObjects(d.metadata.uid, "ReplicaSet").length;
        out.metadata.annotations = {
          ...out.metadata.annotations,
          "deployment.kubernetes.io/revision": String(templates),
        };
      }
      break;
    case "StatefulSet":
      out.spec.updateStrategy ??= { type: "RollingUpdate" };
      break;
    case "Service":
      // An unset ClusterIP is allocated from the service CIDR.
      if (out.spec.clusterIP === "")
        out.spec.clusterIP = world.store.get(
          "Service",
          objectKey("Service", m.metadata.name, m.metadata.namespace),
        )!.spec.clusterIP;
      break;
  }
  return out;
}

describe("scenario YAML round trip through kubectl get -o yaml", () => {
  const files = Object.entries(BUILTIN_SCENARIO_FILES);

  it("covers every built-in scenario file", () => {
    expect(files.map(([f]) => f).sort()).toEqual(["nmt-full.yaml", "nmt-traditional.yaml", "nmt.yaml"]);
  });

  for (const [file, text] of files)
    it(`${file}: parse → world → get -o yaml → parse gives the same objects`, () => {
      const first = parseScenarioYaml(text, file);
      if (!first.ok) throw new Error(JSON.stringify(first.errors));
      const world = createWorld({ scenario: first.scenario.name, seed: 1 });
      const manifests = first.scenario.manifests();
      const after = first.scenario.afterBringUp?.(world) ?? [];
      const header = String(parseAllDocuments(text)[0]);
      const exported = [header, ...manifests.map((m) => getYaml(world, m))].join("---\n");

      const again = parseScenarioYaml(exported, `${file} (exported)`);
      if (!again.ok) throw new Error(JSON.stringify(again.errors.slice(0, 5)));
      expect(again.scenario.manifests()).toEqual(manifests.map((m) => asServed(world, m, after)));
      // What the game does not model is reported, not silently dropped: status, uid, defaults …
      expect(again.ignored.length).toBeGreaterThan(0);
      expect(again.ignored.some((i) => i.endsWith(": status"))).toBe(true);
    });

  it("any world a scenario's chaos reaches: its manifest kinds → YAML → parse give the world's own labels and specs", () => {
    const kinds = Object.keys(SCENARIO_KINDS) as ScenarioKind[];
    fc.assert(
      fc.property(
        fc.constantFrom(...SCENARIO_NAMES),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 300 }),
        (scenario, seed, seconds) => {
          const world = createWorld({ scenario, seed });
          for (let i = 0; i < seconds * TICKS_PER_SECOND; i++) step(world);
          const header = String(parseAllDocuments(BUILTIN_SCENARIO_FILES[`${scenario}.yaml`]!)[0]);
          const objects = kinds.flatMap((k) => apiObjectsOf(world, k));
          const parsed = parseScenarioYaml(
            [header, ...objects.map((o) => stringify(o))].join("---\n"),
            "world.yaml",
          );
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
          const got = parsed.scenario.manifests().map((m) => ({
            ref: `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`,
            labels: m.metadata.labels ?? {},
            annotations: m.metadata.annotations,
            spec: (m as { spec?: unknown }).spec,
          }));
          const want = kinds.flatMap((k) =>
            world.store.list(k).map((o) => {
              const served = asServed(world, o as unknown as Manifest, []) as unknown as typeof o;
              const spec = structuredClone((served as { spec: Record<string, unknown> }).spec);
              // The PV binder sets volumeName; a manifest does not carry it (the loader lists it as ignored).
              if (o.kind === "PersistentVolumeClaim") delete spec.volumeName;
              return {
                ref: `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`,
                labels: served.metadata.labels,
                annotations: served.metadata.annotations,
                spec,
              };
            }),
          );
          const byRef = (a: { ref: string }, b: { ref: string }) =>
            a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
          expect(got.sort(byRef)).toEqual(want.sort(byRef));
        },
      ),
      { numRuns: 8 },
    );
  });
});
