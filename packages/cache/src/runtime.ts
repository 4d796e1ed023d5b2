import type { Logger } from 'pino';
import { LRUCache } from 'lru-cache';
import type { Clock, KeyRequest } from '@fastjson-api/core';
import type { EntryResponder } from './respond.js';
import type { Outcome, RouteCache } from './route-cache.js';
import { SingleFlight } from './single-flight.js';
import type { CacheStats } from './stats.js';
import type { CacheEntry, CacheStore } from './store/types.js';

/** Default of `CacheStore.fillWaitMs`. */
const DEFAULT_FILL_WAIT_MS = 2000;

/** What the front door remembers of a URL it has seen: its route and the parts of its key. */
export interface Remembered {
  route: RouteCache;
  base: string;
  request: Omit<KeyRequest, 'headers'> | undefined;
}

/**
 * The shared state of one cache plugin: store, clock, stats, single flight,
 * the responder, and the URL memo that lets the front door find a route's key
 * without routing.
 */
export class CacheRuntime {
  readonly store: CacheStore;
  readonly clock: Clock;
  readonly stats: CacheStats;
  readonly responder: EntryResponder;
  readonly flights = new SingleFlight<Outcome>();
  readonly logger: Logger;
  readonly #memo: LRUCache<string, Remembered>;
  /** Tag sets of the handler calls running now: each collects the tags invalidated meanwhile. */
  readonly #watching = new Set<Set<string>>();
  #invalidations = 0;

  constructor(parts: {
    store: CacheStore;
    clock: Clock;
    stats: CacheStats;
    responder: EntryResponder;
    logger: Logger;
    memoSize: number;
    memoBytes: number;
  }) {
    this.store = parts.store;
    this.clock = parts.clock;
    this.stats = parts.stats;
    this.responder = parts.responder;
    this.logger = parts.logger;
    this.#memo = new LRUCache({
      max: parts.memoSize,
      maxSize: parts.memoBytes,
      sizeCalculation: (remembered, url) => memoSize(url, remembered),
    });
  }

  /** Whether the store may be used now; see `CacheStore.available()`. */
  available(): boolean {
    return this.store.available === undefined || this.store.available();
  }

  /** Reads an entry; a failing store reads as a miss, so requests fall through to the handler. */
  async read(key: string): Promise<CacheEntry | undefined> {
    try {
      return await this.store.get(key);
    } catch (error) {
      this.logger.warn({ err: error }, 'cache store read failed; answering from the handler');
      return undefined;
    }
  }

  /** Whether the store coordinates misses across instances (`CacheStore.claimFill`). */
  get coordinatesFills(): boolean {
    return this.store.claimFill !== undefined;
  }

  /** Longest wait on another instance's fill, ms; see `CacheStore.fillWaitMs`. */
  get fillWaitMs(): number {
    return this.store.fillWaitMs ?? DEFAULT_FILL_WAIT_MS;
  }

  /**
   * Whether this instance runs the handler for a missing `key`; see
   * `CacheStore.claimFill`. A failing store says yes: toward the handler.
   */
  async claimFill(key: string): Promise<boolean> {
    try {
      return (await this.store.claimFill?.(key)) ?? true;
    } catch (error) {
      this.logger.warn({ err: error }, 'cache store fill claim failed; answering from the handler');
      return true;
    }
  }

  /** Ends this instance's fill of `key`, in the background; see `CacheStore.releaseFill`. */
  releaseFill(key: string): void {
    try {
      const released = this.store.releaseFill?.(key);
      if (released instanceof Promise)
        released.catch((error: unknown) => this.#releaseFailed(error));
    } catch (error) {
      this.#releaseFailed(error);
    }
  }

  #releaseFailed(error: unknown): void {
    this.logger.warn(
      { err: error },
      'cache store fill release failed; other instances wait out the claim',
    );
  }

  async write(key: string, entry: CacheEntry): Promise<void> {
    await this.store.set(key, entry);
  }

  /** Removes every entry carrying any of `tags`. */
  async invalidate(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return 0;
    this.#invalidations++;
    for (const invalidated of this.#watching) for (const tag of tags) invalidated.add(tag);
    return this.store.invalidateTags(tags);
  }

  /**
   * The single-flight key for a store key. It changes with every
   * invalidation, so a request that follows a write never joins a handler
   * call that began before the write and may have read the old data.
   */
  flightKey(key: string): string {
    return `${key}\0${this.#invalidations}`;
  }

  /** Runs a handler call, giving it the tags invalidated while it runs. */
  async watchInvalidations<T>(run: (invalidated: ReadonlySet<string>) => Promise<T>): Promise<T> {
    const invalidated = new Set<string>();
    this.#watching.add(invalidated);
    try {
      return await run(invalidated);
    } finally {
      this.#watching.delete(invalidated);
    }
  }

  remember(url: string, route: RouteCache, base: string, request?: Remembered['request']): void {
    if (!this.#memo.has(url)) this.#memo.set(url, { route, base, request });
  }

  recall(url: string): Remembered | undefined {
    return this.#memo.get(url);
  }
}

/** Heap a remembered URL costs beyond its strings: the record, the request copy, lru-cache's slots. */
const MEMO_OVERHEAD = 320;

/**
 * Bytes a remembered URL holds: two per UTF-16 code unit of the URL, the
 * key base and the request's parts, plus {@link MEMO_OVERHEAD}. Counted so
 * that a flood of long, distinct URLs (`?&&&&…`) evicts others instead of
 * growing the memo past its byte budget.
 */
function memoSize(url: string, remembered: Remembered): number {
  let chars = url.length + remembered.base.length;
  const request = remembered.request;
  if (request !== undefined) {
    chars += request.path.length;
    for (const name in request.params) chars += name.length + request.params[name]!.length;
    for (const name in request.query) {
      const value = request.query[name];
      chars += name.length;
      if (typeof value === 'string') chars += value.length;
      else if (value !== undefined) for (const item of value) chars += item.length;
    }
  }
  return MEMO_OVERHEAD + 2 * chars;
}
