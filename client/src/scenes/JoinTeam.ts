import Phaser from "phaser";
import { flow } from "../flow";
import { onLangChange, t, type MessageKey } from "../i18n";
import { refusalText } from "../event/refusal";
import { Connection } from "../net/connection";
import { EventConnection } from "../net/eventConnection";
import { joinErrorText } from "../net/joinError";
import { normalizeCode } from "../net/matchCode";
import { clearTargets, session } from "../session";
import { COLORS, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { domInput, relabelInputs } from "../ui/domInput";
import { langSwitch } from "../ui/langSwitch";
import { isRunning, onShutdown } from "../ui/lifecycle";

/**
 * "Join a team" of a competition: the player's name, then the event code and the team's
 * name (open sign-up creates the team), or the team's own code. A team's join link
 * (`#/join/<teamCode>`, its QR code) opens this screen with the code filled in, asking only
 * the name. Seated, the player is in the team's lobby like in any match.
 */
export class JoinTeam extends Phaser.Scene {
  private texts: [Phaser.GameObjects.Text, MessageKey][] = [];
  private buttons: [Button, MessageKey][] = [];
  private inputs: HTMLInputElement[] = [];
  private status!: Phaser.GameObjects.Text;
  private busy = false;

  constructor() {
    super("JoinTeam");
  }

  /** Builds the form (the team code of a join link filled in). */
  create(): void {
    this.texts = [];
    this.buttons = [];
    this.busy = false;
    const cx = WIDTH / 2;
    const left = cx - 360;
    const linked = flow().joinTeamCode;
    this.add.image(44, 40, "logo").setScale(0.3);
    this.label(80, 40, "app.title", 26, COLORS.text, true).setOrigin(0, 0.5);
    const lang = langSwitch(this, "jointeam");
    this.button(150, 730, "event.form.back", () => flow().menu(), {
      width: 240,
      height: 44,
      id: "jointeam-back",
    });

    this.label(cx, 110, "event.join.title", 32, COLORS.text, true).setOrigin(0.5);
    this.label(cx, 156, linked ? "event.join.linked" : "event.join.intro", 16, COLORS.dim)
      .setOrigin(0.5)
      .setAlign("center")
      .setWordWrapWidth(1000, true);

    const submit = () => void this.join();
    this.label(left, 230, "menu.name", 18, COLORS.dim).setOrigin(0, 0.5);
    const name = domInput(this, cx + 60, 230, {
      name: "team-player-name",
      width: 300,
      value: session.name,
      placeholder: "menu.namePlaceholder",
      maxLength: 24,
      onEnter: submit,
    });
    const byName = [this.label(left, 310, "event.join.eventCode", 18, COLORS.dim).setOrigin(0, 0.5)];
    const eventCode = domInput(this, cx - 60, 310, {
      name: "team-event-code",
      width: 140,
      placeholder: "event.join.codePlaceholder",
      maxLength: 16,
      onEnter: submit,
    });
    byName.push(this.label(cx + 30, 310, "event.join.teamName", 18, COLORS.dim).setOrigin(0, 0.5));
    const teamName = domInput(this, cx + 290, 310, {
      name: "team-name",
      width: 220,
      placeholder: "event.join.teamNamePlaceholder",
      maxLength: 40,
      onEnter: submit,
    });
    byName.push(this.label(cx, 362, "event.join.or", 16, COLORS.dim).setOrigin(0.5));
    this.label(left, 414, "event.join.teamCode", 18, COLORS.dim).setOrigin(0, 0.5);
    const teamCode = domInput(this, cx - 60, 414, {
      name: "team-code",
      width: 140,
      value: linked ?? "",
      placeholder: "event.join.codePlaceholder",
      maxLength: 16,
      onEnter: submit,
    });
    for (const el of [eventCode, teamCode]) el.style.textTransform = "uppercase";
    if (linked) {
      // A join link names the team: only the player's name is asked.
      for (const txt of byName) txt.setVisible(false);
      for (const el of [eventCode, teamName]) el.style.visibility = "hidden";
    }
    this.inputs = [name, eventCode, teamName, teamCode];

    this.button(cx, 500, "event.join.submit", submit, {
      width: 300,
      height: 54,
      size: 20,
      id: "jointeam-join",
    });
    this.status = this.add
      .text(cx, 540, "", { ...textStyle(16, COLORS.warnS), align: "center", wordWrap: { width: 1000 } })
      .setOrigin(0.5, 0);
    this.label(cx, 640, "event.join.facilitated", 15, COLORS.dim)
      .setOrigin(0.5)
      .setAlign("center")
      .setWordWrapWidth(1000, true);
    (linked ? name : eventCode).focus();

    this.refresh();
    onShutdown(
      this,
      onLangChange(() => {
        lang.mark();
        this.refresh();
      }),
      () => clearTargets(),
    );
  }

  private label(x: number, y: number, key: MessageKey, size: number, color: string, bold = false) {
    const txt = this.add.text(x, y, t(key), textStyle(size, color, false, bold));
    this.texts.push([txt, key]);
    return txt;
  }

  private button(
    x: number,
    y: number,
    key: MessageKey,
    onClick: () => void,
    o: { width: number; height: number; size?: number; id: string },
  ): Button {
    const b = new Button(this, x, y, t(key), onClick, { size: 15, ...o });
    this.buttons.push([b, key]);
    return b;
  }

  private refresh(): void {
    for (const [txt, key] of this.texts) txt.setText(t(key));
    for (const [b, key] of this.buttons) b.setLabel(t(key));
    relabelInputs(this.inputs);
  }

  private async join(): Promise<void> {
    if (this.busy) return;
    const [nameEl, eventEl, teamNameEl, teamCodeEl] = this.inputs as [
      HTMLInputElement,
      HTMLInputElement,
      HTMLInputElement,
      HTMLInputElement,
    ];
    const name = nameEl.value.trim().slice(0, 24);
    let code = normalizeCode(teamCodeEl.value);
    const byTeamCode = code !== "";
    const eventCode = normalizeCode(eventEl.value);
    const teamName = teamNameEl.value.trim();
    if (!name) return void this.status.setText(t("event.join.needName"));
    if (!code && !(eventCode && teamName)) return void this.status.setText(t("event.join.needTeam"));
    this.busy = true;
    session.name = name;
    this.status.setText(t("menu.connecting"));
    const conn = new Connection();
    try {
      if (!code) {
        const found = await EventConnection.findTeam(eventCode, teamName).catch((e: unknown) => {
          const refusal = (e as { refusal?: { code: string; message: string } }).refusal;
          throw refusal ? new RefusedError(refusalText(refusal)) : e;
        });
        code = found.teamId;
      }
      await conn.join(code, { name });
    } catch (e) {
      if (isRunning(this)) {
        if (e instanceof RefusedError) this.status.setText(e.message);
        else {
          const { key, params } = joinErrorText(e, code || eventCode);
          // An unknown code here is a team's or a competition's, not a match's.
          const unknown = byTeamCode ? "event.join.noSuchTeam" : "event.join.noSuchEvent";
          this.status.setText(t(key === "menu.error.noSuchCode" ? unknown : key, params));
        }
      }
      this.busy = false;
      return;
    }
    this.busy = false;
    flow().joinedTeam(conn);
  }
}

/** A refusal already put in words for the player. */
class RefusedError extends Error {}
