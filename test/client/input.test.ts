/**
 * The input module on a view of the real projection: which intents each role's keys, taps,
 * drags and buttons build, and the selection walk. The server judges the intents; these
 * tests only pin that the client asks for the right one.
 */
import { describe, expect, it } from "vitest";
import { createWorld, injectChaos, setRoleMode, step, type World } from "../../shared/sim";
import { Projector } from "../../server/rooms/project";
import { MatchState } from "../../server/rooms/schema/MatchState";
import { conceptFor } from "../../client/src/concepts";
import {
  actionForKey,
  actionsFor,
  commandsForAction,
  commandsForDrop,
  commandsForKey,
  commandsForTap,
  serviceOfDnsName,
  setImageIntent,
  suggestedImage,
  type InputContext,
} from "../../client/src/input";
import { toMatchView, type MatchView } from "../../client/src/net/view";
import { nextSelection, selectionOrder, type Selection } from "../../client/src/selection";

function run(world: World, seconds: number): void {
  for (let i = 0; i < Math.round(seconds * 10); i++) step(world);
}

/** A running nmt match whose scheduler is a person and a tomcat pod was just killed: one replacement waits Pending. */
function runningWithPendingPod(): MatchView {
  const world = createWorld({ scenario: "nmt", seed: 1, clock: "arcade", chaos: false });
  run(world, 1);
  setRoleMode(world, "scheduler", "manual");
  injectChaos(world, { type: "pod-kill", target: "shop/tomcat" });
  run(world, 1);
  const state = new MatchState();
  new Projector().project(state, world, { hash: false });
  state.phase = "running";
  return toMatchView(state);
}

const v = runningWithPendingPod();
const pending = v.pods.find((p) => p.tier === "tomcat" && !p.node)!;
const running = v.pods.find((p) => p.tier === "tomcat" && p.node && !p.terminating)!;
const deployment = v.workloads.find((w) => w.key === "Deployment/shop/tomcat")!;
const ctx = (role: string, selection?: Selection, cardOpen = false): InputContext => ({
  view: v,
  role,
  selection,
  cardOpen,
});
const intentOf = (cmds: ReturnType<typeof commandsForKey>) => cmds.find((c) => c.type === "send");

describe("input: intents per role", () => {
  it("the scheduler binds a Pending pod by key (1–3), tap on a node, or drag; cordons a node", () => {
    const sel = { kind: "pod" as const, key: pending.key };
    const bind = actionsFor("scheduler", sel, v);
    expect(bind.map((a) => a.key)).toEqual(["1", "2", "3"]);
    expect(intentOf(commandsForKey("2", false, ctx("scheduler", sel)))).toEqual({
      type: "send",
      intent: { type: "bindPod", pod: pending.key, node: "node-2" },
    });
    // touch: with the Pending pod selected, a tap on a node binds it there
    expect(commandsForTap({ kind: "node", key: "node-3" }, ctx("scheduler", sel))).toEqual([
      { type: "send", intent: { type: "bindPod", pod: pending.key, node: "node-3" } },
    ]);
    // anyone else's tap on a node just selects it
    expect(commandsForTap({ kind: "node", key: "node-3" }, ctx("workload-controller", sel))).toEqual([
      { type: "select", selection: { kind: "node", key: "node-3" } },
    ]);
    expect(commandsForDrop(pending.key, "node-1")).toEqual([
      { type: "send", intent: { type: "bindPod", pod: pending.key, node: "node-1" } },
    ]);
    expect(intentOf(commandsForKey("c", false, ctx("scheduler", { kind: "node", key: "node-2" })))).toEqual({
      type: "send",
      intent: { type: "cordon", node: "node-2" },
    });
  });

  it("P selects the first Pending pod, B arms binding, Enter runs the first action", () => {
    expect(commandsForKey("p", false, ctx("scheduler"))).toEqual([
      { type: "select", selection: { kind: "pod", key: pending.key } },
    ]);
    expect(commandsForKey("B", false, ctx("scheduler"))).toEqual([{ type: "armBind" }]);
    expect(
      intentOf(commandsForKey("Enter", false, ctx("scheduler", { kind: "pod", key: pending.key }))),
    ).toEqual({
      type: "send",
      intent: { type: "bindPod", pod: pending.key, node: "node-1" },
    });
  });

  it("the workload controller acts on the pod's own workload (from the state, not its name)", () => {
    const sel = { kind: "pod" as const, key: running.key };
    const wc = actionsFor("workload-controller", sel, v);
    expect(actionForKey("d", wc)?.intent).toEqual({ type: "deletePod", pod: running.key });
    expect(actionForKey("=", wc)?.intent).toEqual({ type: "scale", workload: deployment.key, replicas: 3 });
    expect(actionForKey("-", wc)?.intent).toEqual({ type: "scale", workload: deployment.key, replicas: 1 });
    expect(actionForKey("n", wc)?.intent).toEqual({ type: "createPod", owner: deployment.currentReplicaSet });
    expect(deployment.currentReplicaSet).toMatch(/^ReplicaSet\/shop\/tomcat-/);
    expect(actionForKey("z", wc)?.intent).toEqual({ type: "rolloutUndo", workload: deployment.key });
    // the image prompt names the template's real container
    const cmds = commandsForAction(actionForKey("i", wc));
    expect(cmds).toEqual([
      {
        type: "askImage",
        prompt: { workload: deployment.key, container: deployment.container, current: deployment.image },
      },
    ]);
    expect(deployment.container).not.toBe("");
  });

  it("the workload controller reaches the same workload through its Service or its row", () => {
    const viaService = actionsFor("workload-controller", { kind: "service", key: "shop/tomcat" }, v);
    const viaRow = actionsFor("workload-controller", { kind: "workload", key: deployment.key }, v);
    const viaPod = actionsFor("workload-controller", { kind: "pod", key: running.key }, v).slice(1);
    expect(viaService).toEqual(viaPod);
    expect(viaRow).toEqual(viaPod);
    const mysql = actionsFor("workload-controller", { kind: "workload", key: "StatefulSet/shop/mysql" }, v);
    expect(actionForKey("n", mysql)?.intent).toEqual({ type: "createPod", owner: "StatefulSet/shop/mysql" });
    expect(actionForKey("z", mysql)).toBeUndefined();
  });

  it("the service controller fixes labels, recreates Services, updates Endpoints, registers DNS", () => {
    const sc = actionsFor("service-controller", { kind: "dns", key: "tomcat.shop.svc.cluster.local" }, v);
    expect(sc.map((a) => a.intent)).toEqual([
      { type: "recreateService", service: "shop/tomcat" },
      { type: "updateEndpoints", service: "shop/tomcat" },
      { type: "registerDns", service: "shop/tomcat" },
    ]);
    const label = actionsFor("service-controller", { kind: "pod", key: pending.key }, v);
    expect(actionForKey("l", label)?.intent).toEqual({
      type: "labelPod",
      pod: pending.key,
      labels: v.services.find((s) => s.key === "shop/tomcat")!.selector,
    });
    expect(serviceOfDnsName("mysql-0.mysql.shop.svc.cluster.local")).toBe("shop/mysql");
  });

  it("offers nothing to a watcher, to another role's selection, or outside the running phase", () => {
    expect(actionsFor("", { kind: "pod", key: running.key }, v)).toEqual([]);
    expect(actionsFor("scheduler", { kind: "service", key: "shop/tomcat" }, v)).toEqual([]);
    expect(actionsFor("scheduler", { kind: "pod", key: pending.key }, { ...v, phase: "lobby" })).toEqual([]);
  });

  it("builds setImage from what the player typed, suggesting a reachable mirror", () => {
    const p = { workload: deployment.key, container: "tomcat", current: "k8s.gcr.io/tomcat:9" };
    expect(suggestedImage(p.current)).toBe("registry.aliyuncs.com/google_containers/tomcat:9");
    expect(setImageIntent(p, "  mirror/tomcat:9 ")).toEqual({
      intent: { type: "setImage", workload: deployment.key, container: "tomcat", image: "mirror/tomcat:9" },
    });
  });

  it("the image field refuses, before sending, what the server's validator would (empty, invalid, unchanged)", () => {
    const p = { workload: deployment.key, container: "tomcat", current: "k8s.gcr.io/tomcat:9" };
    expect(setImageIntent(p, "   ")).toMatchObject({ problem: "image.empty" });
    expect(setImageIntent(p, "Tomcat 9")).toEqual({
      problem: "image.invalid",
      params: { image: "Tomcat 9", container: "tomcat" },
    });
    expect(setImageIntent(p, "tomcat:9;rm -rf")).toMatchObject({ problem: "image.invalid" });
    expect(setImageIntent(p, " k8s.gcr.io/tomcat:9")).toMatchObject({ problem: "image.same" });
  });
});

describe("input: selection and concept cards", () => {
  it("walks nodes with their pods, the tray, Services, DNS rows and workloads with Tab / arrows", () => {
    const order = selectionOrder(v);
    expect(order[0]).toEqual({ kind: "node", key: "node-1" });
    expect(order).toContainEqual({ kind: "pod", key: pending.key });
    expect(order).toContainEqual({ kind: "workload", key: deployment.key });
    expect(order.some((s) => s.kind === "workload" && s.key.startsWith("ReplicaSet/"))).toBe(false);
    expect(nextSelection(v, order[order.length - 1], 1)).toEqual(order[0]);
    expect(commandsForKey("Tab", true, ctx("", order[0]))).toEqual([
      { type: "select", selection: order[order.length - 1] },
    ]);
    expect(commandsForKey("Escape", false, ctx("", order[0]))).toEqual([
      { type: "select", selection: undefined },
    ]);
  });

  it("opens the concept card of the selection; an open card takes the keys", () => {
    expect(commandsForKey("?", false, ctx("", { kind: "dns", key: "x" }))).toEqual([
      { type: "showCard", concept: "dns" },
    ]);
    expect(conceptFor(undefined, v)).toBe("networks");
    expect(conceptFor({ kind: "pod", key: v.pods.find((p) => p.name === "mysql-0")!.key }, v)).toBe(
      "statefulset",
    );
    expect(conceptFor({ kind: "pod", key: running.key }, v)).toBe("pod");
    expect(conceptFor({ kind: "workload", key: deployment.key }, v)).toBe("deployment");
    expect(
      commandsForKey("d", false, ctx("workload-controller", { kind: "pod", key: running.key }, true)),
    ).toEqual([]);
    expect(commandsForKey("Escape", false, ctx("", undefined, true))).toEqual([{ type: "hideCard" }]);
    expect(commandsForKey("Tab", true, ctx("", undefined, true))).toEqual([{ type: "nextCard", step: -1 }]);
  });
});
