import type { CacheRuntime } from './runtime.js';
import type { CacheCounters } from './stats.js';
import type { StoreHealth, StoreStats } from './store/types.js';
import { buildEntry } from './entry.js';
import { JSON_CONTENT_TYPE, parseDuration, stringifyJson } from '@fastjson-api/core';

export interface CacheSetOptions {
  /** Time to live: seconds or a duration string (`'10m'`). */
  ttl: number | string;
  tags?: readonly string[];
}

export interface CacheStatsSnapshot {
  /** Counters summed over every route. */
  total: CacheCounters;
  /** Counters per route id, e.g. `'GET /cities/:id (CityController.byId)'`. */
  routes: Record<string, CacheCounters>;
  /** What the store holds: entries, bytes, evictions. */
  store: StoreStats & { name: string };
}

/** The store's health and name; see {@link CacheService.health}. */
export type CacheHealth = StoreHealth & { store: string };

/** Keys of values set through the service live apart from response keys. */
const SERVICE_PREFIX = 'svc\u0000';

/**
 * The cache for code outside routes: inject it to read or write values,
 * invalidate tags after a write that no route sees, or read the stats.
 *
 * @example
 * constructor(private readonly cache: CacheService) {}
 * await this.cache.invalidate([`country:${code}`]);
 */
export class CacheService {
  readonly #runtime: CacheRuntime;

  constructor(runtime: CacheRuntime) {
    this.#runtime = runtime;
  }

  /** A value stored with `set`, or `undefined` when absent or expired. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    const entry = await this.#runtime.read(SERVICE_PREFIX + key);
    if (!entry || this.#runtime.clock.now() >= entry.expiresAt) return undefined;
    return JSON.parse(entry.body.toString('utf8')) as T;
  }

  /** Stores a JSON-serializable value under `key` for `ttl`, with optional tags. */
  async set(key: string, value: unknown, options: CacheSetOptions): Promise<void> {
    const ttl = parseDuration(options.ttl);
    if (ttl === undefined || ttl === 0) {
      throw new TypeError(
        `CacheService.set: ttl must be a positive duration; got ${JSON.stringify(options.ttl)}`,
      );
    }
    const reply = {
      status: 200,
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: Buffer.from(stringifyJson(value)),
    };
    const entry = buildEntry(reply, options.tags ?? [], {
      now: this.#runtime.clock.now(),
      ttlSeconds: ttl,
      swrSeconds: 0,
    });
    await this.#runtime.store.set(SERVICE_PREFIX + key, entry);
  }

  /** Removes a value stored with `set`; returns whether there was one. */
  async delete(key: string): Promise<boolean> {
    return this.#runtime.store.delete(SERVICE_PREFIX + key);
  }

  /** Removes every entry, response or value, that carries any of `tags`. Returns how many went. */
  async invalidate(tags: readonly string[]): Promise<number> {
    return this.#runtime.invalidate(tags);
  }

  /**
   * Whether the cache is in service: `'ok'`, or `'degraded'` while its store
   * cannot be used (requests are then answered by their handlers with
   * `X-Cache: BYPASS`), with the store's reason and details. A store that
   * reports no health is always `'ok'`.
   */
  health(): CacheHealth {
    const store = this.#runtime.store;
    return { ...(store.health?.() ?? { status: 'ok' }), store: store.name };
  }

  stats(): CacheStatsSnapshot {
    const store = this.#runtime.store;
    return { ...this.#runtime.stats.snapshot(), store: { name: store.name, ...store.stats() } };
  }
}
