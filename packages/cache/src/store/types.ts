/**
 * @module
 * The contract between the cache plugin and a store. The memory store and the
 * Redis store both implement it, and src/testing/store-contract.ts checks it.
 */
import type { HeaderMap } from '@fastjson-api/core';

/** A compressed form of a body that the plugin may keep beside it. */
export type ContentCoding = 'gzip' | 'br';

/**
 * One stored response. Stores keep and return it as given, byte for byte.
 *
 * Times are absolute (ms since the epoch, read from the app's clock), so an
 * entry carries its own lifetime: writing it again never extends it.
 * Treat an entry returned by a store as read-only: the memory store hands out
 * the object it holds, with no copy.
 */
export interface CacheEntry {
  status: number;
  /**
   * Headers the handler set, lower-case names, `content-type` included.
   * Never `set-cookie`: responses that set cookies are not stored.
   */
  headers: HeaderMap;
  /** The serialized body. */
  body: Buffer;
  /** Strong ETag, quotes included (`"<base64url digest>"`), computed once at store time. */
  etag: string;
  /** Tags that {@link CacheStore.invalidateTags} matches literally. */
  tags: string[];
  /** When the entry was stored, ms since the epoch. */
  storedAt: number;
  /** Fresh while `now < expiresAt` (ms since the epoch). */
  expiresAt: number;
  /**
   * May be served stale while `now < staleUntil` (ms since the epoch);
   * always `>= expiresAt`. From `staleUntil` on, the store no longer returns it.
   */
  staleUntil: number;
  /** Compressed forms of `body`, added later through {@link CacheStore.addEncoding}. */
  encodings?: Partial<Record<ContentCoding, Buffer>>;
}

/** Counters a store reports; all are cheap to read. */
export interface StoreStats {
  /**
   * What `entries`, `bytes` and `evictions` count: `'all'` when the store
   * holds every entry in this process (the memory store); `'first level'`
   * when they count only a remote store's in-process first level; `'none'`
   * when nothing is held in process (a remote store without a first level,
   * whose own entry count is not read: that would cost a round trip).
   */
  counts?: 'all' | 'first level' | 'none';
  /** Entries held, including expired ones not yet removed (see `counts`). */
  entries: number;
  /** Bytes held, as the store accounts them (see the store's docs and `counts`). */
  bytes: number;
  /**
   * Entries removed to make room (size or count pressure); deletes,
   * invalidations and expiry do not count.
   */
  evictions: number;
  /** Byte budget, when the store has one. */
  maxBytes?: number;
  /** Entry budget, when the store has one. */
  maxEntries?: number;
  /** Distinct tags in the tag index, when the store keeps one in process. */
  tags?: number;
}

/**
 * What a store says about its own health, for readiness probes and
 * dashboards (`CacheService.health()`).
 */
export interface StoreHealth {
  /**
   * `'ok'`: the store is in use. `'degraded'`: it cannot be used now (e.g.
   * its server is unreachable), requests are answered by their handlers and
   * nothing is cached until it recovers by itself.
   */
  status: 'ok' | 'degraded';
  /** Why it is degraded, in a few words; absent when `'ok'`. */
  reason?: string;
  /** Store-specific details: connection state, queue lengths, error counts. */
  [detail: string]: unknown;
}

/**
 * Where cached responses live. Every method may answer synchronously or with
 * a promise: the memory store answers synchronously so that a hit costs no
 * promise. Callers accept both shapes and await only when given a promise.
 */
export interface CacheStore {
  /** Short name for logs and stats, e.g. `'memory'`. */
  readonly name: string;

  /**
   * The entry stored under `key`, stale or fresh, until its `staleUntil`;
   * never after. Whether it is fresh is the caller's call (`expiresAt`).
   */
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;

  /**
   * Stores `entry` under `key`, replacing what was there (and its tags). An
   * entry that is already past `staleUntil`, or that cannot fit the store's
   * budget, is not stored, and the old one is removed all the same.
   */
  set(key: string, entry: CacheEntry): void | Promise<void>;

  /**
   * Records a compressed form of the body of the entry under `key`, only if
   * that entry still has this `etag`. It is a compare-and-set so that a slow
   * compression cannot bring back an entry that was invalidated or replaced
   * meanwhile, which re-`set`ting the whole entry would do. Returns whether
   * it was recorded; a store may always decline (`false`).
   */
  addEncoding(
    key: string,
    etag: string,
    coding: ContentCoding,
    bytes: Buffer,
  ): boolean | Promise<boolean>;

  /** Removes the entry under `key`; returns whether there was one. */
  delete(key: string): boolean | Promise<boolean>;

  /**
   * Removes every entry that carries any of `tags`, compared literally (no
   * glob: `a*` matches only the tag `a*`). Returns how many entries went.
   */
  invalidateTags(tags: readonly string[]): number | Promise<number>;

  /** Removes every entry. */
  clear(): void | Promise<void>;

  stats(): StoreStats;

  /**
   * Whether the store can be used right now. When it returns `false`, the
   * plugin does not call the store for requests: cached routes answer from
   * their handlers with `X-Cache: BYPASS`, store nothing, and the front door
   * declines. Called on every request of a cached route, so it must be cheap
   * (a field read). A store that is always usable leaves it out.
   */
  available?(): boolean;

  /**
   * Cross-instance single flight, for stores shared by several instances.
   * Called on a miss by the one request of this process that runs the
   * handler (requests of the same process wait on it in any case): `true`
   * when this instance should run the handler, because it won the key or
   * the store does no such coordination; `false` when another instance is
   * filling the key. On `false` the plugin polls {@link CacheStore.get} for
   * up to {@link CacheStore.fillWaitMs}, asking again meanwhile, and runs
   * the handler itself once the wait runs out. A rejection counts as `true`:
   * the request goes to the handler. Answer within a short time budget. A
   * store that leaves it out (the memory store) gets no such calls.
   */
  claimFill?(key: string): boolean | Promise<boolean>;

  /**
   * Called once the fill of `key` that {@link CacheStore.claimFill} gave this
   * instance has ended, whether an entry was stored or not (the handler
   * threw, or its reply may not be stored), so that other instances stop
   * waiting. Not awaited by requests; a rejection is ignored.
   */
  releaseFill?(key: string): void | Promise<void>;

  /**
   * Longest wait, in ms, for another instance's fill when
   * {@link CacheStore.claimFill} returns `false`. Default: `2000`.
   */
  readonly fillWaitMs?: number;

  /** The store's health; a store without it is taken as always `'ok'`. */
  health?(): StoreHealth;

  /** Releases connections or timers; the store is not used afterwards. */
  close?(): void | Promise<void>;
}
