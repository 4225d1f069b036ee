/**
 * Retakes docs/booth-kiosk.png and docs/booth-screen.png at 1366×768: four visitors play a
 * 40 s round each (two bind pods now and then, two do nothing) and enter initials, then the
 * kiosk's attract loop after 40 s of its demo, and the big screen while a fifth round runs.
 * Run: `npx tsx test/e2e/take-booth-shots.ts [dir]` (default docs/).
 */
import path from "node:path";
import { buildClientIfNeeded, launchBrowser, ROOT, startServer, waitFor } from "./helpers";
import { OPERATOR_KEY, openBooth, setBooth, startRoundByKeys } from "./boothHelpers";

const dir = path.resolve(process.argv[2] ?? path.join(ROOT, "docs"));

await buildClientIfNeeded();
const server = await startServer({ BOOTH_OPERATOR_KEY: OPERATOR_KEY });
const browser = await launchBrowser();
try {
  await setBooth(server.url, { durationSeconds: 40, role: "scheduler" });
  await Promise.all(
    ["KIM", "LEO", "MAYA", "RAJ"].map(async (name, i) => {
      const { page } = await openBooth(browser, server.url);
      await page.waitForTimeout(i * 700);
      await startRoundByKeys(page);
      while ((await page.evaluate(() => window.__reconcile.scenes().join())) === "Match") {
        if (i % 2 === 0) for (const key of ["p", String(1 + i / 2)]) await page.keyboard.press(key);
        await page.waitForTimeout(1500);
      }
      await waitFor(
        page,
        () => window.__reconcile.boothRound()?.rankToday !== undefined,
        "the place",
        30_000,
      );
      await page.keyboard.type(name.toLowerCase());
      await page.keyboard.press("Enter");
      await waitFor(page, () => !!window.__reconcile.boothRound()?.name, "the initials saved");
      await page.context().close();
    }),
  );
  await setBooth(server.url, { durationSeconds: 180 });
  const attract = await openBooth(browser, server.url);
  const big = await openBooth(browser, server.url, { screen: true });
  const kiosk = await openBooth(browser, server.url);
  await startRoundByKeys(kiosk.page);
  await kiosk.page.waitForTimeout(40_000);
  await big.page.screenshot({ path: path.join(dir, "booth-screen.png") });
  await attract.page.screenshot({ path: path.join(dir, "booth-kiosk.png") });
  console.log(`wrote ${path.join(dir, "booth-kiosk.png")} and ${path.join(dir, "booth-screen.png")}`);
} finally {
  await browser.close();
  await server.stop();
}
