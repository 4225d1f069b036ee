/**
 * The kubectl console: one command line (with or without the leading `kubectl`) run
 * against a world — reads print what kubectl 1.3x prints, writes become the very intents
 * the buttons send (the match queues them: same role check, validation, refusals and
 * points) — plus tab completion and the confirmation kubectl prints for a write.
 * Pure: no clock, no I/O; the same world and line give the same answer.
 *
 * Commands: `get` (every kind of the game, `all`; `-n`, `-A`, `-l`, `-o wide|yaml|json|name`,
 * `--show-labels`), `describe`, `explain`, `api-resources`, `config current-context|
 * get-contexts`, `rollout status|history|undo|restart`, `scale`, `delete`, `label`, `set image`,
 * `cordon`, `uncordon`, `drain`, `apply|create|delete -f -` (stdin, or a here-string `<<<`).
 * One command per line: pipes and redirections are refused, not guessed at.
 *
 * The console's namespace is `default`, as kubectl's is without a kubeconfig context
 * namespace (`config get-contexts` shows the context's empty NAMESPACE): players reach the
 * shop with `-n shop` (completion offers it after `-n`).
 *
 * Every intent is reachable from a command line. Where the registry prints a kubectl line
 * (`kubectlFor`), that very line works here; where it prints "" (a controller's work), the
 * object that controller would write, pasted for `apply -f -` / `create -f -`, does it:
 *
 * | intent              | the registry's line (accepted as printed)                       | also                                                                   |
 * | ------------------- | --------------------------------------------------------------- | ---------------------------------------------------------------------- |
 * | `bindPod`           | `kubectl -n NS create -f - <<< '{…"kind":"Binding"…}'`          | `create`/`apply -f -` of a v1 Binding (stdin)                          |
 * | `cordon`            | `kubectl cordon NODE`                                           | `kubectl drain NODE` (its first step)                                  |
 * | `uncordon`          | `kubectl uncordon NODE`                                         |                                                                        |
 * | `deletePod`         | `kubectl -n NS delete pod NAME [--grace-period=0 --force]`      | `delete pods -l SEL`, `delete -f -`, `drain` (its evictions)           |
 * | `scale`             | `kubectl -n NS scale KIND NAME --replicas=N`                    | `apply -f -` with a new `spec.replicas`                                |
 * | `setImage`          | `kubectl -n NS set image KIND/NAME CONTAINER=IMAGE`             | `apply -f -` with a new container image                                |
 * | `rolloutUndo`       | `kubectl -n NS rollout undo deployment/NAME`                    |                                                                        |
 * | `rolloutRestart`    | `kubectl -n NS rollout restart KIND/NAME`                       |                                                                        |
 * | `labelPod`          | `kubectl -n NS label pod NAME k=v k2- --overwrite`              | `apply -f -` of the pod with other labels                              |
 * | `recreateService`   | `kubectl -n NS apply -f NAME-service.yaml` (the kept manifest)  | `apply -f -` of the deleted Service                                    |
 * | `createPod`         | "" (replicaset/statefulset/daemonset/job controller)            | `create -f -` of a Pod whose controller ownerReference is its owner    |
 * | `createReplicaSet`  | "" (deployment controller)                                      | `create -f -` of a ReplicaSet owned by its Deployment                  |
 * | `adoptPod`          | "" (replicaset controller)                                      | `apply -f -` of the orphan Pod with a ReplicaSet ownerReference added  |
 * | `updateStatefulPod` | "" (statefulset controller)                                     | `apply -f -` of its Pod with the new image or controller-revision-hash |
 * | `updateEndpoints`   | "" (endpointslice controller)                                   | `apply -f -` of the Service's Endpoints or EndpointSlice               |
 * | `registerDns`       | "" (CoreDNS, which writes no object)                            | `apply -f -` (or `-f NAME-service.yaml`) of the unchanged Service      |
 */
import type { World } from "../sim/world";
import { runFromFile } from "./apply";
import { parseArgs } from "./args";
import { describeItem } from "./describe";
import { runExplain } from "./explain";
import { find, noResources, notFound, requestsOf, runGet } from "./read";
import { fail, ok, type Context, type KubectlRun } from "./result";
import { RESOURCE_TYPES } from "./resources";
import { rolloutHistory, rolloutStatus } from "./rollout";
import { table, TABLE, tabwrite } from "./tabwriter";
import { tokenize } from "./tokenize";
import {
  runCordon,
  runDrain,
  runLabel,
  runRolloutRestart,
  runRolloutUndo,
  runScale,
  runSetImage,
} from "./writes";

export type { KubectlRun } from "./result";
export { completeKubectl } from "./complete";
export { kubectlConfirmation } from "./confirm";

/** The namespace commands use without `-n` (kubectl's, with no context namespace set). */
export const DEFAULT_NAMESPACE = "default";

/** The words of a line after an optional leading `kubectl`, with a here-string as stdin. */
function wordsOf(line: string): { ok: true; words: string[]; stdin?: string } | { ok: false; error: string } {
  const t = tokenize(line);
  if (!t.ok) return { ok: false, error: t.error };
  const words = t.tokens.map((w) => w.text);
  if (words[0] === "kubectl") words.shift();
  return { ok: true, words, ...(t.hereString !== undefined ? { stdin: t.hereString } : {}) };
}

/** The handler of each verb. */
const HANDLERS: Record<string, (ctx: Context) => KubectlRun> = {
  get: runGet,
  describe: runDescribe,
  explain: runExplain,
  scale: runScale,
  delete: (ctx) => runFromFile(ctx, "delete"),
  apply: (ctx) => runFromFile(ctx, "apply"),
  create: (ctx) => runFromFile(ctx, "create"),
  label: runLabel,
  "set image": runSetImage,
  "rollout status": (ctx) => runRolloutRead(ctx, rolloutStatus),
  "rollout history": (ctx) => runRolloutRead(ctx, rolloutHistory),
  "rollout undo": runRolloutUndo,
  "rollout restart": runRolloutRestart,
  cordon: (ctx) => runCordon(ctx, true),
  uncordon: (ctx) => runCordon(ctx, false),
  drain: runDrain,
  "api-resources": runApiResources,
  "config current-context": () => ok(`${CONTEXT}\n`),
  "config get-contexts": () =>
    ok(tabwrite(`CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n*\t${CONTEXT}\t${CONTEXT}\tplayer\t\n`, TABLE)),
};

/**
 * The console's kubeconfig context. It sets no namespace, so kubectl's `default` applies:
 * `kubectl config get-contexts` shows the empty NAMESPACE column that says so.
 */
export const CONTEXT = "reconcile";

/** `kubectl api-resources`: the resource types the game has. */
function runApiResources(): KubectlRun {
  return ok(
    table([
      ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"],
      ...RESOURCE_TYPES.map((t) => [
        t.resource,
        t.short.join(","),
        t.apiVersion,
        String(t.namespaced),
        t.kind,
      ]),
    ]),
  );
}

/** `kubectl describe TYPE [NAME…]`: names match as prefixes when no object has the exact name, as kubectl's do. */
function runDescribe(ctx: Context): KubectlRun {
  const { cmd, world } = ctx;
  if (cmd.args.length === 0)
    return fail(
      `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples`,
    );
  const parsed = requestsOf(cmd.args);
  if (!parsed.ok) return fail(parsed.error);
  const all = cmd.flags["all-namespaces"] === "true";
  const namespace = all ? undefined : ctx.namespace;
  const out: string[] = [];
  const errors: string[] = [];
  for (const r of parsed.requests) {
    const every = find(world, { type: r.type, names: [] }, namespace, cmd.flags.selector ?? "");
    if (!every.ok) return fail(every.error);
    if (r.names.length === 0) {
      if (every.items.length === 0 && parsed.requests.length === 1)
        return ok("", noResources(r.type, namespace));
      out.push(...every.items.map((i) => describeItem(world, r.type, i)));
      continue;
    }
    for (const name of r.names) {
      const exact = every.items.filter((i) => i.name === name);
      const matched = exact.length > 0 ? exact : every.items.filter((i) => i.name.startsWith(name));
      if (matched.length === 0) errors.push(notFound(r.type, name));
      out.push(...matched.map((i) => describeItem(world, r.type, i)));
    }
  }
  return {
    stdout: out.join("\n\n"),
    stderr: errors.map((e) => `${e}\n`).join(""),
    exitCode: errors.length > 0 ? 1 : 0,
    intents: [],
  };
}

/** `rollout status|history TYPE/NAME`: one workload, read. */
function runRolloutRead(ctx: Context, read: typeof rolloutStatus): KubectlRun {
  const parsed = requestsOf(ctx.cmd.args);
  if (!parsed.ok) return fail(parsed.error);
  const r = parsed.requests[0];
  if (!r || r.names.length === 0)
    return fail(
      `error: required resource not specified\nSee 'kubectl ${ctx.cmd.verb} -h' for help and examples`,
    );
  if (!["Deployment", "StatefulSet", "DaemonSet"].includes(r.type.kind))
    return fail(`error: no ${ctx.cmd.verb.split(" ")[1]} viewer has been implemented for ${r.type.resource}`);
  const f = find(ctx.world, { type: r.type, names: [r.names[0]!] }, ctx.namespace, "");
  if (!f.ok) return fail(f.error);
  if (f.missing.length > 0) return fail(f.missing.join("\n"));
  return read(ctx.world, r.type, f.items[0]!);
}

/** A short list of what the console runs: what a bare `kubectl` prints. */
const USAGE = `kubectl controls the Kubernetes cluster manager (the game's console).

Basic Commands:
  create        Create a resource from a file or from stdin (-f -)
  get           Display one or many resources
  explain       Get documentation for a resource
  delete        Delete resources by file names, stdin, resources and names, or by resources and label selector
  apply         Apply a configuration to a resource by file name or stdin (-f -)

Deploy Commands:
  rollout       Manage the rollout of a resource
  scale         Set a new size for a deployment, replica set, or stateful set
  set image     Update the image of a pod template

Cluster Management Commands:
  cordon        Mark node as unschedulable
  uncordon      Mark node as schedulable
  drain         Drain node in preparation for maintenance

Troubleshooting and Debugging Commands:
  describe      Show details of a specific resource or group of resources

Settings Commands:
  label         Update the labels on a resource

Usage:
  kubectl [flags] [options]
`;

/** Runs one command line (with or without the leading `kubectl`) against a world; never throws. `stdin` is the text of `-f -`. */
export function runKubectl(world: World, line: string, opts: { stdin?: string } = {}): KubectlRun {
  try {
    const w = wordsOf(line);
    if (!w.ok) return fail(w.error);
    if (w.words.length === 0) return ok(USAGE);
    const parsed = parseArgs(w.words);
    if (!parsed.ok) return parsed.error === "" ? ok(USAGE) : fail(parsed.error);
    const cmd = parsed.command;
    if (cmd.flags.help === "true") return ok(USAGE);
    const handler = HANDLERS[cmd.verb];
    if (!handler) return fail(`error: the game's console does not run "kubectl ${cmd.verb}" yet`);
    const stdin = w.stdin ?? opts.stdin;
    return handler({
      world,
      cmd,
      namespace: cmd.flags.namespace || DEFAULT_NAMESPACE,
      ...(stdin !== undefined ? { stdin } : {}),
    });
  } catch (e) {
    // A bug in a handler must not take the room down: say so like a crashed client would.
    return fail(`error: internal error in the game's kubectl: ${e instanceof Error ? e.message : String(e)}`);
  }
}
