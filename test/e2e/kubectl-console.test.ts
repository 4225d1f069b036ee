/**
 * The kubectl console in real Chromium against the real server (issue 15): the workload
 * controller opens it with `/`, types `kubectl -n shop scale deployment tomcat --replicas=3`
 * with Tab completion and, being the controller, creates the pod its ReplicaSet now wants
 * from a pasted Pod manifest (`apply -f -`): the new pod appears on both pages. The other
 * player, the scheduler at 1920×1080, reads `get pods -o wide`, is refused a scale, and binds
 * the pod with a Binding. Typing never reaches the scene's shortcuts; a read needs no
 * role; Escape closes. Screenshots of the console at both sizes go to test-results/.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  RESULTS,
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  openGame,
  screenshot,
  startServer,
  waitFor,
  waitForScene,
  type ServerHandle,
} from "./helpers";

let server: ServerHandle;
let browser: Browser;
const players: { page: Page; errors: string[]; role: string; size: string }[] = [];

const consoleOf = (p: Page) => p.evaluate(() => window.__reconcile.console()!);
const tomcats = (p: Page) =>
  p.evaluate(() => window.__reconcile.pods().filter((x) => x.workload === "Deployment/shop/tomcat").length);

/** Waits until the console shows a line of `kind` reading exactly `text`. */
async function waitForLine(page: Page, kind: string, text: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([k, t]) => window.__reconcile.console()!.lines.some((l) => l.kind === k && l.text === t),
      [kind, text],
      { timeout: 15_000, polling: 50 },
    );
  } catch {
    const lines = (await consoleOf(page)).lines.map((l) => `${l.kind}: ${l.text}`).join("\n");
    throw new Error(`the console never printed ${kind} "${text}"; it shows:\n${lines}`);
  }
}

/** Types into the console's line, presses Tab and waits until the line reads `expected`. */
async function typeAndTab(page: Page, text: string, expected: string): Promise<void> {
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
  try {
    await page.waitForFunction((e) => window.__reconcile.console()?.input === e, expected, {
      timeout: 15_000,
      polling: 50,
    });
  } catch {
    const got = (await consoleOf(page)).input;
    throw new Error(`the line did not complete to "${expected}": it reads "${got}"`);
  }
}

describe("e2e: the kubectl console", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer({}, 3702);
    browser = await launchBrowser();
    for (const [role, size] of [
      ["workload-controller", { width: 1366, height: 768 }],
      ["scheduler", { width: 1920, height: 1080 }],
    ] as const) {
      const page = await openGame(browser, server.url, size);
      players.push({ page, errors: collectErrors(page), role, size: `${size.width}x${size.height}` });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      for (const p of players) await screenshot(p.page, `${task.name}-${p.role}`);
    });
  });

  it("two players in different roles start a practice match", async () => {
    const [host, guest] = players;
    await host!.page.fill("input[name=name]", "Ada");
    await clickTarget(host!.page, "button", `role-${host!.role}`);
    await clickTarget(host!.page, "button", "chaos-off");
    await clickTarget(host!.page, "button", "create");
    await waitForScene(host!.page, "Lobby");
    const code = await host!.page.evaluate(() => window.__reconcile.code());
    // The scheduler plays in Chinese: the console's own strings follow.
    await clickTarget(guest!.page, "button", "lang-zh");
    await guest!.page.fill("input[name=name]", "Bob");
    await clickTarget(guest!.page, "button", `role-${guest!.role}`);
    await guest!.page.fill("input[name=code]", code);
    await clickTarget(guest!.page, "button", "join");
    await waitForScene(guest!.page, "Lobby");
    await waitFor(host!.page, () => window.__reconcile.view()?.players.length === 2, "both players");
    await clickTarget(host!.page, "button", "start");
    for (const p of players) {
      await waitForScene(p.page, "Match");
      expect(await p.page.evaluate(() => window.__reconcile.role())).toBe(p.role);
      await waitFor(
        p.page,
        () => window.__reconcile.pods().filter((x) => x.ready).length >= 5,
        "the shop up",
      );
    }
  });

  it("scales tomcat from the console with Tab completion, creates the pod from pasted YAML: it appears on both pages", async () => {
    const { page } = players[0]!;
    expect(await tomcats(page)).toBe(2);
    await page.keyboard.press("/");
    await waitFor(page, () => window.__reconcile.console()?.open === true, "the console to open");
    // `/` opened it and was not typed into it.
    expect((await consoleOf(page)).input).toBe("");
    await typeAndTab(page, "kubectl -n shop sc", "kubectl -n shop scale ");
    await typeAndTab(page, "deploym", "kubectl -n shop scale deployment");
    await typeAndTab(page, " tom", "kubectl -n shop scale deployment tomcat ");
    await typeAndTab(page, "--rep", "kubectl -n shop scale deployment tomcat --replicas=");
    await page.keyboard.type("3");
    // Tab and the letters typed reached the console only: the scene selected nothing.
    expect(await page.evaluate(() => window.__reconcile.selection())).toBeUndefined();
    await page.keyboard.press("Enter");
    await waitForLine(page, "ok", "deployment.apps/tomcat scaled");
    expect((await consoleOf(page)).history).toEqual(["kubectl -n shop scale deployment tomcat --replicas=3"]);
    // The player is the workload controller: the ReplicaSet's third pod is theirs to create,
    // from a Pod manifest owned by it, pasted into the box `apply -f -` opens.
    const rs = await page.evaluate(
      () =>
        window.__reconcile.view()!.workloads.find((w) => w.key === "Deployment/shop/tomcat")!
          .currentReplicaSet,
    );
    await page.keyboard.type("kubectl apply -f -");
    await page.keyboard.press("Enter");
    await waitFor(page, () => window.__reconcile.console()?.yaml === true, "the YAML box");
    await page.keyboard.insertText(
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata:",
        "  name: tomcat-by-hand",
        "  namespace: shop",
        "  ownerReferences:",
        "  - apiVersion: apps/v1",
        "    kind: ReplicaSet",
        `    name: ${rs.split("/")[2]}`,
        "    controller: true",
        "",
      ].join("\n"),
    );
    await page.keyboard.press("Control+Enter");
    await waitForLine(page, "ok", `pod created for replicaset.apps/${rs.split("/")[2]}`);
    const c = await consoleOf(page);
    expect(c.yaml).toBe(false);
    expect(c.lines.filter((l) => l.kind === "err")).toEqual([]);
    for (const p of players)
      await waitFor(
        p.page,
        () => window.__reconcile.pods().filter((x) => x.workload === "Deployment/shop/tomcat").length === 3,
        `three tomcat pods on the ${p.role}'s page`,
      );
    // ↑ brings the last command back.
    await page.keyboard.press("ArrowUp");
    expect((await consoleOf(page)).input).toBe("kubectl apply -f -");
    await page.keyboard.press("ArrowDown");
    // Several lines pasted into the command line are YAML: the box opens with them, for apply -f -.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData("text/plain", "kind: Service\nmetadata:\n  name: tomcat\n");
      const input = document.querySelector<HTMLInputElement>(".kc-input")!;
      input.dispatchEvent(
        new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }),
      );
    });
    await waitFor(page, () => window.__reconcile.console()?.yaml === true, "the YAML box for the paste");
    expect(await page.inputValue(".kc-yaml")).toBe("kind: Service\nmetadata:\n  name: tomcat\n");
    expect(await page.textContent(".kc-yaml-hint")).toContain("kubectl apply -f -");
    await page.keyboard.press("Escape");
    await waitFor(page, () => window.__reconcile.console()?.yaml === false, "the YAML box to close");
    expect((await consoleOf(page)).open).toBe(true);
  });

  it("the scheduler reads the table, is refused a scale, and binds the new pod from the console", async () => {
    const { page } = players[1]!;
    await page.keyboard.press("/");
    await waitFor(page, () => window.__reconcile.console()?.open === true, "the console to open");
    expect(await page.textContent(".kc-help")).toBe(
      "Tab 补全 · ↑/↓ 历史命令 · Esc 关闭 · apply -f - 会打开 YAML 输入框（粘贴后按 Ctrl+Enter 应用）· help · clear",
    );
    await page.keyboard.type("kubectl -n shop get pods -o wide");
    await page.keyboard.press("Enter");
    await waitFor(
      page,
      () => window.__reconcile.console()!.lines.some((l) => l.kind === "out" && l.text.startsWith("NAME ")),
      "the table",
    );
    const out = (await consoleOf(page)).lines.filter((l) => l.kind === "out").map((l) => l.text);
    expect(out[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
    const pending = out.find((l) => /^tomcat-\S+\s+0\/1\s+Pending/.test(l));
    expect(pending, out.join("\n")).toBeDefined();
    const name = pending!.split(/\s+/)[0]!;
    await page.keyboard.type("kubectl -n shop scale deployment tomcat --replicas=1");
    await page.keyboard.press("Enter");
    await waitFor(
      page,
      () =>
        window.__reconcile.console()!.lines.some((l) => l.kind === "err" && l.text.includes("WRONG_ROLE")),
      "the role refusal",
    );
    await page.keyboard.type(
      `kubectl -n shop create -f - <<< '{"apiVersion":"v1","kind":"Binding","metadata":{"name":"${name}"},"target":{"apiVersion":"v1","kind":"Node","name":"node-3"}}'`,
    );
    await page.keyboard.press("Enter");
    await waitForLine(page, "ok", `binding/${name} created`);
    for (const p of players)
      await p.page.waitForFunction(
        (n) => window.__reconcile.pods().find((x) => x.name === n)?.node === "node-3",
        name,
        { timeout: 15_000, polling: 50 },
      );
    expect(await tomcats(page)).toBe(3);
  });

  it("help lists kubectl's commands; a key pressed after a click on the cluster is no shortcut", async () => {
    const { page } = players[0]!;
    await page.keyboard.type("help");
    await page.keyboard.press("Enter");
    await waitForLine(page, "out", "Basic Commands:");
    // Click a pod above the console (the scene selects it), then press D — the delete shortcut.
    const pod = (await page.evaluate(() => window.__reconcile.pods())).find((p) => p.tier === "nginx")!;
    await clickTarget(page, "pod", pod.key);
    await waitFor(page, () => window.__reconcile.selection() !== undefined, "the pod selected");
    const before = await page.evaluate(() => window.__reconcile.intentResultCount());
    await page.keyboard.press("d");
    await page.waitForTimeout(1500); // several ticks: a delete would have been answered
    expect(await page.evaluate(() => window.__reconcile.intentResultCount())).toBe(before);
    expect(
      (await page.evaluate(() => window.__reconcile.pods())).find((p) => p.key === pod.key)?.terminating,
    ).toBe(false);
    // The key put the cursor back in the console's line.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("kc-input");
    await page.fill(".kc-input", "");
    // YAML too large for one WebSocket frame is refused in the page: the seat stays connected.
    await page.keyboard.type("kubectl apply -f -");
    await page.keyboard.press("Enter");
    await waitFor(page, () => window.__reconcile.console()?.yaml === true, "the YAML box");
    await page.keyboard.insertText(`# ${"x".repeat(5000)}\n`);
    await page.keyboard.press("Control+Enter");
    await waitFor(
      page,
      () =>
        window.__reconcile
          .console()!
          .lines.some((l) => l.kind === "err" && l.text.startsWith("Too large to send")),
      "the size refusal",
    );
    expect((await consoleOf(page)).yaml).toBe(true);
    await page.keyboard.press("Escape");
    await page.keyboard.type("kubectl get nodes");
    await page.keyboard.press("Enter");
    await waitForLine(page, "input", "$ kubectl get nodes");
    await waitFor(
      page,
      () => window.__reconcile.console()!.lines.some((l) => l.text.startsWith("node-3 ")),
      "the nodes",
    );
    expect(await page.evaluate(() => window.__reconcile.netHistory())).toEqual(["connected"]);
  });

  it("reads well at 1366×768 and 1920×1080 (screenshots), and Escape closes it", async () => {
    mkdirSync(RESULTS, { recursive: true });
    for (const p of players) {
      const c = await consoleOf(p.page);
      if (!c.lines.some((l) => l.text.startsWith("NAME "))) {
        await p.page.keyboard.type("kubectl -n shop get pods -o wide");
        await p.page.keyboard.press("Enter");
        await waitFor(
          p.page,
          () => window.__reconcile.console()!.lines.some((l) => l.text.startsWith("NAME ")),
          "the table",
        );
      }
      await p.page.keyboard.type("kubectl get no");
      await p.page.keyboard.press("Tab");
      await p.page.waitForTimeout(300);
      await p.page.screenshot({ path: path.join(RESULTS, `kubectl-console-${p.size}.png`) });
      await p.page.keyboard.press("Escape");
      await waitFor(p.page, () => window.__reconcile.console()?.open === false, "the console to close");
      expect(p.errors).toEqual([]);
    }
  });
});
