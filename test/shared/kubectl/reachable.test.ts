/**
 * Every intent type can be sent from the console: where the registry prints a kubectl line
 * (`kubectlFor`), running that very line gives that very intent; where it prints "" (a
 * controller's work), pasting the object that controller writes (`apply|create -f -`)
 * does. And each intent applied through the registry is accepted, so the command is not
 * just parsed but does the job.
 */
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl";
import {
  applyIntent,
  createWorld,
  INTENT_ROLES,
  INTENT_TYPES,
  kubectlFor,
  step,
  type Intent,
  type IntentType,
  type World,
} from "../../../shared/sim";

function world(): World {
  return createWorld({ scenario: "nmt-full", seed: 1, chaos: false });
}

const name = (w: World, prefix: string) =>
  w.store.list("Pod").find((p) => p.metadata.name.startsWith(prefix))!.metadata.name;

/** One case per intent type: the world it runs in, the line (and stdin), the intent expected. */
interface Case {
  setup?: (w: World) => void;
  line: (w: World) => string;
  stdin?: (w: World) => string;
  intent: (w: World) => Intent;
}

const CASES: Record<IntentType, Case> = {
  bindPod: {
    setup: (w) => {
      // The scheduler by hand: a new tomcat pod waits for its Binding.
      w.roles.scheduler = "manual";
      step(w, [
        {
          actor: "t",
          role: "workload-controller",
          intent: { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 },
        },
      ]);
      for (let i = 0; i < 5; i++) step(w);
    },
    intent: (w) => ({
      type: "bindPod",
      pod: `shop/${w.store.list("Pod").find((p) => p.metadata.namespace === "shop" && !p.spec.nodeName)!.metadata.name}`,
      node: "node-1",
    }),
    line: (w) => kubectlFor(CASES.bindPod.intent(w)),
  },
  cordon: {
    intent: () => ({ type: "cordon", node: "node-1" }),
    line: (w) => kubectlFor(CASES.cordon.intent(w)),
  },
  uncordon: {
    setup: (w) =>
      void step(w, [{ actor: "t", role: "scheduler", intent: { type: "cordon", node: "node-1" } }]),
    intent: () => ({ type: "uncordon", node: "node-1" }),
    line: (w) => kubectlFor(CASES.uncordon.intent(w)),
  },
  deletePod: {
    intent: (w) => ({ type: "deletePod", pod: `shop/${name(w, "nginx-")}` }),
    line: (w) => kubectlFor(CASES.deletePod.intent(w)),
  },
  scale: {
    intent: () => ({ type: "scale", workload: "Deployment/shop/tomcat", replicas: 4 }),
    line: (w) => kubectlFor(CASES.scale.intent(w)),
  },
  setImage: {
    intent: () => ({
      type: "setImage",
      workload: "Deployment/shop/tomcat",
      container: "tomcat",
      image: "tomcat:10.1",
    }),
    line: (w) => kubectlFor(CASES.setImage.intent(w)),
  },
  rolloutUndo: {
    setup: (w) => {
      step(w, [
        {
          actor: "t",
          role: "workload-controller",
          intent: {
            type: "setImage",
            workload: "Deployment/shop/tomcat",
            container: "tomcat",
            image: "tomcat:10.1",
          },
        },
      ]);
      while (w.time < 30) step(w);
    },
    intent: () => ({ type: "rolloutUndo", workload: "Deployment/shop/tomcat" }),
    line: (w) => kubectlFor(CASES.rolloutUndo.intent(w)),
  },
  rolloutRestart: {
    intent: () => ({ type: "rolloutRestart", workload: "Deployment/shop/tomcat" }),
    line: (w) => kubectlFor(CASES.rolloutRestart.intent(w)),
  },
  labelPod: {
    intent: () => ({ type: "labelPod", pod: "shop/mysql-0", labels: { tier: null, track: "canary" } }),
    line: (w) => kubectlFor(CASES.labelPod.intent(w)),
  },
  recreateService: {
    setup: (w) => void w.store.delete("Service", "shop/tomcat"),
    intent: () => ({ type: "recreateService", service: "shop/tomcat" }),
    line: (w) => kubectlFor(CASES.recreateService.intent(w)),
  },
  createPod: {
    setup: (w) => {
      // One pod short: the ReplicaSet's next pod is what its controller would create.
      w.store.delete("Pod", `shop/${name(w, "tomcat-")}`);
    },
    intent: () => ({ type: "createPod", owner: "ReplicaSet/shop/tomcat-594c9795c7" }),
    line: () => "kubectl -n shop create -f -",
    stdin: () => `apiVersion: v1
kind: Pod
metadata:
  generateName: tomcat-594c9795c7-
  name: tomcat-594c9795c7-new01
  ownerReferences:
  - apiVersion: apps/v1
    kind: ReplicaSet
    name: tomcat-594c9795c7
    controller: true
spec:
  containers:
  - name: tomcat
    image: tomcat:9.0
`,
  },
  createReplicaSet: {
    setup: (w) => {
      setRolesManual(w);
      step(w, [
        {
          actor: "t",
          role: "workload-controller",
          intent: {
            type: "setImage",
            workload: "Deployment/shop/tomcat",
            container: "tomcat",
            image: "tomcat:10.1",
          },
        },
      ]);
    },
    intent: () => ({ type: "createReplicaSet", workload: "Deployment/shop/tomcat" }),
    line: () => "kubectl -n shop create -f -",
    stdin: () => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: tomcat-new
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: tomcat, controller: true}]
spec:
  replicas: 1
  selector: {matchLabels: {app: tomcat}}
  template:
    metadata: {labels: {app: tomcat}}
    spec: {containers: [{name: tomcat, image: "tomcat:10.1"}]}
`,
  },
  adoptPod: {
    setup: (w) => {
      setRolesManual(w);
      const pod = structuredClone(w.store.get("Pod", `shop/${name(w, "tomcat-")}`)!);
      delete pod.metadata.ownerReferences;
      w.store.put(pod);
    },
    intent: (w) => ({ type: "adoptPod", pod: `shop/${name(w, "tomcat-")}` }),
    line: () => "kubectl -n shop apply -f -",
    stdin: (w) => {
      // The pod as the console prints it, with the owner reference the ReplicaSet controller adds.
      const yaml = runKubectl(w, `-n shop get pod ${name(w, "tomcat-")} -o yaml`).stdout;
      return yaml.replace(
        "  name: ",
        "  ownerReferences:\n  - {apiVersion: apps/v1, kind: ReplicaSet, name: tomcat-594c9795c7, controller: true}\n  name: ",
      );
    },
  },
  updateStatefulPod: {
    setup: (w) => {
      setRolesManual(w);
      step(w, [
        {
          actor: "t",
          role: "workload-controller",
          intent: {
            type: "setImage",
            workload: "StatefulSet/shop/mysql",
            container: "mysql",
            image: "mysql:8.4",
          },
        },
      ]);
    },
    intent: () => ({ type: "updateStatefulPod", pod: "shop/mysql-0" }),
    line: () => "kubectl -n shop apply -f -",
    stdin: (w) =>
      runKubectl(w, "-n shop get pod mysql-0 -o yaml").stdout.replace("image: mysql:8.0", "image: mysql:8.4"),
  },
  updateEndpoints: {
    intent: () => ({ type: "updateEndpoints", service: "shop/tomcat" }),
    line: () => "kubectl -n shop apply -f -",
    stdin: (w) =>
      runKubectl(w, "-n shop get endpointslices -l kubernetes.io/service-name=tomcat -o yaml").stdout,
  },
  registerDns: {
    intent: () => ({ type: "registerDns", service: "shop/tomcat" }),
    line: () => "kubectl -n shop apply -f -",
    stdin: (w) => runKubectl(w, "-n shop get svc tomcat -o yaml").stdout,
  },
};

/** Hands every role to people, so the registry lets a person do a controller's work. */
function setRolesManual(w: World): void {
  for (const role of Object.keys(w.roles) as (keyof World["roles"])[]) w.roles[role] = "manual";
}

describe("every intent is reachable from a kubectl command line", () => {
  it("has a case for every intent type", () => {
    expect(Object.keys(CASES).sort()).toEqual([...INTENT_TYPES].sort());
  });

  for (const type of INTENT_TYPES)
    it(type, () => {
      const c = CASES[type];
      const w = world();
      c.setup?.(w);
      const intent = c.intent(w);
      const line = c.line(w);
      // A printed line must be the registry's own when it has one.
      if (kubectlFor(intent) !== "") expect(line).toBe(kubectlFor(intent));
      const r = runKubectl(w, line, c.stdin ? { stdin: c.stdin(w) } : {});
      expect(r.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([]);
      expect(r.exitCode).toBe(0);
      expect(r.intents).toEqual([intent]);
      // The world accepts it from the role that owns it: the command does the job.
      const applied = applyIntent(w, { actor: "t", role: INTENT_ROLES[type], intent: r.intents[0]! });
      expect(applied.result).toMatchObject({ ok: true });
    });
});
