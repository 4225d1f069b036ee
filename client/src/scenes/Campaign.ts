import Phaser from "phaser";
import { LEVELS } from "../../../shared/campaign";
import { wonLevels } from "../campaign/progress";
import { flow } from "../flow";
import { getLang, onLangChange, t, type MessageKey } from "../i18n";
import { COLORS, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { cjkWrap } from "../ui/cjkWrap";
import { onShutdown, windowListener } from "../ui/lifecycle";

/** Vertical distance between level rows. */
const ROW_H = 66;
const TOP = 230;

/**
 * The campaign's level list (Menu → Learn): each level with its title, the role it is played
 * in and whether this browser has won it; a click (or ↑/↓ + Enter) plays it, again if won.
 */
export class Campaign extends Phaser.Scene {
  private rows: Button[] = [];
  private marks: Phaser.GameObjects.Text[] = [];
  private focus = 0;

  constructor() {
    super("Campaign");
  }

  /** Builds the list. */
  create(): void {
    this.rows = [];
    this.marks = [];
    const cx = WIDTH / 2;
    const title = this.add.text(cx, 56, "", textStyle(34, COLORS.text, false, true)).setOrigin(0.5);
    const intro = this.add
      .text(cx, 100, "", { ...textStyle(17, COLORS.dim), wordWrap: cjkWrap(980), align: "center" })
      .setOrigin(0.5, 0);
    const progress = this.add.text(cx, 186, "", textStyle(17, COLORS.okS)).setOrigin(0.5);
    const won = wonLevels();
    this.focus = Math.max(
      0,
      LEVELS.findIndex((l) => !won.has(l.metadata.name)),
    );
    LEVELS.forEach((level, i) => {
      const y = TOP + i * ROW_H;
      const row = new Button(this, cx - 60, y, "", () => flow().playLevel(level), {
        width: 860,
        height: 56,
        size: 17,
        id: `level-${level.metadata.name}`,
      });
      this.rows.push(row);
      this.marks.push(this.add.text(cx + 390, y, "", textStyle(17, COLORS.dim)).setOrigin(0, 0.5));
    });
    const back = new Button(this, 140, 724, "", () => flow().menu(), {
      width: 220,
      height: 44,
      id: "campaign-back",
    });
    const keys = this.add.text(cx, 724, "", textStyle(15, COLORS.dim)).setOrigin(0.5);

    const render = () => {
      const lang = getLang();
      const done = wonLevels();
      title.setText(t("campaign.title"));
      intro.setText(t("campaign.intro"));
      progress.setText(
        t("campaign.progress", {
          done: LEVELS.filter((l) => done.has(l.metadata.name)).length,
          total: LEVELS.length,
        }),
      );
      LEVELS.forEach((level, i) => {
        const role = t(`role.${level.spec.role}` as MessageKey);
        this.rows[i]!.setLabel(
          `${t("campaign.level", { n: i + 1 })} · ${level.spec.title[lang]}\n${t("campaign.role", { role, minutes: level.spec.minutes })}`,
        ).setChosen(i === this.focus);
        const isWon = done.has(level.metadata.name);
        this.marks[i]!.setText(isWon ? t("campaign.done") : t("campaign.todo")).setColor(
          isWon ? COLORS.okS : COLORS.dim,
        );
      });
      back.setLabel(t("campaign.back"));
      keys.setText(t("campaign.keys"));
    };
    render();
    onShutdown(this, onLangChange(render));
    windowListener(this, "keydown", (e) => {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        const n = LEVELS.length;
        this.focus = (this.focus + (e.key === "ArrowDown" ? 1 : -1) + n) % n;
        render();
        e.preventDefault();
      } else if (e.key === "Enter") {
        const level = LEVELS[this.focus];
        if (level) flow().playLevel(level);
      } else if (e.key === "Escape") flow().menu();
    });
  }
}
