/**
 * A match played in this browser with the shared, deterministic match engine: the booth's
 * attract demo (bots in every role) and its offline fallback (one person, bots elsewhere)
 * when the server cannot be reached. It is a {@link Connection} to the scenes, so the same
 * Match scene draws it; its log is what an offline round uploads when the server returns.
 */
import { Match, type MatchOptions } from "../../../shared/match";
import { runConsoleCommand, submitIntents } from "../../../shared/match/kubectlCommand";
import { completeKubectl } from "../../../shared/kubectl";
import { ClientMessage, type Difficulty } from "../../../shared/protocol/messages";
import { availability, scoreOf, TICK_SECONDS, type Intent, type Role, type World } from "../../../shared/sim";
import { Connection } from "../net/connection";
import type { MatchView } from "../net/view";
import { WorldObserver } from "../replay/observer";
import { worldView } from "../replay/worldView";

/** The seat id of the person at the kiosk. */
export const LOCAL_SEAT = "local";
/** Wall milliseconds between ticks (the server's rate). */
const TICK_MS = Math.round(TICK_SECONDS * 1000);
/** Ticks between view updates (the server patches every 200 ms). */
const VIEW_EVERY = 2;

/** What a local round is made of. */
export interface LocalRoundOptions {
  options: MatchOptions;
  /** The person's seat; absent: every role is played by a bot (the attract demo). */
  seat?: { name: string; role: Role };
  /** The code shown in the HUD. */
  code: string;
}

/** The options of a demo or offline round: the booth's choices on the shared engine's names. */
export function localOptions(o: {
  scenario: string;
  seed: number;
  difficulty: Difficulty;
  durationSeconds: number;
}): MatchOptions {
  return { clock: "arcade", chaos: true, ...o };
}

/** A match whose ticks run in this page. */
export class LocalConnection extends Connection {
  readonly match: Match;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly observer = new WorldObserver();
  private ticks = 0;
  /** Console intents past the per-tick rate: sent after each tick, as the server's console does. */
  private backlog: Intent[] = [];

  constructor(private readonly round: LocalRoundOptions) {
    super("ws://in-this-page.invalid");
    this.match = new Match(round.options);
    if (round.seat) this.match.join(LOCAL_SEAT, { name: round.seat.name, role: round.seat.role });
    this.observer.reset(this.match.world);
    this.view = this.build();
  }

  /** The seat's id: always the local one. */
  override get sessionId(): string {
    return this.round.seat ? LOCAL_SEAT : "";
  }

  /** The code the HUD shows. */
  override get code(): string {
    return this.round.code;
  }

  /** The person is the host of their own round. */
  override get isHost(): boolean {
    return !!this.round.seat;
  }

  /** Starts the round and its clock. */
  override start(): void {
    this.match.start();
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
    this.publish();
  }

  /** A local round has no lobby to go back to: a new world, started at once. */
  override restart(): void {
    this.match.restart();
    this.observer.reset(this.match.world);
    this.start();
  }

  /** Sends an intent to the in-page match; a refusal comes back as the server's would. */
  override sendIntent(intent: Intent): void {
    const refused = this.match.receive(LOCAL_SEAT, ClientMessage.intent, intent);
    if (!refused) return;
    if ("error" in refused) return this.emit("error", refused.error);
    this.lastIntentResult = refused.intentResult;
    this.intentResultCount += 1;
    this.emit("intentResult", refused.intentResult);
  }

  /** The kubectl console on the in-page match, answered as the server's console answers. */
  override kubectl(id: number, line: string, stdin?: string): void {
    const out = runConsoleCommand(this.match, () => LOCAL_SEAT, line, stdin, this.backlog.length > 0);
    this.backlog.push(...out.deferred);
    const { stdout, stderr, exitCode, intents } = out;
    this.emit("kubectlResult", { id, stdout, stderr, exitCode, intents });
    for (const r of out.refused) this.emit("intentResult", r);
  }

  /** Tab completion from the in-page world. */
  override completeKubectl(id: number, line: string, cursor: number): void {
    this.emit("kubectlCompletion", { id, ...completeKubectl(this.match.world, line, cursor) });
  }

  /** Chaos on demand (the host's path). */
  override inject(payload: { type: string; target?: string }): void {
    this.match.inject(this.round.seat?.name ?? "booth", payload.type, payload.target);
  }

  /** Roles are fixed in a booth round. */
  override pickRole(): void {}

  /** Stops the clock; nothing to tell a server. */
  override async leave(): Promise<void> {
    this.stop();
    await Promise.resolve();
  }

  /** Nothing to drop. */
  override dropForTest(): void {}

  /** Stops the clock (the round stays as it is). */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The round's world (read-only use). */
  get world(): World {
    return this.match.world;
  }

  /** One tick of the match: replies go to the listeners, the view is rebuilt every few ticks. */
  tick(): void {
    const out = this.match.tick();
    if (this.match.phase === "running" || out.ended) this.observer.observe(this.match.world);
    for (const d of out.deliveries) {
      if (d.type !== "intentResult") continue;
      this.lastIntentResult = d.payload;
      this.intentResultCount += 1;
      this.emit("intentResult", d.payload);
    }
    if (this.backlog.length > 0) {
      const sent = submitIntents(this.match, () => LOCAL_SEAT, this.backlog);
      for (const r of sent.refused) this.emit("intentResult", r);
      for (const e of sent.errors) this.emit("error", { ...e, ref: ClientMessage.kubectl });
      this.backlog = sent.rest;
    }
    this.ticks += 1;
    if (out.ended) this.stop();
    if (out.ended || this.ticks % VIEW_EVERY === 0) this.publish();
  }

  private publish(): void {
    this.view = this.build();
    this.emit("state", this.view);
  }

  /** The view model: the replay's projection of the world, with this match's phase, seats and debrief. */
  private build(): MatchView {
    const m = this.match;
    const seats = m.seats.all().map((s) => ({ name: s.name, actor: s.actor, role: s.role, isBot: s.isBot }));
    const view = worldView(m.world, {
      options: m.options,
      code: this.round.code,
      round: m.round,
      seats,
      dnsChangedAt: this.observer.dnsChangedAt,
      traffic: this.observer.requests(),
    });
    view.phase = m.phase;
    view.hostId = this.sessionId;
    view.players = view.players.map((p) => (p.isBot ? p : { ...p, id: LOCAL_SEAT, host: true }));
    if (m.phase === "debrief") view.debrief = debriefOf(m.world, m.options.durationSeconds);
    return view;
  }
}

/** The debrief of a finished world, as the server's projection fills it. */
export function debriefOf(world: World, windowSeconds: number): MatchView["debrief"] {
  const score = scoreOf(world, { windowSeconds });
  return {
    availability: availability(world).overall,
    requests: world.traffic.total,
    ok: world.traffic.ok,
    teamPoints: score.teamPoints,
    mttr: score.mttrSeconds ?? -1,
    errorBudget: Math.max(-99, score.slo.errorBudget.remaining),
    sloMet: score.slo.met,
    incidents: score.incidents.map((inc, seq) => ({
      seq,
      cause: inc.cause,
      source: inc.source,
      start: inc.start,
      end: inc.end ?? -1,
      mttr: inc.mttr ?? -1,
      open: inc.end === null,
    })),
    scoreMarks: score.timeline.marks.map((mk) => ({
      time: mk.time,
      kind: mk.kind,
      label: mk.label,
      actor: mk.actor ?? "",
      ok: mk.ok ?? true,
      points: mk.points ?? 0,
    })),
    timeline: world.traffic.perSecond.map(([req, ok]) => (req > 0 ? ok / req : 1)),
    marks: [],
  };
}
