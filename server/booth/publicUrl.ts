/** `PUBLIC_URL`: where visitors can play from their own laptop (the big screen's QR code), read once. */

/** The URL, normalised; null when unset. Throws a message naming the variable when it is not an http(s) URL. */
export function readPublicUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL must be an address like https://reconcile.example.org/; got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`PUBLIC_URL must start with http:// or https://; got "${raw}"`);
  return url.href;
}
