import Phaser from "phaser";
import { flow } from "../flow";
import { getLang, onLangChange, t } from "../i18n";
import { fetchMatches, ResultsError, type MatchList, type MatchSummary } from "../net/results";
import { clearTargets, registerTarget } from "../session";
import { COLORS, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { shorten } from "../views/PodCard";
import { isRunning, onShutdown, windowListener } from "../ui/lifecycle";

/** Matches per page. */
const PAGE = 10;
const ROW_H = 50;
const TOP = 130;

/** One list row: what a stored match came to. */
export function matchLine(m: MatchSummary, lang: string): string {
  const when = new Date(m.startedAt).toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", {
    dateStyle: "short",
    timeStyle: "short",
  });
  const status =
    m.status === "finished"
      ? t("past.finished")
      : m.status === "interrupted"
        ? t("past.interrupted", { time: (m.lastTick / 10).toFixed(1) })
        : t("past.running");
  const r = m.result;
  const score = r
    ? `${(r.availability.overall * 100).toFixed(1)}% · ${t("past.mttr", { s: r.mttr === null ? "—" : `${r.mttr.toFixed(1)} s` })}`
    : "—";
  const people = m.players
    .filter((p) => !p.isBot)
    .map((p) => p.name)
    .join(", ");
  return `${when}   ${m.code} #${m.round}   ${m.scenario} · ${m.clock} · ${m.difficulty}   ${status}   ${score}   ${people}`;
}

/**
 * Past matches: the stored matches, newest first, a page at a time (from the results API);
 * a click on one opens its replay.
 */
export class Matches extends Phaser.Scene {
  private rows: Phaser.GameObjects.Text[] = [];
  private ids: string[] = [];
  private title!: Phaser.GameObjects.Text;
  private status!: Phaser.GameObjects.Text;
  private back!: Button;
  private prev!: Button;
  private next!: Button;
  private list: MatchList | undefined;
  private offset = 0;
  private loading = false;

  constructor() {
    super("Matches");
  }

  /** Builds the page and loads the newest matches. */
  create(): void {
    this.rows = [];
    this.ids = [];
    this.list = undefined;
    this.offset = 0;
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.title = this.add.text(WIDTH / 2, 50, "", textStyle(30, COLORS.text, false, true)).setOrigin(0.5);
    this.status = this.add.text(WIDTH / 2, 96, "", textStyle(16, COLORS.dim)).setOrigin(0.5);
    for (let i = 0; i < PAGE; i++) {
      const y = TOP + i * ROW_H;
      const row = this.add
        .text(60, y, "", {
          ...textStyle(16, COLORS.text, true),
          backgroundColor: "#151d3b",
          padding: { x: 12, y: 12 },
        })
        .setFixedSize(WIDTH - 120, ROW_H - 6)
        .setInteractive({ useHandCursor: true });
      row.on("pointerup", () => this.open(i));
      row.on("pointerover", () => row.setBackgroundColor("#22305e"));
      row.on("pointerout", () => row.setBackgroundColor("#151d3b"));
      this.rows.push(row);
      registerTarget("match-row", String(i), () => (this.ids[i] ? { x: 200, y: y + ROW_H / 2 } : undefined));
    }
    this.prev = new Button(this, WIDTH / 2 - 130, 700, "", () => void this.fetchPage(this.offset - PAGE), {
      width: 220,
      height: 44,
      id: "past-prev",
    });
    this.next = new Button(this, WIDTH / 2 + 130, 700, "", () => void this.fetchPage(this.offset + PAGE), {
      width: 220,
      height: 44,
      id: "past-next",
    });
    this.back = new Button(this, 140, 50, "", () => flow().menu(), {
      width: 200,
      height: 44,
      id: "past-back",
    });
    windowListener(this, "keydown", (e) => {
      if (e.key === "Escape") flow().menu();
      else if (e.key >= "1" && e.key <= "9") this.open(Number(e.key) - 1);
      else if (e.key === "ArrowRight" || e.key === "PageDown") void this.fetchPage(this.offset + PAGE);
      else if (e.key === "ArrowLeft" || e.key === "PageUp") void this.fetchPage(this.offset - PAGE);
    });
    onShutdown(
      this,
      onLangChange(() => this.render()),
      () => clearTargets(),
    );
    this.render();
    void this.fetchPage(0);
  }

  private open(i: number): void {
    const id = this.ids[i];
    if (id) flow().replay(id);
  }

  private async fetchPage(offset: number): Promise<void> {
    if (this.loading || offset < 0 || (this.list && offset >= Math.max(PAGE, this.list.total))) return;
    this.loading = true;
    this.status.setText(t("past.loading"));
    try {
      const list = await fetchMatches(PAGE, offset);
      if (!isRunning(this)) return;
      this.list = list;
      this.offset = offset;
      this.render();
    } catch (e) {
      if (!isRunning(this)) return;
      const reason =
        e instanceof ResultsError && e.status === 0
          ? t("menu.error.offline")
          : String(e instanceof Error ? e.message : e);
      this.status.setText(t("past.error", { reason }));
    } finally {
      this.loading = false;
    }
  }

  private render(): void {
    this.title.setText(t("past.title"));
    this.back.setLabel(t("past.back"));
    this.prev.setLabel(t("past.newer"));
    this.next.setLabel(t("past.older"));
    const list = this.list;
    const matches = list?.matches ?? [];
    this.prev.setVisible(false);
    this.next.setVisible(false);
    this.ids = matches.map((m) => m.id);
    this.rows.forEach((row, i) => {
      const m = matches[i];
      row.setVisible(!!m);
      if (m) row.setText(shorten(matchLine(m, getLang()), 130));
    });
    if (!list) return;
    this.status.setText(
      list.total === 0
        ? t("past.empty")
        : t("past.page", { from: list.offset + 1, to: list.offset + matches.length, total: list.total }),
    );
    this.prev.setVisible(list.offset > 0);
    this.next.setVisible(list.offset + matches.length < list.total);
  }
}
