/**
 * The game clock's table as players read it: every scaled delay of shared/sim/clock.ts,
 * Kubernetes' value (the realistic clock) next to the arcade one, in the current language.
 */
import { CLOCKS, type ClockName, type ClockTable } from "../../shared/sim/clock";
import { t, type MessageKey } from "./i18n";

/** Every delay of the clock table, in the order the simulation declares them. */
export const CLOCK_DELAYS = Object.keys(CLOCKS.realistic) as (keyof ClockTable)[];

/** A duration as players read it: `50 s`, `5 min` for whole minutes from 5 up. */
export function duration(seconds: number): string {
  return seconds >= 300 && seconds % 60 === 0
    ? t("clock.min", { n: seconds / 60 })
    : t("clock.s", { n: seconds });
}

/** One line per delay: what it is, Kubernetes' (realistic) value → the arcade value. */
export function clockTableLines(): string[] {
  return CLOCK_DELAYS.map((k) =>
    t("clock.row", {
      name: t(`clock.${k}` as MessageKey),
      real: duration(CLOCKS.realistic[k]),
      arcade: duration(CLOCKS.arcade[k]),
    }),
  );
}

/** The figures a clock's one-line help quotes: node grace period and eviction delay. */
export function clockHelpParams(clock: ClockName): { grace: string; evict: string } {
  return {
    grace: duration(CLOCKS[clock].nodeGracePeriod),
    evict: duration(CLOCKS[clock].evictionToleration),
  };
}
