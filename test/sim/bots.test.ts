/** Bots play a role like a person: after a reaction delay, through validated intents. */
import { describe, expect, it } from "vitest";
import {
  botIntents,
  createBot,
  createWorld,
  injectChaos,
  setRoleMode,
  stateHash,
  step,
  type Role,
  type World,
} from "../../shared/sim";

function play(w: World, roles: Role[], seconds: number) {
  const bots = roles.map((r) => createBot(w, r));
  for (const r of roles) setRoleMode(w, r, "manual");
  const results = [];
  for (let i = 0; i < seconds * 10; i++)
    results.push(
      ...step(
        w,
        bots.flatMap((b) => botIntents(w, b)),
      ).results,
    );
  return results;
}

describe("bots", () => {
  it("a scheduler bot binds a replacement pod only after its reaction delay", () => {
    const w = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    setRoleMode(w, "scheduler", "manual");
    const bot = createBot(w, "scheduler");
    injectChaos(w, { type: "pod-kill", target: "shop/tomcat" });
    let boundAt: number | undefined;
    for (let i = 0; i < 100 && boundAt === undefined; i++) {
      const out = botIntents(w, bot);
      const r = step(w, out);
      if (r.results.some((x) => x.ok && x.intent.type === "bindPod")) boundAt = w.time;
    }
    expect(boundAt).toBeDefined();
    expect(boundAt!).toBeGreaterThanOrEqual(2);
    expect(w.store.pendingUnbound.size).toBe(0);
  });

  it("every role's bot keeps nmt above 85 % through the default chaos; its intents are accepted", () => {
    for (const role of ["scheduler", "workload-controller", "service-controller"] as const) {
      const w = createWorld({ scenario: "nmt", seed: 42 });
      const results = play(w, [role], 300);
      expect(results.length).toBeGreaterThan(0);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(results.every((r) => r.actor === `bot:${role}`)).toBe(true);
      expect(w.traffic.ok / w.traffic.total).toBeGreaterThan(0.85);
    }
  });

  it("a workload bot force-deletes a StatefulSet pod stuck on a dead node (fact 8)", () => {
    const w = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    const node = w.store.get("Pod", "shop/mysql-0")!.spec.nodeName!;
    injectChaos(w, { type: "node-crash", target: node });
    const results = play(w, ["workload-controller"], 20);
    expect(
      results.some((r) => r.ok && r.intent.type === "deletePod" && r.intent.pod === "shop/mysql-0"),
    ).toBe(true);
    expect(w.store.get("Pod", "shop/mysql-0")!.spec.nodeName).not.toBe(node);
  });

  it("a service bot drops a deleted Service's record, re-applies it, then points DNS at the new ClusterIP before writing endpoints", () => {
    // CoreDNS caches the old ClusterIP for its TTL: the sooner the record is right, the sooner
    // the cached answers that fail are replaced; the new ClusterIP without endpoints fails no worse.
    const w = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    injectChaos(w, { type: "service-recreate", target: "shop/tomcat" });
    const done = play(w, ["service-controller"], 10)
      .filter((r) => r.ok)
      .map((r) => r.intent.type);
    expect(done.slice(0, 4)).toEqual(["registerDns", "recreateService", "registerDns", "updateEndpoints"]);
  });

  it("after a node crash a service bot fixes the cluster DNS endpoints before any other Service's", () => {
    const w = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    const dns = w.store.list("Pod").find((p) => p.metadata.labels["k8s-app"] === "kube-dns")!;
    const node = dns.spec.nodeName!;
    expect(w.store.list("Pod").some((p) => p.metadata.namespace === "shop" && p.spec.nodeName === node)).toBe(
      true,
    );
    setRoleMode(w, "service-controller", "manual");
    // No jitter: every endpoint problem is noticed on the same tick, so only the bot's priority orders them.
    const bot = createBot(w, "service-controller", { style: { reactionJitter: 0 } });
    injectChaos(w, { type: "node-crash", target: node });
    const fixed: string[] = [];
    for (let i = 0; i < 300 && fixed.length < 2; i++)
      for (const r of step(w, botIntents(w, bot)).results)
        if (r.ok && r.intent.type === "updateEndpoints") fixed.push(r.intent.service);
    expect(fixed[0]).toBe("kube-system/kube-dns");
    expect(fixed[1]).toMatch(/^shop\//);
  });

  it("is deterministic: same seed, same bots ⇒ same hash; a different seed differs", () => {
    const hash = (seed: number) => {
      const w = createWorld({ scenario: "nmt-full", seed });
      play(w, ["scheduler", "service-controller"], 120);
      return stateHash(w);
    };
    expect(hash(11)).toBe(hash(11));
    expect(hash(11)).not.toBe(hash(12));
  });
});
