/**
 * The scenario file loader: multi-document YAML (one game header + the manifests a user
 * would `kubectl apply`) → a {@link ScenarioDefinition}. Bounded (size, object count,
 * nesting depth, replicas, pods) and total: bad input gives errors naming the file, line
 * and field, and nothing here throws. Fields the game does not model are kept out of the
 * world and listed in `ignored`.
 */
import { LineCounter, parseAllDocuments } from "yaml";
import type { Manifest } from "../apiserver";
import { distinct, issuesToErrors, type ScenarioFileError } from "./file-error";
import { headerSchema, type ScenarioHeader } from "./header-schema";
import { manifestSchema, SCENARIO_KINDS, type ScenarioKind } from "./manifest-schema";
import type { ScenarioDefinition } from "./scenario";
import { scenarioOfFile } from "./scenario-of-file";
import {
  depthOver,
  fieldOf,
  isPlainObject,
  offsetOf,
  unknownFields,
  type Doc,
  type Path,
} from "./yaml-paths";

export { formatScenarioError, type ScenarioFileError } from "./file-error";

/** The largest scenario file accepted, in characters. */
export const MAX_SCENARIO_CHARS = 256 * 1024;
/** The most manifests a scenario file may hold (the header not counted). */
export const MAX_SCENARIO_OBJECTS = 200;
/** The deepest nesting of mappings and lists a document may have. */
export const MAX_SCENARIO_DEPTH = 24;
/** The most pods the scenario's workloads may ask for at bring-up. */
export const MAX_SCENARIO_PODS = 150;

/** What {@link parseScenarioYaml} returns. */
export type ScenarioParse =
  { ok: true; scenario: ScenarioDefinition; ignored: string[] } | { ok: false; errors: ScenarioFileError[] };

/** Parses a scenario file (multi-document YAML: one game header + manifests). Never throws. */
export function parseScenarioYaml(text: string, fileName: string): ScenarioParse {
  const file = typeof fileName === "string" && fileName.length > 0 ? fileName.slice(0, 200) : "scenario.yaml";
  try {
    return parse(text, file);
  } catch (err) {
    // The guards below should leave nothing to throw; this keeps the promise if one is missed.
    const why = err instanceof RangeError ? "too deeply nested" : String(err).slice(0, 200);
    return { ok: false, errors: [{ file, line: 1, field: "", message: `cannot read the file: ${why}` }] };
  }
}

function parse(text: string, file: string): ScenarioParse {
  const fail = (line: number, field: string, message: string): ScenarioParse => ({
    ok: false,
    errors: [{ file, line, field, message }],
  });
  if (typeof text !== "string") return fail(1, "", "expected the text of a YAML file");
  if (text.length > MAX_SCENARIO_CHARS)
    return fail(1, "", `file too large: ${text.length} characters (at most ${MAX_SCENARIO_CHARS})`);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineAt = (offset: number) => lines.linePos(offset).line;
  const all = Array.isArray(docs) ? docs : [];
  if (all.length > MAX_SCENARIO_OBJECTS + 1)
    return fail(
      1,
      "",
      `too many documents: ${all.length} (at most ${MAX_SCENARIO_OBJECTS} objects and the header)`,
    );

  const errors: ScenarioFileError[] = [];
  const ignored: string[] = [];
  const manifests: { manifest: Manifest; doc: Doc }[] = [];
  let header: { value: ScenarioHeader; doc: Doc } | undefined;

  for (const doc of all) {
    const docLine = lineAt(doc.range[0]);
    if (doc.errors.length > 0) {
      for (const e of doc.errors.slice(0, 5))
        errors.push({
          file,
          line: e.linePos?.[0].line ?? docLine,
          field: "",
          message: yamlMessage(e.message),
        });
      continue;
    }
    if (doc.contents === null) continue; // an empty document (`---` with nothing after it)
    const deep = depthOver(doc, MAX_SCENARIO_DEPTH);
    if (deep !== undefined) {
      errors.push({
        file,
        line: lineAt(deep),
        field: "",
        message: `nested deeper than ${MAX_SCENARIO_DEPTH} levels`,
      });
      continue;
    }
    const raw = toJS(doc);
    if (raw instanceof Error) {
      errors.push({ file, line: docLine, field: "", message: raw.message });
      continue;
    }
    const at = (path: Path) => lineAt(offsetOf(doc, path) ?? doc.range[0]);
    if (!isPlainObject(raw)) {
      errors.push({
        file,
        line: docLine,
        field: "",
        message: "expected a Kubernetes object (a mapping with apiVersion and kind)",
      });
      continue;
    }
    const kind = raw.kind;
    if (typeof kind !== "string") {
      errors.push({
        file,
        line: at(["kind"]),
        field: "kind",
        message: "required: the object's kind (e.g. Deployment)",
      });
      continue;
    }
    if (kind === "Scenario") {
      if (header) {
        errors.push({
          file,
          line: docLine,
          field: "kind",
          message: "a second Scenario header (a file has exactly one)",
        });
        continue;
      }
      const r = headerSchema.safeParse(raw);
      if (!r.success) errors.push(...issuesToErrors(r.error, file, at));
      else {
        header = { value: r.data, doc };
        ignored.push(
          ...unknownFields(raw, r.data, []).map((p) => `${file}:${at(p)}: Scenario: ${fieldOf(p)}`),
        );
      }
      continue;
    }
    if (!Object.hasOwn(SCENARIO_KINDS, kind)) {
      errors.push({
        file,
        line: at(["kind"]),
        field: "kind",
        message: `kind "${kind.slice(0, 60)}" is not supported by the game (supported: ${Object.keys(SCENARIO_KINDS).join(", ")}; nodes come from the Scenario header)`,
      });
      continue;
    }
    const r = manifestSchema(kind as ScenarioKind).safeParse(raw);
    if (!r.success) {
      errors.push(...issuesToErrors(r.error, file, at));
      continue;
    }
    const manifest = r.data;
    const ns = manifest.metadata.namespace;
    if (kind === "Namespace" && ns !== undefined) {
      errors.push({
        file,
        line: at(["metadata", "namespace"]),
        field: "metadata.namespace",
        message: "a Namespace has no namespace",
      });
      continue;
    }
    if (kind !== "Namespace" && ns === undefined) manifest.metadata.namespace = "default";
    const where = `${kind} ${manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : ""}${manifest.metadata.name}`;
    ignored.push(...unknownFields(raw, r.data, []).map((p) => `${file}:${at(p)}: ${where}: ${fieldOf(p)}`));
    manifests.push({ manifest, doc });
  }
  if (errors.length > 0) return { ok: false, errors: distinct(errors).slice(0, 50) };
  if (!header)
    return fail(
      1,
      "",
      "no Scenario header (a document with apiVersion: reconcile.game/v1 and kind: Scenario)",
    );
  if (manifests.length > MAX_SCENARIO_OBJECTS)
    return fail(1, "", `too many objects: ${manifests.length} (at most ${MAX_SCENARIO_OBJECTS})`);

  errors.push(...crossCheck(header, manifests, file, lineAt));
  if (errors.length > 0) return { ok: false, errors: errors.slice(0, 50) };
  return {
    ok: true,
    scenario: scenarioOfFile(
      header.value,
      manifests.map((m) => m.manifest),
    ),
    ignored,
  };
}

/** Checks between documents: duplicates, namespaces declared, what the header names exists, pods bounded. */
function crossCheck(
  header: { value: ScenarioHeader; doc: Doc },
  manifests: { manifest: Manifest; doc: Doc }[],
  file: string,
  lineAt: (offset: number) => number,
): ScenarioFileError[] {
  const errors: ScenarioFileError[] = [];
  const at = (doc: Doc, path: Path) => lineAt(offsetOf(doc, path) ?? doc.range[0]);
  const namespaces = new Set(
    manifests.filter((m) => m.manifest.kind === "Namespace").map((m) => m.manifest.metadata.name),
  );
  const seen = new Set<string>();
  const allocated = new Set<string>();
  let pods = 0;
  for (const { manifest: m, doc } of manifests) {
    if (m.kind === "Service") {
      // As the API server: an address or node port two Services ask for is "already allocated".
      const ip = m.spec.clusterIP;
      if (ip !== "" && ip !== "None" && allocated.has(`ip ${ip}`))
        errors.push({
          file,
          line: at(doc, ["spec", "clusterIP"]),
          field: "spec.clusterIP",
          message: `${ip}: provided IP is already allocated`,
        });
      allocated.add(`ip ${ip}`);
      m.spec.ports.forEach((p, i) => {
        if (p.nodePort === undefined) return;
        if (allocated.has(`port ${p.nodePort}`))
          errors.push({
            file,
            line: at(doc, ["spec", "ports", i, "nodePort"]),
            field: `spec.ports[${i}].nodePort`,
            message: `${p.nodePort}: provided port is already allocated`,
          });
        allocated.add(`port ${p.nodePort}`);
      });
    }
    const key = `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`;
    if (seen.has(key))
      errors.push({
        file,
        line: at(doc, ["metadata", "name"]),
        field: "metadata.name",
        message: `a second ${m.kind} named "${m.metadata.name}"`,
      });
    seen.add(key);
    if (m.metadata.namespace !== undefined && !namespaces.has(m.metadata.namespace))
      errors.push({
        file,
        line: at(doc, ["metadata", "namespace"]),
        field: "metadata.namespace",
        message: `namespace "${m.metadata.namespace}" is not declared in this file (add a Namespace object)`,
      });
    if (m.kind === "Deployment" || m.kind === "StatefulSet") pods += m.spec.replicas;
    if (m.kind === "DaemonSet") pods += header.value.spec.nodes.count;
    if (m.kind === "Job") pods += m.spec.parallelism ?? 1;
  }
  if (pods > MAX_SCENARIO_PODS)
    errors.push({
      file,
      line: 1,
      field: "",
      message: `the workloads ask for ${pods} pods (at most ${MAX_SCENARIO_PODS})`,
    });
  const t = header.value.spec.traffic;
  const find = (kind: string, name: string) =>
    manifests.find(
      (x) =>
        x.manifest.kind === kind &&
        x.manifest.metadata.namespace === t.namespace &&
        x.manifest.metadata.name === name,
    );
  const h = header.doc;
  if (!namespaces.has(t.namespace))
    errors.push({
      file,
      line: at(h, ["spec", "traffic", "namespace"]),
      field: "spec.traffic.namespace",
      message: `namespace "${t.namespace}" is not declared in this file`,
    });
  else if (!find("Service", t.entryService))
    errors.push({
      file,
      line: at(h, ["spec", "traffic", "entryService"]),
      field: "spec.traffic.entryService",
      message: `no Service "${t.entryService}" in namespace ${t.namespace}`,
    });
  header.value.spec.afterBringUp.forEach((a, i) => {
    const path = ["spec", "afterBringUp", i, "pinUpstreamToPodIP", "deployment"];
    const d = find("Deployment", a.pinUpstreamToPodIP.deployment);
    const containers = d?.manifest.kind === "Deployment" ? d.manifest.spec.template.spec.containers : [];
    if (!containers.some((c) => c.env?.some((e) => e.name === t.upstreamEnv)))
      errors.push({
        file,
        line: at(h, path),
        field: fieldOf(path),
        message: `no Deployment "${a.pinUpstreamToPodIP.deployment}" in namespace ${t.namespace} with a container that sets ${t.upstreamEnv}`,
      });
  });
  return errors;
}

/** A YAML parser's message, first line only; a blown stack reads as what it is. */
function yamlMessage(message: string): string {
  if (/call stack/i.test(message)) return `nested too deeply (at most ${MAX_SCENARIO_DEPTH} levels)`;
  return message.split("\n")[0]!.slice(0, 300);
}

/** A document as plain data, or the reason it cannot be (alias expansion bounded). */
function toJS(doc: Doc): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (err instanceof ReferenceError && /alias/i.test(err.message))
      return new Error("too many alias expansions (*name) in one document");
    if (err instanceof RangeError)
      return new Error(`nested too deeply (at most ${MAX_SCENARIO_DEPTH} levels)`);
    return new Error(yamlMessage(String(err)));
  }
}
