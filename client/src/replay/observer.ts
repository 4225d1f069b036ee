/**
 * What a view of a re-simulated world shows besides the world itself: when each DNS name
 * last changed, and the request paths of the last game second. The replay and the booth's
 * in-browser rounds (attract demo, offline fallback) both watch their world tick by tick.
 */
import { TICKS_PER_SECOND, type World } from "../../../shared/sim";
import type { RequestView } from "../net/view";

/** Ticks of request outcomes summed (one game second, as the server's). */
const TRAFFIC_TICKS = TICKS_PER_SECOND;

/** Follows one world tick by tick. */
export class WorldObserver {
  /** Game time each DNS name last changed. */
  dnsChangedAt = new Map<string, number>();
  private dnsSig = new Map<string, string>();
  private traffic: Map<string, RequestView>[] = [];

  /** Forgets everything and takes `w` as the starting point. */
  reset(w: World): void {
    this.dnsChangedAt = new Map();
    this.dnsSig = new Map();
    this.traffic = [];
    this.observe(w, true);
  }

  /** Notes the DNS rows that changed and the request paths of the tick just stepped. */
  observe(w: World, first = false): void {
    for (const [name, ips] of Object.entries(w.dns.records)) {
      const sig = ips.join(",");
      const before = this.dnsSig.get(name);
      if (!first && before !== sig) this.dnsChangedAt.set(name, Math.round(w.time * 1000) / 1000);
      this.dnsSig.set(name, sig);
    }
    if (first) return;
    const agg = new Map<string, RequestView>();
    for (const r of w.traffic.recent) {
      const key = `${r.hops.join(">")}|${r.failedTier ?? ""}|${r.reason ?? ""}`;
      const cur = agg.get(key);
      if (cur) cur.count += 1;
      else
        agg.set(key, { hops: [...r.hops], failedTier: r.failedTier ?? "", reason: r.reason ?? "", count: 1 });
    }
    this.traffic.push(agg);
    while (this.traffic.length > TRAFFIC_TICKS) this.traffic.shift();
  }

  /** The request paths of the last game second, summed. */
  requests(): RequestView[] {
    const sum = new Map<string, RequestView>();
    for (const tick of this.traffic)
      for (const [k, v] of tick) {
        const cur = sum.get(k);
        if (cur) cur.count += v.count;
        else sum.set(k, { ...v, hops: [...v.hops] });
      }
    return [...sum.values()];
  }
}
