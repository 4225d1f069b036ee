import Phaser from "phaser";
import { BoardModel, type BoardStanding } from "../event/boardModel";
import { cssColor, formatClock, teamColor, timeSpan, type SeriesPoint } from "../event/chartLayout";
import { NONE, hasCjk, percent, seconds } from "../event/format";
import { flow } from "../flow";
import { getLang, onLangChange, setLang, t, type MessageKey } from "../i18n";
import { BoardConnection } from "../net/boardConnection";
import { fetchEventDebrief } from "../net/eventResults";
import { ResultsError } from "../net/results";
import { clearTargets } from "../session";
import { COLORS, HEIGHT, WIDTH } from "../theme";
import { Button } from "../ui/Button";
import { isRunning, onShutdown, windowListener } from "../ui/lifecycle";
import { TextPool } from "../ui/TextPool";
import { fitText } from "../ui/text";
import { AvailabilityChart } from "../views/AvailabilityChart";

/** Where the board's data stands: joining, live, the stored final board, no such event, or the server unreachable. */
export type BoardStatus = "connecting" | "live" | "stored" | "notFound" | "offline";

/** What the test hook reads of the board. */
export interface BoardState {
  code: string;
  name: string;
  phase: string;
  status: BoardStatus;
  /** The game clock (seconds). */
  clock: number;
  standings: Pick<BoardStanding, "teamId" | "name" | "rank" | "availability" | "openIncidents">[];
  /** Each team's line: the points last drawn and its availability per game second. */
  lines: { teamId: string; name: string; points: number; values: number[] }[];
  /** The chaos labels as last drawn. */
  marks: string[];
  /** Whether the "open the debrief" button shows. */
  debriefButton: boolean;
  /** Data arrived that the screen does not show yet (drawn on the next frame): `lines` and `marks` are the last drawing's. */
  redrawPending: boolean;
}

/** The table's area and columns (design px; right edges for numbers). */
const TABLE = { x: 24, y: 104, bottom: 712, width: 744 } as const;
const COLS = {
  rank: 58,
  bar: 66,
  name: 80,
  nameW: 184,
  avail: 405,
  budget: 530,
  mttr: 630,
  open: 690,
  actions: 760,
};
/** The chart's rectangle. */
const CHART = { x: 792, y: 126, w: 560, h: 590 } as const;
/** Seconds between two tries when the server cannot be reached. */
const RETRY_MS = 5000;

/** The colour of a phase's label. */
const PHASE_COLOR: Record<string, string> = {
  running: COLORS.okS,
  paused: COLORS.warnS,
  ended: COLORS.text,
  lobby: COLORS.dim,
};

/**
 * The competition's live scoreboard for a projector (`#/event/<code>/board`, public and
 * read-only): the event's name, phase and game clock; teams ranked by the competition's
 * rules with their availability, error budget left, mean MTTR, open incidents and actions;
 * every team's availability on one chart with the shared chaos marks. It watches the event
 * room without a key (the `history` draws the past on load, each board adds a second);
 * when the room is gone it shows the final board from the stored results. Large type, so
 * it reads from the back of a room.
 */
export class EventBoard extends Phaser.Scene {
  private code = "";
  private model = new BoardModel();
  private status: BoardStatus = "connecting";
  private conn: BoardConnection | undefined;
  private texts!: TextPool;
  private rowsG!: Phaser.GameObjects.Graphics;
  private chart!: AvailabilityChart;
  private debrief!: Button;
  private lang!: Button;
  private dirty = true;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super("EventBoard");
  }

  /** Builds the page and joins the event named by the address. */
  create(): void {
    this.code = flow().eventCode;
    this.model = new BoardModel(this.code);
    this.status = "connecting";
    this.dirty = true;
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.rowsG = this.add.graphics();
    this.texts = new TextPool(this);
    this.chart = new AvailabilityChart(this, CHART, 18);
    this.debrief = new Button(
      this,
      WIDTH - 270,
      HEIGHT - 28,
      "",
      () => flow().eventPage(this.code, "debrief"),
      {
        width: 260,
        height: 42,
        size: 18,
        id: "board-debrief",
      },
    );
    this.lang = new Button(
      this,
      WIDTH - 74,
      HEIGHT - 28,
      "",
      () => setLang(getLang() === "zh" ? "en" : "zh"),
      {
        width: 100,
        height: 42,
        size: 16,
        id: "board-lang",
      },
    );
    windowListener(this, "keydown", (e) => {
      if (e.key === "Escape") flow().closeEvent();
      else if (e.key === "Enter" && this.model.phase === "ended") flow().eventPage(this.code, "debrief");
    });
    onShutdown(
      this,
      onLangChange(() => (this.dirty = true)),
      () => {
        this.conn?.close();
        this.conn = undefined;
        if (this.retry) clearTimeout(this.retry);
        this.chart.destroy();
        this.texts.destroy();
        clearTargets();
      },
    );
    this.connect();
  }

  /** Redraws at most once a frame, after messages changed the model. */
  override update(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.draw();
  }

  /** The board's state for the test hook. */
  boardState(): BoardState {
    const m = this.model;
    const drawn = this.chart.drawn();
    return {
      code: this.code,
      name: m.name,
      phase: m.phase,
      status: this.status,
      clock: m.clock(),
      standings: m.standings().map(({ teamId, name, rank, availability, openIncidents }) => ({
        teamId,
        name,
        rank,
        availability,
        openIncidents,
      })),
      lines: m.teamIds().map((id, i) => {
        const line = m.line(id);
        return {
          teamId: id,
          name: m.teamName(id),
          points: drawn.lines[i]?.points ?? 0,
          values: [...line],
        };
      }),
      marks: drawn.marks,
      debriefButton: this.debrief.visible,
      redrawPending: this.dirty,
    };
  }

  private connect(): void {
    this.conn?.close();
    this.conn = new BoardConnection(this.code, {
      roster: (r) => this.changed(() => this.model.roster(r.teams, r.removed)),
      board: (b) =>
        this.changed(() => {
          this.model.board(b);
          this.status = "live";
        }),
      history: (h) => this.changed(() => this.model.history(h)),
      gone: (offline) => (offline ? this.offline() : void this.loadStored()),
    });
    void this.conn.open();
  }

  private changed(fn: () => void): void {
    if (!isRunning(this)) return;
    fn();
    this.dirty = true;
  }

  /** The event room is gone: the final board from the stored results. */
  private async loadStored(): Promise<void> {
    try {
      const d = await fetchEventDebrief(this.code);
      this.changed(() => {
        this.model.stored(d);
        this.status = "stored";
      });
    } catch (e) {
      if (e instanceof ResultsError && e.status === 0) return this.offline();
      this.changed(() => (this.status = "notFound"));
    }
  }

  /** The server cannot be reached: say so and try again in a while (the board comes back by itself). */
  private offline(): void {
    if (!isRunning(this)) return;
    this.changed(() => (this.status = "offline"));
    this.retry = setTimeout(() => {
      if (isRunning(this)) this.connect();
    }, RETRY_MS);
  }

  private draw(): void {
    const m = this.model;
    const p = this.texts;
    p.begin();
    this.rowsG.clear();
    fitText(
      p.take(TABLE.x, 14, m.name || t("board.title"), 38, COLORS.text, true),
      m.name || t("board.title"),
      620,
    );
    p.take(TABLE.x, 64, `${t("board.title")} · ${t("board.code", { code: this.code })}`, 20, COLORS.dim);
    if (this.status !== "notFound") {
      p.take(WIDTH - 24, 6, formatClock(m.clock()), 52, COLORS.text, true).setOrigin(1, 0);
      p.take(
        WIDTH - 24,
        70,
        t(`board.phase.${m.phase}` as MessageKey),
        22,
        PHASE_COLOR[m.phase] ?? COLORS.dim,
        true,
      ).setOrigin(1, 0);
    }
    this.table(m.standings());
    const lines = m.teamIds().map((id, i) => ({
      name: m.teamName(id),
      color: teamColor(i),
      points: m.line(id).map((v, s): SeriesPoint => ({ t: s, v })),
    }));
    const marks = m.marks().map((mk) => ({ at: mk.at, label: m.markLabel(mk) }));
    p.take(CHART.x, 96, t(m.source === "stored" ? "board.chartStored" : "board.chart"), 17, COLORS.dim);
    this.chart.draw({ lines, marks, span: timeSpan(m.clock(), m.durationSeconds) });
    p.take(TABLE.x, HEIGHT - 40, this.statusLine(), 17, this.status === "live" ? COLORS.dim : COLORS.warnS);
    p.end();
    this.debrief.setLabel(t("board.openDebrief")).setVisible(m.phase === "ended");
    this.lang.setLabel(getLang() === "zh" ? "EN" : "中文");
  }

  private statusLine(): string {
    if (this.status === "connecting") return t("board.connecting", { code: this.code });
    if (this.status === "live") return t("board.live");
    if (this.status === "stored") return t("board.stored");
    if (this.status === "notFound") return t("board.notFound", { code: this.code });
    return t("board.offline");
  }

  /** The ranked teams: one row each, as tall as the room allows. */
  private table(rows: BoardStanding[]): void {
    const p = this.texts;
    const hy = TABLE.y;
    // headings sit on one baseline and wrap onto two lines within their column ("Mean / MTTR")
    const head = (key: MessageKey, right: number, width: number) =>
      p
        .take(right, hy + 38, t(key), 15, COLORS.dim, true)
        .setWordWrapWidth(width - 10, hasCjk(t(key)))
        .setAlign("right")
        .setOrigin(1, 1);
    head("board.col.rank", COLS.rank, 50);
    p.take(COLS.name, hy + 38, t("board.col.team"), 15, COLORS.dim, true).setOrigin(0, 1);
    head("board.col.availability", COLS.avail, COLS.avail - COLS.name - COLS.nameW);
    head("board.col.budget", COLS.budget, COLS.budget - COLS.avail);
    head("board.col.mttr", COLS.mttr, COLS.mttr - COLS.budget);
    head("board.col.open", COLS.open, COLS.open - COLS.mttr);
    head("board.col.actions", COLS.actions, COLS.actions - COLS.open);
    const top = hy + 44;
    if (rows.length === 0) {
      if (this.status === "live" || this.status === "stored")
        p.take(COLS.name, top + 10, t("board.noTeams"), 22, COLORS.dim);
      return;
    }
    const rowH = Math.max(28, Math.min(60, Math.floor((TABLE.bottom - top) / rows.length)));
    const size = rowH >= 50 ? 28 : rowH >= 40 ? 24 : rowH >= 32 ? 20 : 17;
    rows.forEach((r, i) => {
      const y = top + i * rowH;
      const cy = y + rowH / 2;
      const color = teamColor(r.index);
      if (i % 2 === 0) this.rowsG.fillStyle(COLORS.panel, 1).fillRect(TABLE.x, y, TABLE.width, rowH - 2);
      this.rowsG.fillStyle(color, 1).fillRect(COLS.bar, y + 4, 8, rowH - 10);
      const num = (s: string, right: number, c: string = COLORS.text) =>
        p.take(right, cy, s, size, c, true).setOrigin(1, 0.5);
      num(r.rank === null ? NONE : String(r.rank), COLS.rank, r.rank === 1 ? COLORS.warnS : COLORS.text);
      fitText(
        p.take(COLS.name, cy, r.name, size, cssColor(color), true).setOrigin(0, 0.5),
        r.name,
        COLS.nameW,
      );
      num(
        percent(r.availability),
        COLS.avail,
        r.availability !== null && r.availability < 0.99 ? COLORS.badS : COLORS.text,
      );
      num(
        // an overspent budget is spent: 0 % in red, as the match's own debrief shows it
        percent(r.errorBudgetRemaining === null ? null : Math.max(0, r.errorBudgetRemaining), 0),
        COLS.budget,
        r.errorBudgetRemaining !== null && r.errorBudgetRemaining <= 0 ? COLORS.badS : COLORS.text,
      );
      num(seconds(r.mttrSeconds), COLS.mttr);
      num(String(r.openIncidents), COLS.open, r.openIncidents > 0 ? COLORS.badS : COLORS.okS);
      num(String(r.actions), COLS.actions);
    });
  }
}
