/**
 * A person plays the workload controller in real Chromium on the real server and rolls
 * nginx out by hand through the Match scene: Set image (I), New RS +1 (O) — the first press
 * creates the ReplicaSet, the second is refused for maxSurge and says so — Create pod (N),
 * Old RS −1 (X) once the new pod is Ready, then Rollout undo (Z).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  clickTarget,
  launchBrowser,
  openGame,
  screenshot,
  startServer,
  waitFor,
  type ServerHandle,
} from "./helpers";

let server: ServerHandle;
let browser: Browser;
let page: Page;

/** Presses a key (typing `answer` into the Set image field it opens, if given) and waits for the server's answer to its intent. */
async function press(key: string, type: string, answer?: string) {
  const before = JSON.stringify((await page.evaluate(() => window.__reconcile.lastIntentResult())) ?? null);
  await page.keyboard.press(key);
  if (answer !== undefined) {
    const field = page.locator("#game input[name=image]");
    await field.waitFor({ state: "visible" });
    await field.fill(answer);
    await field.press("Enter");
  }
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await page.waitForTimeout(50)) {
    const r = await page.evaluate(() => window.__reconcile.lastIntentResult());
    if (r && r.intent.type === type && JSON.stringify(r) !== before) return r;
  }
  throw new Error(`no ${type} result after pressing ${key}`);
}

const nginxPods = () =>
  page.evaluate(() => window.__reconcile.pods().filter((p) => p.tier === "nginx" && !p.terminating));

describe("e2e: a rollout by hand", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
    page = await openGame(browser, server.url);
  });

  afterAll(async () => {
    await screenshot(page, "rollout-by-hand");
    await browser?.close();
    await server?.stop();
  });

  it("set image, new ReplicaSet, a refused surge, a pod, old ReplicaSet down, undo", async () => {
    await page.fill("input[name=name]", "Ada");
    await clickTarget(page, "button", "role-workload-controller");
    await clickTarget(page, "button", "chaos-off");
    await clickTarget(page, "button", "create");
    await waitFor(page, () => window.__reconcile.scenes().includes("Lobby"), "the Lobby");
    await clickTarget(page, "button", "start");
    await waitFor(page, () => window.__reconcile.scenes().join() === "Match", "the Match scene");
    await waitFor(
      page,
      () => window.__reconcile.pods().filter((p) => p.tier === "nginx" && p.ready).length === 2,
      "two Ready nginx pods",
    );
    const pod = (await nginxPods())[0]!;
    await clickTarget(page, "pod", pod.key);
    await waitFor(page, () => window.__reconcile.targets().includes("button:action-0"), "the action bar");

    expect(await press("i", "setImage", "nginx:1.26")).toMatchObject({ ok: true });
    // The actions follow the state: the new template has no ReplicaSet yet.
    await waitFor(
      page,
      () =>
        window.__reconcile.view()?.workloads.find((w) => w.key === "Deployment/shop/nginx")
          ?.currentReplicaSet === "",
      "the changed template in the view",
    );
    const created = await press("o", "createReplicaSet");
    expect(created).toMatchObject({ ok: true, controller: "deployment-controller" });
    await waitFor(
      page,
      () =>
        !!window.__reconcile.view()?.workloads.find((w) => w.key === "Deployment/shop/nginx")
          ?.currentReplicaSet,
      "the new ReplicaSet in the view",
    );
    const surge = await press("o", "scale");
    expect(surge).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(surge.message).toContain("maxSurge");
    expect(await press("n", "createPod")).toMatchObject({ ok: true });
    await waitFor(
      page,
      () => window.__reconcile.pods().filter((p) => p.tier === "nginx" && p.ready).length === 3,
      "the new pod Ready",
    );
    const down = await press("x", "scale");
    expect(down).toMatchObject({ ok: true });
    expect(down.kubectl).toMatch(/^kubectl -n shop scale replicaset nginx-\w+ --replicas=1$/);
    const undo = await press("z", "rolloutUndo");
    expect(undo).toMatchObject({ ok: true, kubectl: "kubectl -n shop rollout undo deployment/nginx" });
    await waitFor(
      page,
      () =>
        window.__reconcile.view()?.workloads.find((w) => w.key === "Deployment/shop/nginx")?.image ===
        "nginx:1.25",
      "the template back on nginx:1.25",
    );
  });
});
