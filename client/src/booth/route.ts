/** The booth's addresses: the kiosk `#/booth` (or `?booth=1`) and the big screen `#/booth/screen` (or `?booth=screen`). */

/** Which booth page an address opens. */
export type BoothRoute = "kiosk" | "screen";

/** The booth page a location names, if any. */
export function boothRouteOf(hash: string, search: string): BoothRoute | undefined {
  if (/^#\/booth\/screen\/?$/.test(hash)) return "screen";
  if (/^#\/booth\/?$/.test(hash)) return "kiosk";
  const param = new URLSearchParams(search).get("booth");
  if (param === "screen") return "screen";
  if (param === "1" || param === "kiosk") return "kiosk";
  return undefined;
}
