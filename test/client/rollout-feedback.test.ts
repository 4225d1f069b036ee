/**
 * Feedback for a rollout by hand, on views of the real projection: O or X with no step to
 * take says why and what to do instead (no rollout in progress → I; an old ReplicaSet
 * still holding pods it no longer wants → D; the new one full → X), and a server refusal
 * with a reason code reads in the player's language, next step included.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  createWorld,
  step,
  type Intent,
  type IntentResult,
  type QueuedIntent,
  type World,
} from "../../shared/sim";
import { Projector } from "../../server/rooms/project";
import { MatchState } from "../../server/rooms/schema/MatchState";
import { commandsForKey, type InputCommand } from "../../client/src/input";
import { setLang, t } from "../../client/src/i18n";
import { toMatchView, type MatchView } from "../../client/src/net/view";
import { doneText, refusalText } from "../../client/src/refusals";

const ROLE = "workload-controller";
const NGINX = "Deployment/shop/nginx";

function run(world: World, seconds: number, intents: Intent[] = []): IntentResult[] {
  const queued = intents.map((intent): QueuedIntent => ({ actor: "ada", role: ROLE, intent }));
  const out: IntentResult[] = [];
  for (let i = 0; i < Math.round(seconds * 10); i++) out.push(...step(world, i === 0 ? queued : []).results);
  return out;
}

function viewOf(world: World): MatchView {
  const state = new MatchState();
  new Projector().project(state, world, { hash: false });
  state.phase = "running";
  return toMatchView(state);
}

function manualShop(): World {
  const w = createWorld({ scenario: "nmt", seed: 1, chaos: false });
  run(w, 1);
  w.roles[ROLE] = "manual";
  return w;
}

const press = (key: string, v: MatchView, sel = { kind: "workload" as const, key: NGINX }, role = ROLE) =>
  commandsForKey(key, false, { view: v, role, selection: sel, cardOpen: false });
const hint = (c: InputCommand[]) => (c[0]?.type === "hint" ? t(c[0].key, c[0].params) : undefined);

afterEach(() => setLang("en"));

describe("O / X with nothing to step", () => {
  it("no rollout in progress: both say so and point to I, in English and in 中文", () => {
    const v = viewOf(manualShop());
    const rs = v.workloads.find(
      (w) => w.key === v.workloads.find((x) => x.key === NGINX)!.currentReplicaSet,
    )!;
    for (const key of ["o", "x", "O", "X"]) {
      const c = press(key, v);
      expect(c).toEqual([
        { type: "hint", key: "hint.noRollout", params: { deployment: "nginx", replicaSet: rs.name } },
      ]);
    }
    expect(hint(press("x", v))).toBe(
      `No rollout in progress: deployment nginx runs its template on ${rs.name}. Press I to set a new image first.`,
    );
    setLang("zh");
    expect(hint(press("x", v))).toMatch(/没有进行中的滚动更新.*按 I/);
    // A pod of the Deployment stands for it too.
    const pod = v.pods.find((p) => p.workload === NGINX)!;
    expect(press("o", v, { kind: "pod", key: pod.key } as never)[0]).toMatchObject({ key: "hint.noRollout" });
  });

  it("an old ReplicaSet at 0 that still has its pod: X says to delete it (D); O while the new one is full says X", () => {
    const w = manualShop();
    run(w, 0.1, [{ type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" }]);
    run(w, 0.1, [{ type: "createReplicaSet", workload: NGINX }]);
    let v = viewOf(w);
    const d = v.workloads.find((x) => x.key === NGINX)!;
    const newRs = v.workloads.find((x) => x.key === d.currentReplicaSet)!;
    const oldRs = v.workloads.find((x) => x.owner === NGINX && x.key !== d.currentReplicaSet)!;
    // Grow the new ReplicaSet to 2 the way the rules allow: pods Ready first, the old shrunk and its pod gone.
    run(w, 0.1, [{ type: "createPod", owner: newRs.key }]);
    run(w, 20);
    run(w, 0.1, [{ type: "scale", workload: oldRs.key, replicas: 1 }]);
    v = viewOf(w);
    // X exists (old still at 1); O exists (new at 1 < 2) and the server would refuse it: no hint then.
    expect(press("o", v)[0]?.type).toBe("send");
    const surplus = v.pods.find((p) => p.labels["pod-template-hash"] === oldRs.name.split("-").at(-1))!;
    run(w, 0.1, [{ type: "deletePod", pod: surplus.key }]);
    run(w, 0.1, [{ type: "scale", workload: newRs.key, replicas: 2 }]);
    v = viewOf(w);
    expect(hint(press("o", v))).toBe(
      `New ReplicaSet ${newRs.name} already has all 2: press X to scale the old one down`,
    );
    run(w, 0.1, [{ type: "createPod", owner: newRs.key }]);
    run(w, 20);
    run(w, 0.1, [{ type: "scale", workload: oldRs.key, replicas: 0 }]);
    v = viewOf(w);
    const last = v.pods.find((p) => p.owner === oldRs.key)!;
    expect(press("x", v)).toEqual([
      {
        type: "hint",
        key: "hint.oldPods",
        params: { replicaSet: oldRs.name, wants: 0, has: 1, pod: last.name, node: last.node },
      },
    ]);
  });

  it("nothing selected, or a StatefulSet: says what O / X step; other roles get nothing", () => {
    const v = viewOf(manualShop());
    expect(
      commandsForKey("x", false, { view: v, role: ROLE, selection: undefined, cardOpen: false }),
    ).toEqual([{ type: "hint", key: "hint.selectWorkload" }]);
    const mysql = { kind: "workload" as const, key: "StatefulSet/shop/mysql" };
    expect(press("x", v, mysql as never)).toEqual([{ type: "hint", key: "hint.statefulNoX" }]);
    expect(press("o", v, mysql as never)).toEqual([
      { type: "hint", key: "hint.statefulCurrent", params: { name: "mysql" } },
    ]);
    expect(press("x", v, undefined as never, "scheduler")).toEqual([]);
  });
});

describe("refusals in the player's language", () => {
  function afterFirstX(): { w: World; refused: Extract<IntentResult, { ok: false }> } {
    const w = manualShop();
    run(w, 0.1, [{ type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" }]);
    run(w, 0.1, [{ type: "createReplicaSet", workload: NGINX }]);
    const v = viewOf(w);
    const d = v.workloads.find((x) => x.key === NGINX)!;
    const oldRs = v.workloads.find((x) => x.owner === NGINX && x.key !== d.currentReplicaSet)!;
    run(w, 0.1, [{ type: "createPod", owner: d.currentReplicaSet }]);
    run(w, 20);
    run(w, 0.1, [{ type: "scale", workload: oldRs.key, replicas: 1 }]);
    const [r] = run(w, 0.1, [{ type: "scale", workload: d.currentReplicaSet, replicas: 2 }]);
    if (!r || r.ok) throw new Error("the surge was not refused");
    return { w, refused: r };
  }

  it("maxSurge after X: the bound and the next step (D on a named pod), in English and 中文", () => {
    const { refused } = afterFirstX();
    const pod = String(refused.reason?.next?.params.pod);
    expect(refusalText(refused)).toMatch(
      new RegExp(
        `^maxSurge: deployment nginx would have 4 pods, more than replicas 2 \\+ maxSurge 1 = 3\nnext: select pod ${pod} on node-\\d and press D`,
      ),
    );
    setLang("zh");
    const zh = refusalText(refused);
    expect(zh).toContain("将有 4 个 POD，超过 replicas 2 + maxSurge 1 = 3");
    expect(zh).toMatch(new RegExp(`下一步：选中 node-\\d 上的 POD ${pod} 按 D`));
    expect(zh).not.toMatch(/would have|next:/);
  });

  it("an applied step reads in the player's language with the next step: X → delete the named pod", () => {
    const w = manualShop();
    run(w, 0.1, [{ type: "setImage", workload: NGINX, container: "nginx", image: "nginx:1.26" }]);
    run(w, 0.1, [{ type: "createReplicaSet", workload: NGINX }]);
    const v = viewOf(w);
    const d = v.workloads.find((x) => x.key === NGINX)!;
    const oldRs = v.workloads.find((x) => x.owner === NGINX && x.key !== d.currentReplicaSet)!;
    run(w, 0.1, [{ type: "createPod", owner: d.currentReplicaSet }]);
    run(w, 20);
    const [x] = run(w, 0.1, [{ type: "scale", workload: oldRs.key, replicas: 1 }]);
    if (!x?.ok) throw new Error("X was refused");
    const pod = String(x.note?.next?.params.pod);
    expect(doneText(x)).toMatch(
      new RegExp(`^ReplicaSet ${oldRs.name} scaled to 1\nnext: select pod ${pod} on node-\\d and press D`),
    );
    setLang("zh");
    expect(doneText(x)).toMatch(
      new RegExp(`^ReplicaSet ${oldRs.name} 已设为 1 个副本\n下一步：选中 node-\\d 上的 POD ${pod} 按 D`),
    );
    const { note: _note, ...bare } = x;
    expect(doneText(bare)).toBe(x.message);
  });

  it("a refusal without a reason the client knows keeps the server's message", () => {
    const { refused } = afterFirstX();
    expect(refusalText({ ...refused, reason: { key: "somethingNew", params: {} } })).toBe(
      `CONFLICT: ${refused.message}`,
    );
    const { reason: _reason, ...bare } = refused;
    expect(refusalText(bare)).toBe(`CONFLICT: ${refused.message}`);
  });
});
