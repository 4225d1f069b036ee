/**
 * Tiny i18n: two complete tables (en, zh), a current language kept in localStorage, and
 * listeners so scenes re-render their text when the player switches language.
 */
import { en, type MessageKey, type Messages } from "./en";
import { zh } from "./zh";

/** The languages the game ships. */
export const LANGUAGES = ["en", "zh"] as const;
/** A language code. */
export type Lang = (typeof LANGUAGES)[number];

/** Every message table, by language. */
export const TABLES: Record<Lang, Messages> = { en, zh };

const STORAGE_KEY = "reconcile.lang";
let current: Lang = "en";
const listeners = new Set<(lang: Lang) => void>();

/** Fills `{name}` placeholders of a message. Unknown placeholders are left as written. */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Translates a key into the current language. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(TABLES[current][key], params);
}

/** Whether a string is a known message key. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** The current language. */
export function getLang(): Lang {
  return current;
}

/** Switches language, remembers it, and tells every listener. */
export function setLang(lang: Lang): void {
  current = lang;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode or no storage: the choice lasts for this page only
  }
  for (const fn of listeners) fn(lang);
}

/** Restores the remembered language (or the browser's, when it prefers Chinese). */
export function initLang(): Lang {
  let saved: string | null = null;
  try {
    saved = globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  const nav = globalThis.navigator?.language ?? "en";
  current = saved === "zh" || saved === "en" ? saved : nav.toLowerCase().startsWith("zh") ? "zh" : "en";
  return current;
}

/** Subscribes to language changes; returns the unsubscribe function. */
export function onLangChange(fn: (lang: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export type { MessageKey, Messages };
