/**
 * The booth service over a real (in-memory) results store, its clock set by the test:
 * every way a claim is refused (with a coded sentence, nothing stored), the day boundary
 * moving with the booth's time zone, settings refused whole, names set once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_BOOTH_SETTINGS, boothMatchOptions, type BoothSettings } from "../../../shared/booth";
import { Match, type MatchOptions } from "../../../shared/match";
import type { Role } from "../../../shared/sim";
import { BoothService } from "../../../server/booth/service";
import { playersOf, resultOf } from "../../../server/results/records";
import { openSqliteStore, type SqliteResultsStore } from "../../../server/store/sqlite";
import { newMatchId } from "../../../server/store";

let store: SqliteResultsStore;
let now = Date.UTC(2026, 10, 25, 15, 0);
let service: BoothService;

beforeEach(async () => {
  store = await openSqliteStore(":memory:");
  now = Date.UTC(2026, 10, 25, 15, 0);
  service = new BoothService({ results: () => store, now: () => now });
});
afterEach(async () => {
  await store.close();
});

/** Plays a match to its end and stores it as the room's recorder would; returns its id. */
async function recorded(
  options: MatchOptions,
  seats: { name: string; role: Role | "" }[],
  act?: (m: Match) => void,
): Promise<string> {
  const m = new Match(options);
  seats.forEach((s, i) => m.join(`s${i}`, { name: s.name, role: s.role }));
  m.start();
  while (m.phase === "running") {
    act?.(m);
    m.tick();
  }
  const id = newMatchId();
  const players = playersOf(
    m.seats.all().map((s) => ({ name: s.name, actor: s.actor, role: s.role, isBot: s.isBot })),
    m.world,
  );
  await store.beginMatch({ id, code: "ABCD", round: 1, options, startedAt: now - 20_000, players });
  await store.appendLog(id, m.log.ticks, m.world.tick);
  await store.finishMatch(id, {
    endedAt: now,
    lastTick: m.log.end!.tick,
    stateHash: m.log.end!.stateHash,
    players,
    result: resultOf(m.world, options.durationSeconds, false),
  });
  return id;
}

async function settle(patch: Partial<BoothSettings>): Promise<BoothSettings> {
  const r = await service.updateSettings(patch);
  if (!r.ok) throw new Error(r.error);
  return r.value.settings;
}

const refusal = (a: { ok: boolean; status?: number; error?: string }) =>
  a.ok ? "accepted" : `${a.status} ${a.error}`;

describe("booth claims", () => {
  it("stores a real booth round once, with the stored result", async () => {
    const s = await settle({ durationSeconds: 10, role: "scheduler" });
    const id = await recorded(boothMatchOptions(s, 3), [{ name: "Ada", role: "scheduler" }]);
    const r = await service.claim({ roundId: "round-aaaa", matchId: id });
    expect(r).toMatchObject({
      ok: true,
      value: { created: true, rankToday: 1, entry: { matchId: id, day: "2026-11-25" } },
    });
    expect(await service.claim({ roundId: "round-aaaa", matchId: id })).toMatchObject({
      ok: true,
      value: { created: false },
    });
  });

  it("keeps a round the operator changed the settings under: it is judged by the settings it started with", async () => {
    const before = await settle({ durationSeconds: 10, role: "choice" });
    // a visitor picks the workload controller and plays; meanwhile the operator offers the scheduler only
    const id = await recorded(boothMatchOptions(before, 3), [{ name: "Ada", role: "workload-controller" }]);
    now -= 5_000;
    await settle({ role: "scheduler", durationSeconds: 60 });
    now += 5_000;
    expect(refusal(await service.claim({ roundId: "round-mid-change", matchId: id }))).toBe("accepted");
    // a round started after the change must run the new settings
    now += 60_000;
    const late = await recorded(boothMatchOptions(before, 4), [{ name: "Bob", role: "workload-controller" }]);
    expect(refusal(await service.claim({ roundId: "round-after-change", matchId: late }))).toMatch(
      /^409 WRONG_ROLE/,
    );
  });

  it("refuses what is not a booth round, storing nothing", async () => {
    const s = await settle({ durationSeconds: 10, role: "scheduler" });
    const booth = boothMatchOptions(s, 3);
    const cases: [string, Promise<string>, RegExp][] = [
      [
        "two players",
        recorded(booth, [
          { name: "Ada", role: "scheduler" },
          { name: "Bob", role: "service-controller" },
        ]),
        /NOT_SOLO/,
      ],
      ["the wrong role", recorded(booth, [{ name: "Ada", role: "service-controller" }]), /WRONG_ROLE/],
      [
        "another length",
        recorded({ ...booth, durationSeconds: 12 }, [{ name: "Ada", role: "scheduler" }]),
        /NOT_A_BOOTH_ROUND.*durationSeconds/,
      ],
      [
        "no chaos",
        recorded({ ...booth, chaos: false }, [{ name: "Ada", role: "scheduler" }]),
        /NOT_A_BOOTH_ROUND.*chaos/,
      ],
      [
        "chaos injected by the host",
        recorded(booth, [{ name: "Ada", role: "scheduler" }], (m) => {
          if (m.world.tick === 5) m.receive("s0", "inject", { type: "pod-kill", target: "shop/tomcat" });
        }),
        /NOT_A_BOOTH_ROUND.*injected/,
      ],
    ];
    for (const [what, id, why] of cases) {
      const r = await service.claim({ roundId: `round-${what.replace(/\W/g, "")}`, matchId: await id });
      expect(refusal(r), what).toMatch(why);
    }
    expect(refusal(await service.claim({ roundId: "round-none", matchId: newMatchId() }))).toMatch(
      /^404 NOT_FOUND/,
    );
    expect(refusal(await service.claim({ roundId: "x", matchId: newMatchId() }))).toMatch(
      /^400 BAD_PAYLOAD: roundId/,
    );
    expect(refusal(await service.claim({ roundId: "round-1234", matchId: "../etc" }))).toMatch(
      /^400 BAD_PAYLOAD: matchId/,
    );
    expect(refusal(await service.claim("nope"))).toMatch(/^400 BAD_PAYLOAD/);
    const board = await service.board("day");
    expect(board.ok && board.value.roundsToday).toBe(0);
  });

  it("refuses a round claimed more than 30 minutes after it ended", async () => {
    const s = await settle({ durationSeconds: 10 });
    const id = await recorded(boothMatchOptions(s, 3), [{ name: "Ada", role: "scheduler" }]);
    now += 31 * 60 * 1000;
    expect(refusal(await service.claim({ roundId: "round-late", matchId: id }))).toMatch(/^409 TOO_LATE/);
  });
});

describe("booth uploads", () => {
  it("sent at once — the same round, and the same log under another id — store one entry, never fail", async () => {
    const s = await settle({ durationSeconds: 10 });
    const m = new Match(boothMatchOptions(s, 99));
    m.join("kiosk", { name: "Zoe", role: "scheduler" });
    m.start();
    while (m.phase === "running") m.tick();
    const upload = (roundId: string) => service.upload({ roundId, role: "scheduler", log: m.log });
    const answers = await Promise.all([upload("round-up-1"), upload("round-up-1"), upload("round-up-2")]);
    expect(answers.map(refusal)).toEqual([
      "accepted",
      "accepted",
      expect.stringMatching(/^409 MATCH_CLAIMED/),
    ]);
    expect(answers.filter((a) => a.ok && a.value.created)).toHaveLength(1);
    const board = await service.board("day");
    expect(board.ok && board.value.roundsToday).toBe(1);
  });
});

describe("the booth's day", () => {
  it("follows the booth's time zone: a round after midnight in Shanghai is on the next day's board", async () => {
    const s = await settle({ durationSeconds: 10, timeZone: "Asia/Shanghai" });
    now = Date.UTC(2026, 10, 25, 15, 30); // 23:30 in Shanghai
    const before = await recorded(boothMatchOptions(s, 1), [{ name: "Ada", role: "scheduler" }]);
    await service.claim({ roundId: "round-before", matchId: before });
    now = Date.UTC(2026, 10, 25, 16, 30); // 00:30 the next day in Shanghai
    const after = await recorded(boothMatchOptions(s, 2), [{ name: "Bob", role: "scheduler" }]);
    const r = await service.claim({ roundId: "round-after", matchId: after });
    expect(r.ok && r.value.entry.day).toBe("2026-11-26");
    const today = await service.board("day");
    expect(today.ok && today.value.top.map((e) => e.roundId)).toEqual(["round-after"]);
    const all = await service.board("all");
    expect(all.ok && all.value.top).toHaveLength(2);
  });
});

describe("booth settings and names", () => {
  it("refuses an unknown time zone and keeps the settings", async () => {
    const r = await service.updateSettings({ timeZone: "Mars/Olympus_Mons", durationSeconds: 60 });
    expect(refusal(r)).toMatch(/^400 BAD_SETTINGS: timeZone/);
    const view = await service.operatorView();
    expect(view.ok && view.value.settings).toEqual(DEFAULT_BOOTH_SETTINGS);
  });

  it("a name is checked against the operator's blocklist", async () => {
    const s = await settle({ durationSeconds: 10, blocklist: ["darn"] });
    const id = await recorded(boothMatchOptions(s, 3), [{ name: "Ada", role: "scheduler" }]);
    await service.claim({ roundId: "round-name", matchId: id });
    expect(refusal(await service.setName("round-name", { name: "D-A-R-N" }))).toMatch(/^400 BAD_NAME/);
    expect(refusal(await service.setName("round-name", { name: "ADA", extra: 1 }))).toMatch(
      /^400 BAD_PAYLOAD/,
    );
    expect(refusal(await service.setName("round-name", { name: "ADA" }))).toBe("accepted");
    expect(refusal(await service.setName("round-name", { name: "EVE" }))).toMatch(/^409 NAME_SET/);
  });
});
