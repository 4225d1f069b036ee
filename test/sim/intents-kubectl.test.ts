/**
 * Every intent's kubectl line is a real command that does what the intent did — never a
 * read printed for a write — and where the work is a controller's in a real cluster, the
 * result says whose and gives a read of what it wrote. Walks every entry of INTENT_DEFS,
 * so intents added later are held to the same grammar.
 */
import { describe, expect, it } from "vitest";
import {
  applyIntent,
  createWorld,
  injectChaos,
  INTENT_DEFS,
  INTENT_FIELDS,
  INTENT_ROLES,
  INTENT_TYPES,
  kubectlFor,
  realClusterFor,
  REAL_CONTROLLERS,
  step,
  type Intent,
  type IntentType,
  type World,
} from "../../shared/sim";
import { keyOf } from "../../shared/sim/store";
import { parseKubectl } from "./kubectl-grammar";

const run = (w: World, seconds: number) => {
  for (let i = 0; i < Math.round(seconds * 10); i++) step(w);
};

/** A world with every kind of object an intent can name: nmt-full (DaemonSet, Job), settled. */
function fullWorld(): World {
  const w = createWorld({ scenario: "nmt-full", seed: 11, chaos: false });
  run(w, 2);
  return w;
}

/** Values for each field an intent may carry, taken from the world (a new field must be added here). */
function sampleValues(w: World): Record<string, unknown> {
  const tomcat = w.store.podsMatching("shop", { app: "tomcat" })[0]!;
  const rs = w.store.list("ReplicaSet").find((r) => r.metadata.name.startsWith("tomcat-"))!;
  return {
    pod: keyOf(tomcat),
    node: "node-1",
    owner: `ReplicaSet/shop/${rs.metadata.name}`,
    workload: "Deployment/shop/tomcat",
    replicas: 3,
    container: w.store.get("Deployment", "shop/tomcat")!.spec.template.spec.containers[0]!.name,
    image: "registry.aliyuncs.com/google_containers/tomcat:9",
    labels: { tier: "backend", drift: null },
    service: "shop/tomcat",
  };
}

/** One intent of each type, its fields filled from the world. */
function samples(w: World): Intent[] {
  const values = sampleValues(w);
  return INTENT_TYPES.map((type: IntentType) => {
    const intent: Record<string, unknown> = { type };
    for (const field of Object.keys(INTENT_FIELDS[type])) {
      if (!(field in values)) throw new Error(`add a sample value for field "${field}" of ${type}`);
      intent[field] = values[field];
    }
    return intent as Intent;
  });
}

/** Checks one intent result's printed lines against the grammar; returns what was printed. */
function checkLines(result: { kubectl: string; controller?: string; inspect?: string }, type: IntentType) {
  if (result.kubectl === "")
    expect(result.controller, `${type} prints no command, so it must say whose work it is`).toBeDefined();
  else {
    const parsed = parseKubectl(result.kubectl);
    expect(parsed.write, `${type} changes the cluster but prints a read: ${result.kubectl}`).toBe(true);
  }
  if (result.controller !== undefined) {
    expect(REAL_CONTROLLERS).toContain(result.controller);
    expect(result.inspect, `${type}: whose work it is comes with what to look at`).toBeDefined();
    const read = parseKubectl(result.inspect!);
    expect(read.write, `${type}'s inspect line must be a read: ${result.inspect}`).toBe(false);
  }
}

describe("kubectl lines of every intent", () => {
  it("the definition's line (refusals print it) is a real write command, or empty with the controller named", () => {
    const w = fullWorld();
    for (const intent of samples(w)) {
      const line = kubectlFor(intent);
      checkLines({ kubectl: line, ...realClusterFor(intent) }, intent.type);
    }
  });

  it("the line of an applied or refused intent is a real write command, or empty with the controller named", () => {
    for (const intent of samples(fullWorld())) {
      const w = fullWorld();
      w.roles[INTENT_ROLES[intent.type]] = "manual";
      const { result } = applyIntent(w, { actor: "ada", role: INTENT_ROLES[intent.type], intent });
      checkLines(result, intent.type);
    }
  });

  it("says whose work each controller-only intent is: EndpointSlices, DNS, a ReplicaSet's pods, the Binding", () => {
    const w = fullWorld();
    const byType = Object.fromEntries(samples(w).map((i) => [i.type, realClusterFor(i)]));
    expect(byType.updateEndpoints).toEqual({
      controller: "endpointslice-controller",
      inspect: "kubectl -n shop get endpointslices -l kubernetes.io/service-name=tomcat -o yaml",
    });
    expect(byType.registerDns).toEqual({
      controller: "coredns",
      inspect: "kubectl exec -i -t dnsutils -- nslookup tomcat.shop.svc.cluster.local",
    });
    expect(byType.createPod?.controller).toBe("replicaset-controller");
    expect(byType.bindPod?.controller).toBe("kube-scheduler");
    // What people type themselves names no controller.
    for (const t of ["scale", "setImage", "rolloutUndo", "rolloutRestart", "cordon", "labelPod"] as const)
      expect(byType[t]).toEqual({});
  });

  it("frees a pod from a NotReady node with a force delete, and deletes a healthy one plainly", () => {
    const w = createWorld({ scenario: "nmt", seed: 42, chaos: false });
    const node = w.store.get("Pod", "shop/mysql-0")!.spec.nodeName!;
    const del = (pod: string) =>
      applyIntent(w, { actor: "ada", role: "workload-controller", intent: { type: "deletePod", pod } })
        .result;
    expect(del("shop/mysql-0").kubectl).toBe("kubectl -n shop delete pod mysql-0");
    injectChaos(w, { type: "node-crash", target: node });
    run(w, 1);
    // The machine is down though the node still looks Ready: the kubelet cannot confirm either way.
    expect(del("shop/mysql-0").kubectl).toBe("kubectl -n shop delete pod mysql-0 --grace-period=0 --force");
    run(w, 10);
    const r = del("shop/mysql-0");
    expect(r.kubectl).toBe("kubectl -n shop delete pod mysql-0 --grace-period=0 --force");
    expect(parseKubectl(r.kubectl).flags).toEqual({ "--grace-period": "0", "--force": true });
  });

  it("has a definition for every type it walked", () => {
    expect(samples(fullWorld()).map((i) => i.type)).toEqual(Object.keys(INTENT_DEFS));
  });
});

describe("the kubectl grammar", () => {
  it("accepts real commands and tells reads from writes", () => {
    expect(parseKubectl("kubectl -n shop scale deployment tomcat --replicas=3")).toMatchObject({
      verb: "scale",
      write: true,
      namespace: "shop",
      kind: "deployments",
      name: "tomcat",
    });
    expect(parseKubectl("kubectl -n shop set image deployment/nginx nginx=nginx:1.25").write).toBe(true);
    expect(parseKubectl("kubectl -n shop rollout undo deployment/nginx").write).toBe(true);
    expect(parseKubectl("kubectl -n shop label pod a tier=backend old- --overwrite").rest).toEqual([
      "tier=backend",
      "old-",
    ]);
    expect(parseKubectl("kubectl cordon node-2").write).toBe(true);
    expect(parseKubectl(`kubectl -n shop create -f - <<< '{"kind":"Binding"}'`).write).toBe(true);
    expect(
      parseKubectl("kubectl -n shop get endpointslices -l kubernetes.io/service-name=tomcat -o yaml").write,
    ).toBe(false);
    expect(parseKubectl("kubectl exec -i -t dnsutils -- nslookup tomcat.shop").write).toBe(false);
  });

  it("rejects the lines the game used to print, and other things kubectl does not have", () => {
    const bad = [
      // A read posing as a write, with a comment for what it claims to do.
      "kubectl -n shop get endpoints tomcat -o wide   # rewritten from the selector of service/tomcat",
      // CoreDNS's image has no shell or dig.
      "kubectl -n kube-system exec deploy/coredns -- dig tomcat.shop.svc.cluster.local",
      // A pseudo-command: a note where the manifest should be.
      "kubectl -n shop create -f pod.yaml   # ownerReferences: ReplicaSet/tomcat-1",
      "kubectl -n shop scale deployment tomcat",
      "kubectl -n shop scale service tomcat --replicas=2",
      "kubectl -n shop set image deployment tomcat tomcat=tomcat:9",
      "kubectl -n shop delete pod mysql-0 --hard",
      "kubectl -n shop register dns tomcat",
      "kubectl -n shop rollout undo service/tomcat",
    ];
    for (const line of bad) expect(() => parseKubectl(line), line).toThrow();
  });
});
