/** The kubectl console's state without the DOM: completion, history, output bound, pending writes. */
import { describe, expect, it } from "vitest";
import {
  ConsoleModel,
  MAX_CONSOLE_LINES,
  applyCompletion,
  commonPrefix,
  messageBytes,
  readsStdin,
} from "../../../client/src/console/model";

describe("console completion", () => {
  it("one candidate completes the word and adds a space", () => {
    const line = "kubectl -n shop sc";
    expect(applyCompletion(line, { from: 16, to: 18, candidates: ["scale"] })).toEqual({
      line: "kubectl -n shop scale ",
      cursor: 22,
      listed: [],
    });
  });

  it("a flag ending in = gets no space after it", () => {
    const line = "scale deployment tomcat --r";
    expect(applyCompletion(line, { from: 24, to: 27, candidates: ["--replicas="] }).line).toBe(
      "scale deployment tomcat --replicas=",
    );
  });

  it("several candidates complete their common prefix and are listed", () => {
    const r = applyCompletion("kubectl get dep", { from: 12, to: 15, candidates: ["deploy", "deployment"] });
    expect(r).toEqual({ line: "kubectl get deploy", cursor: 18, listed: ["deploy", "deployment"] });
  });

  it("a common prefix shorter than the word keeps the word; no candidate changes nothing", () => {
    expect(applyCompletion("get po", { from: 4, to: 6, candidates: ["pods", "xyz"] }).line).toBe("get po");
    expect(applyCompletion("get zz", { from: 4, to: 6, candidates: [] })).toEqual({
      line: "get zz",
      cursor: 6,
      listed: [],
    });
  });

  it("completes mid-line, keeping what follows the cursor", () => {
    const r = applyCompletion("get po -o wide", { from: 4, to: 6, candidates: ["pods"] });
    expect(r.line).toBe("get pods -o wide");
    expect(r.cursor).toBe(8);
    expect(commonPrefix(["abc", "abd", "ab"])).toBe("ab");
  });
});

describe("console history and output", () => {
  it("↑/↓ walk the history like a shell and give back the draft", () => {
    const m = new ConsoleModel();
    m.remember("get pods");
    m.remember("get nodes");
    m.remember("get nodes");
    expect(m.history).toEqual(["get pods", "get nodes"]);
    expect(m.walk(-1, "draft")).toBe("get nodes");
    expect(m.walk(-1, "get nodes")).toBe("get pods");
    expect(m.walk(-1, "get pods")).toBe("get pods");
    expect(m.walk(1, "get pods")).toBe("get nodes");
    expect(m.walk(1, "get nodes")).toBe("draft");
  });

  it("keeps the last lines only", () => {
    const m = new ConsoleModel();
    m.print("out", Array.from({ length: MAX_CONSOLE_LINES + 20 }, (_, i) => `row ${i}`).join("\n"));
    expect(m.lines.length).toBe(MAX_CONSOLE_LINES);
    expect(m.lines[0]!.text).toBe("row 20");
    expect(m.lines.at(-1)!.text).toBe(`row ${MAX_CONSOLE_LINES + 19}`);
  });

  it("settles each pending intent once, whatever its key order", () => {
    const m = new ConsoleModel();
    m.await([{ type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }]);
    expect(m.settle({ type: "scale", workload: "Deployment/shop/tomcat", replicas: 4 })).toBe(false);
    expect(m.settle({ replicas: 3, workload: "Deployment/shop/tomcat", type: "scale" } as never)).toBe(true);
    expect(m.settle({ type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 })).toBe(false);
    m.await([{ type: "labelPod", pod: "shop/x", labels: { app: "a" } }]);
    expect(m.settle({ type: "labelPod", pod: "shop/x", labels: { app: "b" } })).toBe(false);
    expect(m.settle({ type: "labelPod", pod: "shop/x", labels: { app: "a" } })).toBe(true);
  });

  it("knows which lines read stdin", () => {
    expect(readsStdin("kubectl apply -f -")).toBe(true);
    expect(readsStdin("apply --filename=-")).toBe(true);
    expect(readsStdin("apply -f - -n shop")).toBe(true);
    expect(readsStdin("apply -f x.yaml")).toBe(false);
    expect(readsStdin("get pods")).toBe(false);
    expect(readsStdin(`create -f - <<< '{"kind":"Binding"}'`)).toBe(false);
  });

  it("measures a message as the WebSocket frame carries it (UTF-8 bytes)", () => {
    expect(messageBytes("get po", "")).toBe(6);
    expect(messageBytes("é", "中")).toBe(5);
  });

  it("prints kubectl's warnings apart from its errors", () => {
    const m = new ConsoleModel();
    m.printStderr("Warning: the spec is not used\nerror: no\n");
    expect(m.lines).toEqual([
      { kind: "warn", text: "Warning: the spec is not used" },
      { kind: "err", text: "error: no" },
    ]);
  });
});
