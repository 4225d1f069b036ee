/**
 * The verbs that change the cluster — scale, delete, label, set image, rollout undo|restart,
 * cordon, uncordon, drain — turned into the intents the buttons send. kubectl's own
 * client-side checks and messages stay here (a missing `--replicas`, a label that exists
 * without `--overwrite`, an unknown container, a node already cordoned, drain's refusal of
 * DaemonSet pods); whether the sender may and whether the cluster accepts is the match's.
 */
import type { Intent } from "../sim/intents/types";
import type { Pod } from "../sim/types";
import type { Item } from "./get";
import { find, notFound, requestsOf, type Request } from "./read";
import { objectName, resourceType, type ResourceType } from "./resources";
import { fail, ok, write, type Context, type KubectlRun } from "./result";

/** The objects a write names (`TYPE NAME…`, `TYPE/NAME…`, or `TYPE -l …`), or kubectl's error. */
function targets(
  ctx: Context,
  args: readonly string[],
  verb: string,
): { ok: true; found: { type: ResourceType; items: Item[] }[] } | { ok: false; run: KubectlRun } {
  const parsed = requestsOf(args);
  if (!parsed.ok) return { ok: false, run: fail(parsed.error) };
  if (parsed.requests.length === 0)
    return {
      ok: false,
      run: fail(
        `error: You must provide one or more resources by argument or filename.\nSee 'kubectl ${verb} -h' for help and examples`,
      ),
    };
  const selector = ctx.cmd.flags.selector ?? "";
  const found: { type: ResourceType; items: Item[] }[] = [];
  for (const r of parsed.requests) {
    if (r.names.length === 0 && selector === "")
      return {
        ok: false,
        run: fail(`error: resource(s) were provided, but no name was specified`),
      };
    const f = find(ctx.world, r, ctx.namespace, selector);
    if (!f.ok) return { ok: false, run: fail(f.error) };
    if (f.missing.length > 0) return { ok: false, run: fail(f.missing.join("\n")) };
    found.push({ type: r.type, items: f.items });
  }
  if (found.every((f) => f.items.length === 0))
    return { ok: false, run: fail(`error: no objects passed to ${verb}`) };
  return { ok: true, found };
}

/** `Deployment/shop/tomcat`: how intents name a workload. */
function workloadRef(item: Item, type: ResourceType): string {
  return `${type.kind}/${item.namespace}/${item.name}`;
}

/** Fails for a type the game cannot do this verb to. */
function only(
  found: { type: ResourceType }[],
  kinds: readonly string[],
  why: string,
): KubectlRun | undefined {
  const bad = found.find((f) => !kinds.includes(f.type.kind));
  return bad ? fail(`error: ${why} (not ${bad.type.resource})`) : undefined;
}

/** `kubectl scale TYPE NAME --replicas=N`. */
export function runScale(ctx: Context): KubectlRun {
  const raw = ctx.cmd.flags.replicas;
  if (raw === undefined) return fail(`error: required flag(s) "replicas" not set`);
  if (!/^-?\d+$/.test(raw))
    return fail(
      `error: invalid argument "${raw}" for "--replicas" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`,
    );
  const replicas = Number(raw);
  if (replicas < 0)
    return fail("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
  const t = targets(ctx, ctx.cmd.args, "scale");
  if (!t.ok) return t.run;
  const wrong = only(
    t.found,
    ["Deployment", "ReplicaSet", "StatefulSet"],
    "the game scales deployments, replicasets and statefulsets",
  );
  if (wrong) return wrong;
  return write(
    t.found.flatMap((f) =>
      f.items.map((i) => ({ type: "scale", workload: workloadRef(i, f.type), replicas }) as Intent),
    ),
  );
}

/** `kubectl delete pod NAME… [--grace-period=0 --force]` (or `-l`, or `-f -` of pods). */
export function runDelete(
  ctx: Context,
  manifests?: { type: ResourceType; name: string; namespace: string }[],
): KubectlRun {
  const { flags } = ctx.cmd;
  const grace = flags["grace-period"];
  if (grace !== undefined && !/^-?\d+$/.test(grace))
    return fail(
      `error: invalid argument "${grace}" for "--grace-period" flag: strconv.ParseInt: parsing "${grace}": invalid syntax`,
    );
  const force = flags.force === "true";
  if (force && grace !== undefined && Number(grace) > 0)
    return fail("error: --force and --grace-period greater than 0 cannot be specified together");
  let found: { type: ResourceType; items: Item[] }[];
  if (manifests) {
    found = [];
    for (const m of manifests) {
      const f = find(ctx.world, { type: m.type, names: [m.name] }, m.namespace, "");
      if (!f.ok) return fail(f.error);
      if (f.missing.length > 0) return fail(f.missing.join("\n"));
      found.push({ type: m.type, items: f.items });
    }
  } else {
    const t = targets(ctx, ctx.cmd.args, "delete");
    if (!t.ok) return t.run;
    found = t.found;
  }
  const wrong = only(
    found,
    ["Pod"],
    "the game's console deletes pods; other objects are deleted by chaos, not by players",
  );
  if (wrong) return wrong;
  const warning = force
    ? "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"
    : "";
  return write(
    found.flatMap((f) =>
      f.items.map((i) => ({ type: "deletePod", pod: `${i.namespace}/${i.name}` }) as Intent),
    ),
    warning,
  );
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$/;
const LABEL_VALUE = /^(([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)?)$/;

/** `kubectl label pod NAME k=v k2- [--overwrite]`. */
export function runLabel(ctx: Context): KubectlRun {
  const args = ctx.cmd.args;
  // Resource words come first; the first `k=v` or `k-` starts the labels.
  const split = args.findIndex((a) => a.includes("=") || (a.endsWith("-") && !a.includes("/")));
  if (split < 0) return fail("error: at least one label update is required");
  const resources = args.slice(0, split);
  const changes: Record<string, string | null> = {};
  for (const a of args.slice(split)) {
    if (a.endsWith("-") && !a.includes("=")) {
      changes[a.slice(0, -1)] = null;
      continue;
    }
    const eq = a.indexOf("=");
    if (eq < 0) return fail(`error: invalid label spec: ${a}`);
    const key = a.slice(0, eq);
    const value = a.slice(eq + 1);
    if (!LABEL_KEY.test(key) || !LABEL_VALUE.test(value) || value.length > 63)
      return fail(`error: invalid label spec: ${a}`);
    changes[key] = value;
  }
  const t = targets(ctx, resources, "label");
  if (!t.ok) return t.run;
  const wrong = only(t.found, ["Pod"], "the game relabels pods (what a Service's selector picks)");
  if (wrong) return wrong;
  const intents: Intent[] = [];
  let notLabeled = "";
  for (const f of t.found)
    for (const item of f.items) {
      if (ctx.cmd.flags.overwrite !== "true")
        for (const [k, v] of Object.entries(changes))
          if (v !== null && item.labels[k] !== undefined && item.labels[k] !== v)
            return fail(`error: '${k}' already has a value (${item.labels[k]}), and --overwrite is false`);
      const effective = Object.fromEntries(
        Object.entries(changes).filter(([k, v]) =>
          v === null ? item.labels[k] !== undefined : item.labels[k] !== v,
        ),
      );
      if (Object.keys(effective).length === 0) notLabeled += `${objectName(f.type, item.name)} not labeled\n`;
      else intents.push({ type: "labelPod", pod: `${item.namespace}/${item.name}`, labels: effective });
    }
  return intents.length === 0 ? ok(notLabeled) : { ...write(intents), stdout: notLabeled };
}

/** `kubectl set image TYPE/NAME container=image…`. */
export function runSetImage(ctx: Context): KubectlRun {
  const args = ctx.cmd.args;
  const split = args.findIndex((a) => a.includes("="));
  if (split < 0) return fail("error: at least one image update is required");
  const t = targets(ctx, args.slice(0, split), "set image");
  if (!t.ok) return t.run;
  const wrong = only(
    t.found,
    ["Deployment", "StatefulSet"],
    "the game rolls out new images of deployments and statefulsets",
  );
  if (wrong) return wrong;
  const pairs: [string, string][] = [];
  for (const a of args.slice(split)) {
    const eq = a.indexOf("=");
    if (eq <= 0 || eq === a.length - 1) return fail(`error: invalid image update: ${a}`);
    pairs.push([a.slice(0, eq), a.slice(eq + 1)]);
  }
  const intents: Intent[] = [];
  for (const f of t.found)
    for (const item of f.items) {
      if (item.type !== "object") continue;
      const obj = item.obj;
      if (obj.kind !== "Deployment" && obj.kind !== "StatefulSet") continue;
      const names = obj.spec.template.spec.containers.map((c) => c.name);
      for (const [container, image] of pairs) {
        // `*` sets every container, as kubectl's does.
        const chosen = container === "*" ? names : names.filter((n) => n === container);
        if (chosen.length === 0) return fail(`error: unable to find container named "${container}"`);
        for (const c of chosen)
          intents.push({ type: "setImage", workload: workloadRef(item, f.type), container: c, image });
      }
    }
  return write(intents);
}

/** The workload `rollout …` names (`TYPE/NAME` or `TYPE NAME`), exactly one, or kubectl's error. */
function oneWorkload(
  ctx: Context,
  verb: string,
): { ok: true; type: ResourceType; item: Item } | { ok: false; run: KubectlRun } {
  const t = targets(ctx, ctx.cmd.args, verb);
  if (!t.ok) return t;
  const wrong = only(
    t.found,
    ["Deployment", "StatefulSet", "DaemonSet"],
    "rollout works on deployments, statefulsets and daemonsets",
  );
  if (wrong) return { ok: false, run: wrong };
  const f = t.found[0]!;
  return { ok: true, type: f.type, item: f.items[0]! };
}

/** `kubectl rollout undo deployment/NAME`. */
export function runRolloutUndo(ctx: Context): KubectlRun {
  const w = oneWorkload(ctx, "rollout undo");
  if (!w.ok) return w.run;
  if (w.type.kind !== "Deployment")
    return fail(
      `error: the game undoes rollouts of deployments only (${objectName(w.type, w.item.name)} is not one)`,
    );
  const to = ctx.cmd.flags["to-revision"];
  if (to !== undefined && to !== "0")
    return fail("error: the game undoes to the previous revision only (leave out --to-revision)");
  return write([{ type: "rolloutUndo", workload: workloadRef(w.item, w.type) }]);
}

/** `kubectl rollout restart deployment/NAME` (or statefulset/NAME): a new restartedAt on its template. */
export function runRolloutRestart(ctx: Context): KubectlRun {
  const w = oneWorkload(ctx, "rollout restart");
  if (!w.ok) return w.run;
  if (w.type.kind !== "Deployment" && w.type.kind !== "StatefulSet")
    return fail(
      `error: the game restarts deployments and statefulsets only (${objectName(w.type, w.item.name)} is not one)`,
    );
  return write([{ type: "rolloutRestart", workload: workloadRef(w.item, w.type) }]);
}

/** `kubectl cordon|uncordon NODE…`. */
export function runCordon(ctx: Context, want: boolean): KubectlRun {
  const verb = want ? "cordon" : "uncordon";
  const nodeType = resourceType("nodes")!;
  const names = ctx.cmd.args;
  const request: Request = { type: nodeType, names };
  if (names.length === 0 && !ctx.cmd.flags.selector)
    return fail(`error: USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  const f = find(ctx.world, request, undefined, ctx.cmd.flags.selector ?? "");
  if (!f.ok) return fail(f.error);
  if (f.missing.length > 0) return fail(f.missing.join("\n"));
  const intents: Intent[] = [];
  let already = "";
  for (const item of f.items) {
    if (item.type !== "object" || item.obj.kind !== "Node") continue;
    // kubectl reads the node first and sends nothing when it is already so.
    if (!!item.obj.spec.unschedulable === want)
      already += `node/${item.name} already ${want ? "cordoned" : "uncordoned"}\n`;
    else intents.push({ type: want ? "cordon" : "uncordon", node: item.name });
  }
  return { ...write(intents), stdout: already };
}

/** `kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force]`: cordon, then evict its pods. */
export function runDrain(ctx: Context): KubectlRun {
  const { flags, args } = ctx.cmd;
  if (args.length !== 1)
    return fail("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples");
  const name = args[0]!;
  const node = ctx.world.store.get("Node", name);
  if (!node) return fail(notFound(resourceType("nodes")!, name));
  const intents: Intent[] = [];
  const out: string[] = [];
  if (!node.spec.unschedulable) intents.push({ type: "cordon", node: name });
  else out.push(`node/${name} already cordoned`);
  const pods = ctx.world.store.podsOnNode(name).filter((p) => p.metadata.deletionTimestamp === undefined);
  const owner = (p: Pod) => p.metadata.ownerReferences?.find((o) => o.controller)?.kind;
  const finished = (p: Pod) => p.status.phase === "Succeeded" || p.status.phase === "Failed";
  const daemon = pods.filter((p) => owner(p) === "DaemonSet" && !finished(p));
  const bare = pods.filter((p) => owner(p) === undefined && !finished(p));
  const key = (p: Pod) => `${p.metadata.namespace}/${p.metadata.name}`;
  const problems: string[] = [];
  if (daemon.length > 0 && flags["ignore-daemonsets"] !== "true")
    problems.push(
      `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map(key).join(", ")}`,
    );
  if (bare.length > 0 && flags.force !== "true")
    problems.push(
      `cannot delete Pods that declare no controller (use --force to override): ${bare.map(key).join(", ")}`,
    );
  if (problems.length > 0)
    return {
      stdout: out.map((l) => `${l}\n`).join(""),
      stderr: `error: unable to drain node "${name}" due to error: ${problems.join(", ")}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${problems.join("\n")}\n`,
      exitCode: 1,
      intents,
    };
  const warnings: string[] = [];
  if (daemon.length > 0)
    warnings.push(`Warning: ignoring DaemonSet-managed Pods: ${daemon.map(key).join(", ")}`);
  if (bare.length > 0)
    warnings.push(`Warning: deleting Pods that declare no controller: ${bare.map(key).join(", ")}`);
  const evict = pods.filter((p) => !daemon.includes(p));
  for (const p of evict) {
    out.push(`evicting pod ${key(p)}`);
    intents.push({ type: "deletePod", pod: key(p) });
  }
  return {
    stdout: out.map((l) => `${l}\n`).join(""),
    stderr: warnings.map((w) => `${w}\n`).join(""),
    exitCode: 0,
    intents,
  };
}
