/**
 * The match room: a thin adapter of `shared/match` to Colyseus. Frames pass the connection
 * guard, messages go to the match, refusals back to their sender; a fixed-rate timer ticks
 * the match and sends each result to its seat; the projector mirrors it before each patch.
 */
import { Room, ServerError, logger, updateLobby, type Client, type ClientPrivate } from "@colyseus/core";
import { TICK_SECONDS, type World } from "../../shared/sim";
import { resolveMatchOptions } from "../../shared/match";
import { CloseCode, MAX_PLAYERS, RECONNECT_SECONDS } from "../../shared/protocol";
import { ConnectionGuard } from "./guard";
import { deliverToMatch } from "./kubectlConsole";
import { RecordedMatch } from "./recorder";
import { Projector } from "./project";
import { projectOptions } from "./projection/seats";
import { MatchState } from "./schema/MatchState";
import { uniqueRoomCode } from "./roomCode";
import { ownsClock } from "./eventTeam";
import { metadataOf, type MatchMetadata } from "./listing";
import { authorizeSeat, seatReservationSeconds, seatsFull, takeSeat, type SeatAuth } from "./seatPolicy";
export type { MatchMetadata } from "./listing";
/** Milliseconds between simulation ticks (the sim's TICK_SECONDS). */
export const TICK_MS = Math.round(TICK_SECONDS * 1000);
/** Milliseconds between state patches sent to clients (independent of the tick). */
export const PATCH_MS = 200;

/** The authoritative match room. */
export class MatchRoom extends Room<MatchState, MatchMetadata> {
  /** The match this room serves, its rounds stored as they are played (recorder.ts). */
  match!: RecordedMatch;
  /** Wall-clock milliseconds of each tick and projection, for `npm run bench` (while `collectCost`). */
  readonly cost = { tickMs: [] as number[], projectMs: [] as number[] };
  /** Turn on to record {@link cost}. */
  collectCost = false;
  private readonly projector = new Projector();
  private hash = false;
  private listed = "";
  private readonly guard = new ConnectionGuard(
    this,
    deliverToMatch(this, () => this.match),
    () => this.changed(),
  );

  /** Validates options, picks a short room code and starts the clock. */
  override async onCreate(raw: unknown): Promise<void> {
    try {
      const v = resolveMatchOptions(raw, () => Math.floor(Math.random() * 0x7fffffff));
      if (!v.ok) throw new ServerError(CloseCode.JOIN_REFUSED, `${v.error.code}: ${v.error.message}`);
      this.match = new RecordedMatch(v.value, this);
      this.roomId = await uniqueRoomCode();
      this.maxClients = MAX_PLAYERS;
      this.setSeatReservationTime(seatReservationSeconds());
      this.hash = process.env.NODE_ENV === "test" || process.env.STATE_HASH === "1";
      this.state = new MatchState();
      projectOptions(this.state, this.match, this.roomId);
      this.onBeforePatch();
      this.patchRate = PATCH_MS;
      if (ownsClock(this, raw)) this.setSimulationInterval(() => this.tickOnce(), TICK_MS);
      await this.syncListing();
    } catch (e) {
      // Colyseus 0.16 starts the patch timer before onCreate and never disposes a room whose
      // onCreate threw: stop the timers so a refused create leaks nothing.
      this.setPatchRate(null);
      this.clock.clear();
      throw e;
    }
  }

  /** Validates the options when a seat is reserved (HTTP), before any WebSocket: seatPolicy. */
  static override async onAuth(_token: string, options: unknown): Promise<SeatAuth> {
    return authorizeSeat(options);
  }

  /** Full when MAX_PLAYERS people are seated: pending reservations never keep a player out. */
  override hasReachedMaxClients(): boolean {
    return seatsFull(this.match, this.maxClients);
  }

  /** Seats a player with the options validated at reservation (refused if the seats filled since). */
  override onJoin(client: Client, _options: unknown, auth: SeatAuth): void {
    this.match.join(client.sessionId, takeSeat(this.match, this.maxClients, auth));
    this.changed();
  }

  /** Every frame passes the connection guard (budget, strict decoding) before Colyseus sees it. */
  protected override _onMessage(client: Client & ClientPrivate, frame: Buffer): void {
    if (this.guard.onFrame(client, frame)) super._onMessage(client, frame);
  }

  /** Keeps a dropped seat for RECONNECT_SECONDS (not an over-budget one); a consented leave frees it. */
  override async onLeave(client: Client, consented: boolean): Promise<void> {
    this.match.disconnect(client.sessionId);
    if (!consented && !this.guard.overBudget(client)) {
      this.changed();
      try {
        await this.allowReconnection(client, RECONNECT_SECONDS);
        this.match.reconnect(client.sessionId);
        this.changed();
        return;
      } catch {
        // Timed out: the seat is freed below.
      }
    }
    this.match.leave(client.sessionId);
    this.changed();
  }

  /** Projects the match into the state right before each patch. */
  override onBeforePatch(): void {
    const t0 = this.collectCost ? performance.now() : 0;
    this.projector.projectMatch(this.state, this.match, { hash: this.hash });
    if (this.collectCost) this.cost.projectMs.push(performance.now() - t0);
  }

  /** One fixed step of the match; results go to their seats. */
  tickOnce(): void {
    const t0 = this.collectCost ? performance.now() : 0;
    const running = this.match.phase === "running";
    try {
      const out = this.match.tick();
      if (running) this.projector.recordTraffic(this.match.world);
      for (const d of out.deliveries) this.clients.getById(d.seatId)?.send(d.type, d.payload);
      if (out.ended) this.changed();
    } catch (e) {
      logger.error(`[match ${this.roomId}] tick ${this.match.world.tick} failed`, e);
    }
    if (this.collectCost) this.cost.tickMs.push(performance.now() - t0);
  }

  /** The current round's world (read-only use: tests and benchmarks). */
  get world(): World {
    return this.match.world;
  }

  /** Seats, roles or phase may have changed: mirror them now (cheap when nothing did) and relist. */
  private changed(): void {
    this.onBeforePatch();
    void this.syncListing();
  }

  /** Updates the lobby listing when what it shows changed. */
  private async syncListing(): Promise<void> {
    const meta = metadataOf(this.match);
    const sig = JSON.stringify(meta);
    if (sig === this.listed) return;
    this.listed = sig;
    await this.setMetadata(meta);
    // 0.16 pushes listing changes to LobbyRoom on join/leave only; phase and roles change without either.
    if (this.listing.roomId) updateLobby(this);
  }
}
