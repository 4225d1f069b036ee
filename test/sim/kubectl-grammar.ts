/**
 * A small grammar of real kubectl, enough to tell whether a line the game prints is a
 * command kubectl accepts — a known verb, resource kinds that verb takes, flags that exist
 * for it — and whether it reads or writes. Sources: the kubectl reference
 * (kubernetes.io/docs/reference/kubectl/generated/) for each verb's flags, and
 * `kubectl api-resources` for kinds and short names.
 */

/** Resource names kubectl accepts (singular, plural, short), by canonical plural. */
const KIND_NAMES: Record<string, string> = {};
for (const [plural, ...aliases] of [
  ["pods", "pod", "po"],
  ["deployments", "deployment", "deploy"],
  ["replicasets", "replicaset", "rs"],
  ["statefulsets", "statefulset", "sts"],
  ["daemonsets", "daemonset", "ds"],
  ["jobs", "job"],
  ["services", "service", "svc"],
  ["endpoints", "ep"],
  ["endpointslices", "endpointslice"],
  ["nodes", "node", "no"],
  ["persistentvolumeclaims", "persistentvolumeclaim", "pvc"],
  ["namespaces", "namespace", "ns"],
  ["events", "event", "ev"],
] as const)
  for (const n of [plural, ...aliases]) KIND_NAMES[n] = plural;

/** How a verb names what it acts on. */
type Target =
  | "file" // -f FILE
  | "kind name" // deployment tomcat (or deployment/tomcat)
  | "kind/name" // deployment/tomcat
  | "kind [name]" // get pods, get pod x
  | "node" // cordon node-1
  | "pod"; // exec/logs POD

interface VerbRule {
  /** Whether it changes the cluster. */
  write: boolean;
  target: Target;
  /** Flags it takes: whether each takes a value. */
  flags: Record<string, "value" | "bool">;
  /** Kinds it accepts (canonical plural), when not any. */
  kinds?: readonly string[];
  /** Flag groups one of which must be present (`--replicas`, `-f|--filename`). */
  required?: readonly string[];
  /** What the words after the target must look like. */
  rest?: RegExp;
}

const OUTPUT = { "-o": "value", "--output": "value" } as const;
const SELECT = { "-l": "value", "--selector": "value" } as const;
const FILE = { "-f": "value", "--filename": "value" } as const;

/** The verbs the game may print, with what they take (kubectl reference, one page per verb). */
const VERBS: Record<string, VerbRule> = {
  create: {
    write: true,
    target: "file",
    flags: { ...FILE, ...OUTPUT, "--dry-run": "value" },
    required: ["-f|--filename"],
  },
  apply: {
    write: true,
    target: "file",
    flags: { ...FILE, ...OUTPUT, "--dry-run": "value", "--server-side": "bool" },
    required: ["-f|--filename"],
  },
  delete: {
    write: true,
    target: "kind name",
    flags: {
      ...FILE,
      ...SELECT,
      "--grace-period": "value",
      "--force": "bool",
      "--wait": "value",
      "--now": "bool",
    },
  },
  scale: {
    write: true,
    target: "kind name",
    flags: { "--replicas": "value", "--current-replicas": "value" },
    kinds: ["deployments", "replicasets", "statefulsets"],
    required: ["--replicas"],
  },
  "set image": {
    write: true,
    target: "kind/name",
    flags: { "--all": "bool", ...SELECT },
    kinds: ["pods", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs"],
    rest: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?=[a-z0-9][a-z0-9._/:@-]*$/,
  },
  "rollout undo": {
    write: true,
    target: "kind/name",
    flags: { "--to-revision": "value" },
    kinds: ["deployments", "daemonsets", "statefulsets"],
  },
  "rollout restart": {
    write: true,
    target: "kind/name",
    flags: {},
    kinds: ["deployments", "daemonsets", "statefulsets"],
  },
  label: {
    write: true,
    target: "kind name",
    flags: { "--overwrite": "bool", ...SELECT },
    rest: /^[a-z0-9./-]+(=[^=\s]*|-)$/i,
  },
  annotate: {
    write: true,
    target: "kind name",
    flags: { "--overwrite": "bool", ...SELECT },
    rest: /^[a-z0-9./-]+(=[^=\s]*|-)$/i,
  },
  patch: {
    write: true,
    target: "kind name",
    flags: { "--type": "value", "-p": "value", "--patch": "value" },
    required: ["-p|--patch"],
  },
  cordon: { write: true, target: "node", flags: {} },
  uncordon: { write: true, target: "node", flags: {} },
  drain: {
    write: true,
    target: "node",
    flags: { "--ignore-daemonsets": "bool", "--delete-emptydir-data": "bool", "--force": "bool" },
  },
  get: {
    write: false,
    target: "kind [name]",
    flags: { ...OUTPUT, ...SELECT, "--show-labels": "bool", "-w": "bool" },
  },
  describe: { write: false, target: "kind [name]", flags: { ...SELECT } },
  logs: { write: false, target: "pod", flags: { "-c": "value", "--previous": "bool", "-f": "bool" } },
  // exec runs a program in a container; the game prints it only for DNS queries (see below).
  exec: { write: false, target: "pod", flags: { "-i": "bool", "-t": "bool", "-it": "bool", "-c": "value" } },
};

/** What a line parsed to. */
export interface ParsedKubectl {
  verb: string;
  write: boolean;
  namespace?: string;
  kind?: string;
  name?: string;
  flags: Record<string, string | true>;
  /** Words after the target (label pairs, container=image, an exec command). */
  rest: string[];
}

/** Shell words of a line, quotes removed; stops at a here-string, a pipe, a comment or `&&`. */
export function shellWords(line: string): { words: string[]; tail: string } {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === " ") i++;
    if (i >= line.length) break;
    for (const stop of ["<<<", "|", "#", "&&", ";", ">"])
      if (line.startsWith(stop, i)) return { words, tail: line.slice(i) };
    let w = "";
    while (i < line.length && line[i] !== " ") {
      const q = line[i];
      if (q === "'" || q === '"') {
        const end = line.indexOf(q, i + 1);
        if (end < 0) throw new Error(`unterminated ${q} in: ${line}`);
        w += line.slice(i + 1, end);
        i = end + 1;
      } else w += line[i++];
    }
    words.push(w);
  }
  return { words, tail: "" };
}

/** Parses one kubectl line, or throws with why it is not a real kubectl command. */
export function parseKubectl(line: string): ParsedKubectl {
  const { words, tail } = shellWords(line);
  if (tail && !/^<<< '[^']*'$/.test(tail))
    throw new Error(`only a quoted here-string may follow the command (no comments, pipes): "${tail}"`);
  if (words[0] !== "kubectl") throw new Error(`not a kubectl command: ${line}`);
  const args = words.slice(1);
  const out: ParsedKubectl = { verb: "", write: false, flags: {}, rest: [] };
  const take = (flag: string, rule: VerbRule | undefined, j: number): number => {
    const [name, inline] = flag.includes("=")
      ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)]
      : [flag, undefined];
    if (name === "-n" || name === "--namespace") {
      const v = inline ?? args[j + 1];
      if (!v) throw new Error(`${name} needs a namespace`);
      out.namespace = v;
      return inline === undefined ? j + 2 : j + 1;
    }
    const kind = rule?.flags[name];
    if (!kind) throw new Error(`kubectl ${out.verb || "?"} has no flag ${name}`);
    if (kind === "bool") {
      if (inline !== undefined && inline !== "true" && inline !== "false")
        throw new Error(`${name} takes no value`);
      out.flags[name] = true;
      return j + 1;
    }
    const v = inline ?? args[j + 1];
    if (v === undefined || v === "") throw new Error(`${name} needs a value`);
    out.flags[name] = v;
    return inline === undefined ? j + 2 : j + 1;
  };
  let j = 0;
  while (j < args.length && args[j]!.startsWith("-")) j = take(args[j]!, undefined, j);
  const one = args[j];
  const two = `${one} ${args[j + 1]}`;
  const verb = VERBS[two] ? two : one && VERBS[one] ? one : undefined;
  if (!verb) throw new Error(`unknown kubectl verb "${one}"`);
  const rule = VERBS[verb]!;
  out.verb = verb;
  out.write = rule.write;
  j += verb.split(" ").length;
  const positional: string[] = [];
  while (j < args.length) {
    const a = args[j]!;
    if (a === "--") {
      out.rest.push(...args.slice(j + 1));
      break;
    }
    if (a.startsWith("-") && a.length > 1) j = take(a, rule, j);
    else {
      positional.push(a);
      j++;
    }
  }
  const kindOf = (word: string) => {
    const k = KIND_NAMES[word.toLowerCase()];
    if (!k) throw new Error(`kubectl knows no resource "${word}"`);
    if (rule.kinds && !rule.kinds.includes(k)) throw new Error(`kubectl ${verb} does not take ${word}`);
    return k;
  };
  switch (rule.target) {
    case "file":
      if (positional.length > 0) throw new Error(`kubectl ${verb} takes -f, not "${positional.join(" ")}"`);
      break;
    case "kind/name":
    case "kind name":
    case "kind [name]": {
      const first = positional.shift();
      if (!first) throw new Error(`kubectl ${verb} needs a resource`);
      if (first.includes("/")) {
        const [k, n] = first.split("/");
        out.kind = kindOf(k!);
        out.name = n;
      } else {
        if (rule.target === "kind/name") throw new Error(`kubectl ${verb} takes TYPE/NAME, got "${first}"`);
        out.kind = kindOf(first);
        if (rule.target === "kind name" && !out.flags["-l"] && !out.flags["--selector"]) {
          out.name = positional.shift();
          if (!out.name) throw new Error(`kubectl ${verb} ${first} needs a name`);
        } else if (positional[0] && !positional[0].includes("=")) out.name = positional.shift();
      }
      break;
    }
    case "node":
    case "pod":
      out.name = positional.shift();
      if (!out.name) throw new Error(`kubectl ${verb} needs a ${rule.target} name`);
      break;
  }
  for (const w of positional) {
    if (!rule.rest || !rule.rest.test(w)) throw new Error(`kubectl ${verb}: unexpected "${w}"`);
    out.rest.push(w);
  }
  if (rule.rest && positional.length === 0) throw new Error(`kubectl ${verb} needs ${rule.rest}`);
  for (const group of rule.required ?? [])
    if (!group.split("|").some((f) => f in out.flags)) throw new Error(`kubectl ${verb} needs ${group}`);
  if (verb === "exec") checkDnsQuery(out);
  return out;
}

/**
 * `kubectl exec` is printed only to read a DNS answer, the way the "Debugging DNS
 * Resolution" page does it: from a pod that has the tools (dnsutils), never from CoreDNS,
 * whose image has no shell, nslookup or dig.
 */
function checkDnsQuery(p: ParsedKubectl): void {
  if (/coredns|kube-dns/.test(p.name ?? ""))
    throw new Error("the CoreDNS image has no shell, nslookup or dig");
  if (!["nslookup", "dig", "host"].includes(p.rest[0] ?? ""))
    throw new Error("exec is printed only for a DNS query");
}
