/**
 * The workload controller's feedback in real Chromium on the real server, in English and in
 * 中文 at 1366×768: X with no rollout in progress says so (nothing is sent); Set image is an
 * in-game field — an invalid image is refused in the field with the reason, Esc cancels,
 * Enter or its button sets it; a refused surge names the next step in the player's language.
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
  visibleText,
  waitFor,
  type ServerHandle,
} from "./helpers";

let server: ServerHandle;
let browser: Browser;

/** What each language shows for the same steps. */
const TEXT = {
  en: {
    noRollout: "No rollout in progress: deployment nginx runs its template on nginx-",
    title: "Set image · Deployment/shop/nginx",
    invalid: '"Nginx 1.26" is not a valid image',
    surge: "maxSurge: deployment nginx would have 4 pods",
    next: "next: press N: ReplicaSet nginx-",
  },
  zh: {
    noRollout: "没有进行中的滚动更新：deployment nginx 的模板运行在 nginx-",
    title: "设置镜像 · Deployment/shop/nginx",
    invalid: "“Nginx 1.26”不是有效的镜像",
    surge: "maxSurge：deployment nginx 将有 4 个 POD",
    next: "下一步：按 N：ReplicaSet nginx-",
  },
} as const;

/** A match started by one person holding the workload controller, an nginx pod selected. */
async function startAsWorkloadController(lang: "en" | "zh"): Promise<Page> {
  const page = await openGame(browser, server.url);
  if (lang === "zh") await clickTarget(page, "button", "lang-zh");
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
  const pod = await page.evaluate(() => window.__reconcile.pods().find((p) => p.tier === "nginx")!);
  await clickTarget(page, "pod", pod.key);
  await waitFor(page, () => window.__reconcile.targets().includes("button:action-0"), "the action bar");
  return page;
}

const results = (page: Page) => page.evaluate(() => window.__reconcile.intentResultCount());
const nginxImage = (page: Page) =>
  page.evaluate(
    () => window.__reconcile.view()?.workloads.find((w) => w.key === "Deployment/shop/nginx")?.image,
  );

/** Waits until the page shows a text containing `part`. */
async function shows(page: Page, part: string): Promise<void> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await page.waitForTimeout(50))
    if ((await visibleText(page)).includes(part)) return;
  throw new Error(`"${part}" is not on screen; it shows:\n${await visibleText(page)}`);
}

/** Presses a key and waits for a new intent result of that type. */
async function pressFor(page: Page, key: string, type: string) {
  const before = await results(page);
  await page.keyboard.press(key);
  await waitFor(page, () => window.__reconcile.intentResultCount() > 0, "a result");
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await page.waitForTimeout(50)) {
    const r = await page.evaluate(() => window.__reconcile.lastIntentResult());
    if ((await results(page)) > before && r?.intent.type === type) return r;
  }
  throw new Error(`no ${type} result after pressing ${key}`);
}

describe("e2e: rollout feedback and the Set image field", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const lang of ["en", "zh"] as const) {
    it(`X without a rollout, the image field (invalid, Esc, Enter), a refused surge's next step — ${lang}`, async ({
      onTestFailed,
    }) => {
      const page = await startAsWorkloadController(lang);
      onTestFailed(async () => void (await screenshot(page, `rollout-feedback-${lang}`)));
      const text = TEXT[lang];
      const sent = await results(page);

      await page.keyboard.press("x");
      await shows(page, text.noRollout);

      await page.keyboard.press("i");
      const field = page.locator("#game input[name=image]");
      await field.waitFor({ state: "visible" });
      expect(await field.inputValue()).toBe("nginx:1.25");
      await shows(page, text.title);
      await field.fill("Nginx 1.26");
      await field.press("Enter");
      await shows(page, text.invalid);
      expect(await field.isVisible()).toBe(true);
      // Typing in the field is not a shortcut: D, X, O go into the text.
      await field.press("End");
      await page.keyboard.type("dxo");
      expect(await field.inputValue()).toBe("Nginx 1.26dxo");
      await field.press("Escape");
      await field.waitFor({ state: "hidden" });
      // Nothing was sent: no result came back, the template is unchanged.
      expect(await results(page)).toBe(sent);
      expect(await nginxImage(page)).toBe("nginx:1.25");

      await page.keyboard.press("i");
      await field.waitFor({ state: "visible" });
      await field.fill("nginx:1.26");
      await clickTarget(page, "button", "image-ok");
      await field.waitFor({ state: "hidden" });
      await waitFor(
        page,
        () =>
          window.__reconcile.view()?.workloads.find((w) => w.key === "Deployment/shop/nginx")?.image ===
          "nginx:1.26",
        "the new template",
      );
      expect(await page.evaluate(() => window.__reconcile.lastIntentResult())).toMatchObject({
        ok: true,
        kubectl: "kubectl -n shop set image deployment/nginx nginx=nginx:1.26",
      });

      expect(await pressFor(page, "o", "createReplicaSet")).toMatchObject({ ok: true });
      await waitFor(
        page,
        () =>
          !!window.__reconcile.view()?.workloads.find((w) => w.key === "Deployment/shop/nginx")
            ?.currentReplicaSet,
        "the new ReplicaSet in the view",
      );
      expect(await pressFor(page, "o", "scale")).toMatchObject({
        ok: false,
        reason: { key: "maxSurge", next: { key: "next.createPod" } },
      });
      await shows(page, text.surge);
      await shows(page, text.next);
      await screenshot(page, `rollout-feedback-${lang}-surge`);
      await page.close();
    });
  }
});
