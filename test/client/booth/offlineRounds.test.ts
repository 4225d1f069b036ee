/**
 * Offline rounds wait in localStorage until the server has them: stored ones leave the
 * queue, a refusal for good drops the round with its reason, an unreachable server keeps
 * the rest for the next try, and initials entered later replace the kept round.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { RoundStored, RoundUpload } from "../../../shared/booth";
import { BoothApiError } from "../../../client/src/booth/api";
import { flushRounds, keepRound, pendingRounds } from "../../../client/src/booth/offlineRounds";
import { boothRouteOf } from "../../../client/src/booth/route";

/** A Storage in memory (vitest runs these in node). */
class MemoryStorage {
  private data = new Map<string, string>();
  getItem(k: string): string | null {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.data.set(k, v);
  }
  removeItem(k: string): void {
    this.data.delete(k);
  }
}

const upload = (roundId: string, name?: string): RoundUpload =>
  ({ roundId, role: "scheduler", log: { format: 1 }, ...(name ? { name } : {}) }) as unknown as RoundUpload;

const stored = (u: RoundUpload): RoundStored =>
  ({ entry: { roundId: u.roundId }, rankToday: 1, created: true }) as unknown as RoundStored;

beforeEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
});

describe("offline rounds", () => {
  it("keeps rounds in order and replaces one whose initials came later", () => {
    keepRound(upload("round-aaaa"));
    keepRound(upload("round-bbbb"));
    keepRound(upload("round-aaaa", "ADA"));
    expect(pendingRounds().map((u) => [u.roundId, u.name])).toEqual([
      ["round-bbbb", undefined],
      ["round-aaaa", "ADA"],
    ]);
  });

  it("drops what the server stored and keeps the rest while it is unreachable", async () => {
    keepRound(upload("round-aaaa"));
    keepRound(upload("round-bbbb"));
    keepRound(upload("round-cccc"));
    const sent: string[] = [];
    const report = await flushRounds(async (u) => {
      sent.push(u.roundId);
      if (u.roundId === "round-bbbb") throw new BoothApiError(0, "unreachable");
      return stored(u);
    });
    expect(sent).toEqual(["round-aaaa", "round-bbbb"]);
    expect(report.stored.map((s) => s.entry.roundId)).toEqual(["round-aaaa"]);
    expect(report.waiting).toBe(2);
    expect(pendingRounds().map((u) => u.roundId)).toEqual(["round-bbbb", "round-cccc"]);
  });

  it("drops a round the server refuses for good, with its reason, and goes on", async () => {
    keepRound(upload("round-aaaa"));
    keepRound(upload("round-bbbb"));
    const report = await flushRounds(async (u) => {
      if (u.roundId === "round-aaaa") throw new BoothApiError(400, "BAD_ROUND: not a booth round");
      return stored(u);
    });
    expect(report.refused).toEqual([{ roundId: "round-aaaa", reason: "BAD_ROUND: not a booth round" }]);
    expect(report.stored).toHaveLength(1);
    expect(pendingRounds()).toEqual([]);
  });

  it("keeps a round the server turned away for now (busy, over its rate)", async () => {
    keepRound(upload("round-aaaa"));
    const report = await flushRounds(async () => {
      throw new BoothApiError(429, "RATE_LIMITED: later");
    });
    expect(report.waiting).toBe(1);
    expect(pendingRounds()).toHaveLength(1);
  });
});

describe("booth routes", () => {
  it("names the kiosk and the big screen by hash or query, and nothing else", () => {
    expect(boothRouteOf("#/booth", "")).toBe("kiosk");
    expect(boothRouteOf("#/booth/", "")).toBe("kiosk");
    expect(boothRouteOf("#/booth/screen", "")).toBe("screen");
    expect(boothRouteOf("", "?booth=1")).toBe("kiosk");
    expect(boothRouteOf("", "?booth=screen")).toBe("screen");
    expect(boothRouteOf("#/boothy", "")).toBeUndefined();
    expect(boothRouteOf("#/replay/abc", "?booth=0")).toBeUndefined();
    expect(boothRouteOf("", "")).toBeUndefined();
  });
});
