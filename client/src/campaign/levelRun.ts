/**
 * One play of a campaign level in this page: the level's match on a {@link LocalConnection}
 * (bots in the other roles), and the level engine looking at its world after every update.
 * The engine's chaos goes in through the match's injections (so it is in the match log);
 * a refused move is noted for the hint; a won level stops the clock and is remembered.
 */
import {
  advanceLevel,
  answerQuestion,
  changesSince,
  currentHint,
  LEVELS,
  levelMatchOptions,
  noteWrongMove,
  startLevel,
  type Level,
  type LevelState,
  type LevelText,
  type WorldChanges,
} from "../../../shared/campaign";
import type { ChaosSpec } from "../../../shared/sim/chaos";
import { LOCAL_SEAT, LocalConnection } from "../booth/localConnection";
import { refusalText } from "../refusals";
import { getLang } from "../i18n";
import { markWon } from "./progress";

/** How a play of a level stands. */
export type LevelOutcome = "playing" | "won" | "timeUp";

/** A level being played. */
export class LevelRun {
  readonly conn: LocalConnection;
  state: LevelState;
  outcome: LevelOutcome = "playing";
  /** The last refused move's words (in the player's language when it was refused). */
  wrongMove = "";
  private readonly listeners = new Set<() => void>();
  private readonly offs: (() => void)[] = [];

  constructor(
    readonly level: Level,
    playerName: string,
  ) {
    this.conn = new LocalConnection({
      options: levelMatchOptions(level),
      seat: { name: playerName, role: level.spec.role },
      code: `L${level.spec.order}`,
    });
    this.conn.start();
    const first = startLevel(level, this.conn.world);
    this.state = first.state;
    this.inject(first.inject);
    this.offs.push(
      this.conn.on("state", () => this.look()),
      this.conn.on("intentResult", (r) => {
        if (r.ok || r.actor !== this.conn.match.seats.get(LOCAL_SEAT)?.actor) return;
        this.state = noteWrongMove(this.state, r.code, this.conn.world.time);
        this.wrongMove = refusalText(r);
        this.changed();
      }),
    );
  }

  /** The level's place in the campaign (1-based) and the number of levels. */
  get position(): { n: number; total: number } {
    return { n: LEVELS.indexOf(this.level) + 1, total: LEVELS.length };
  }

  /** The level after this one, if any. */
  get next(): Level | undefined {
    return LEVELS[LEVELS.indexOf(this.level) + 1];
  }

  /** The hint to show now (nudged by the world), with whether a refused move is fresh. */
  hint(): { text: LevelText; nudge: boolean } | undefined {
    return currentHint(this.level, this.state, this.conn.world);
  }

  /** The current step's question while it waits for the right answer, if it has one. */
  get question(): NonNullable<Level["spec"]["steps"][number]["ask"]> | undefined {
    const ask = this.level.spec.steps[this.state.step]?.ask;
    return ask && !this.state.answered && this.outcome === "playing" ? ask : undefined;
  }

  /** The player picked a choice of the current question (a wrong one is a wrong move, with why). */
  answer(index: number): void {
    const ask = this.question;
    if (!ask) return;
    this.state = answerQuestion(this.level, this.state, index, this.conn.world.time);
    this.wrongMove = this.state.answered ? "" : ask.why[getLang()];
    this.changed();
  }

  /** What the level changed in the cluster (the closing card names the new pods and addresses). */
  changes(): WorldChanges {
    return changesSince(this.state.level, this.conn.world);
  }

  /** Calls `fn` whenever the step, the hint's inputs or the outcome may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Stops the level's match and its listeners. */
  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.listeners.clear();
    this.conn.stop();
  }

  private look(): void {
    if (this.outcome !== "playing") return;
    if (this.conn.match.phase !== "running") {
      this.outcome = "timeUp";
      return this.changed();
    }
    const r = advanceLevel(this.level, this.state, this.conn.world);
    if (r.stepped) {
      this.state = r.state;
      this.wrongMove = "";
      this.inject(r.inject);
    }
    if (this.state.won) {
      this.outcome = "won";
      this.conn.stop();
      markWon(this.level.metadata.name);
    }
    this.changed();
  }

  private inject(list: ChaosSpec[]): void {
    for (const c of list) this.conn.match.inject("campaign", c.type, c.target);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
