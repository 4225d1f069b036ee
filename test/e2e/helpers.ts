/**
 * End-to-end harness: builds the client once, starts the REAL match server
 * (`tsx server/index.ts`) on a free port, and drives Debian's Chromium with playwright-core.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** Where failure screenshots go. */
export const RESULTS = path.join(ROOT, "test-results");
/** Chromium flags that work on these machines (STACK.md). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--enable-unsafe-swiftshader",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
/** Debian's Chromium. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const out = path.join(ROOT, "dist/client/index.html");
  if (!existsSync(out)) return false;
  const src = Math.max(
    newestMtime(path.join(ROOT, "client")),
    newestMtime(path.join(ROOT, "assets")),
    newestMtime(path.join(ROOT, "shared")),
  );
  return statSync(out).mtimeMs > src;
}

/**
 * Runs `npm run build` unless dist/client is newer than every client, asset and shared
 * source. Suites run in parallel, so one builds under a lock directory and the others wait.
 */
export async function buildClientIfNeeded(): Promise<void> {
  const lock = path.join(ROOT, "dist/.client-build-lock");
  mkdirSync(path.join(ROOT, "dist"), { recursive: true });
  for (const deadline = Date.now() + 180_000; ;) {
    if (isFresh()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`stale build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (isFresh()) return;
    const r = spawnSync("npm", ["run", "build"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    if (r.status !== 0) throw new Error(`client build failed:\n${r.stdout}\n${r.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A free TCP port on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const addr = s.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** A running match server. */
export interface ServerHandle {
  url: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the real server (`tsx server/index.ts`) and waits for /__healthcheck. Its results
 * stay in memory unless `env.RECONCILE_DB` names a file (tests never write into `data/`).
 */
export async function startServer(env: Record<string, string> = {}, port?: number): Promise<ServerHandle> {
  port ??= await freePort();
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  const proc = spawn(tsx, ["server/index.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), NODE_ENV: "production", RECONCILE_DB: ":memory:", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  proc.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${url}/__healthcheck`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`server did not answer /__healthcheck within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    proc,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
        setTimeout(() => proc.kill("SIGKILL"), 5000).unref();
      }),
  };
}

/** Launches Debian's Chromium with the flags that work here (playwright gives every launch a fresh temporary profile). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`apt-get update && apt-get install -y chromium\``);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens the game at 1366×768 and waits for the Menu scene. */
export async function openGame(
  browser: Browser,
  url: string,
  size = { width: 1366, height: 768 },
): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  page.on("pageerror", (e) => console.error(`[page error] ${e.message}`));
  await page.goto(url);
  // The first load parses the whole bundle: slow on a loaded 2-core machine, hence 60 s.
  await waitFor(page, () => window.__reconcile?.scenes().includes("Menu") ?? false, "the Menu scene", 60_000);
  return page;
}

/** Polls a predicate in the page until it is true. */
export async function waitFor(
  page: Page,
  fn: () => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  try {
    await page.waitForFunction(fn, undefined, { timeout: timeoutMs, polling: 50 });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
  }
}

/** Clicks a registered on-screen target (button, pod, node…) with real mouse events. */
export async function clickTarget(page: Page, kind: string, key: string): Promise<void> {
  const pos = await onScreen(page, kind, key);
  await page.mouse.click(pos.x, pos.y);
}

/**
 * Where a target is drawn, waiting for it: the view model can hold a new pod a frame or
 * two before the scene has drawn it, more so on a loaded machine.
 */
export async function onScreen(
  page: Page,
  kind: string,
  key: string,
  timeoutMs = 10_000,
): Promise<{ x: number; y: number }> {
  try {
    const handle = await page.waitForFunction(
      ([k, id]) => window.__reconcile.screenPositionOf(k!, id!) ?? false,
      [kind, key],
      { timeout: timeoutMs, polling: 50 },
    );
    return (await handle.jsonValue()) as { x: number; y: number };
  } catch {
    throw new Error(`${kind} "${key}" is not on screen after ${timeoutMs} ms`);
  }
}

/** Drags from one on-screen target to another with real mouse events. */
export async function dragTarget(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  const a = await onScreen(page, from[0], from[1]);
  const b = await onScreen(page, to[0], to[1]);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(a.x + ((b.x - a.x) * i) / 12, a.y + ((b.y - a.y) * i) / 12);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

/** Saves a screenshot under test-results/ (called when a test fails). */
export async function screenshot(page: Page | undefined, name: string): Promise<string | undefined> {
  if (!page || page.isClosed()) return undefined;
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name.replace(/[^a-z0-9-]+/gi, "_")}.png`);
  await page.screenshot({ path: file }).catch(() => undefined);
  return file;
}

/**
 * Collects what a page reports as broken: uncaught exceptions (`pageerror`) and console
 * errors. Returns the live list; a test asserts it stays empty.
 */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  return errors;
}

/** Every visible Text of the page's active scenes, joined by newlines. */
export async function visibleText(page: Page): Promise<string> {
  return (await page.evaluate(() => window.__reconcile.texts())).join("\n");
}

/** Waits until the page shows exactly this one scene (the flow stops every other). */
export async function waitForScene(page: Page, scene: string, timeoutMs = 15_000): Promise<void> {
  try {
    await page.waitForFunction((s) => window.__reconcile?.scenes().join() === s, scene, {
      timeout: timeoutMs,
      polling: 50,
    });
  } catch {
    const shown = await page.evaluate(() => window.__reconcile?.scenes().join()).catch(() => "?");
    throw new Error(`timed out waiting for the ${scene} scene (showing: ${shown})`);
  }
}
