/**
 * How a bot plays at a person's pace: which problem it attacks first (fixture world → the
 * intent it chooses). Noticing one problem of an incident it sees the others that were
 * already there and fixes the most urgent; a deleted Service's stale DNS record is dropped
 * before the Service is re-applied; a drifted label is put back before any Endpoints write.
 */
import { describe, expect, it } from "vitest";
import {
  botIntents,
  botProblems,
  createBot,
  createWorld,
  dnsLookup,
  injectChaos,
  setRoleMode,
  step,
  type BotState,
  type World,
} from "../../shared/sim";

/** The key of the service bot's problem that sends `type` for `service`. */
function problemKey(w: World, type: string, service: string): string {
  const p = botProblems(w, "service-controller").find(
    (x) => x.intent.type === type && "service" in x.intent && x.intent.service === service,
  );
  expect(p, `${type} ${service}`).toBeDefined();
  return p!.key;
}

/**
 * nmt with the service controller left to a bot: the node that runs a CoreDNS pod (and a
 * shop pod) has crashed and been marked NotReady, so kube-dns and a shop Service both list
 * a pod that is no longer Ready.
 */
function afterNodeCrash(): { w: World; bot: BotState; shop: string } {
  const w = createWorld({ scenario: "nmt", seed: 5, chaos: false });
  setRoleMode(w, "service-controller", "manual");
  const dns = w.store.list("Pod").find((p) => p.metadata.labels["k8s-app"] === "kube-dns")!;
  injectChaos(w, { type: "node-crash", target: dns.spec.nodeName! });
  const wrong = () =>
    botProblems(w, "service-controller").filter((p) => p.intent.type === "updateEndpoints" && !p.patience);
  for (let i = 0; i < 200 && wrong().length < 2; i++) step(w);
  const services = wrong().map((p) => (p.intent.type === "updateEndpoints" ? p.intent.service : ""));
  expect(services[0]).toBe("kube-system/kube-dns");
  const shop = services.find((s) => s.startsWith("shop/"))!;
  expect(shop).toBeDefined();
  return { w, bot: createBot(w, "service-controller"), shop };
}

describe("a bot attacks the most urgent problem it has seen", () => {
  it("noticing a shop Service's stale Endpoints after a node crash, it fixes cluster DNS's first: both were already there", () => {
    const { w, bot, shop } = afterNodeCrash();
    const dnsKey = problemKey(w, "updateEndpoints", "kube-system/kube-dns");
    const shopKey = problemKey(w, "updateEndpoints", shop);
    // Both appeared a second ago; the shop one caught the eye first, kube-dns's not yet.
    bot.seen = { [dnsKey]: w.time - 1, [shopKey]: w.time - 1 };
    bot.noticed = { [dnsKey]: w.time + 2, [shopKey]: w.time };
    expect(botIntents(w, bot).map((q) => q.intent)).toEqual([
      { type: "updateEndpoints", service: "kube-system/kube-dns" },
    ]);
  });

  it("a problem that appeared after the one it noticed still waits for its own reaction time", () => {
    const { w, bot, shop } = afterNodeCrash();
    const dnsKey = problemKey(w, "updateEndpoints", "kube-system/kube-dns");
    const shopKey = problemKey(w, "updateEndpoints", shop);
    bot.seen = { [dnsKey]: w.time - 0.5, [shopKey]: w.time - 1 };
    bot.noticed = { [dnsKey]: w.time + 2, [shopKey]: w.time };
    expect(botIntents(w, bot).map((q) => q.intent)).toEqual([{ type: "updateEndpoints", service: shop }]);
  });

  it("what it expects right after its own action (noticed as it appears) does not make it see the rest of the board", () => {
    const { w, bot, shop } = afterNodeCrash();
    const dnsKey = problemKey(w, "updateEndpoints", "kube-system/kube-dns");
    const shopKey = problemKey(w, "updateEndpoints", shop);
    bot.seen = { [dnsKey]: w.time - 1, [shopKey]: w.time };
    bot.noticed = { [dnsKey]: w.time + 2, [shopKey]: w.time };
    expect(botIntents(w, bot).map((q) => q.intent)).toEqual([{ type: "updateEndpoints", service: shop }]);
  });
});

describe("a service bot's order of work", () => {
  it("drops a deleted Service's DNS record before re-applying the Service (CoreDNS would re-cache the dead ClusterIP)", () => {
    const w = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    setRoleMode(w, "service-controller", "manual");
    const old = w.store.get("Service", "shop/tomcat")!.spec.clusterIP;
    injectChaos(w, { type: "service-recreate", target: "shop/tomcat" });
    step(w);
    expect(dnsLookup(w, "tomcat", "shop")?.ips).toEqual([old]);
    expect(botProblems(w, "service-controller").map((p) => p.intent.type)).toEqual([
      "registerDns",
      "recreateService",
    ]);
    const bot = createBot(w, "service-controller", { style: { reactionJitter: 0 } });
    const done: string[] = [];
    for (let i = 0; i < 100 && done.length < 1; i++)
      for (const r of step(w, botIntents(w, bot)).results) if (r.ok) done.push(r.intent.type);
    expect(done).toEqual(["registerDns"]);
    expect(w.store.get("Service", "shop/tomcat")).toBeUndefined();
    expect(dnsLookup(w, "tomcat", "shop")).toBeUndefined();
  });

  it("puts a drifted label back before writing the Endpoints that still list the pod", () => {
    const w = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    setRoleMode(w, "service-controller", "manual");
    setRoleMode(w, "workload-controller", "manual");
    injectChaos(w, { type: "label-drift", target: "shop/tomcat" });
    step(w);
    const drifted = w.store.list("Pod").find((p) => p.metadata.labels.tier === "debug")!;
    const problems = botProblems(w, "service-controller").map((p) => p.intent);
    expect(problems).toEqual([
      { type: "labelPod", pod: `shop/${drifted.metadata.name}`, labels: { tier: "backend" } },
      { type: "updateEndpoints", service: "shop/tomcat" },
    ]);
    // Played: one action, and the ReplicaSet counts the pod again: nothing to replace, nothing to trim.
    const service = createBot(w, "service-controller", { style: { reactionJitter: 0 } });
    const done: string[] = [];
    for (let i = 0; i < 100; i++)
      for (const r of step(w, botIntents(w, service)).results) if (r.ok) done.push(r.intent.type);
    expect(done).toEqual(["labelPod"]);
    expect(botProblems(w, "workload-controller")).toEqual([]);
    expect(botProblems(w, "service-controller")).toEqual([]);
  });
});
