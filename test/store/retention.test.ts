/**
 * Retention soak: a month of days, each a server start (which prunes matches past the
 * retention) followed by a day's matches written as the recorder writes them (begin, the
 * log once per game second, finish). With pruning the file stops growing once the
 * retention window is full; the same month without pruning keeps growing.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Match } from "../../shared/match";
import { startResults } from "../../server/results/service";
import { newMatchId, type ResultRecord } from "../../server/store";
import { readStoreSettings } from "../../server/store/settings";
import { options } from "../match/fixtures";

const DAY_MS = 24 * 3600 * 1000;
const DAYS = 24;
const RETENTION_DAYS = 4;
const MATCHES_PER_DAY = 8;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-soak-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 60-second bots match: its log, as the recorder would append it. */
function playedLog() {
  const m = new Match(options({ difficulty: "bots", durationSeconds: 60, seed: 9 }));
  m.join("a", { name: "Ada", role: "" });
  m.start();
  for (let i = 0; m.phase === "running"; i++) {
    if (i % 150 === 20) m.inject("Ada", "pod-kill", "shop/tomcat");
    m.tick();
  }
  return m.log;
}

const RESULT: ResultRecord = {
  partial: false,
  time: 60,
  availability: { overall: 0.98, nginx: 0.99, tomcat: 0.98, mysql: 1 },
  errorBudget: 0.5,
  sloMet: false,
  teamPoints: 9000,
  mttr: 3,
  requests: 1200,
  ok: 1176,
  incidents: [],
};

/** Runs the month on `file`; returns the file's size (bytes) at the end of each day and the matches kept. */
async function month(file: string, retentionDays: number): Promise<{ sizes: number[]; kept: number }> {
  const log = playedLog();
  const sizes: number[] = [];
  let kept = 0;
  for (let day = 0; day < DAYS; day++) {
    const now = (day + 1) * DAY_MS;
    const settings = {
      ...readStoreSettings({ RECONCILE_DB: file }),
      retentionDays,
    };
    const { store } = await startResults(settings, now);
    for (let n = 0; n < MATCHES_PER_DAY; n++) {
      const id = newMatchId();
      await store.beginMatch({
        id,
        code: "TN9U",
        round: n + 1,
        options: log.options,
        startedAt: now + n,
        players: [],
      });
      for (let second = 1; second <= 60; second++) {
        const ticks = log.ticks.filter((t) => t.tick > (second - 1) * 10 && t.tick <= second * 10);
        await store.appendLog(id, ticks, second * 10);
      }
      await store.finishMatch(id, {
        endedAt: now + n + 1,
        lastTick: 600,
        stateHash: log.end!.stateHash,
        players: [],
        result: RESULT,
      });
    }
    kept = (await store.listMatches({ limit: 1, offset: 0 })).total;
    await store.close();
    sizes.push(statSync(file).size);
  }
  return { sizes, kept };
}

describe("retention", () => {
  it("keeps the file from growing without bound: flat once the window is full, unlike without pruning", async () => {
    const pruned = await month(join(dir, "pruned.db"), RETENTION_DAYS);
    // Matches that started within the retention window (and today's) are kept; older ones are gone.
    expect(pruned.kept).toBe((RETENTION_DAYS + 1) * MATCHES_PER_DAY);
    const full = pruned.sizes[RETENTION_DAYS * 2]!;
    const last = pruned.sizes.at(-1)!;
    expect(last).toBeLessThanOrEqual(full * 1.1);

    const unpruned = await month(join(dir, "unpruned.db"), 10_000);
    expect(unpruned.kept).toBe(DAYS * MATCHES_PER_DAY);
    expect(unpruned.sizes.at(-1)!).toBeGreaterThan(last * 3);
  }, 120_000);
});
