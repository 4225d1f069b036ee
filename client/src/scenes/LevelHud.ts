import Phaser from "phaser";
import type { LevelRun } from "../campaign/levelRun";
import { flow } from "../flow";
import { getLang, onLangChange, t } from "../i18n";
import { COLORS, LAYOUT, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { cjkWrap } from "../ui/cjkWrap";
import { onShutdown, windowListener } from "../ui/lifecycle";

/** The guide panel sits in the lower part of the nodes area (pods fill nodes from the top). */
const PANEL = { x: LAYOUT.nodes.x + 8, w: LAYOUT.nodes.w - 16, bottom: LAYOUT.nodes.y + LAYOUT.nodes.h - 6 };
/** The closing card covers the cluster (the level's clock has stopped). */
const CARD = { x: 183, y: 150, w: 1000, h: 420 };
const PAD = 12;
/** The panel's left column (level, step, goal, Levels) and right column (refusal, hint). */
const LEFT_W = 320;
const RIGHT_X = PANEL.x + PAD + LEFT_W + 20;
const RIGHT_W = PANEL.x + PANEL.w - PAD - RIGHT_X;

/** "What you saw": the pods replaced (old → new name), the IPs that moved, in the player's language. */
function seenText(run: LevelRun): string {
  const c = run.changes();
  const short = (k: string) => k.slice(k.indexOf("/") + 1);
  const lines: string[] = [];
  const shop = (k: string) => k.startsWith("shop/");
  const gone = c.gone.filter(shop).map(short);
  const fresh = c.fresh.filter(shop).map(short);
  if (gone.length || fresh.length)
    lines.push(t("level.seenPods", { gone: gone.join(", ") || "—", fresh: fresh.join(", ") || "—" }));
  for (const m of c.movedPods.filter((m) => shop(m.pod)))
    lines.push(t("level.seenPodIP", { pod: short(m.pod), from: m.from || "—", to: m.to || "—" }));
  for (const m of c.movedServices)
    lines.push(t("level.seenClusterIP", { service: short(m.service), from: m.from, to: m.to }));
  const a = run.conn.view?.availability.overall;
  const shown = lines.slice(0, 3);
  if (a !== undefined) shown.push(t("level.availability", { pct: `${(a * 100).toFixed(1)} %` }));
  return shown.join("\n");
}

/**
 * The campaign's overlay on the Match scene: the level, its goal and the current step's hint
 * (a nudge when the world calls for one, the refusal when a move was refused), then the
 * closing card with the lesson and the way on — or, when time ran out, a retry. Drawn on
 * top of the Match without taking its clicks: only its buttons are interactive.
 */
export class LevelHud extends Phaser.Scene {
  private run: LevelRun | undefined;
  private panel!: Phaser.GameObjects.Graphics;
  private header!: Phaser.GameObjects.Text;
  private goal!: Phaser.GameObjects.Text;
  private wrong!: Phaser.GameObjects.Text;
  private hint!: Phaser.GameObjects.Text;
  private levels!: Button;
  private card!: Phaser.GameObjects.Container;
  private cardBg!: Phaser.GameObjects.Graphics;
  private cardTitle!: Phaser.GameObjects.Text;
  private cardSub!: Phaser.GameObjects.Text;
  private cardBody!: Phaser.GameObjects.Text;
  private cardNote!: Phaser.GameObjects.Text;
  private primary!: Button;
  private secondary!: Button;
  private shown = "";
  private choices: Button[] = [];

  constructor() {
    super("LevelHud");
  }

  /** Builds the panel and the (hidden) card for the level being played. */
  create(): void {
    this.run = flow().level;
    this.shown = "";
    const wrap = cjkWrap(RIGHT_W);
    const leftWrap = cjkWrap(LEFT_W);
    this.panel = this.add.graphics();
    this.header = this.add.text(0, 0, "", {
      ...textStyle(15, COLORS.warnS, false, true),
      wordWrap: leftWrap,
    });
    this.goal = this.add.text(0, 0, "", { ...textStyle(13, COLORS.dim), wordWrap: leftWrap });
    this.wrong = this.add.text(0, 0, "", { ...textStyle(16, COLORS.badS, false, true), wordWrap: wrap });
    this.hint = this.add.text(0, 0, "", { ...textStyle(17, COLORS.text), wordWrap: wrap, lineSpacing: 2 });
    this.levels = new Button(this, 0, 0, "", () => void flow().leave(), {
      width: 120,
      height: 30,
      size: 15,
      id: "level-levels",
    });

    this.choices = [0, 1, 2, 3].map(
      (i) =>
        new Button(this, 0, 0, "", () => this.run?.answer(i), {
          width: RIGHT_W,
          height: 30,
          size: 15,
          id: `answer-${i}`,
        }),
    );

    this.cardBg = this.add.graphics();
    this.cardTitle = this.add
      .text(CARD.x + CARD.w / 2, CARD.y + 40, "", textStyle(32, COLORS.okS, false, true))
      .setOrigin(0.5);
    this.cardSub = this.add.text(CARD.x + 50, CARD.y + 92, "", textStyle(18, COLORS.warnS, false, true));
    this.cardBody = this.add.text(CARD.x + 50, CARD.y + 124, "", {
      ...textStyle(20, COLORS.text),
      wordWrap: cjkWrap(CARD.w - 100),
      lineSpacing: 6,
    });
    this.cardNote = this.add.text(CARD.x + 50, CARD.y + CARD.h - 110, "", {
      ...textStyle(15, COLORS.dim, true),
      wordWrap: cjkWrap(CARD.w - 100),
    });
    this.primary = new Button(this, CARD.x + CARD.w - 170, CARD.y + CARD.h - 44, "", () => this.onPrimary(), {
      width: 240,
      height: 48,
      size: 18,
      id: "level-next",
    });
    this.secondary = new Button(this, CARD.x + 170, CARD.y + CARD.h - 44, "", () => void flow().leave(), {
      width: 200,
      height: 44,
      size: 16,
      id: "level-card-levels",
    });
    this.card = this.add.container(0, 0, [
      this.cardBg,
      this.cardTitle,
      this.cardSub,
      this.cardBody,
      this.cardNote,
      this.primary,
      this.secondary,
    ]);
    this.card.setVisible(false);

    const run = this.run;
    if (run)
      onShutdown(
        this,
        run.onChange(() => this.render()),
      );
    onShutdown(
      this,
      onLangChange(() => {
        this.shown = "";
        this.render();
      }),
    );
    windowListener(this, "keydown", (e) => {
      if (e.key === "Enter" && this.card.visible) this.onPrimary();
    });
    this.render();
  }

  /** What the overlay shows, for the test hook. */
  levelState(): { level: string; step: number; outcome: string; hint: string; wrong: string } | undefined {
    const run = this.run;
    if (!run) return undefined;
    return {
      level: run.level.metadata.name,
      step: run.state.step,
      outcome: run.outcome,
      hint: this.hint.text,
      wrong: this.wrong.text,
    };
  }

  private onPrimary(): void {
    const run = this.run;
    if (!run) return;
    if (run.outcome === "won" && run.next) flow().playLevel(run.next);
    else if (run.outcome === "won") void flow().leave();
    else if (run.outcome === "timeUp") flow().playLevel(run.level);
  }

  /** Redraws when what it shows changed (it is asked on every view update). */
  private render(): void {
    const run = this.run;
    // After a shutdown the texts are destroyed (no scene): a late update draws nothing.
    if (!run || !this.header.scene) return;
    const lang = getLang();
    const spec = run.level.spec;
    const { n, total } = run.position;
    const hint = run.hint();
    const question = run.question;
    const key = [lang, run.outcome, run.state.step, hint?.text.en ?? "", run.wrongMove, !!question].join(
      "\u0000",
    );
    if (key === this.shown) return;
    this.shown = key;

    const playing = run.outcome === "playing";
    for (const o of [this.panel, this.header, this.goal, this.wrong, this.hint, this.levels])
      o.setVisible(playing);
    this.card.setVisible(!playing);
    if (!playing) for (const b of this.choices) b.setVisible(false);
    if (playing) {
      const step = Math.min(run.state.step + 1, spec.steps.length);
      this.header.setText(
        `${t("level.header", { n, total, title: spec.title[lang] })} · ${t("level.step", { n: step, total: spec.steps.length })}`,
      );
      this.goal.setText(t("level.goal", { goal: spec.goal[lang] }));
      this.levels.setLabel(t("level.levels"));
      const wrong = run.wrongMove
        ? `${t("level.wrong", { reason: run.wrongMove.split("\n")[0]! })}${spec.wrongMove ? ` ${spec.wrongMove[lang]}` : ""}`
        : "";
      this.wrong.setText(wrong).setVisible(!!wrong);
      this.hint.setText(
        hint
          ? t("level.hint", { hint: hint.text[lang] }) + (question ? `\n${question.question[lang]}` : "")
          : "",
      );
      this.choices.forEach((b, i) => {
        const c = question?.choices[i];
        b.setVisible(!!c);
        if (c) b.setLabel(c.text[lang]);
      });
      this.hint.setColor(hint?.nudge || wrong ? COLORS.warnS : COLORS.text);
      this.layoutPanel();
      return;
    }
    const won = run.outcome === "won";
    this.cardTitle
      .setText(won ? t("level.won", { n }) : spec.title[lang])
      .setColor(won ? COLORS.okS : COLORS.badS);
    this.cardSub.setText(won ? `${spec.title[lang]} — ${t("level.lesson")}` : "");
    this.cardBody.setText(won ? spec.lesson[lang] : t("level.timeUp"));
    this.cardNote.setText(
      won ? [seenText(run), run.next ? "" : t("level.last")].filter(Boolean).join("\n") : "",
    );
    this.cardNote.setY(this.cardBody.y + this.cardBody.height + 22);
    this.primary.setLabel(won ? (run.next ? t("level.next") : t("level.levels")) : t("level.retry"));
    this.secondary.setLabel(t("level.levels"));
    const g = this.cardBg.clear();
    g.fillStyle(COLORS.bg, 0.6).fillRect(0, 0, this.scale.width, this.scale.height);
    g.fillStyle(COLORS.panel, 0.98).fillRoundedRect(CARD.x, CARD.y, CARD.w, CARD.h, 14);
    g.lineStyle(3, won ? COLORS.ok : COLORS.bad, 1).strokeRoundedRect(CARD.x, CARD.y, CARD.w, CARD.h, 14);
  }

  /** Stacks the panel's lines and sizes its box to them, bottom-aligned in the nodes area. */
  private layoutPanel(): void {
    const column = (parts: Phaser.GameObjects.Text[]) => parts.reduce((h, p) => h + p.height + 4, 0) - 4;
    const right = [...(this.wrong.text ? [this.wrong] : []), this.hint];
    const buttons = this.choices.filter((b) => b.visible);
    const leftH = column([this.header, this.goal]) + 8 + 30;
    const height = Math.max(leftH, column(right) + buttons.length * 34) + 2 * PAD;
    const top = PANEL.bottom - height;
    let y = top + PAD;
    for (const p of [this.header, this.goal]) {
      p.setPosition(PANEL.x + PAD, y);
      y += p.height + 4;
    }
    this.levels.setPosition(PANEL.x + PAD + 60, top + height - PAD - 15);
    y = top + PAD;
    for (const p of right) {
      p.setPosition(RIGHT_X, y);
      y += p.height + 4;
    }
    for (const b of buttons) {
      b.setPosition(RIGHT_X + RIGHT_W / 2, y + 17);
      y += 34;
    }
    const g = this.panel.clear();
    g.fillStyle(COLORS.panel, 0.95).fillRoundedRect(PANEL.x, top, PANEL.w, height, 10);
    g.lineStyle(2, COLORS.highlight, 0.9).strokeRoundedRect(PANEL.x, top, PANEL.w, height, 10);
    g.lineStyle(1, COLORS.panelEdge, 1).lineBetween(
      RIGHT_X - 10,
      top + PAD,
      RIGHT_X - 10,
      top + height - PAD,
    );
  }
}
