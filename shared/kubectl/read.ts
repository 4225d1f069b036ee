/**
 * `kubectl get`: which objects a command line asks for (types, names, `TYPE/NAME`, `-n`,
 * `-A`, `-l`) and how they are printed (a table, `-o wide|name|yaml|json`,
 * `--show-labels`), with kubectl's messages for nothing found and for unknown names.
 */
import type { World } from "../sim/world";
import { listItems, tableRows, type Item } from "./get";
import { toApiObject, type ApiObject } from "./objects";
import { listOf, toJson, toYaml } from "./output";
import { objectName, qualifiedResource, resourceType, type ResourceType } from "./resources";
import { fail, ok, type Context, type KubectlRun } from "./result";
import { matches, parseSelector } from "./selector";
import { table } from "./tabwriter";

/** The output formats `-o` takes in the game. */
export const OUTPUT_FORMATS = ["wide", "yaml", "json", "name"] as const;

/** The printers kubectl has that the game's console does not. */
const KUBECTL_PRINTERS = [
  "custom-columns",
  "custom-columns-file",
  "go-template",
  "go-template-file",
  "jsonpath",
  "jsonpath-as-json",
  "jsonpath-file",
  "template",
  "templatefile",
];

/** kubectl's answer to an `-o` it has no printer for. */
export function badOutput(format: string): string {
  return `error: unable to match a printer suitable for the output format "${format}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml`;
}

/** What `all` stands for: kubectl's "all" category, of the kinds the game has. */
export const ALL = ["pods", "services", "daemonsets", "deployments", "replicasets", "statefulsets", "jobs"];

/** One resource type a command names, with the names it asks for ([] = every object). */
export interface Request {
  type: ResourceType;
  names: string[];
}

/** `TYPE NAME…`, `TYPE1,TYPE2`, or `TYPE/NAME…` → requests, or kubectl's error. */
export function requestsOf(
  args: readonly string[],
): { ok: true; requests: Request[] } | { ok: false; error: string } {
  const requests: Request[] = [];
  const typeOf = (word: string): ResourceType | string => {
    const t = resourceType(word);
    return t ?? `error: the server doesn't have a resource type "${word}"`;
  };
  if (args.length === 0) return { ok: true, requests };
  if (args[0]!.includes("/")) {
    for (const a of args) {
      const slash = a.indexOf("/");
      if (slash < 0)
        return {
          ok: false,
          error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        };
      const t = typeOf(a.slice(0, slash));
      if (typeof t === "string") return { ok: false, error: t };
      const name = a.slice(slash + 1);
      if (name === "")
        return {
          ok: false,
          error: `error: arguments in resource/name form must have a single resource and name`,
        };
      const same = requests.find((r) => r.type === t);
      if (same) same.names.push(name);
      else requests.push({ type: t, names: [name] });
    }
    return { ok: true, requests };
  }
  for (const word of args[0]!.split(",").flatMap((w) => (w === "all" ? ALL : [w]))) {
    const t = typeOf(word);
    if (typeof t === "string") return { ok: false, error: t };
    requests.push({ type: t, names: args.slice(1) });
  }
  return { ok: true, requests };
}

/** `pods "x" not found` as the API server says it. */
export function notFound(type: ResourceType, name: string): string {
  return `Error from server (NotFound): ${qualifiedResource(type)} "${name}" not found`;
}

/** `No resources found in shop namespace.` / `No resources found` (all namespaces, cluster scope). */
export function noResources(type: ResourceType, namespace: string | undefined): string {
  return namespace === undefined || !type.namespaced
    ? "No resources found\n"
    : `No resources found in ${namespace} namespace.\n`;
}

/** The API object of one listed item. */
export function apiObjectOf(world: World, item: Item): ApiObject {
  if (item.type === "object") return toApiObject(world, item.obj);
  if (item.type === "slice") return item.slice;
  return item.api;
}

/** What a request found in scope: its items, and one NotFound line per missing name. */
export function find(
  world: World,
  r: Request,
  namespace: string | undefined,
  selector: string,
): { ok: true; items: Item[]; missing: string[] } | { ok: false; error: string } {
  const sel = parseSelector(selector);
  if (!sel.ok) return { ok: false, error: sel.error };
  const all = listItems(world, r.type, namespace).filter((i) => matches(sel.requirements, i.labels));
  if (r.names.length === 0) return { ok: true, items: all, missing: [] };
  const items: Item[] = [];
  const missing: string[] = [];
  for (const name of r.names) {
    const item = all.find((i) => i.name === name);
    if (item) items.push(item);
    else missing.push(notFound(r.type, name));
  }
  return { ok: true, items, missing };
}

/** `kubectl get`. */
export function runGet(ctx: Context): KubectlRun {
  const { world, cmd } = ctx;
  const { flags } = cmd;
  if (flags.watch === "true")
    return fail(
      "error: the game's console does not stream: run the command again to see what changed (no -w)",
    );
  const output = flags.output ?? "";
  if (output !== "" && !(OUTPUT_FORMATS as readonly string[]).includes(output)) {
    const kind = output.split("=")[0]!;
    if (KUBECTL_PRINTERS.includes(kind))
      return fail(`error: the game's console has no -o ${kind} printer: use -o wide, yaml, json or name`);
    return fail(badOutput(output));
  }
  if (cmd.args.length === 0)
    return fail(
      `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples`,
    );
  const parsed = requestsOf(cmd.args);
  if (!parsed.ok) return fail(parsed.error);
  const allNamespaces = flags["all-namespaces"] === "true";
  const namespace = allNamespaces ? undefined : ctx.namespace;
  const named = parsed.requests.some((r) => r.names.length > 0);
  if (named && allNamespaces)
    return fail("error: a resource cannot be retrieved by name across all namespaces");
  const found: { type: ResourceType; items: Item[] }[] = [];
  const errors: string[] = [];
  for (const r of parsed.requests) {
    const f = find(world, r, namespace, flags.selector ?? "");
    if (!f.ok) return fail(f.error);
    found.push({ type: r.type, items: f.items });
    errors.push(...f.missing);
  }
  const total = found.reduce((n, f) => n + f.items.length, 0);
  const stderr = errors.map((e) => `${e}\n`).join("");
  const exitCode = errors.length > 0 ? 1 : 0;
  const done = (stdout: string, extra = "") => ({ stdout, stderr: extra + stderr, exitCode, intents: [] });
  if (total === 0) {
    if (named) return done("");
    return ok("", noResources(found[0]!.type, namespace));
  }
  if (output === "name")
    return done(found.flatMap((f) => f.items.map((i) => `${objectName(f.type, i.name)}\n`)).join(""));
  if (output === "yaml" || output === "json") {
    const objects = found.flatMap((f) => f.items.map((i) => apiObjectOf(world, i)));
    const single = parsed.requests.length === 1 && parsed.requests[0]!.names.length === 1;
    const doc = single ? objects[0]! : listOf(objects);
    return done(output === "yaml" ? toYaml(doc) : toJson(doc));
  }
  const several = found.length > 1;
  const tables = found
    .filter((f) => f.items.length > 0)
    .map((f) =>
      table(
        tableRows(world, f.type, f.items, {
          wide: output === "wide",
          showLabels: flags["show-labels"] === "true",
          allNamespaces,
          ...(several ? { withKind: objectName(f.type, "").slice(0, -1) } : {}),
        }),
      ),
    );
  const warning = found.some((f) => f.type.source === "Endpoints") ? ENDPOINTS_DEPRECATED : "";
  return done(tables.join("\n"), warning);
}

/** What kubectl 1.33+ says (on stderr) whenever it reads v1 Endpoints. */
export const ENDPOINTS_DEPRECATED =
  "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n";
