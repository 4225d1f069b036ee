/**
 * kubectl's command grammar: the verbs the console runs, the flags each one takes, and the
 * parse of a word list into verb, positional arguments and flag values — with kubectl's
 * (cobra's and pflag's) own error texts for an unknown command or flag.
 */

/** A flag: its long name, shorthand, whether it takes a value, and the values completion offers. */
export interface FlagSpec {
  name: string;
  short?: string;
  value: boolean;
  values?: readonly string[];
}

/** Every flag the console knows, by long name. */
export const FLAGS = {
  namespace: { name: "namespace", short: "n", value: true },
  "all-namespaces": { name: "all-namespaces", short: "A", value: false },
  output: { name: "output", short: "o", value: true, values: ["wide", "yaml", "json", "name"] },
  selector: { name: "selector", short: "l", value: true },
  "show-labels": { name: "show-labels", value: false },
  replicas: { name: "replicas", value: true },
  "grace-period": { name: "grace-period", value: true },
  force: { name: "force", value: false },
  overwrite: { name: "overwrite", value: false },
  "ignore-daemonsets": { name: "ignore-daemonsets", value: false },
  "delete-emptydir-data": { name: "delete-emptydir-data", value: false },
  filename: { name: "filename", short: "f", value: true, values: ["-"] },
  "to-revision": { name: "to-revision", value: true },
  revision: { name: "revision", value: true },
  recursive: { name: "recursive", value: false },
  watch: { name: "watch", short: "w", value: false },
  help: { name: "help", short: "h", value: false },
} as const satisfies Record<string, FlagSpec>;

/** A flag's long name. */
export type FlagName = keyof typeof FLAGS;

/** What each verb (and `rollout`'s and `set`'s sub-verbs) accepts besides `-n` and `-h`. */
export const VERB_FLAGS: Readonly<Record<string, readonly FlagName[]>> = {
  get: ["all-namespaces", "output", "selector", "show-labels", "watch"],
  describe: ["all-namespaces", "selector"],
  scale: ["replicas", "selector"],
  delete: ["grace-period", "force", "selector", "all-namespaces", "filename"],
  label: ["overwrite", "selector"],
  "set image": ["selector"],
  "rollout status": ["watch", "revision"],
  "rollout history": ["revision", "output"],
  "rollout undo": ["to-revision"],
  "rollout restart": ["selector"],
  cordon: ["selector"],
  uncordon: ["selector"],
  drain: ["ignore-daemonsets", "delete-emptydir-data", "force", "grace-period", "selector"],
  apply: ["filename", "recursive", "output"],
  create: ["filename", "output"],
  explain: ["recursive"],
  "api-resources": ["output"],
  "config current-context": [],
  "config get-contexts": [],
};

/** The verbs, in the order `kubectl --help` lists them, as completion offers them. */
export const VERBS = [
  "create",
  "get",
  "explain",
  "delete",
  "rollout",
  "scale",
  "set",
  "cordon",
  "uncordon",
  "drain",
  "describe",
  "apply",
  "label",
  "api-resources",
  "config",
] as const;

/** `rollout`'s sub-commands. */
export const ROLLOUT_VERBS = ["history", "restart", "status", "undo"] as const;
/** `set`'s sub-commands the game has. */
export const SET_VERBS = ["image"] as const;
/** `config`'s sub-commands the game has (reads of the console's one context). */
export const CONFIG_VERBS = ["current-context", "get-contexts"] as const;

/** The sub-commands of the verbs that have them. */
export const SUB_VERBS: Readonly<Record<string, readonly string[]>> = {
  rollout: ROLLOUT_VERBS,
  set: SET_VERBS,
  config: CONFIG_VERBS,
};

/**
 * kubectl's commands the game does not run, with what to do instead: saying so beats
 * kubectl's "unknown command", which would teach that kubectl has no such command.
 */
const KUBECTL_ONLY: Readonly<Record<string, string>> = {
  logs: "the game's containers write no logs; kubectl describe pod shows their state and events",
  exec: "the game's containers run no processes; CoreDNS answers from the Services and EndpointSlices kubectl get shows",
  edit: "there is no editor here; kubectl get -o yaml, change it, then apply -f - with the changed YAML",
  patch: "apply -f - with the changed YAML, or scale, label, set image",
  replace: "apply -f - with the changed YAML",
  annotate: "",
  taint: "",
  expose: "",
  run: "",
  autoscale: "",
  "port-forward": "",
  proxy: "",
  attach: "",
  cp: "",
  top: "",
  debug: "",
  diff: "",
  wait: "",
  events: "kubectl get events shows them",
  "cluster-info": "",
  version: "",
  auth: "",
};

/** A parsed command line. */
export interface Command {
  /** `get`, `rollout undo`, `set image`, … */
  verb: string;
  args: string[];
  flags: Partial<Record<FlagName, string>>;
}

/** A parse: the command, or kubectl's error text (without the trailing newline). */
export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

/** The long name of a shorthand, if any flag has it. */
function byShort(ch: string): FlagSpec | undefined {
  return Object.values(FLAGS).find((f: FlagSpec) => f.short === ch);
}

/** Whether `verb` accepts the flag (`-n` and `-h` everywhere). */
export function verbAccepts(verb: string, flag: string): boolean {
  return flag === "namespace" || flag === "help" || (VERB_FLAGS[verb] ?? []).includes(flag as FlagName);
}

/** cobra's suggestions: the verbs within two edits of the typo. */
function suggestions(word: string): string[] {
  return VERBS.filter((v) => levenshtein(v, word) <= 2 || v.startsWith(word)).sort();
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Parses the words after `kubectl`. Flags may come before or after the verb (as pflag
 * allows), as `--name value`, `--name=value`, `-n value`, `-nvalue`, `-n=value`, or
 * grouped booleans (`-Ao wide`); `--` ends the flags.
 */
export function parseArgs(words: readonly string[]): Parsed {
  const flags: Partial<Record<FlagName, string>> = {};
  const positional: string[] = [];
  const seen: { spec: FlagSpec; as: string }[] = [];
  // pflag's first complaint; the words after it are only searched for the verb.
  let flagError = "";
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (flagError) {
      if (!w.startsWith("-")) positional.push(w);
      continue;
    }
    if (w === "--") {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith("--") && w.length > 2) {
      const eq = w.indexOf("=");
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = (FLAGS as Record<string, FlagSpec>)[name];
      if (!spec) {
        flagError = `unknown flag: --${name}`;
        continue;
      }
      let value: string;
      if (eq >= 0) value = w.slice(eq + 1);
      else if (!spec.value) value = "true";
      else if (i + 1 < words.length) value = words[++i]!;
      else {
        flagError = `flag needs an argument: --${name}`;
        continue;
      }
      flags[spec.name as FlagName] = value;
      seen.push({ spec, as: `--${name}` });
      continue;
    }
    if (w.startsWith("-") && w.length > 1) {
      // A group of shorthands: booleans, then at most one that takes the rest as its value.
      for (let j = 1; j < w.length; j++) {
        const ch = w[j]!;
        const spec = byShort(ch);
        if (!spec) {
          flagError = `unknown shorthand flag: '${ch}' in ${w}`;
          break;
        }
        seen.push({ spec, as: `-${ch}` });
        if (!spec.value) {
          if (w[j + 1] === "=") {
            flags[spec.name as FlagName] = w.slice(j + 2);
            break;
          }
          flags[spec.name as FlagName] = "true";
          continue;
        }
        let value = w.slice(j + 1);
        if (value.startsWith("=")) value = value.slice(1);
        else if (value === "") {
          if (i + 1 >= words.length) {
            flagError = `flag needs an argument: '${ch}' in -${ch}`;
            break;
          }
          value = words[++i]!;
        }
        flags[spec.name as FlagName] = value;
        break;
      }
      continue;
    }
    positional.push(w);
  }
  const first = positional[0];
  if (first === undefined)
    return { ok: false, error: flagError ? `error: ${flagError}\nSee 'kubectl --help' for usage.` : "" };
  let verb: string = first;
  let args = positional.slice(1);
  const missing = KUBECTL_ONLY[first];
  if (missing !== undefined)
    return {
      ok: false,
      error: `error: the game's console has no "kubectl ${first}"${missing ? `: ${missing}` : ""}`,
    };
  if (!(VERBS as readonly string[]).includes(first)) {
    const near = suggestions(first);
    return {
      ok: false,
      error:
        `error: unknown command "${first}" for "kubectl"` +
        (near.length > 0 ? `\n\nDid you mean this?\n${near.map((v) => `\t${v}`).join("\n")}` : ""),
    };
  }
  const subs = SUB_VERBS[first];
  if (subs) {
    const sub = args[0];
    if (sub === undefined || !subs.includes(sub))
      return {
        ok: false,
        error:
          sub === undefined
            ? `error: kubectl ${first} needs a sub-command: ${subs.join(", ")}`
            : `error: unknown command "${sub}" for "kubectl ${first}"`,
      };
    verb = `${first} ${sub}`;
    args = args.slice(1);
  }
  if (flagError) return { ok: false, error: `error: ${flagError}\nSee 'kubectl ${verb} --help' for usage.` };
  for (const { spec, as } of seen) {
    if (!verbAccepts(verb, spec.name))
      return {
        ok: false,
        error: `error: ${as.startsWith("--") ? `unknown flag: ${as}` : `unknown shorthand flag: '${as.slice(1)}' in ${as}`}\nSee 'kubectl ${verb} --help' for usage.`,
      };
  }
  return { ok: true, command: { verb, args, flags } };
}
