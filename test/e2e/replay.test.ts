/**
 * A stored match replayed in Chromium: a live match (bots, two injected faults) is played
 * to its debrief on the real server while a colyseus.js client records, patch after patch,
 * the pods and the stateHash the live match had; then a page opens Menu → Past matches →
 * the match, scrubs to a chaos mark, and reads the pods there (the test hook) — the same
 * pods and stateHash as the stored log replayed through shared/match at that tick, and as
 * the live match at the ticks the client saw; the replay ends on the stored hash (✓).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "colyseus.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import type { MatchSummary } from "../../server/store";
import { replayLog, validateMatchLog, type MatchLog } from "../../shared/match";
import { stateHash } from "../../shared/sim";
import { podsOf } from "../../client/src/replay/worldView";
import {
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

const PORT = 3550;

/** The fields of a pod the test hook reports and the live state carries. */
interface PodSnap {
  key: string;
  name: string;
  node: string;
  podIP: string;
  phase: string;
  ready: boolean;
  reason: string;
  tier: string;
  workload: string;
  terminating: boolean;
}

const snap = (p: PodSnap): PodSnap => ({
  key: p.key,
  name: p.name,
  node: p.node,
  podIP: p.podIP,
  phase: p.phase,
  ready: p.ready,
  reason: p.reason,
  tier: p.tier,
  workload: p.workload,
  terminating: p.terminating,
});
const sorted = (pods: PodSnap[]) => pods.map(snap).sort((a, b) => a.key.localeCompare(b.key));

let server: ServerHandle;
let browser: Browser;
let page: Page | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-replay-"));
  await buildClientIfNeeded();
  server = await startServer({ RECONCILE_DB: join(dir, "results.db"), STATE_HASH: "1" }, PORT);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Plays a bots match to its debrief; returns its code and what the client saw at each tick. */
async function liveMatch(): Promise<{
  code: string;
  seen: Map<number, { hash: string; pods: PodSnap[] }>;
  finalHash: string;
}> {
  const client = new Client(`ws://127.0.0.1:${PORT}`);
  const room = await client.create<MatchState>("match", {
    seed: 21,
    durationSeconds: 14,
    difficulty: "bots",
    name: "Ada",
    role: "",
  });
  const seen = new Map<number, { hash: string; pods: PodSnap[] }>();
  room.onStateChange((s) => {
    if (s.phase !== "running" || !s.stateHash) return;
    seen.set(Math.round(s.time * 10), { hash: s.stateHash, pods: sorted([...s.pods.values()]) });
  });
  const until = async (cond: () => boolean, what: string) => {
    for (const end = Date.now() + 60_000; !cond(); await new Promise((r) => setTimeout(r, 20)))
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  };
  await until(() => room.state.phase === "lobby", "the lobby");
  room.send("start");
  await until(() => room.state.phase === "running" && room.state.time >= 3, "3 game seconds");
  room.send("inject", { type: "pod-kill", target: "shop/tomcat" });
  await until(() => room.state.time >= 7, "7 game seconds");
  room.send("inject", { type: "node-crash", target: "node-1" });
  await until(() => room.state.phase === "debrief", "the debrief");
  const finalHash = room.state.stateHash;
  const code = room.roomId;
  await room.leave();
  return { code, seen, finalHash };
}

describe("replay in the browser", () => {
  it("opens a stored match from Past matches, scrubs to a chaos mark and shows the pods the match had there; ends on the stored hash", async () => {
    const live = await liveMatch();
    expect(live.seen.size).toBeGreaterThan(20);
    const list = (await (await fetch(`${server.url}/api/matches`)).json()) as { matches: MatchSummary[] };
    const stored = list.matches.find((m) => m.code === live.code)!;
    expect(stored).toMatchObject({ status: "finished", stateHash: live.finalHash });
    const log = (await (await fetch(`${server.url}/api/matches/${stored.id}/log`)).json()) as MatchLog;
    expect(validateMatchLog(log).ok).toBe(true);

    try {
      page = await openGame(browser, server.url);
      const errors = collectErrors(page);
      await clickTarget(page, "button", "past");
      await waitForScene(page, "Matches");
      await clickTarget(page, "match-row", "0");
      await waitForScene(page, "Replay");
      expect(new URL(page.url()).hash).toBe(`#/replay/${stored.id}`);
      await waitFor(page, () => window.__reconcile.replay()?.status === "ready", "the replay", 30_000);
      const ready = (await page.evaluate(() => window.__reconcile.replay()))!;
      expect(ready).toMatchObject({
        id: stored.id,
        tick: 0,
        lastTick: 140,
        verified: true,
        finalHash: live.finalHash,
        storedHash: live.finalHash,
      });
      expect((await page.evaluate(() => window.__reconcile.texts())).join("\n")).toContain("✓");

      // Scrub: a real click on the first chaos mark of the timeline.
      const chaos = ready.marks.filter((m) => m.kind === "chaos");
      expect(chaos.map((m) => m.label).join()).toMatch(/tomcat/);
      await clickTarget(page, "mark", "chaos-0");
      await waitFor(page, () => window.__reconcile.replay()?.tick !== 0, "the scrub");
      const at = (await page.evaluate(() => window.__reconcile.replay()))!.tick;
      expect(at).toBe(chaos[0]!.tick);
      const world = replayLog(log, undefined, at);
      expect(await page.evaluate(() => window.__reconcile.replayStateHash())).toBe(stateHash(world));
      const shown = sorted(await page.evaluate(() => window.__reconcile.pods()));
      expect(shown).toEqual(sorted(podsOf(world)));
      expect(shown).not.toEqual(sorted(podsOf(replayLog(log, undefined, 1))));

      // Every tick the live client saw, through the whole match: same pods, same hash.
      const liveTicks = [...live.seen.keys()].sort((a, b) => a - b);
      const replayed = await page.evaluate((ticks) => {
        const out: { tick: number; hash: string; pods: ReturnType<typeof window.__reconcile.pods> }[] = [];
        for (const tick of ticks) {
          window.__reconcile.seekReplay(tick);
          out.push({
            tick: window.__reconcile.replay()!.tick,
            hash: window.__reconcile.replayStateHash(),
            pods: window.__reconcile.pods(),
          });
        }
        return out;
      }, liveTicks);
      expect(replayed.map((r) => r.tick)).toEqual(liveTicks);
      for (const r of replayed) {
        expect(r.hash, `tick ${r.tick}`).toBe(live.seen.get(r.tick)!.hash);
        expect(sorted(r.pods), `tick ${r.tick}`).toEqual(live.seen.get(r.tick)!.pods);
      }
      // The match went through pods being replaced, so the comparison saw more than one steady picture.
      const looks = new Set(replayed.flatMap((r) => r.pods.map((p) => `${p.phase}/${p.ready}/${p.reason}`)));
      expect(looks.size).toBeGreaterThan(2);

      // Play to the end at ×16: the last tick's hash is the stored one.
      await clickTarget(page, "button", "replay-speed-16");
      await clickTarget(page, "button", "replay-play");
      await waitFor(page, () => window.__reconcile.replay()?.tick === 140, "the end of the replay", 30_000);
      expect(await page.evaluate(() => window.__reconcile.replayStateHash())).toBe(live.finalHash);
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "replay");
      throw e;
    }
  }, 180_000);

  it("says so when a replay link names no stored match", async () => {
    const p = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await p.goto(`${server.url}/#/replay/AAAAAAAAAAAA`);
      await waitFor(p, () => window.__reconcile?.replay()?.status === "error", "the error", 30_000);
      expect((await p.evaluate(() => window.__reconcile.replay()))!.error).toMatch(/AAAAAAAAAAAA/);
    } catch (e) {
      await screenshot(p, "replay-missing");
      throw e;
    } finally {
      await p.close();
    }
  });
});
