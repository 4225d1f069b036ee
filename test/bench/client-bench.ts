/**
 * Client benchmark: frames per second of the Match scene in headless Chromium (Debian's,
 * with the same flags as the e2e tests — nothing that lifts the 60 Hz frame cap or changes
 * the GPU path) while a chaotic `nmt` match runs on the real server on the same machine,
 * and the gzipped size of the built JavaScript. Targets (issue 5): ≥ 50 fps, ≤ 600 KB.
 *
 * The match is busy on purpose: the bench page holds the scheduler role and binds every
 * Pending pod as soon as it appears, while the host kills a pod of each tier every second,
 * so pods, endpoint lines, DNS rows, the event log and red request dots all change during
 * the measurement. Frames are counted with requestAnimationFrame for 8 s after a 2 s
 * warm-up; `fps` is the median of the per-second frame counts.
 *
 * The game renders with Canvas 2D by default (client/src/main.ts); the same run with
 * `?renderer=webgl` (WebGL through SwiftShader here) is reported as `webgl` for comparison.
 * `BENCH_SCREENSHOT=docs/screenshot.png npm run bench -- --only client` also saves the
 * 1366×768 Match scene as it looks at the end of the measurement.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import {
  buildClientIfNeeded,
  clickTarget,
  launchBrowser,
  openGame,
  ROOT,
  startServer,
  waitFor,
} from "../e2e/helpers";

const WARMUP_MS = 2000;
const SECONDS = 8;

/** Frame figures of one run. */
interface FrameStats {
  renderer: string;
  fps: number;
  fps_mean: number;
  fps_min_second: number;
  frame_ms_p95: number;
  phaser_actual_fps: number;
  seconds: number;
  pods_drawn: number;
  pods_bound_by_bench: number;
  events_seen: number;
}

/** Plays one chaotic match in a fresh page and counts its frames; `shot` saves a screenshot at the end. */
async function measure(browser: Browser, url: string, query: string, shot?: string): Promise<FrameStats> {
  const page = await openGame(browser, url + query);
  try {
    await clickTarget(page, "button", "role-scheduler");
    await clickTarget(page, "button", "create");
    await waitFor(page, () => window.__reconcile.phase() === "lobby", "the lobby");
    await clickTarget(page, "button", "start");
    await waitFor(page, () => window.__reconcile.phase() === "running", "the running match");
    let bound = 0;
    // chaos: kill a pod of each tier every second; the scheduler binds Pending pods at once
    const chaos = setInterval(() => {
      void page
        .evaluate(() => {
          for (const target of ["shop/nginx", "shop/tomcat", "shop/mysql"]) {
            window.__reconcile.inject({ type: "pod-kill", target });
          }
        })
        .catch(() => undefined);
    }, 1000);
    const scheduler = setInterval(() => {
      void page
        .evaluate(() => {
          const r = window.__reconcile;
          // no named inner functions here (see below)
          const load = new Map<string, number>();
          for (const node of r.nodes()) if (node.ready && !node.cordoned) load.set(node.name, 0);
          for (const pod of r.pods()) if (load.has(pod.node)) load.set(pod.node, load.get(pod.node)! + 1);
          let n = 0;
          for (const pod of r.pods()) {
            if (pod.node || pod.phase !== "Pending" || load.size === 0) continue;
            const [node] = [...load.entries()].sort((a, b) => a[1] - b[1])[0]!;
            load.set(node, load.get(node)! + 1);
            r.sendIntent({ type: "bindPod", pod: pod.key, node });
            n++;
          }
          return n;
        })
        .then((n) => (bound += n))
        .catch(() => undefined);
    }, 300);
    await page.waitForTimeout(WARMUP_MS);
    // a string, not a function: tsx would wrap named inner functions in a helper the page lacks
    const frames = (await page.evaluate(`new Promise((resolve) => {
      const times = [];
      const t0 = performance.now();
      const tick = (t) => {
        times.push(t);
        if (t - t0 < ${SECONDS * 1000}) requestAnimationFrame(tick);
        else resolve(times);
      };
      requestAnimationFrame(tick);
    })`)) as number[];
    clearInterval(chaos);
    clearInterval(scheduler);
    if (shot) await page.screenshot({ path: shot });
    const t0 = frames[0]!;
    const span = (frames[frames.length - 1]! - t0) / 1000;
    const perSecond: number[] = [];
    for (let s = 0; s < Math.floor(span); s++)
      perSecond.push(frames.filter((t) => t - t0 >= s * 1000 && t - t0 < (s + 1) * 1000).length);
    const sortedSeconds = [...perSecond].sort((a, b) => a - b);
    const gaps = frames
      .slice(1)
      .map((t, i) => t - frames[i]!)
      .sort((a, b) => a - b);
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      renderer: await page.evaluate(() => window.__reconcile.renderer()),
      fps: sortedSeconds[Math.floor(sortedSeconds.length / 2)] ?? 0,
      fps_mean: round((frames.length - 1) / span),
      fps_min_second: sortedSeconds[0] ?? 0,
      frame_ms_p95: round(gaps[Math.floor(gaps.length * 0.95)] ?? 0),
      phaser_actual_fps: round(await page.evaluate(() => window.__reconcile.fps())),
      seconds: round(span),
      pods_drawn: await page.evaluate(() => window.__reconcile.pods().length),
      pods_bound_by_bench: bound,
      events_seen: await page.evaluate(() => window.__reconcile.view()?.events.length ?? 0),
    };
  } finally {
    await page.close();
  }
}

/** Runs the benchmark; returns fps figures and bundle sizes (nothing is printed). */
export async function benchClient(): Promise<object> {
  await buildClientIfNeeded();
  const dir = path.join(ROOT, "dist/client/assets");
  const js = readdirSync(dir).filter((f) => f.endsWith(".js"));
  let raw = 0;
  let gz = 0;
  for (const f of js) {
    const buf = readFileSync(path.join(dir, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }

  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const main = await measure(browser, server.url, "/", process.env.BENCH_SCREENSHOT);
    const webgl = await measure(browser, server.url, "/?renderer=webgl");
    return {
      ...main,
      fps_target: 50,
      viewport: "1366x768",
      webgl: { renderer: webgl.renderer, fps: webgl.fps, frame_ms_p95: webgl.frame_ms_p95 },
      js_bytes: raw,
      js_gzip_bytes: gz,
      js_gzip_target_bytes: 600 * 1024,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
