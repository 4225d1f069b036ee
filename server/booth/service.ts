/**
 * The booth, server side: its settings (stored), the leaderboards, claims of rounds played
 * on this server, uploads of rounds played offline, nicknames, and the room the kiosk is
 * playing now. Every score comes from the server: a claimed round's from its recorded
 * result, an uploaded round's from replaying its match log with the shared sim. Each
 * method answers with a value or an HTTP status and a coded sentence; a refusal changes
 * nothing.
 */
import { createHash } from "node:crypto";
import {
  BOARD_SIZE,
  DEFAULT_BOOTH_SETTINGS,
  applySettingsPatch,
  boothMatchOptions,
  checkBoothLog,
  checkBoothName,
  roleFor,
  type Board,
  type BoardEntry,
  type BoardScope,
  type BoothConfig,
  type BoothSettings,
  type ClearedToday,
  type OperatorView,
  type RoundStored,
} from "../../shared/booth";
import {
  botActor,
  replayLog,
  unheldModeFor,
  validateMatchLog,
  worldFor,
  type MatchLog,
} from "../../shared/match";
import { ROLES, stateHash, type Role } from "../../shared/sim";
import { boothStoreOf, type BoothStore, type NewBoothEntry } from "../store/booth";
import { isMatchId, type ResultsStore } from "../store";
import { playersOf, resultOf } from "../results/records";
import { dayOf, isTimeZone } from "./day";

/** A value, or an HTTP status with a coded sentence. */
export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; error: string };

const yes = <T>(value: T): Answer<T> => ({ ok: true, value });
const no = <T>(status: number, error: string): Answer<T> => ({ ok: false, status, error });

/** A client-generated round id: 8 to 64 URL-safe characters (a UUID fits). */
const ROUND_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** How long after its end a round played on the server may still be claimed for the board. */
export const CLAIM_WINDOW_MS = 30 * 60 * 1000;
/** How many replaced settings the service remembers for rounds started before a change. */
const MAX_SUPERSEDED = 8;
/** The room code stored for a round played offline (it had no room). */
export const OFFLINE_CODE = "OFFLINE";

/** Whether a string is a round id. */
export function isRoundId(s: unknown): s is string {
  return typeof s === "string" && ROUND_ID.test(s);
}

/**
 * The stored match id of an uploaded round: derived from its log, so a retried upload finds
 * the match it stored, and the same log sent under another round id is the same match
 * (already on the board) rather than a second entry.
 */
export function uploadMatchId(log: MatchLog): string {
  return createHash("sha256")
    .update(`booth-upload:${JSON.stringify(log)}`)
    .digest("base64url")
    .slice(0, 12);
}

/** What the booth reads of an open match room: the options its listing shows. */
export interface RoomListing {
  scenario: string;
  clock: string;
  difficulty: string;
}

/** What the service needs from outside. */
export interface BoothDeps {
  /** The results store (undefined until it opened: 503). */
  results: () => ResultsStore | undefined;
  /** Wall milliseconds now. */
  now?: () => number;
  /** `PUBLIC_URL`, for the big screen's QR code. */
  publicUrl?: string | null;
  /** The listing of the open match room with this code (the kiosk's announced room), if any. */
  roomListing?: (code: string) => Promise<RoomListing | undefined>;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function onlyKeys(body: unknown, allowed: readonly string[]): string | undefined {
  if (!isObj(body)) return "the body must be a JSON object";
  const extra = Object.keys(body).find((k) => !allowed.includes(k));
  return extra === undefined
    ? undefined
    : `unknown field "${extra.slice(0, 40)}" (known: ${allowed.join(", ")})`;
}

/** The booth's server side. */
export class BoothService {
  private readonly now: () => number;
  private boothStore: { results: ResultsStore; booth: BoothStore } | undefined;
  private cached: { results: ResultsStore; settings: BoothSettings } | undefined;
  private uploads: Promise<unknown> = Promise.resolve();
  private live = "";
  /**
   * Settings the operator replaced, newest first, with when: a round a visitor started
   * before a change is judged by the settings it started under (kept in memory, a few).
   */
  private superseded: { settings: BoothSettings; until: number }[] = [];

  constructor(private readonly deps: BoothDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The settings in force (the stored ones, else the defaults). */
  async settings(): Promise<Answer<BoothSettings>> {
    const s = this.stores();
    if (!s) return unavailable();
    if (this.cached?.results !== s.results)
      this.cached = {
        results: s.results,
        // Defaults first: settings saved by an older version lack the fields added since.
        settings: { ...DEFAULT_BOOTH_SETTINGS, ...(await s.booth.settings()) },
      };
    return yes(this.cached.settings);
  }

  /** Today in the booth's time zone. */
  dayNow(settings: BoothSettings): string {
    return dayOf(this.now(), settings.timeZone);
  }

  /** What the kiosk and the big screen read. */
  async config(): Promise<Answer<BoothConfig>> {
    const got = await this.context();
    if (!got.ok) return got;
    const { settings, booth, day } = got.value;
    const { blocklist: _blocklist, ...open } = settings;
    return yes({
      settings: open,
      day,
      roundsToday: await booth.roundsOn(day),
      publicUrl: this.deps.publicUrl ?? null,
      liveRoom: await this.liveRoom(),
    });
  }

  /** Today's board or the all-time one. */
  async board(scope: BoardScope): Promise<Answer<Board>> {
    const got = await this.context();
    if (!got.ok) return got;
    const { settings, booth, day } = got.value;
    const b = await booth.board(scope, day, BOARD_SIZE);
    return yes({ scope, day, timeZone: settings.timeZone, ...b, roundsToday: await booth.roundsOn(day) });
  }

  /** The operator's view: the settings with the blocklist, today and the rounds played today. */
  async operatorView(): Promise<Answer<OperatorView>> {
    const got = await this.context();
    if (!got.ok) return got;
    const { settings, booth, day } = got.value;
    return yes({ settings, day, roundsToday: await booth.roundsOn(day) });
  }

  /** Changes settings (all fields valid, or none changes); stored before this answers. */
  async updateSettings(patch: unknown): Promise<Answer<OperatorView>> {
    const got = await this.context();
    if (!got.ok) return got;
    const next = applySettingsPatch(got.value.settings, patch, isTimeZone);
    if (!next.ok) return no(400, `BAD_SETTINGS: ${next.error}`);
    got.value.booth.saveSettings(next.value);
    this.superseded = [{ settings: got.value.settings, until: this.now() }, ...this.superseded].slice(
      0,
      MAX_SUPERSEDED,
    );
    this.cached = { results: this.stores()!.results, settings: next.value };
    return this.operatorView();
  }

  /** Takes today's entries off the boards (they still count as rounds played today). */
  async clearToday(body: unknown): Promise<Answer<ClearedToday>> {
    const bad = onlyKeys(body, []);
    if (bad) return no(400, `BAD_PAYLOAD: ${bad}`);
    const got = await this.context();
    if (!got.ok) return got;
    const { booth, day } = got.value;
    return yes({ day, cleared: booth.clearDay(day) });
  }

  /** A round played on this server, put on the board at its debrief (idempotent by round id). */
  async claim(body: unknown): Promise<Answer<RoundStored>> {
    const bad = onlyKeys(body, ["roundId", "matchId"]);
    if (bad) return no(400, `BAD_PAYLOAD: ${bad}`);
    const { roundId, matchId } = body as Record<string, unknown>;
    if (!isRoundId(roundId)) return no(400, "BAD_PAYLOAD: roundId must be 8 to 64 of A-Z a-z 0-9 _ -");
    if (!isMatchId(matchId)) return no(400, "BAD_PAYLOAD: matchId is not a stored match id");
    const got = await this.context();
    if (!got.ok) return got;
    const { settings, booth, day, results } = got.value;
    const seen = await booth.entry(roundId);
    if (seen) {
      if (seen.matchId !== matchId) return no(409, "ROUND_ID_TAKEN: this round id holds another match");
      return this.stored(booth, seen, day, false);
    }
    const match = await results.getMatch(matchId);
    if (!match) return no(404, `NOT_FOUND: no stored match "${matchId}"`);
    if (match.status !== "finished" || !match.result || match.endedAt === null)
      return no(409, "NOT_FINISHED: the round has not reached its debrief");
    if (this.now() - match.endedAt > CLAIM_WINDOW_MS)
      return no(409, "TOO_LATE: the round ended more than 30 minutes ago");
    // Watchers (the big screen joins with no role) do not play; one person holds a role.
    const people = match.players.filter((p) => !p.isBot && p.role !== "");
    if (people.length !== 1)
      return no(409, `NOT_SOLO: a booth round has one player in a role (this one had ${people.length})`);
    const role = people[0]!.role as Role;
    const log = validateMatchLog(await results.getLog(matchId));
    if (!log.ok) return no(500, `INTERNAL: the stored log does not read back: ${log.error.message}`);
    const judge = (under: BoothSettings): Answer<true> => {
      const roleOk = checkRole(under, role);
      if (!roleOk.ok) return roleOk;
      const check = checkBoothLog(log.value, under, role, worldFor(log.value.options).roles);
      return check.ok ? yes(true) : no(409, `NOT_A_BOOTH_ROUND: ${check.error}`);
    };
    const verdict = judge(settings);
    // The operator may change the settings while a visitor plays: that round keeps its own.
    const earlier = this.superseded.filter((s) => match.startedAt < s.until);
    if (!verdict.ok && !earlier.some((s) => judge(s.settings).ok)) return verdict;
    const r = match.result;
    return this.add(booth, day, {
      roundId,
      matchId,
      name: "",
      role,
      availability: r.availability.overall,
      errorBudget: r.errorBudget,
      mttr: r.mttr,
      incidents: r.incidents.length,
      teamPoints: r.teamPoints,
      day,
      storedAt: this.now(),
      offline: false,
    });
  }

  /**
   * A round played offline in the browser: its log is checked and replayed here, the match
   * stored in the results store (so its replay opens) and the entry made — once per round
   * id, however often it is sent (a retry returns the stored entry).
   */
  async upload(body: unknown): Promise<Answer<RoundStored>> {
    const bad = onlyKeys(body, ["roundId", "log", "role", "name"]);
    if (bad) return no(400, `BAD_PAYLOAD: ${bad}`);
    const { roundId } = body as Record<string, unknown>;
    if (!isRoundId(roundId)) return no(400, "BAD_PAYLOAD: roundId must be 8 to 64 of A-Z a-z 0-9 _ -");
    // Uploads are stored one after another (they are rare: rounds played offline), so the
    // same round or the same log sent twice at once is found stored by the second.
    const work = this.uploads.then(() => this.storeUpload(roundId, body as Record<string, unknown>));
    this.uploads = work.catch(() => undefined);
    return work;
  }

  /** Sets the nickname of a stored round (once; the same name again is fine). */
  async setName(roundId: string, body: unknown): Promise<Answer<RoundStored>> {
    if (!isRoundId(roundId)) return no(404, "NOT_FOUND: no such round");
    const bad = onlyKeys(body, ["name"]);
    if (bad) return no(400, `BAD_PAYLOAD: ${bad}`);
    const got = await this.context();
    if (!got.ok) return got;
    const { settings, booth, day } = got.value;
    const name = checkBoothName((body as Record<string, unknown>).name, settings.blocklist);
    if (!name.ok) return no(400, `BAD_NAME: ${name.error}`);
    const entry = await booth.entry(roundId);
    if (!entry) return no(404, "NOT_FOUND: no such round");
    if (entry.name !== "" && entry.name !== name.value)
      return no(409, "NAME_SET: this round already has a name");
    booth.setName(roundId, name.value);
    return this.stored(booth, { ...entry, name: name.value }, day, false);
  }

  /** The kiosk says which room it plays now ("" when none); the room must be open. */
  async announce(body: unknown): Promise<Answer<{ liveRoom: string | null }>> {
    const bad = onlyKeys(body, ["room", "ended"]);
    if (bad) return no(400, `BAD_PAYLOAD: ${bad}`);
    const { room, ended } = body as Record<string, unknown>;
    if (ended !== undefined && (room !== "" || typeof ended !== "string"))
      return no(400, 'BAD_PAYLOAD: ended (a room code) goes with room ""');
    if (room === "") {
      // A kiosk whose round ended takes only its own round off the big screen, not a newer one.
      if (ended === undefined || ended === this.live) this.live = "";
      return yes({ liveRoom: this.live || null });
    }
    if (typeof room !== "string" || !/^[A-Za-z0-9_-]{1,32}$/.test(room))
      return no(400, "BAD_PAYLOAD: room must be a room code");
    const listing = await this.listing(room);
    if (!listing) return no(404, `NOT_FOUND: no open match "${room}"`);
    const settings = await this.settings();
    if (!settings.ok) return settings;
    const want = boothMatchOptions(settings.value, 0);
    if (
      listing.scenario !== want.scenario ||
      listing.clock !== want.clock ||
      listing.difficulty !== want.difficulty
    )
      return no(409, "NOT_A_BOOTH_ROUND: that match does not run the booth's options");
    this.live = room;
    return yes({ liveRoom: room });
  }

  // ---- helpers ----

  private async liveRoom(): Promise<string | null> {
    if (this.live && !(await this.listing(this.live))) this.live = "";
    return this.live || null;
  }

  private listing(code: string): Promise<RoomListing | undefined> {
    return this.deps.roomListing ? this.deps.roomListing(code) : Promise.resolve(undefined);
  }

  private stores(): { results: ResultsStore; booth: BoothStore } | undefined {
    const results = this.deps.results();
    if (!results) return undefined;
    if (this.boothStore?.results !== results) this.boothStore = { results, booth: boothStoreOf(results) };
    return this.boothStore;
  }

  private async context(): Promise<
    Answer<{ settings: BoothSettings; booth: BoothStore; results: ResultsStore; day: string }>
  > {
    const s = this.stores();
    const settings = await this.settings();
    if (!s || !settings.ok) return unavailable();
    return yes({
      settings: settings.value,
      booth: s.booth,
      results: s.results,
      day: this.dayNow(settings.value),
    });
  }

  private async add(booth: BoothStore, day: string, e: NewBoothEntry): Promise<Answer<RoundStored>> {
    const out = booth.add(e);
    if (out.kind === "matchTaken") return no(409, "MATCH_CLAIMED: this match is already on the board");
    return this.stored(booth, out.entry, day, out.kind === "created");
  }

  private async stored(
    booth: BoothStore,
    e: NewBoothEntry,
    day: string,
    created: boolean,
  ): Promise<Answer<RoundStored>> {
    const rankToday = await booth.rank(e, "day", day);
    const entry: BoardEntry = { ...e, rank: e.day === day ? rankToday : await booth.rank(e, "all", day) };
    return yes({ entry, rankToday, created });
  }

  private async storeUpload(roundId: string, body: Record<string, unknown>): Promise<Answer<RoundStored>> {
    const got = await this.context();
    if (!got.ok) return got;
    const { settings, booth, day, results } = got.value;
    const seen = await booth.entry(roundId);
    if (seen) return this.stored(booth, seen, day, false);
    const role = body.role;
    if (!(ROLES as readonly unknown[]).includes(role))
      return no(400, `BAD_PAYLOAD: role must be one of ${ROLES.join(", ")}`);
    const roleOk = checkRole(settings, role as Role);
    if (!roleOk.ok) return roleOk;
    let name = "";
    if (body.name !== undefined && body.name !== "") {
      const n = checkBoothName(body.name, settings.blocklist);
      if (!n.ok) return no(400, `BAD_NAME: ${n.error}`);
      name = n.value;
    }
    const v = validateMatchLog(body.log);
    if (!v.ok) return no(400, `BAD_LOG: ${v.error.message}`);
    const log = v.value;
    const check = checkBoothLog(log, settings, role as Role, worldFor(log.options).roles);
    if (!check.ok) return no(422, `NOT_A_BOOTH_ROUND: ${check.error}`);
    // The score is the replay's, never the client's; a log that does not replay to the end
    // it recorded was not played by this game's sim.
    const world = replayLog(log);
    if (stateHash(world) !== log.end!.stateHash)
      return no(422, "REPLAY_MISMATCH: the log does not replay to the end it recorded");
    const matchId = uploadMatchId(log);
    const stored = await results.getMatch(matchId);
    const result = resultOf(world, log.options.durationSeconds, false);
    if (!stored) await this.storeMatch(results, matchId, log, role as Role, name, check.value, world, result);
    else if (stored.status !== "finished")
      return no(500, "INTERNAL: an earlier upload of this round was cut short");
    return this.add(booth, day, {
      roundId,
      matchId,
      name,
      role: role as Role,
      availability: result.availability.overall,
      errorBudget: result.errorBudget,
      mttr: result.mttr,
      incidents: result.incidents.length,
      teamPoints: result.teamPoints,
      day,
      storedAt: this.now(),
      offline: true,
    });
  }

  private async storeMatch(
    results: ResultsStore,
    id: string,
    log: MatchLog,
    role: Role,
    name: string,
    actor: string,
    world: ReturnType<typeof replayLog>,
    result: ReturnType<typeof resultOf>,
  ): Promise<void> {
    const now = this.now();
    const bot = unheldModeFor(log.options.difficulty) === "bot";
    const seats = [
      { name: name || "visitor", actor: actor || name || "visitor", role, isBot: false },
      ...(bot
        ? ROLES.filter((r) => r !== role).map((r) => ({
            name: botActor(r),
            actor: botActor(r),
            role: r,
            isBot: true,
          }))
        : []),
    ];
    const players = playersOf(seats, world);
    await results.beginMatch({
      id,
      code: OFFLINE_CODE,
      round: log.round,
      options: log.options,
      startedAt: now - log.options.durationSeconds * 1000,
      players,
    });
    await results.appendLog(id, log.ticks, log.end!.tick);
    await results.finishMatch(id, {
      endedAt: now,
      lastTick: log.end!.tick,
      stateHash: log.end!.stateHash,
      players,
      result,
    });
  }
}

function checkRole(settings: BoothSettings, role: Role): Answer<true> {
  if (!(ROLES as readonly string[]).includes(role)) return no(409, "NOT_SOLO: the player held no role");
  if (roleFor(settings, role) !== role)
    return no(409, `WRONG_ROLE: the booth offers ${settings.role}, not ${role}`);
  return yes(true);
}

function unavailable<T>(): Answer<T> {
  return no(503, "UNAVAILABLE: the results store is not open");
}
