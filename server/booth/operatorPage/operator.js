/* global document, fetch, sessionStorage, confirm */
/**
 * The booth operator's page: signs in with the operator key (kept for this tab only),
 * shows and changes the booth's settings, today's rounds, and clears today's board, all
 * through /api/booth. Plain script (the page's CSP allows only its own files).
 */
const KEY_STORE = "reconcile.boothOperatorKey";
const $ = (id) => document.getElementById(id);
let key = sessionStorage.getItem(KEY_STORE) ?? "";

/** One API call with the key; throws the server's coded sentence on a refusal. */
async function api(method, path, body) {
  let res;
  try {
    res = await fetch(`/api/booth${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${key}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new Error("the game server cannot be reached");
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(json.error ?? `HTTP ${res.status}`);
  return json;
}

function status(text, error = false) {
  $("status").textContent = text;
  $("status").className = error ? "error" : "";
}

/** Puts the operator view (settings, today, rounds today) into the page. */
function show(view) {
  const s = view.settings;
  $("scenario").value = s.scenario;
  $("role").value = s.role;
  $("durationSeconds").value = String(s.durationSeconds);
  $("difficulty").value = s.difficulty;
  $("timeZone").value = s.timeZone;
  $("blocklist").value = s.blocklist.join("\n");
  $("day").textContent = view.day;
  $("roundsToday").textContent = String(view.roundsToday);
  $("signin").hidden = true;
  $("booth").hidden = false;
}

async function signIn(event) {
  event?.preventDefault();
  key = $("key").value.trim() || key;
  try {
    show(await api("GET", "/settings"));
    sessionStorage.setItem(KEY_STORE, key);
    status("Signed in.");
  } catch (e) {
    sessionStorage.removeItem(KEY_STORE);
    status(e.message, true);
  }
}

async function save(event) {
  event.preventDefault();
  const patch = {
    scenario: $("scenario").value,
    role: $("role").value,
    durationSeconds: Number($("durationSeconds").value),
    difficulty: $("difficulty").value,
    timeZone: $("timeZone").value.trim(),
    blocklist: $("blocklist")
      .value.split(/[\n,]/)
      .map((w) => w.trim())
      .filter((w) => w !== ""),
  };
  try {
    show(await api("PUT", "/settings", patch));
    status("Saved: the next round uses these settings.");
  } catch (e) {
    status(e.message, true);
  }
}

async function clearToday() {
  if (!confirm("Take every round of today off the leaderboards?")) return;
  try {
    const r = await api("POST", "/today/clear", {});
    show(await api("GET", "/settings"));
    status(`${r.cleared} round(s) of ${r.day} taken off the boards.`);
  } catch (e) {
    status(e.message, true);
  }
}

$("signin").addEventListener("submit", signIn);
$("booth").addEventListener("submit", save);
$("clear").addEventListener("click", clearToday);
$("refresh").addEventListener("click", () => signIn());
if (key) void signIn();
