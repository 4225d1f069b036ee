/**
 * Kubernetes resource quantities (`100m`, `0.5`, `64Mi`, `4Gi`) in the units the game's
 * scheduler adds up: CPU in millicores, memory in MiB.
 */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL: Record<string, number> = { "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;

/** A quantity's value in base units (cores, bytes), or undefined when it is not one. */
function baseValue(q: string | number): number | undefined {
  if (typeof q === "number") return Number.isFinite(q) && q >= 0 ? q : undefined;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? "";
  if (suffix === "m") return n / 1000;
  return n * (BINARY[suffix] ?? DECIMAL[suffix]!);
}

/** CPU quantity → millicores (`100m` → 100, `2` → 2000, `0.5` → 500); undefined when malformed. */
export function cpuMillicores(q: string | number): number | undefined {
  const v = baseValue(q);
  return v === undefined ? undefined : Math.round(v * 1000);
}

/** Memory quantity → MiB (`64Mi` → 64, `4Gi` → 4096, `128M` → 122); undefined when malformed. */
export function memoryMiB(q: string | number): number | undefined {
  const v = baseValue(q);
  if (v === undefined || (typeof q === "string" && q.trim().endsWith("m"))) return undefined;
  return Math.round(v / 2 ** 20);
}
