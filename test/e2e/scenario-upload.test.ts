/**
 * Uploading a scenario file from the Menu in real Chromium against the real server: a bad
 * file shows its file:line errors in the page and changes nothing; a good one (picked
 * through the "Load file…" button's file chooser) becomes the scenario, lists the fields
 * the game ignores, and the created match runs it.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_SCENARIO_FILES } from "../../shared/sim/scenarios/builtin.generated";
import {
  buildClientIfNeeded,
  clickTarget,
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
let page: Page;

/** The nmt file renamed `my-shop`, three nginx replicas, and a probe the game ignores. */
const MY_SHOP = BUILTIN_SCENARIO_FILES["nmt.yaml"]!.replace("  name: nmt\n", "  name: my-shop\n")
  .replace(
    "  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx",
    "  replicas: 3\n  selector:\n    matchLabels:\n      app: nginx",
  )
  .replace(
    "          image: nginx:1.25\n",
    "          image: nginx:1.25\n          livenessProbe:\n            tcpSocket: { port: 80 }\n",
  );
const BAD = MY_SHOP.replace("  replicas: 1\n", "  replicas: lots\n");
const badLine = BAD.split("\n").indexOf("  replicas: lots") + 1;

const texts = () => page.evaluate(() => window.__reconcile.texts().join("\n"));

describe("e2e: scenario file upload", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
    page = await openGame(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("a bad file shows its errors; a good one is played, with its ignored fields listed", async ({
    onTestFailed,
  }) => {
    onTestFailed(async () => void (await screenshot(page, "scenario-upload")));
    await waitFor(page, () => window.__reconcile.scenes().includes("Menu"), "the Menu");
    await page.setInputFiles("input[name=scenario-file]", {
      name: "bad.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(BAD),
    });
    await waitFor(
      page,
      () => window.__reconcile.texts().some((t) => t.includes("is not a valid scenario file")),
      "the errors",
    );
    expect(await texts()).toContain(
      `bad.yaml is not a valid scenario file:\nbad.yaml:${badLine}: spec.replicas: expected a number`,
    );
    expect(await texts()).not.toContain("my-shop (from");

    // The real path: the button opens the browser's file chooser.
    const [chooser] = await Promise.all([
      page.waitForEvent("filechooser"),
      clickTarget(page, "button", "scenario-file"),
    ]);
    await chooser.setFiles({
      name: "my-shop.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(MY_SHOP),
    });
    await waitFor(
      page,
      () => window.__reconcile.texts().some((t) => t.includes("my-shop (from my-shop.yaml)")),
      "the loaded file",
    );
    const shown = await texts();
    expect(shown).toContain(
      "1 field(s) ignored by the game, e.g. Deployment shop/nginx: spec.template.spec.containers[0].livenessProbe",
    );
    expect(shown).not.toContain("is not a valid scenario file");

    await page.fill("input[name=name]", "Ada");
    await clickTarget(page, "button", "create");
    await waitFor(page, () => window.__reconcile.phase() === "lobby", "the lobby of the new match");
    await waitFor(page, () => (window.__reconcile.view()?.pods.length ?? 0) > 0, "the cluster's pods");
    const v = await page.evaluate(() => {
      const view = window.__reconcile.view()!;
      return { scenario: view.scenario, nginx: view.pods.filter((p) => p.labels.app === "nginx").length };
    });
    expect(v).toEqual({ scenario: "my-shop", nginx: 3 });
    await page.close();
  });

  it("a competition set up with a file gives its teams that scenario", async ({ onTestFailed }) => {
    const setup = await openGame(browser, server.url);
    onTestFailed(async () => void (await screenshot(setup, "scenario-upload-event")));
    await waitFor(setup, () => window.__reconcile.scenes().includes("Menu"), "the Menu");
    await clickTarget(setup, "button", "run-event");
    await waitForScene(setup, "EventSetup");
    const [chooser] = await Promise.all([
      setup.waitForEvent("filechooser"),
      clickTarget(setup, "button", "setup-scenario-file"),
    ]);
    await chooser.setFiles({
      name: "my-shop.yaml",
      mimeType: "application/yaml",
      buffer: Buffer.from(MY_SHOP),
    });
    await waitFor(
      setup,
      () => window.__reconcile.texts().some((t) => t.includes("my-shop (from my-shop.yaml)")),
      "the loaded file",
    );
    await setup.fill("input[name=event-name]", "Dojo");
    await setup.fill("input[name=event-teams]", "2");
    await clickTarget(setup, "button", "setup-create");
    await waitForScene(setup, "Facilitator");
    await setup.waitForFunction(() => window.__reconcile.eventConsole()?.teams.length === 2, undefined, {
      timeout: 15_000,
    });
    const code = await setup.evaluate(() => window.__reconcile.eventConsole()!.code);
    const events = (await (await fetch(`${server.url}/api/events`)).json()) as {
      events: { code: string; scenario: string }[];
    };
    expect(events.events.find((e) => e.code === code)?.scenario).toBe("my-shop");
    await setup.close();
  });
});
