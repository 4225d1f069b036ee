/**
 * The kubectl console's parser, errors, reads, writes and completion: kubectl's own texts
 * for what goes wrong, and nothing written (no intents) whenever it does.
 */
import { describe, expect, it } from "vitest";
import { completeKubectl, kubectlConfirmation, runKubectl } from "../../../shared/kubectl";
import { toYaml } from "../../../shared/kubectl/output";
import { DESCRIBE, TABLE, tabwrite } from "../../../shared/kubectl/tabwriter";
import { tokenize } from "../../../shared/kubectl/tokenize";
import { createWorld, step, type World } from "../../../shared/sim";
import { goldenWorld } from "./fixture";

const world = goldenWorld();
const run = (line: string, stdin?: string, w: World = world) =>
  runKubectl(w, line, stdin === undefined ? {} : { stdin });
const names = (line: string) => run(line).stdout.trim().split("\n");

describe("tokenize", () => {
  it("splits words as a shell would, quotes and escapes included", () => {
    const t = tokenize(`get  'a b' "c \\"d\\"" e\\ f -l'app in (x,y)'`);
    expect(t.ok && t.tokens.map((x) => x.text)).toEqual(["get", "a b", 'c "d"', "e f", "-lapp in (x,y)"]);
  });
  it("remembers where each word is", () => {
    const t = tokenize("get  pods");
    expect(t.ok && t.tokens.map((x) => [x.start, x.end])).toEqual([
      [0, 3],
      [5, 9],
    ]);
  });
  it("takes a here-string as stdin", () => {
    const t = tokenize(`create -f - <<< '{"a": 1}'`);
    expect(t.ok && t.tokens.map((x) => x.text)).toEqual(["create", "-f", "-"]);
    expect(t.ok && t.hereString).toBe('{"a": 1}\n');
  });
  it("refuses an unterminated quote", () => {
    expect(tokenize(`get 'pods`).ok).toBe(false);
    const r = run(`get "pods`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/unexpected EOF/);
  });
});

describe("printing as kubectl's libraries do", () => {
  it("aligns like Go's tabwriter: a line without a cell in a column ends that column's block", () => {
    expect(tabwrite("a:\t1\nlonger key:\t2\nbreak\nb:\t3\n", DESCRIBE)).toBe(
      "a:           1\nlonger key:  2\nbreak\nb:  3\n",
    );
    expect(tabwrite("NAME\tX\nn\tyy\n", TABLE)).toBe("NAME   X\nn      yy\n");
  });

  it("writes YAML as go-yaml does: sorted keys, unindented lists, quotes only where a plain scalar would change type", () => {
    expect(
      toYaml({
        z: ["a"],
        b: "8080",
        c: "true",
        d: "",
        e: "2026-01-01T00:00:00Z",
        f: "a: b",
        y: 1,
        g: "10.244.1.2",
        h: {},
      }),
    ).toBe(
      'b: "8080"\nc: "true"\nd: ""\ne: "2026-01-01T00:00:00Z"\nf: \'a: b\'\ng: 10.244.1.2\nh: {}\n"y": 1\nz:\n- a\n',
    );
  });
});

describe("kubectl's errors", () => {
  it.each([
    ["foo", `error: unknown command "foo" for "kubectl"\n`],
    ["get pods --bogus", "error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"],
    ["get pods -z", "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.\n"],
    [
      "cordon node-1 --replicas=3",
      "error: unknown flag: --replicas\nSee 'kubectl cordon --help' for usage.\n",
    ],
    ["get pods -n", "error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ["get foos", `error: the server doesn't have a resource type "foos"\n`],
    ["-n shop get pod nope", `Error from server (NotFound): pods "nope" not found\n`],
    ["-n shop get deploy nope", `Error from server (NotFound): deployments.apps "nope" not found\n`],
    ["-n shop describe svc nope", `Error from server (NotFound): services "nope" not found\n`],
    ["-n shop scale deploy tomcat", `error: required flag(s) "replicas" not set\n`],
    ["rollout foo deploy/x", `error: unknown command "foo" for "kubectl rollout"\n`],
  ])("%s", (line, stderr) => {
    const r = run(line);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(1);
    expect(r.intents).toEqual([]);
  });

  it("says which kubectl commands the game has not, rather than that kubectl has no such command", () => {
    expect(run("-n shop logs mysql-0").stderr).toBe(
      `error: the game's console has no "kubectl logs": the game's containers write no logs; kubectl describe pod shows their state and events\n`,
    );
    expect(run("taint nodes node-1 a=b:NoSchedule")).toMatchObject({ exitCode: 1, intents: [] });
  });

  it("suggests the verb a typo was close to, as cobra does", () => {
    expect(run("gett pods").stderr).toBe(
      `error: unknown command "gett" for "kubectl"\n\nDid you mean this?\n\tget\n\tset\n`,
    );
  });

  it("runs one command: a pipe or redirection is refused, not taken as a name", () => {
    expect(run("-n shop get pods | grep tomcat")).toMatchObject({ exitCode: 1, intents: [] });
    expect(run("-n shop get pods | grep tomcat").stderr).toMatch(
      /no pipes, redirections or command lists \(\|\)/,
    );
    expect(run("-n shop delete pod mysql-0 > /dev/null").intents).toEqual([]);
    expect(run("-n shop get pod '|'").stderr).toBe(`Error from server (NotFound): pods "|" not found\n`);
  });

  it("says which kubectl printers the game has not", () => {
    expect(run("get pods -o jsonpath={.items}").stderr).toBe(
      "error: the game's console has no -o jsonpath printer: use -o wide, yaml, json or name\n",
    );
  });

  it("names the allowed output formats for an unknown -o", () => {
    expect(run("get pods -o bogus").stderr).toMatch(
      /^error: unable to match a printer suitable for the output format "bogus", allowed formats are: .*json.*wide,yaml\n$/,
    );
  });

  it("says no resources were found on stderr, exit 0", () => {
    expect(run("get pods")).toEqual({
      stdout: "",
      stderr: "No resources found in default namespace.\n",
      exitCode: 0,
      intents: [],
    });
    expect(run("-n shop get pods -l app=nope").stderr).toBe("No resources found in shop namespace.\n");
    expect(run("get pods -A -l app=nope").stderr).toBe("No resources found\n");
  });

  it("never throws, whatever the line", () => {
    const alphabet = ` -=/'"\\abcdefgklnoprstuwxyz0123456789,()!<`;
    let seed = 7;
    for (let i = 0; i < 300; i++) {
      let line = "";
      const n = i % 40;
      for (let j = 0; j < n; j++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        line += alphabet[seed % alphabet.length];
      }
      const r = run(`kubectl ${["get ", "describe ", "-n shop ", "apply -f - ", ""][i % 5]}${line}`, line);
      expect(typeof r.stdout).toBe("string");
      expect([0, 1]).toContain(r.exitCode);
    }
  });
});

describe("reads", () => {
  it("takes -n in every form pflag does", () => {
    const want = run("--namespace shop get deploy -o name").stdout;
    expect(want).toBe("deployment.apps/nginx\ndeployment.apps/tomcat\n");
    for (const l of [
      "-nshop get deploy -o name",
      "-n=shop get deploy -o name",
      "get deploy --namespace=shop -oname",
    ])
      expect(run(l).stdout).toBe(want);
  });

  it("knows kubectl's singular, plural and short names", () => {
    for (const t of ["po", "pod", "pods", "Pod", "pods."])
      expect(run(`-n shop get ${t} mysql-0 -o name`).stdout).toBe(t === "pods." ? "" : "pod/mysql-0\n");
    expect(run("-n shop get sts,ds,rs,jobs,pvc,ep,svc,deploy -o name").stdout.split("\n")).toContain(
      "statefulset.apps/mysql",
    );
    expect(names("get no -o name")).toEqual(["node/node-1", "node/node-2", "node/node-3"]);
    expect(names("get ns -o name")).toEqual(["namespace/default", "namespace/kube-system", "namespace/shop"]);
    expect(names("-n shop get endpointslices -o name")[0]).toMatch(
      /^endpointslice\.discovery\.k8s\.io\/mysql-/,
    );
    expect(run("-n shop get ev").stdout).toMatch(/^LAST SEEN {3}TYPE {6}REASON/);
  });

  it("prints kubectl's columns for jobs, claims and nodes", () => {
    expect(run("-n shop get jobs").stdout).toBe(
      "NAME         STATUS     COMPLETIONS   DURATION   AGE\ndb-migrate   Complete   1/1           5s         3m30s\n",
    );
    expect(run("-n shop get pvc").stdout.split("\n")[0]).toBe(
      "NAME           STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE",
    );
    expect(run("-n shop get pvc").stdout).toMatch(
      /^data-mysql-0 {3}Bound {4}pvc-\S+ {3}1Gi {8}RWO {27}<unset> {17}3m30s$/m,
    );
    expect(run("get nodes").stdout.split("\n")[1]).toMatch(
      /^node-1 {3}Ready {4}<none> {3}3m30s {3}v1\.\d+\.\d+$/,
    );
    expect(run("get ns").stdout).toBe(
      "NAME          STATUS   AGE\ndefault       Active   3m30s\nkube-system   Active   3m30s\nshop          Active   3m30s\n",
    );
  });

  it("get all: kubectl's all category, each type its own table", () => {
    const out = run("-n shop get all").stdout;
    for (const head of [
      "pod/mysql-0",
      "service/tomcat",
      "deployment.apps/tomcat",
      "replicaset.apps/",
      "statefulset.apps/mysql",
      "job.batch/db-migrate",
    ])
      expect(out).toContain(head);
  });

  it("takes TYPE/NAME, several of them", () => {
    expect(run("-n shop get pod/mysql-0 deploy/tomcat -o name").stdout).toBe(
      "pod/mysql-0\ndeployment.apps/tomcat\n",
    );
  });

  it("selects with -l: equality, !=, in, notin, exists, !exists", () => {
    const pods = (sel: string) => names(`-n shop get pods -l '${sel}' -o name`).map((n) => n.split("-")[0]);
    expect(new Set(pods("app=tomcat"))).toEqual(new Set(["pod/tomcat"]));
    expect(new Set(pods("app in (nginx, tomcat)"))).toEqual(new Set(["pod/nginx", "pod/tomcat"]));
    expect(new Set(pods("app notin (nginx,tomcat)"))).toEqual(new Set(["pod/db", "pod/mysql"]));
    expect(new Set(pods("app!=tomcat,app!=nginx"))).toEqual(new Set(["pod/db", "pod/mysql"]));
    expect(new Set(pods("statefulset.kubernetes.io/pod-name"))).toEqual(new Set(["pod/mysql"]));
    expect(pods("!app,!job-name")).toEqual([""]);
    expect(run("-n shop get pods -l 'app in (x'").exitCode).toBe(1);
  });

  it("adds NAMESPACE under -A and LABELS under --show-labels", () => {
    expect(run("get deploy -A").stdout.split("\n")[0]).toBe(
      "NAMESPACE     NAME      READY   UP-TO-DATE   AVAILABLE   AGE",
    );
    const lines = run("-n shop get svc --show-labels").stdout.split("\n");
    expect(lines[0]).toMatch(/PORT\(S\) {8}AGE {5}LABELS$/);
  });

  it("prints each type's own table when several are asked for, names prefixed with their kind", () => {
    const out = run("-n shop get svc,deploy").stdout;
    expect(out).toMatch(/^NAME {13}TYPE/);
    expect(out).toContain("\n\nNAME                     READY");
    expect(out).toContain("deployment.apps/tomcat   3/3");
  });

  it("describes by name prefix, as kubectl does", () => {
    const out = run("-n shop describe pods tomcat").stdout;
    expect(out.match(/^Name: +tomcat-/gm)).toHaveLength(3);
  });

  it("explains the game's kinds and their fields", () => {
    expect(run("explain deploy").stdout).toMatch(
      /^KIND: {7}Deployment\nVERSION: {4}apps\/v1\n\nDESCRIPTION:\n/,
    );
    expect(run("explain pods.spec.containers.image").stdout).toContain("FIELD: image <string>");
    expect(run("explain pods.spec.nope").stderr).toBe(`error: field "nope" does not exist\n`);
  });

  it("says where a rollout stands, and its revisions", () => {
    expect(run("-n shop rollout status deployment/tomcat").stdout).toBe(
      `deployment "tomcat" successfully rolled out\n`,
    );
    expect(run("-n shop rollout history deploy/tomcat").stdout).toBe(
      "deployment.apps/tomcat \nREVISION  CHANGE-CAUSE\n1         <none>\n\n",
    );
  });
});

describe("writes become the buttons' intents", () => {
  it("scale, by TYPE NAME, TYPE/NAME and selector", () => {
    const want = [{ type: "scale", workload: "Deployment/shop/tomcat", replicas: 5 }];
    expect(run("-n shop scale deployment tomcat --replicas=5").intents).toEqual(want);
    expect(run("scale -n shop deploy/tomcat --replicas 5").intents).toEqual(want);
    expect(run("-n shop scale deploy -l app=tomcat --replicas=5").intents).toEqual(want);
    expect(run("-n shop scale sts mysql --replicas=2").intents).toEqual([
      { type: "scale", workload: "StatefulSet/shop/mysql", replicas: 2 },
    ]);
    expect(run("-n kube-system scale ds node-agent --replicas=2")).toMatchObject({
      exitCode: 1,
      intents: [],
    });
    expect(run("-n shop scale deploy tomcat --replicas=x").stderr).toMatch(
      /invalid argument "x" for "--replicas" flag/,
    );
  });

  it("delete pods (force prints kubectl's warning); not other kinds", () => {
    const r = run("-n shop delete pod mysql-0 --grace-period=0 --force");
    expect(r.intents).toEqual([{ type: "deletePod", pod: "shop/mysql-0" }]);
    expect(r.stderr).toMatch(/^Warning: Immediate deletion does not wait/);
    expect(run("-n shop delete pods -l app=nginx").intents).toHaveLength(2);
    expect(run("-n shop delete svc tomcat")).toMatchObject({ exitCode: 1, intents: [] });
  });

  it("label: --overwrite, key-, and no-ops", () => {
    expect(run("-n shop label pod mysql-0 tier=x")).toEqual({
      stdout: "",
      stderr: "error: 'tier' already has a value (db), and --overwrite is false\n",
      exitCode: 1,
      intents: [],
    });
    expect(run("-n shop label pod mysql-0 tier=x --overwrite track=a app-").intents).toEqual([
      { type: "labelPod", pod: "shop/mysql-0", labels: { tier: "x", track: "a", app: null } },
    ]);
    expect(run("-n shop label pod mysql-0 tier=db")).toMatchObject({
      stdout: "pod/mysql-0 not labeled\n",
      intents: [],
    });
    expect(run("-n shop label pod mysql-0 'bad key=1'").exitCode).toBe(1);
  });

  it("set image, and an unknown container", () => {
    expect(run("-n shop set image deploy/tomcat tomcat=tomcat:10").intents).toEqual([
      { type: "setImage", workload: "Deployment/shop/tomcat", container: "tomcat", image: "tomcat:10" },
    ]);
    expect(run("-n shop set image deploy/tomcat nope=x:1").stderr).toBe(
      `error: unable to find container named "nope"\n`,
    );
  });

  it("cordon a cordoned node sends nothing, as kubectl says", () => {
    const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
    step(w, [{ actor: "t", role: "scheduler", intent: { type: "cordon", node: "node-2" } }]);
    expect(run("cordon node-2", undefined, w)).toMatchObject({
      stdout: "node/node-2 already cordoned\n",
      intents: [],
    });
    expect(run("uncordon node-2", undefined, w).intents).toEqual([{ type: "uncordon", node: "node-2" }]);
  });

  it("drain: cordon, then every pod but DaemonSet pods, which need --ignore-daemonsets", () => {
    const refused = run("drain node-1");
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/node-agent-/,
    );
    expect(refused.intents).toEqual([{ type: "cordon", node: "node-1" }]);
    const r = run("drain node-1 --ignore-daemonsets --delete-emptydir-data");
    expect(r.exitCode).toBe(0);
    const onNode = world.store.podsOnNode("node-1").filter((p) => !p.metadata.name.startsWith("node-agent"));
    expect(r.intents).toEqual([
      { type: "cordon", node: "node-1" },
      ...onNode.map((p) => ({ type: "deletePod", pod: `${p.metadata.namespace}/${p.metadata.name}` })),
    ]);
    expect(r.stderr).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-system\/node-agent-/);
  });

  it("rollout restart: a deployment or statefulset becomes the rolloutRestart intent; a daemonset is refused", () => {
    expect(run("-n shop rollout restart deploy/tomcat")).toMatchObject({
      exitCode: 0,
      intents: [{ type: "rolloutRestart", workload: "Deployment/shop/tomcat" }],
    });
    expect(run("-n shop rollout restart statefulset mysql").intents).toEqual([
      { type: "rolloutRestart", workload: "StatefulSet/shop/mysql" },
    ]);
    expect(run("-n kube-system rollout restart ds/node-agent")).toMatchObject({
      exitCode: 1,
      intents: [],
      stderr: expect.stringContaining("the game restarts deployments and statefulsets only") as unknown,
    });
    expect(run("-n shop rollout restart deploy/nope")).toMatchObject({ exitCode: 1, intents: [] });
  });

  it("apply -f -: changed replicas and image of an existing Deployment", () => {
    const yaml = run("-n shop get deploy tomcat -o yaml")
      .stdout.replace("replicas: 3", "replicas: 4")
      .replace("image: tomcat:9.0", "image: tomcat:10");
    expect(run("apply -f -", yaml).intents).toEqual([
      { type: "scale", workload: "Deployment/shop/tomcat", replicas: 4 },
      { type: "setImage", workload: "Deployment/shop/tomcat", container: "tomcat", image: "tomcat:10" },
    ]);
    expect(run("apply -f -", run("-n shop get deploy tomcat -o yaml").stdout)).toMatchObject({
      stdout: "deployment.apps/tomcat unchanged\n",
      intents: [],
    });
  });

  it("apply -f -: what the game cannot do is refused, and nothing of the paste is sent", () => {
    const ok = run("-n shop get deploy tomcat -o yaml").stdout.replace("replicas: 3", "replicas: 4");
    const bad =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: brand-new, namespace: shop}\nspec: {replicas: 1}\n";
    const r = run("apply -f -", `${ok}---\n${bad}`);
    expect(r).toMatchObject({ exitCode: 1, intents: [] });
    expect(r.stderr).toMatch(/the game does not create new workloads/);
    expect(run("apply -f -", "a: [b").stderr).toMatch(
      /^error: error parsing STDIN: error converting YAML to JSON: yaml: line 1:/,
    );
    expect(run("apply -f -", "apiVersion: v1\nkind: Widget\nmetadata: {name: w}\n").stderr).toMatch(
      /no matches for kind "Widget"/,
    );
    expect(run("apply -f -", "metadata: {name: w}\n").stderr).toMatch(/\[apiVersion not set, kind not set\]/);
    expect(run("apply -f -").stderr).toMatch(/no objects passed to apply/);
    expect(run("create -f -", run("-n shop get svc tomcat -o yaml").stdout).stderr).toBe(
      `Error from server (AlreadyExists): services "tomcat" already exists\n`,
    );
    const selector = run("-n shop get svc tomcat -o yaml").stdout.replace(
      "  selector:\n    app: tomcat",
      "  selector:\n    app: other",
    );
    expect(run("apply -f -", selector)).toMatchObject({ exitCode: 1, intents: [] });
  });

  it("apply -f of a file the game does not keep", () => {
    expect(run("-n shop apply -f deploy.yaml").stderr).toMatch(
      /^error: the path "deploy.yaml" does not exist/,
    );
  });
});

describe("kubectlConfirmation", () => {
  it("prints what kubectl prints once the write went through", () => {
    expect(kubectlConfirmation({ type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 })).toBe(
      "deployment.apps/tomcat scaled",
    );
    expect(kubectlConfirmation({ type: "deletePod", pod: "shop/x" })).toBe(`pod "x" deleted`);
    expect(kubectlConfirmation({ type: "cordon", node: "node-1" })).toBe("node/node-1 cordoned");
    expect(kubectlConfirmation({ type: "labelPod", pod: "shop/x", labels: { a: "b" } })).toBe(
      "pod/x labeled",
    );
    expect(kubectlConfirmation({ type: "labelPod", pod: "shop/x", labels: { a: null } })).toBe(
      "pod/x unlabeled",
    );
    expect(
      kubectlConfirmation({
        type: "setImage",
        workload: "StatefulSet/shop/mysql",
        container: "mysql",
        image: "m:1",
      }),
    ).toBe("statefulset.apps/mysql image updated");
    expect(kubectlConfirmation({ type: "rolloutUndo", workload: "Deployment/shop/tomcat" })).toBe(
      "deployment.apps/tomcat rolled back",
    );
    expect(kubectlConfirmation({ type: "rolloutRestart", workload: "Deployment/shop/tomcat" })).toBe(
      "deployment.apps/tomcat restarted",
    );
  });
});

describe("completeKubectl", () => {
  const complete = (line: string, cursor?: number) => completeKubectl(world, line, cursor);

  it("api-resources and the console's context, whose namespace is kubectl's default", () => {
    expect(run("api-resources").stdout.split("\n")[0]).toBe(
      "NAME                     SHORTNAMES   APIVERSION            NAMESPACED   KIND",
    );
    expect(run("config get-contexts").stdout).toBe(
      "CURRENT   NAME        CLUSTER     AUTHINFO   NAMESPACE\n*         reconcile   reconcile   player     \n",
    );
  });

  it("verbs, and `kubectl` itself", () => {
    expect(complete("").candidates).toContain("get");
    expect(complete("kubectl ").candidates).toEqual([
      "api-resources",
      "apply",
      "config",
      "cordon",
      "create",
      "delete",
      "describe",
      "drain",
      "explain",
      "get",
      "label",
      "rollout",
      "scale",
      "set",
      "uncordon",
    ]);
    expect(complete("kubectl de")).toEqual({ from: 8, to: 10, candidates: ["delete", "describe"] });
    expect(complete("kub")).toEqual({ from: 0, to: 3, candidates: ["kubectl"] });
    expect(complete("kubectl rollout ").candidates).toEqual(["history", "restart", "status", "undo"]);
  });

  it("resource types and short names after the verb", () => {
    const c = complete("kubectl get ").candidates;
    for (const t of [
      "pods",
      "po",
      "svc",
      "deploy",
      "endpoints",
      "ep",
      "sts",
      "ds",
      "jobs",
      "pvc",
      "ns",
      "nodes",
      "endpointslices",
    ])
      expect(c).toContain(t);
    expect(complete("kubectl -n shop scale ").candidates).toContain("deployment");
    expect(complete("kubectl -n shop scale ").candidates).not.toContain("pods");
  });

  it("names of the kind typed, in the namespace of -n", () => {
    expect(complete("kubectl -n shop get pods tomcat-594c9795c7-6").candidates).toEqual([
      "tomcat-594c9795c7-6ptrg",
    ]);
    expect(complete("kubectl get pods tom").candidates).toEqual([]);
    expect(complete("kubectl -n shop scale deployment t")).toEqual({
      from: 33,
      to: 34,
      candidates: ["tomcat"],
    });
    expect(complete("kubectl -n shop get deploy/t").candidates).toEqual(["deploy/tomcat"]);
    expect(complete("kubectl cordon ").candidates).toEqual(["node-1", "node-2", "node-3"]);
  });

  it("flags of the verb, -o values, namespaces after -n", () => {
    expect(complete("kubectl scale deploy tomcat --r").candidates).toEqual(["--replicas="]);
    expect(complete("kubectl get pods -o ").candidates).toEqual(["json", "name", "wide", "yaml"]);
    expect(complete("kubectl get pods -o=w").candidates).toEqual(["-o=wide"]);
    expect(complete("kubectl -n ").candidates).toEqual(["default", "kube-system", "shop"]);
    expect(complete("kubectl get pods -n sh").candidates).toEqual(["shop"]);
    expect(complete("kubectl drain node-1 --ig").candidates).toEqual(["--ignore-daemonsets"]);
  });

  it("completes the word under the cursor, not the end of the line", () => {
    const line = "kubectl -n shop get po tomcat";
    expect(complete(line, 22)).toEqual({ from: 20, to: 22, candidates: ["po", "pod", "pods"] });
  });
});
