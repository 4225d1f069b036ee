/**
 * The facilitator console's pure parts: the "Run a competition" form's checks and create
 * options, the console and join addresses, how a team's players and warnings read, which
 * moves a phase allows, paging, and the QR code of a join URL.
 */
import { afterEach, describe, expect, it } from "vitest";
import QRCode from "qrcode";
import {
  consoleCodeOf,
  consoleHash,
  joinCodeOf,
  joinHash,
  joinUrl,
} from "../../../client/src/event/consoleRoute";
import {
  TEAMS_PER_PAGE,
  moveAllowed,
  pageOf,
  playerLine,
  standingLine,
  warningLines,
} from "../../../client/src/event/consoleModel";
import { defaultEventForm, eventCreateOptions } from "../../../client/src/event/eventForm";
import { drawQr, qrModules } from "../../../client/src/event/qr";
import { refusalText } from "../../../client/src/event/refusal";
import { toBoardRow } from "../../../shared/competition";
import { setLang } from "../../../client/src/i18n";

afterEach(() => setLang("en"));

describe("the Run a competition form", () => {
  const form = (over: Partial<ReturnType<typeof defaultEventForm>>) => ({
    ...defaultEventForm(),
    name: "Dojo",
    ...over,
  });

  it("builds the event's create options: teams, seconds, seed, the match choices", () => {
    const r = eventCreateOptions(
      form({ teams: "3", minutes: "2.5", seed: "42", chaos: "off", clock: "realistic" }),
    );
    expect(r).toEqual({
      ok: true,
      value: {
        name: "Dojo",
        teams: 3,
        durationSeconds: 150,
        seed: 42,
        scenario: "nmt",
        clock: "realistic",
        difficulty: "standard",
        chaos: false,
      },
    });
  });

  it("a blank seed is left to the server (one random seed for every team); open sign-up asks for 0 teams", () => {
    const r = eventCreateOptions(form({ seed: " ", signup: true, teams: "nonsense" }));
    expect(r.ok && r.value.seed).toBe(undefined);
    expect(r.ok && r.value.teams).toBe(0);
  });

  it("names the wrong field and changes nothing", () => {
    expect(eventCreateOptions(form({ name: "  " }))).toMatchObject({
      ok: false,
      error: "event.form.badName",
    });
    expect(eventCreateOptions(form({ name: "x".repeat(41) }))).toMatchObject({ error: "event.form.badName" });
    for (const teams of ["1", "21", "2.5", "", "-3"])
      expect(eventCreateOptions(form({ teams })), teams).toMatchObject({ error: "event.form.badTeams" });
    for (const minutes of ["0.1", "61", "", "abc"])
      expect(eventCreateOptions(form({ minutes })), minutes).toMatchObject({ error: "event.form.badLength" });
    for (const seed of ["-1", "1e3", "4294967296", "12a"])
      expect(eventCreateOptions(form({ seed })), seed).toMatchObject({ error: "event.form.badSeed" });
    expect(eventCreateOptions(form({ minutes: "0,5" }))).toMatchObject({
      ok: true,
      value: { durationSeconds: 30 },
    });
  });
});

describe("console and join addresses", () => {
  it("round-trip, upper-casing codes, and refuse anything else", () => {
    expect(consoleCodeOf(consoleHash("ab12"))).toBe("AB12");
    expect(joinCodeOf(joinHash("x9k2"))).toBe("X9K2");
    expect(consoleCodeOf("#/event/AB12/board")).toBeUndefined();
    expect(joinCodeOf("#/join/../x")).toBeUndefined();
    expect(joinUrl("X9K2", { origin: "https://game.example", pathname: "/" })).toBe(
      "https://game.example/#/join/X9K2",
    );
  });
});

describe("what a team card says", () => {
  it("lists a player's roles and marks one who is offline", () => {
    expect(playerLine({ name: "Ada", roles: ["scheduler", "service-controller"], connected: true })).toBe(
      "● Ada — Scheduler, Service controller",
    );
    expect(playerLine({ name: "Bob", roles: [], connected: false })).toBe("○ Bob — watching (offline)");
  });

  it("warns once for nobody connected and groups unheld roles by who plays them", () => {
    const lines = warningLines([
      { code: "NOBODY_CONNECTED" },
      { code: "ROLE_UNHELD", role: "scheduler", playedBy: "autopilot" },
      { code: "ROLE_UNHELD", role: "service-controller", playedBy: "autopilot" },
      { code: "ROLE_UNHELD", role: "workload-controller", playedBy: "manual" },
    ]);
    expect(lines).toEqual([
      "⚠ Nobody connected",
      "⚠ Nobody holds Scheduler, Service controller (autopilot plays)",
      "⚠ Nobody holds Workload controller (manual plays)",
    ]);
    setLang("zh");
    expect(warningLines([{ code: "NOBODY_CONNECTED" }])).toEqual(["⚠ 无人在线"]);
  });

  it("allows each clock move only from its phases", () => {
    expect(moveAllowed("lobby", "start")).toBe(true);
    expect(moveAllowed("running", "start")).toBe(false);
    expect(moveAllowed("paused", "resume")).toBe(true);
    expect(moveAllowed("ended", "end")).toBe(false);
  });

  it("pages the teams and clamps the page", () => {
    const teams = Array.from({ length: 20 }, (_, i) => i);
    expect(pageOf(teams, 0).items).toHaveLength(TEAMS_PER_PAGE);
    expect(pageOf(teams, 9)).toEqual({ page: 2, pages: 3, items: [16, 17, 18, 19] });
    expect(pageOf([], 1)).toEqual({ page: 0, pages: 1, items: [] });
  });
});

describe("the board line and refusals", () => {
  it("reads a team's row of the board; nothing before its first board", () => {
    const row = toBoardRow({
      teamId: "AB12",
      rank: 2,
      phase: "running",
      time: 42.7,
      availability: 0.98765,
      errorBudgetRemaining: 0.5,
      mttrSeconds: 3,
      openIncidents: 1,
      actions: 4,
      second: 1,
    });
    const board = { code: "EV01", name: "Dojo", phase: "running" as const, serverTick: 420, rows: [row] };
    expect(standingLine(board, "AB12")).toBe("#2 · Running\n42 s · 98.8 %\nopen incidents: 1");
    expect(standingLine(board, "ZZ99")).toBe("");
    expect(standingLine(undefined, "AB12")).toBe("");
  });

  it("says what a refusal code means, then the server's reason; an unknown code still reads", () => {
    expect(refusalText({ code: "WRONG_PHASE", message: "cannot inject while paused" })).toBe(
      "Not now — cannot inject while paused",
    );
    expect(refusalText({ code: "SOMETHING_NEW", message: "why" })).toBe("Refused — why");
    setLang("zh");
    expect(refusalText({ code: "NAME_TAKEN", message: "x" })).toBe("已有队伍使用这个名字 — x");
    // The facilitator's most common refusal reads in Chinese too; others keep the server's words.
    expect(refusalText({ code: "WRONG_PHASE", message: "cannot inject while paused" })).toBe(
      "现在不行 — 比赛已暂停，不能注入混沌",
    );
    expect(
      refusalText({ code: "WRONG_PHASE", message: "cannot pause while lobby (allowed from: running)" }),
    ).toBe("现在不行 — cannot pause while lobby (allowed from: running)");
  });
});

describe("a join URL's QR code", () => {
  it("has the library's modules, and draws each dark one inside a white quiet zone", () => {
    const url = "https://game.example/#/join/X9K2";
    const qr = qrModules(url);
    const ref = QRCode.create(url, { errorCorrectionLevel: "M" }).modules;
    expect(qr.size).toBe(ref.size);
    let dark = 0;
    for (let r = 0; r < qr.size; r++)
      for (let c = 0; c < qr.size; c++) {
        expect(qr.dark(r, c)).toBe(ref.get(r, c) === 1);
        if (qr.dark(r, c)) dark++;
      }
    // The finder pattern's corner is dark; the quiet zone leaves a white frame.
    expect(qr.dark(0, 0)).toBe(true);
    const rects: [number, number, number, number, number][] = [];
    let fill = 0;
    drawQr(
      { fillStyle: (c: number) => (fill = c), fillRect: (x, y, w, h) => rects.push([fill, x, y, w, h]) },
      qr,
      10,
      20,
      (qr.size + 8) * 4,
    );
    expect(rects[0]).toEqual([0xffffff, 10, 20, (qr.size + 8) * 4, (qr.size + 8) * 4]);
    const squares = rects.slice(1);
    expect(squares).toHaveLength(dark);
    expect(squares.every(([c]) => c === 0)).toBe(true);
    expect(squares[0]!.slice(1, 3)).toEqual([10 + 16, 20 + 16]);
  });
});
