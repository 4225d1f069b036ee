/**
 * The competition's pages driven the way people use them, for the e2e tests: the Menu's
 * "Run a competition" form, "Join a team", and the console's and board's test hooks.
 */
import type { Browser, Page } from "playwright-core";
import { clickTarget, waitFor, waitForScene } from "./helpers";

/** Opens the game's Menu (patient: the first load of the bundle is slow on a loaded machine). */
export async function openMenu(
  browser: Browser,
  url: string,
  size = { width: 1366, height: 768 },
): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  await page.goto(url);
  await waitForScene(page, "Menu", 60_000);
  return page;
}

/** What the facilitator types into "Run a competition" (text fields as typed). */
export interface EventFields {
  name: string;
  teams: string;
  minutes: string;
  seed: string;
  /** Practice chaos: only the facilitator's injections break the teams' clusters. */
  chaosOff: boolean;
}

/**
 * Menu → Run a competition → Create: waits for the console with its teams, closes the
 * key's dialog (shown once) and returns the event code and the key the page kept.
 */
export async function createEventFromMenu(
  page: Page,
  f: EventFields,
): Promise<{ code: string; key: string }> {
  await clickTarget(page, "button", "run-event");
  await waitForScene(page, "EventSetup");
  await page.fill("input[name=event-name]", f.name);
  await page.fill("input[name=event-teams]", f.teams);
  await page.fill("input[name=event-minutes]", f.minutes);
  await page.fill("input[name=event-seed]", f.seed);
  if (f.chaosOff) await clickTarget(page, "button", "setup-chaos-off");
  await clickTarget(page, "button", "setup-create");
  await waitForScene(page, "Facilitator");
  await page.waitForFunction((n) => window.__reconcile.eventConsole()?.teams.length === n, Number(f.teams), {
    timeout: 15_000,
    polling: 50,
  });
  await waitFor(page, () => window.__reconcile.texts().some((s) => s.includes("keep this")), "the key");
  await clickTarget(page, "button", "console-dialog-cancel");
  const code = (await eventOf(page))!.code;
  const key = await page.evaluate((c) => sessionStorage.getItem(`reconcile.facilitatorKey.${c}`), code);
  return { code, key: key ?? "" };
}

/** Menu → Join a team by the event code and the team's name, into the team's Lobby. */
export async function joinTeamFromMenu(
  page: Page,
  player: string,
  code: string,
  team: string,
): Promise<void> {
  await clickTarget(page, "button", "join-team");
  await waitForScene(page, "JoinTeam");
  await page.fill("input[name=team-player-name]", player);
  await page.fill("input[name=team-event-code]", code);
  await page.fill("input[name=team-name]", team);
  await clickTarget(page, "button", "jointeam-join");
  await waitForScene(page, "Lobby");
}

/** The console's event as the page's test hook reports it. */
export const eventOf = (page: Page) => page.evaluate(() => window.__reconcile.eventConsole());

/** The board's state as the page's test hook reports it. */
export const boardOf = (page: Page) => page.evaluate(() => window.__reconcile.eventBoard());
