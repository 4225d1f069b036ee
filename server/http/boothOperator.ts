/**
 * The booth operator's page (`/booth/operator/`): a form over the booth API's settings and
 * clear-today routes, signed in with the operator key. The HTML is made here (its choices
 * come from the game's own lists); the script and style are files beside it, since the
 * page's CSP allows no inline code. Nothing secret is in the page: every action needs the key.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Router } from "express";
import { ROLE_CHOICE, MIN_ROUND_SECONDS } from "../../shared/booth";
import { DIFFICULTIES, MAX_DURATION_SECONDS } from "../../shared/protocol";
import { ROLES, SCENARIO_NAMES } from "../../shared/sim";

/** Where the operator's page is served. */
export const OPERATOR_PAGE_ROUTE = "/booth/operator";

const FILES = path.join(path.dirname(fileURLToPath(import.meta.url)), "../booth/operatorPage");

const options = (values: readonly string[]) =>
  values.map((v) => `<option value="${v}">${v}</option>`).join("");

/** The page's HTML. */
export function operatorPageHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reconcile booth — operator</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="operator.css">
</head>
<body>
<h1>Reconcile booth — operator</h1>
<p id="status" role="status"></p>
<form id="signin">
  <label>Operator key <input id="key" type="password" autocomplete="current-password" required></label>
  <p class="hint">Printed by <code>npm start</code> (or the <code>BOOTH_OPERATOR_KEY</code> you set). Kept in this tab only.</p>
  <button type="submit">Sign in</button>
</form>
<form id="booth" hidden>
  <p>Today (<span id="day"></span>): <strong id="roundsToday"></strong> round(s) played.
  <button type="button" id="refresh">Refresh</button></p>
  <label>Scenario <select id="scenario">${options(SCENARIO_NAMES)}</select></label>
  <label>Role offered <select id="role">${options([ROLE_CHOICE, ...ROLES])}</select></label>
  <label>Round length (s) <input id="durationSeconds" type="number" min="${MIN_ROUND_SECONDS}" max="${MAX_DURATION_SECONDS}" step="1" required></label>
  <label>Other roles played by <select id="difficulty">${options(DIFFICULTIES)}</select></label>
  <label>Time zone of the day <input id="timeZone" placeholder="Europe/Berlin" required></label>
  <label>Blocked words (one a line) <textarea id="blocklist"></textarea></label>
  <button type="submit">Save settings</button>
  <button type="button" id="clear">Clear today's board</button>
</form>
<p class="hint">Kiosk: <a href="/#/booth">/#/booth</a> · Big screen: <a href="/#/booth/screen">/#/booth/screen</a></p>
<script type="module" src="operator.js"></script>
</body>
</html>
`;
}

/** The page and its two files, revalidated on every load. */
export function operatorPage(): Router {
  const router = express.Router({ strict: true });
  const html = operatorPageHtml();
  router.get("/", (req, res) => {
    // A relative `operator.js` needs the trailing slash.
    if (!req.originalUrl.split("?")[0]!.endsWith("/")) return res.redirect(301, `${OPERATOR_PAGE_ROUTE}/`);
    res.set("Cache-Control", "no-cache").type("html").send(html);
  });
  router.use(
    express.static(FILES, {
      index: false,
      setHeaders: (res) => res.setHeader("Cache-Control", "no-cache"),
    }),
  );
  return router;
}
