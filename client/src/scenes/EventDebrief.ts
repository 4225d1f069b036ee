import Phaser from "phaser";
import type {
  ChaosMark,
  DebriefIncident,
  DebriefTeam,
  EventDebrief as Debrief,
} from "../../../shared/competition/debrief";
import { compareTeamNames } from "../event/boardModel";
import { cssColor, formatClock, teamColor, timeSpan } from "../event/chartLayout";
import { NONE, hasCjk, percent, seconds } from "../event/format";
import { flow } from "../flow";
import { isMessageKey, onLangChange, t, type MessageKey } from "../i18n";
import { eventExportUrl, fetchEventDebrief, type ExportFormat } from "../net/eventResults";
import { ResultsError } from "../net/results";
import { clearTargets } from "../session";
import { COLORS, HEIGHT, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { isRunning, onShutdown, windowListener } from "../ui/lifecycle";
import { fitText } from "../ui/text";
import { AvailabilityChart } from "../views/AvailabilityChart";

/** What the test hook reads of the cross-team debrief. */
export interface EventDebriefState {
  code: string;
  status: "loading" | "ready" | "notFound" | "error";
  error: string;
  /** Team names, best first. */
  teams: string[];
  incidents: number;
  /** The download addresses the buttons open. */
  csvUrl: string;
  jsonUrl: string;
  /** Lines on the chart and the camera's scroll limit (content taller than the screen scrolls). */
  chartLines: number;
  scrollMax: number;
}

const LEFT = 24;
const RIGHT = WIDTH - 24;
/** Narrowest team column of the recovery table ("not recovered" fits). */
const MIN_CELL = 120;
/** Pixels one wheel notch or arrow key scrolls. */
const SCROLL_STEP = 60;

/** A role's name in the current language ("—" for none). */
function roleName(role: string): string {
  const key = `role.${role}`;
  return role && isMessageKey(key) ? t(key) : NONE;
}

/**
 * The cross-team debrief of a competition (`#/event/<code>/debrief`), from the stored
 * results (`GET /api/events/<code>`): the final ranking, every team's availability per
 * second on one chart with the chaos marks, per chaos event which team recovered in how
 * long and what the fastest team did (player, intent, kubectl), and each team's points per
 * player; buttons download the whole event as CSV or JSON. Taller than a screen: it scrolls.
 */
export class EventDebrief extends Phaser.Scene {
  private code = "";
  private status: EventDebriefState["status"] = "loading";
  private error = "";
  private result: Debrief | undefined;
  private body!: Phaser.GameObjects.Container;
  private chart: AvailabilityChart | undefined;
  private buttons: Button[] = [];
  private contentH = HEIGHT;

  constructor() {
    super("EventDebrief");
  }

  /** Builds the buttons and loads the stored debrief. */
  create(): void {
    this.code = flow().eventCode;
    this.status = "loading";
    this.error = "";
    this.result = undefined;
    this.chart = undefined;
    this.contentH = HEIGHT;
    this.cameras.main.setBackgroundColor(COLORS.bg).setScroll(0, 0);
    this.body = this.add.container(0, 0);
    const fixed = (x: number, key: MessageKey, onClick: () => void, id: string) => {
      const b = new Button(this, x, 34, t(key), onClick, { width: 120, height: 40, size: 16, id });
      b.setScrollFactor(0).setDepth(10);
      return b;
    };
    // the buttons stay put while the page scrolls: a band of background keeps the content from showing through them
    this.add
      .rectangle(RIGHT - 410, 0, WIDTH - (RIGHT - 410), 66, COLORS.bg)
      .setOrigin(0, 0)
      .setScrollFactor(0)
      .setDepth(9);
    this.buttons = [
      fixed(RIGHT - 330, "eventDebrief.csv", () => this.download("csv"), "event-csv"),
      fixed(RIGHT - 195, "eventDebrief.json", () => this.download("json"), "event-json"),
      fixed(RIGHT - 60, "eventDebrief.board", () => flow().eventPage(this.code, "board"), "event-board"),
    ];
    this.input.on("wheel", (_p: unknown, _o: unknown, _dx: number, dy: number) => this.scrollBy(dy));
    windowListener(this, "keydown", (e) => {
      if (e.key === "Escape") flow().closeEvent();
      else if (e.key === "ArrowDown") this.scrollBy(SCROLL_STEP);
      else if (e.key === "ArrowUp") this.scrollBy(-SCROLL_STEP);
      else if (e.key === "PageDown" || e.key === " ") this.scrollBy(HEIGHT - 100);
      else if (e.key === "PageUp") this.scrollBy(-(HEIGHT - 100));
    });
    onShutdown(
      this,
      onLangChange(() => this.render()),
      () => {
        this.chart?.destroy();
        this.chart = undefined;
        clearTargets();
      },
    );
    this.render();
    void this.fetchResult();
  }

  /** The debrief's state for the test hook. */
  debriefState(): EventDebriefState {
    return {
      code: this.code,
      status: this.status,
      error: this.error,
      teams: this.result?.teams.map((team) => team.name) ?? [],
      incidents: this.result?.incidents.length ?? 0,
      csvUrl: eventExportUrl(this.code, "csv"),
      jsonUrl: eventExportUrl(this.code, "json"),
      chartLines: this.chart?.drawn().lines.length ?? 0,
      scrollMax: Math.max(0, this.contentH - HEIGHT),
    };
  }

  private async fetchResult(): Promise<void> {
    try {
      const d = await fetchEventDebrief(this.code);
      if (!isRunning(this)) return;
      this.result = d;
      this.status = "ready";
    } catch (e) {
      if (!isRunning(this)) return;
      if (e instanceof ResultsError && e.status === 404) this.status = "notFound";
      else {
        this.status = "error";
        this.error =
          e instanceof ResultsError && e.status === 0
            ? t("menu.error.offline")
            : String(e instanceof Error ? e.message : e);
      }
    }
    this.render();
  }

  /** Saves the event's results as a file (the server names it; a link with `download` keeps the page open). */
  private download(format: ExportFormat): void {
    const a = document.createElement("a");
    a.href = eventExportUrl(this.code, format);
    a.download = `event-${this.code}.${format}`;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  private scrollBy(dy: number): void {
    const cam = this.cameras.main;
    cam.setScroll(0, Math.min(Math.max(cam.scrollY + dy, 0), Math.max(0, this.contentH - HEIGHT)));
  }

  private text(x: number, y: number, s: string, size: number, color: string = COLORS.text, bold = false) {
    const txt = this.add.text(x, y, s, textStyle(size, color, false, bold));
    this.body.add(txt);
    return txt;
  }

  private render(): void {
    this.body.removeAll(true);
    this.chart?.destroy();
    this.chart = undefined;
    const d = this.result;
    const downloadable = this.status === "ready";
    this.buttons[0]!.setLabel(t("eventDebrief.csv")).setVisible(downloadable);
    this.buttons[1]!.setLabel(t("eventDebrief.json")).setVisible(downloadable);
    this.buttons[2]!.setLabel(t("eventDebrief.board"));
    if (!d) {
      const msg =
        this.status === "loading"
          ? t("eventDebrief.loading", { code: this.code })
          : this.status === "notFound"
            ? t("eventDebrief.notFound", { code: this.code })
            : t("eventDebrief.error", { reason: this.error });
      this.text(LEFT, 24, t("eventDebrief.title", { name: this.code }), 32, COLORS.text, true);
      this.text(
        WIDTH / 2,
        HEIGHT / 2,
        msg,
        24,
        this.status === "loading" ? COLORS.dim : COLORS.warnS,
      ).setOrigin(0.5);
      this.contentH = HEIGHT;
      return;
    }
    const title = this.text(LEFT, 14, "", 32, COLORS.text, true);
    fitText(title, t("eventDebrief.title", { name: d.event.name }), RIGHT - 420 - LEFT);
    this.text(
      LEFT,
      60,
      t("eventDebrief.summary", {
        code: d.event.code,
        scenario: d.event.scenario,
        seed: d.event.options.seed,
        teams: d.teams.length,
        outcome: t(`eventDebrief.outcome.${d.event.outcome}` as MessageKey),
      }),
      17,
      COLORS.dim,
    );
    // the board's colours: teams in name order
    const named = [...d.teams].sort((a, b) => compareTeamNames(a.name, b.name));
    const colour = new Map(named.map((team, i) => [team.teamId, teamColor(i)]));
    const rankingBottom = this.ranking(d.teams, colour, 104);
    this.text(700, 104, t("eventDebrief.chart"), 17, COLORS.text, true);
    this.chart = new AvailabilityChart(this, { x: 700, y: 132, w: RIGHT - 700, h: 340 }, 15, this.body);
    const byId = new Map(d.availability.map((a) => [a.teamId, a.perSecond]));
    // Second s covers [s, s+1): 120 values span 2:00, so the axis ends on the round's last tick.
    const longest = Math.max(0, ...d.availability.map((a) => a.perSecond.length));
    this.chart.draw({
      lines: named.map((team) => ({
        name: team.name,
        color: colour.get(team.teamId)!,
        points: (byId.get(team.teamId) ?? []).map((v, s) => ({ t: s, v })),
      })),
      marks: d.chaos.map((c) => ({ at: c.at, label: this.markLabel(d, c) })),
      // what was played (an event ended early does not leave an empty half chart)
      span: timeSpan(longest, longest),
    });
    let y = Math.max(rankingBottom, 132 + 340) + 30;
    y = this.incidents(d, colour, y);
    y = this.points(d.teams, colour, y + 24);
    this.contentH = y + 40;
    this.scrollBy(0);
  }

  /** A chaos mark's label: its type, and the teams it hit when it did not hit them all (as on the board). */
  private markLabel(d: Debrief, c: ChaosMark): string {
    if (c.teams.length >= d.teams.length) return c.type;
    const names = c.teams.map((id) => d.teams.find((team) => team.teamId === id)?.name ?? id);
    return `${c.type} → ${names.join(", ")}`;
  }

  /** The final ranking table; returns its bottom. */
  private ranking(teams: DebriefTeam[], colour: Map<string, number>, y: number): number {
    this.text(LEFT, y, t("eventDebrief.ranking"), 17, COLORS.text, true);
    const cols: [MessageKey, number][] = [
      ["board.col.availability", 340],
      ["board.col.budget", 430],
      ["board.col.mttr", 520],
      ["board.col.open", 590],
      ["board.col.actions", 660],
    ];
    // headings share a baseline and wrap onto two lines within their column
    const hy = y + 30;
    const base = hy + 36;
    this.text(60, base, t("board.col.rank"), 14, COLORS.dim, true).setOrigin(1, 1);
    this.text(80, base, t("board.col.team"), 14, COLORS.dim, true).setOrigin(0, 1);
    cols.forEach(([key, right], i) => {
      const width = right - (i === 0 ? 250 : cols[i - 1]![1]) - 8;
      this.text(right, base, t(key), 14, COLORS.dim, true)
        .setWordWrapWidth(width, hasCjk(t(key)))
        .setAlign("right")
        .setOrigin(1, 1);
    });
    const g = this.add.graphics();
    this.body.add(g);
    const rowH = 34;
    teams.forEach((team, i) => {
      const ry = base + 6 + i * rowH;
      const cy = ry + rowH / 2;
      if (i % 2 === 0) g.fillStyle(COLORS.panel, 1).fillRect(LEFT, ry, 660 - LEFT + 8, rowH - 2);
      g.fillStyle(colour.get(team.teamId)!, 1).fillRect(66, ry + 4, 6, rowH - 10);
      const played = team.availability !== null;
      const cells = [
        percent(team.availability),
        percent(team.errorBudgetRemaining === null ? null : Math.max(0, team.errorBudgetRemaining), 0),
        seconds(team.mttrSeconds),
        played ? String(team.openIncidents) : NONE,
        played ? String(team.actions) : NONE,
      ];
      this.text(60, cy, team.rank === null ? NONE : String(team.rank), 20, COLORS.text, true).setOrigin(
        1,
        0.5,
      );
      const name = this.text(80, cy, "", 20, cssColor(colour.get(team.teamId)!), true).setOrigin(0, 0.5);
      fitText(name, played ? team.name : `${team.name} (${t("eventDebrief.never")})`, 170);
      cells.forEach((c, j) => this.text(cols[j]![1], cy, c, 20).setOrigin(1, 0.5));
    });
    return base + 6 + teams.length * rowH;
  }

  /** Per chaos event, each team's recovery, and what the best team did; returns the bottom. */
  private incidents(d: Debrief, colour: Map<string, number>, y: number): number {
    this.text(LEFT, y, t("eventDebrief.incidents"), 17, COLORS.text, true);
    y += 30;
    if (d.incidents.length === 0) {
      this.text(LEFT, y, t("eventDebrief.noIncidents"), 17, COLORS.dim);
      return y + 30;
    }
    // Many teams do not fit one row: the table repeats for each group of teams that does.
    const first = 360;
    const perGroup = Math.max(1, Math.floor((RIGHT - first) / MIN_CELL));
    const groups = Math.ceil(d.teams.length / perGroup);
    const cellW = Math.floor((RIGHT - first) / Math.min(perGroup, d.teams.length));
    const size = cellW >= 120 ? 17 : 15;
    const g = this.add.graphics();
    this.body.add(g);
    for (let k = 0; k < groups; k++) {
      const teams = d.teams.slice(k * perGroup, (k + 1) * perGroup);
      teams.forEach((team, j) => {
        const name = this.text(first + j * cellW, y, "", 15, cssColor(colour.get(team.teamId)!), true);
        fitText(name, team.name, cellW - 10);
      });
      y += 26;
      for (const inc of d.incidents) {
        g.fillStyle(COLORS.panel, 1).fillRect(LEFT, y - 4, RIGHT - LEFT, 28);
        const label = t("eventDebrief.incident", {
          n: inc.index,
          time: formatClock(inc.at),
          cause: inc.cause,
        });
        fitText(this.text(LEFT + 8, y, "", size), label, first - LEFT - 16);
        teams.forEach((team, j) => {
          const [s, c, best] = this.cell(inc, team.teamId);
          fitText(this.text(first + j * cellW, y, "", size, c, best), best ? `★ ${s}` : s, cellW - 10);
        });
        y += 32;
      }
      y += 14;
    }
    this.text(LEFT, y, t("eventDebrief.bestTitle"), 17, COLORS.text, true);
    y += 30;
    for (const inc of d.incidents) {
      const line = this.text(
        LEFT + 8,
        y,
        `#${inc.index} ${inc.cause} · ${this.bestLine(inc)}`,
        15,
        COLORS.text,
      );
      line.setWordWrapWidth(RIGHT - LEFT - 16, true);
      y += line.height + 8;
    }
    return y;
  }

  /** One team's cell for one incident: its text, colour, and whether it was the fastest. */
  private cell(inc: DebriefIncident, teamId: string): [string, string, boolean] {
    const row = inc.rows.find((r) => r.teamId === teamId);
    const best = inc.best?.teamId === teamId;
    if (!row || row.outcome === "not affected") return [t("eventDebrief.notAffected"), COLORS.dim, false];
    if (row.outcome === "not recovered") return [t("eventDebrief.notRecovered"), COLORS.badS, false];
    return [t("eventDebrief.recovered", { secs: (row.recoveredAfter ?? 0).toFixed(1) }), COLORS.okS, best];
  }

  /** "What the best team did" for one incident. */
  private bestLine(inc: DebriefIncident): string {
    const b = inc.best;
    if (!b) return t("eventDebrief.noBest");
    const secs = b.recoveredAfter.toFixed(1);
    if (!b.move) return t("eventDebrief.bestAuto", { team: b.teamName, secs });
    return t("eventDebrief.best", {
      team: b.teamName,
      secs,
      player: b.move.player,
      role: roleName(b.move.role),
      kubectl: b.move.kubectl || b.move.intent.type,
    });
  }

  /** Each team's players with their points, in blocks of three columns; returns the bottom. */
  private points(teams: DebriefTeam[], colour: Map<string, number>, y: number): number {
    this.text(LEFT, y, t("eventDebrief.points"), 17, COLORS.text, true);
    y += 30;
    const colW = Math.floor((RIGHT - LEFT) / 3);
    let rowTop = y;
    let rowBottom = y;
    teams.forEach((team, i) => {
      if (i % 3 === 0) rowTop = rowBottom;
      const x = LEFT + (i % 3) * colW;
      let by = rowTop;
      fitText(this.text(x, by, "", 17, cssColor(colour.get(team.teamId)!), true), team.name, colW - 16);
      by += 26;
      for (const p of team.players) {
        // a bot is named after its role: say the role once
        const who = p.isBot
          ? `${roleName(p.role)} (${t("eventDebrief.bot")})`
          : `${p.name} · ${roleName(p.role)}`;
        const judged = t("debrief.judged", { restored: p.restored, broke: p.broke });
        const line = `${String(p.points).padStart(5)}  ${who} · ${judged}`;
        fitText(this.text(x, by, "", 14, p.isBot ? COLORS.dim : COLORS.text), line, colW - 16);
        by += 22;
      }
      if (team.players.length === 0) {
        this.text(x, by, NONE, 14, COLORS.dim);
        by += 22;
      }
      rowBottom = Math.max(rowBottom, by + 14);
    });
    return rowBottom;
  }
}
