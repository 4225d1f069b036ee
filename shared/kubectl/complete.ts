/**
 * Tab completion of a kubectl line: the word under the cursor and what can stand there —
 * verbs, sub-commands, resource types (and short names), object names of the type already
 * typed (in the `-n` namespace), flags of the verb, `-o` values, namespace names after `-n`.
 */
import type { World } from "../sim/world";
import { FLAGS, SUB_VERBS, VERB_FLAGS, VERBS, type FlagSpec } from "./args";
import { listItems } from "./get";
import { resourceType, resourceWords } from "./resources";
import { tokenize, type Token } from "./tokenize";

/** The candidates for the word at the cursor and the span [from, to) they replace. */
export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

/** Verbs whose arguments are `TYPE NAME…` (or `TYPE/NAME`). */
const TYPED_VERBS = new Set(["get", "describe", "scale", "delete", "label", "explain", "set image"]);
/** Verbs (rollout's too) whose arguments are workloads. */
const WORKLOAD_VERBS = new Set(["rollout status", "rollout history", "rollout undo", "rollout restart"]);
/** Verbs whose arguments are node names. */
const NODE_VERBS = new Set(["cordon", "uncordon", "drain"]);

/** The flag spec a word names (`-n`, `--namespace`), if any. */
function flagOf(word: string): FlagSpec | undefined {
  if (word.startsWith("--")) return (FLAGS as Record<string, FlagSpec>)[word.slice(2).split("=")[0]!];
  if (/^-[a-zA-Z]$/.test(word)) return Object.values(FLAGS).find((f: FlagSpec) => f.short === word[1]);
  return undefined;
}

/** Tab completion at `cursor` (default: end): the candidates for the word under the cursor, and the span [from, to) it replaces. */
export function completeKubectl(world: World, line: string, cursor = line.length): Completion {
  const head = line.slice(0, Math.max(0, Math.min(cursor, line.length)));
  const t = tokenize(head);
  const none = { from: head.length, to: head.length, candidates: [] };
  if (!t.ok) return none;
  const tokens: Token[] = [...t.tokens];
  // The word being typed: the last token when the cursor touches it, else a new empty one.
  const current: Token =
    t.open && tokens.length > 0 ? tokens.pop()! : { text: "", start: head.length, end: head.length };
  const span = (candidates: string[]) => ({
    from: current.start,
    to: current.end,
    candidates: [...new Set(candidates.filter((c) => c.startsWith(current.text)))].sort(),
  });
  const words = tokens.map((w) => w.text);
  if (words[0] === "kubectl") words.shift();
  else if (words.length === 0 && "kubectl".startsWith(current.text) && current.text !== "")
    return span(["kubectl"]);

  // Walk the words: flags (with their values) aside, the rest are positional.
  let namespace = "default";
  const positional: string[] = [];
  let pendingFlag: FlagSpec | undefined;
  for (const w of words) {
    if (pendingFlag) {
      if (pendingFlag.name === "namespace") namespace = w;
      pendingFlag = undefined;
      continue;
    }
    const f = flagOf(w);
    if (f) {
      if (f.value && !w.includes("=")) pendingFlag = f;
      else if (f.name === "namespace") namespace = w.split("=")[1] ?? namespace;
      continue;
    }
    if (/^-n./.test(w)) {
      namespace = w.slice(2).replace(/^=/, "");
      continue;
    }
    if (w.startsWith("-")) continue;
    positional.push(w);
  }

  if (pendingFlag) {
    if (pendingFlag.name === "namespace")
      return span(world.store.list("Namespace").map((n) => n.metadata.name));
    return span([...(pendingFlag.values ?? [])]);
  }
  const verb0 = positional[0];
  if (verb0 === undefined) {
    if (current.text.startsWith("-")) return span(flagWords(undefined));
    return span([...VERBS]);
  }
  let verb = verb0;
  let args = positional.slice(1);
  const subs = SUB_VERBS[verb0];
  if (subs) {
    if (args.length === 0) return current.text.startsWith("-") ? span(flagWords(undefined)) : span([...subs]);
    verb = `${verb0} ${args[0]}`;
    args = args.slice(1);
  }
  if (current.text.startsWith("-")) {
    if (/^(-o|--output)=/.test(current.text)) {
      const prefix = current.text.slice(0, current.text.indexOf("=") + 1);
      return span(FLAGS.output.values.map((v) => `${prefix}${v}`));
    }
    return span(flagWords(verb));
  }
  if (NODE_VERBS.has(verb)) return span(world.store.list("Node").map((n) => n.metadata.name));
  if (WORKLOAD_VERBS.has(verb) || TYPED_VERBS.has(verb)) {
    const workloadsOnly = WORKLOAD_VERBS.has(verb) || verb === "scale" || verb === "set image";
    const typeWords = workloadsOnly
      ? [
          "deployment",
          "deployments",
          "deploy",
          "statefulset",
          "statefulsets",
          "sts",
          "daemonset",
          "ds",
        ].concat(verb === "scale" ? ["replicaset", "replicasets", "rs"] : [])
      : verb === "label"
        ? ["pod", "pods", "po"]
        : verb === "get"
          ? [...resourceWords(), "all"]
          : resourceWords();
    // TYPE/NAME being typed: names of that type.
    const slash = current.text.indexOf("/");
    if (slash >= 0) {
      const type = resourceType(current.text.slice(0, slash));
      if (!type) return span([]);
      const prefix = current.text.slice(0, slash + 1);
      return span(listItems(world, type, namespace).map((i) => `${prefix}${i.name}`));
    }
    if (args.length === 0) return span(typeWords);
    if (verb === "explain") return span([]);
    const type = resourceType(args[0]!.split(",")[0]!);
    if (!type || args[0]!.includes("/")) return span([]);
    return span(listItems(world, type, namespace).map((i) => i.name));
  }
  return span([]);
}

/** The flags of a verb as completion offers them (`-n`, `--namespace`, …). */
function flagWords(verb: string | undefined): string[] {
  const names = ["namespace", ...(verb ? (VERB_FLAGS[verb] ?? []) : [])];
  return names.flatMap((n) => {
    const f = (FLAGS as Record<string, FlagSpec>)[n]!;
    return [`--${f.name}${f.value ? "=" : ""}`, ...(f.short ? [`-${f.short}`] : [])];
  });
}
