/** The intent registry: one definition per type, and everything that derives from it. */
import { describe, expect, it } from "vitest";
import { validateIntent } from "../../shared/protocol";
import {
  checkIntentRole,
  createWorld,
  FIELD_KINDS,
  INTENT_DEFS,
  INTENT_FIELDS,
  INTENT_ROLES,
  INTENT_TYPES,
  kubectlFor,
  MAX_REPLICAS,
  realClusterFor,
  ROLES,
  step,
  type Intent,
  type IntentType,
} from "../../shared/sim";
import { MAX_REPLICAS as PROTOCOL_MAX_REPLICAS } from "../../shared/protocol";

/** One well-formed intent of each type (names need not exist: only shape matters here). */
const SAMPLES: { [T in IntentType]: Extract<Intent, { type: T }> } = {
  bindPod: { type: "bindPod", pod: "shop/a", node: "node-1" },
  cordon: { type: "cordon", node: "node-1" },
  uncordon: { type: "uncordon", node: "node-1" },
  createPod: { type: "createPod", owner: "ReplicaSet/shop/tomcat-1" },
  deletePod: { type: "deletePod", pod: "shop/a" },
  scale: { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 },
  setImage: { type: "setImage", workload: "Deployment/shop/tomcat", container: "tomcat", image: "tomcat:10" },
  rolloutUndo: { type: "rolloutUndo", workload: "Deployment/shop/tomcat" },
  rolloutRestart: { type: "rolloutRestart", workload: "Deployment/shop/tomcat" },
  createReplicaSet: { type: "createReplicaSet", workload: "Deployment/shop/tomcat" },
  adoptPod: { type: "adoptPod", pod: "shop/a" },
  updateStatefulPod: { type: "updateStatefulPod", pod: "shop/mysql-0" },
  labelPod: { type: "labelPod", pod: "shop/a", labels: { app: "tomcat", old: null } },
  recreateService: { type: "recreateService", service: "shop/tomcat" },
  updateEndpoints: { type: "updateEndpoints", service: "shop/tomcat" },
  registerDns: { type: "registerDns", service: "shop/tomcat" },
};

describe("intent registry", () => {
  it("has one definition per intent type, under its own name, with a real role", () => {
    expect(INTENT_TYPES).toEqual(Object.keys(SAMPLES));
    for (const type of INTENT_TYPES) {
      const def = INTENT_DEFS[type];
      expect(def.type).toBe(type);
      expect(ROLES).toContain(def.role);
      expect(INTENT_ROLES[type]).toBe(def.role);
    }
  });

  it("gives every role some intents", () => {
    for (const role of ROLES)
      expect(INTENT_TYPES.filter((t) => INTENT_ROLES[t] === role).length).toBeGreaterThan(0);
  });

  it("lists exactly the fields each intent carries, each of a known kind", () => {
    for (const type of INTENT_TYPES) {
      const { type: _type, ...rest } = SAMPLES[type];
      expect(Object.keys(INTENT_FIELDS[type]).sort()).toEqual(Object.keys(rest).sort());
      expect(INTENT_FIELDS[type]).toBe(INTENT_DEFS[type].fields);
      for (const kind of Object.values(INTENT_FIELDS[type])) expect(FIELD_KINDS).toContain(kind);
    }
  });

  it("drives the protocol validator: every sample passes, and dropping any field fails", () => {
    for (const type of INTENT_TYPES) {
      const sample = SAMPLES[type];
      expect(validateIntent(sample)).toEqual({ ok: true, value: sample });
      for (const field of Object.keys(INTENT_FIELDS[type])) {
        const missing: Record<string, unknown> = { ...sample };
        delete missing[field];
        expect(validateIntent(missing).ok).toBe(false);
      }
    }
  });

  it("has one replica bound, shared by the sim and the validator", () => {
    expect(PROTOCOL_MAX_REPLICAS).toBe(MAX_REPLICAS);
    const scale = (replicas: number) => ({ ...SAMPLES.scale, replicas });
    expect(validateIntent(scale(MAX_REPLICAS)).ok).toBe(true);
    expect(validateIntent(scale(MAX_REPLICAS + 1)).ok).toBe(false);
    const world = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    const { results } = step(world, [
      { actor: "p1", role: "workload-controller", intent: scale(MAX_REPLICAS + 1) },
    ]);
    expect(results[0]).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("names a kubectl command for every intent, or the controller whose work it is (intents-kubectl checks both)", () => {
    for (const type of INTENT_TYPES) {
      const line = kubectlFor(SAMPLES[type]);
      if (line === "") expect(realClusterFor(SAMPLES[type]).controller).toBeDefined();
      else expect(line).toMatch(/^kubectl /);
    }
  });
});

describe("checkIntentRole", () => {
  it("lets the owning role through", () => {
    for (const type of INTENT_TYPES)
      expect(checkIntentRole(SAMPLES[type], INTENT_ROLES[type])).toBeUndefined();
  });

  it("tells another role whose job it is", () => {
    expect(checkIntentRole(SAMPLES.scale, "scheduler")).toBe(
      "scale is the workload-controller's job; you are the scheduler",
    );
  });

  it("asks a seat without a role to pick one first", () => {
    expect(checkIntentRole(SAMPLES.bindPod, "")).toBe("pick a role first: bindPod is the scheduler's job");
  });

  it("is the rule the sim applies: a wrong role is refused with the same message", () => {
    const world = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    const { results } = step(world, [{ actor: "p1", role: "scheduler", intent: SAMPLES.scale }]);
    expect(results[0]).toMatchObject({
      ok: false,
      code: "WRONG_ROLE",
      message: checkIntentRole(SAMPLES.scale, "scheduler"),
      kubectl: kubectlFor(SAMPLES.scale),
    });
  });

  it("refuses a type nobody defined as INVALID, without throwing", () => {
    const world = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    const bogus = { type: "toString" } as unknown as Intent;
    const { results } = step(world, [{ actor: "p1", role: "scheduler", intent: bogus }]);
    expect(results[0]).toMatchObject({ ok: false, code: "INVALID" });
    expect(checkIntentRole(bogus, "scheduler")).toMatch(/unknown intent/);
  });
});
