/** Counters of one route, or of the whole cache. */
export interface CacheCounters {
  hits: number;
  misses: number;
  stale: number;
  bypass: number;
  /** Requests that waited on another request's miss instead of running the handler. */
  coalesced: number;
  /** Store writes that failed and were skipped. */
  storeErrors: number;
}

export function emptyCounters(): CacheCounters {
  return { hits: 0, misses: 0, stale: 0, bypass: 0, coalesced: 0, storeErrors: 0 };
}

export type CounterName = keyof CacheCounters;

/** Per-route counters; totals are summed when asked for. */
export class CacheStats {
  readonly #routes = new Map<string, CacheCounters>();

  forRoute(routeId: string): CacheCounters {
    let counters = this.#routes.get(routeId);
    if (!counters) {
      counters = emptyCounters();
      this.#routes.set(routeId, counters);
    }
    return counters;
  }

  snapshot(): { total: CacheCounters; routes: Record<string, CacheCounters> } {
    const total = emptyCounters();
    const routes: Record<string, CacheCounters> = {};
    for (const [id, counters] of this.#routes) {
      routes[id] = { ...counters };
      for (const name of Object.keys(total) as CounterName[]) total[name] += counters[name];
    }
    return { total, routes };
  }
}
