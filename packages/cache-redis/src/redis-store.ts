import { randomBytes } from 'node:crypto';
import type {
  CacheEntry,
  CacheStore,
  ContentCoding,
  StoreHealth,
  StoreStats,
} from '@fastjson-api/cache';
import type { Clock } from '@fastjson-api/core';
import type { Cluster, Redis } from 'ioredis';
import { CircuitBreaker } from './breaker.js';
import { decodeEntry, encodeEntry, FORMAT_VERSION } from './codec.js';
import { connect, duplicateForFeed } from './connection.js';
import { RedisCacheError, RedisCacheErrorCodes } from './errors.js';
import { encodeMessage, InvalidationFeed, type Invalidation } from './feed.js';
import { FirstLevel } from './first-level.js';
import { KeySpace } from './keys.js';
import { FAILED, RedisLink } from './link.js';
import { resolveStoreOptions, type RedisStoreOptions, type ResolvedOptions } from './options.js';
import { PendingInvalidations } from './pending.js';
import { defineScripts, type ScriptCommands } from './scripts.js';

/** Most keys remembered as just failed (see #noteLate); past it, reads are tried again. */
const MAX_LATE_READS = 10_000;

const CODINGS: readonly string[] = ['gzip', 'br'] satisfies ContentCoding[];

/**
 * A {@link CacheStore} on Redis (or Redis Cluster) through ioredis, shared
 * by every instance of an app, with an optional in-process first level.
 *
 * - Entries are stored in a versioned binary format with Redis-side expiry
 *   at their `staleUntil`; a value that does not decode is a miss and is
 *   deleted. Reads also check the store's clock.
 * - Tags are sets in Redis; an invalidation is one Lua script that removes
 *   every entry of the tags and publishes the fact to the first levels of
 *   all instances. No KEYS, no SCAN, no glob.
 * - Redis down, slow or failing: every call has a time budget and a
 *   circuit breaker; `available()` turns false, so the plugin answers from
 *   handlers; invalidations that could not be sent wait in a bounded queue.
 *   The store comes back by itself and never throws on the request path.
 *
 * @example
 * ```ts
 * const store = new RedisStore({ url: 'redis://cache:6379', keyPrefix: 'geo', l1: { ttl: '2s' } });
 * createApp({ controllers, plugins: [koaTransport(), responseCache(store)] });
 * ```
 */
export class RedisStore implements CacheStore {
  readonly name = 'redis';
  readonly #options: ResolvedOptions;
  readonly #client: (Redis | Cluster) & ScriptCommands;
  readonly #owned: boolean;
  readonly #keys: KeySpace;
  readonly #clock: Clock;
  readonly #pending: PendingInvalidations;
  readonly #link: RedisLink;
  readonly #l1: FirstLevel | undefined;
  readonly #feed: InvalidationFeed | undefined;
  /** Tells this instance's own messages from others'. */
  readonly #id = randomBytes(9).toString('base64url');
  /** Keys whose last read failed within one time budget; see #noteLate. */
  readonly #lateReads = new Set<string>();
  #generations = 0;
  #closed = false;
  /** Set with the `fillLock` option: single flight across instances; see {@link CacheStore.claimFill}. */
  readonly claimFill?: (key: string) => Promise<boolean>;
  /** Set with the `fillLock` option; see {@link CacheStore.releaseFill}. */
  readonly releaseFill?: (key: string) => Promise<void>;
  /** `fillLock.waitMs`, with the `fillLock` option; see {@link CacheStore.fillWaitMs}. */
  readonly fillWaitMs?: number;

  constructor(options: RedisStoreOptions = {}) {
    const resolved = resolveStoreOptions(options, 'RedisStore');
    this.#options = resolved;
    this.#keys = new KeySpace(resolved.keyPrefix);
    this.#clock = resolved.clock;
    this.#pending = new PendingInvalidations(resolved.maxPendingInvalidations);

    const { client, owned } = connect(resolved);
    this.#client = defineScripts(client);
    this.#owned = owned;
    if (resolved.l1 !== undefined) {
      this.#l1 = new FirstLevel({ ...resolved.l1, clock: resolved.clock });
      this.#feed = this.#subscribe(client);
    }
    this.#link = new RedisLink(client, {
      timeoutMs: resolved.timeoutMs,
      breaker: new CircuitBreaker(resolved.breaker.failures, resolved.breaker.cooldownMs),
      logger: resolved.logger,
      report: (error) => this.#report(error),
      recover: () => this.#sendPending(),
    });
    if (resolved.fillLock !== undefined) {
      const { ttlMs, waitMs } = resolved.fillLock;
      this.claimFill = (key) => this.#claimFill(key, ttlMs);
      this.releaseFill = (key) => this.#releaseFill(key);
      this.fillWaitMs = waitMs;
    }
  }

  /** The entry under `key`: from the first level (synchronously) when it holds it, else Redis. */
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined> {
    const near = this.#l1?.get(key);
    if (near !== undefined) return near;
    if (!this.#link.up || this.#lateReads.has(key)) return undefined;
    return this.#fetch(key);
  }

  /**
   * Stores `entry` in Redis with an expiry at its `staleUntil`, then in the
   * first level. Returns once the write is sent, without waiting for Redis
   * to acknowledge it: a miss is answered without a second round trip.
   * Redis runs the commands of a connection in order, so a later read or
   * invalidation from this instance sees the write. A failed or late write
   * leaves the key uncached, and goes to `onError`.
   */
  set(key: string, entry: CacheEntry): void {
    this.#write(key, entry, this.#l1?.epoch).catch((error: Error) => {
      const message = `redis set failed: ${error.message}`;
      this.#report(
        new RedisCacheError(RedisCacheErrorCodes.COMMAND, 'set', message, { cause: error }),
      );
    });
  }

  async addEncoding(
    key: string,
    etag: string,
    coding: ContentCoding,
    bytes: Buffer,
  ): Promise<boolean> {
    if (!CODINGS.includes(coding)) return false;
    const keys = this.#keys;
    const now = this.#clock.now();
    const added = await this.#link.call('addEncoding', () =>
      this.#client.fjaAddEncoding(keys.generation, keys.entry(key), etag, now, coding, bytes),
    );
    if (added !== 1) return false;

    this.#l1?.addEncoding(key, etag, coding, bytes);
    return true;
  }

  /** Removes the entry here, in Redis, and in the first levels of other instances. */
  async delete(key: string): Promise<boolean> {
    const near = this.#l1?.delete(key) ?? false;
    const removed = await this.#link.call('delete', () => this.#sendDelete(key));
    if (removed !== FAILED) return removed === 1;

    this.#defer({ keys: [key] });
    return near;
  }

  /**
   * Removes every entry carrying any of `tags`, in Redis and in every first
   * level, and returns how many Redis held. When Redis cannot be reached,
   * the tags wait to be sent when it answers (the store stays unavailable
   * until then) and the count is the first level's.
   */
  async invalidateTags(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return 0;
    const near = this.#l1?.invalidateTags(tags) ?? 0;
    const removed = await this.#link.call('invalidateTags', () => this.#sendTags([...tags]));
    if (removed !== FAILED) return removed;

    this.#defer({ tags: [...tags] });
    return near;
  }

  /** Outdates every entry of this key prefix, on every instance, in one write (no scan). */
  async clear(): Promise<void> {
    this.#l1?.clear();
    const cleared = await this.#link.call('clear', () => this.#sendClear());
    if (cleared === FAILED) this.#defer({ everything: true });
  }

  /**
   * The first level's counters (zeros without one). What Redis holds is not
   * counted here: Redis is shared, so ask it (`INFO keyspace`, `MEMORY STATS`).
   */
  stats(): StoreStats {
    const near = this.#l1?.stats();
    if (near === undefined) return { counts: 'none', entries: 0, bytes: 0, evictions: 0 };
    const { entries, bytes, evictions, maxBytes, maxEntries } = near;
    return { counts: 'first level', entries, bytes, evictions, maxBytes, maxEntries };
  }

  /** Whether Redis is in use: connected, answering, breaker closed, nothing waiting to be sent. */
  available(): boolean {
    return this.#link.up;
  }

  /**
   * `'ok'` or `'degraded'` with a reason (`'connecting'`, `'unreachable'`,
   * `'disconnected'`, `'failing'`, `'invalidations pending'`, `'closed'`),
   * plus the connection state, breaker, error and timeout counts, pending
   * invalidations and the first level's subscription.
   */
  health(): StoreHealth {
    const link = this.#link.health() as StoreHealth;
    const feed = this.#feed;
    return {
      ...link,
      pendingInvalidations: this.#pending.size,
      subscription: feed === undefined ? 'off' : feed.subscribed ? 'subscribed' : 'down',
    };
  }

  /**
   * Resolves true once the store is in use (and, with a first level, its
   * invalidation feed subscribed), or false after `timeoutMs`. An app need
   * not wait: requests skip the cache until then.
   */
  async ready(timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const isReady = () => this.#link.up && (this.#feed === undefined || this.#feed.subscribed);
    while (!isReady()) {
      if (this.#closed || Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }

  /** Stops timers and closes the connections the store made; a given `client` stays open. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#link.close();
    this.#feed?.close();
    this.#l1?.clear();
    if (!this.#owned) return;

    try {
      await this.#link.attempt('quit', () => this.#client.quit());
    } finally {
      this.#client.disconnect();
    }
  }

  /**
   * Takes the fill lock of `key` (`SET NX PX`, owned by this instance):
   * false only when another holder has it. Redis unusable, late or failing:
   * true, so the request goes to its handler.
   */
  async #claimFill(key: string, ttlMs: number): Promise<boolean> {
    const lock = this.#keys.lock(key);
    const taken = await this.#link.call('claimFill', () =>
      this.#client.set(lock, this.#id, 'PX', ttlMs, 'NX'),
    );
    return taken !== null;
  }

  /** Gives the fill lock of `key` back, if this instance still holds it; else it expires. */
  async #releaseFill(key: string): Promise<void> {
    const lock = this.#keys.lock(key);
    await this.#link.call('releaseFill', () => this.#client.fjaReleaseFill(lock, this.#id));
  }

  async #write(key: string, entry: CacheEntry, epoch: number | undefined): Promise<void> {
    const ttl = Math.ceil(entry.staleUntil - this.#clock.now());
    const keys = this.#keys;
    const args =
      ttl > 0
        ? [
            encodeEntry(entry),
            entry.etag,
            entry.staleUntil,
            this.#freshGeneration(),
            ...encodingArgs(entry),
          ]
        : ['', '', 0, '', '', ''];
    const stored = await this.#link.call('set', () =>
      this.#client.fjaSet(
        keys.generation,
        keys.entry(key),
        keys.tagPrefix,
        key,
        ttl,
        ...args,
        ...entry.tags,
      ),
    );

    if (stored === 1) this.#l1?.put(key, entry, epoch);
    else this.#l1?.forget(key);
  }

  async #fetch(key: string): Promise<CacheEntry | undefined> {
    const epoch = this.#l1?.epoch;
    const keys = this.#keys;
    const found = await this.#link.call('get', () =>
      this.#client.fjaGetBuffer(keys.generation, keys.entry(key), keys.tagPrefix, key),
    );
    if (found === FAILED) {
      this.#noteLate(key);
      return undefined;
    }
    if (!Array.isArray(found)) return undefined;

    const entry = decodeEntry(found[0], { gzip: found[1], br: found[2] });
    if (entry === undefined) {
      this.#discard(key);
      return undefined;
    }
    if (this.#clock.now() >= entry.staleUntil) return undefined;
    this.#l1?.put(key, entry, epoch);
    return entry;
  }

  /**
   * Remembers, for one time budget, that a read of `key` failed: a request
   * that read through the front door and then takes the full path reads the
   * same key twice, and must not wait twice on a Redis that just failed it.
   */
  #noteLate(key: string): void {
    if (this.#lateReads.size >= MAX_LATE_READS || this.#lateReads.has(key)) return;
    this.#lateReads.add(key);
    setTimeout(() => this.#lateReads.delete(key), this.#options.timeoutMs).unref();
  }

  /** Deletes a value that does not decode, in the background. */
  #discard(key: string): void {
    const error = new RedisCacheError(
      RedisCacheErrorCodes.UNDECODABLE,
      'get',
      `deleted an entry that is not in format version ${FORMAT_VERSION} ` +
        `(corrupt, or written by another version): ${JSON.stringify(key.slice(0, 200))}`,
    );
    this.#report(error);
    void this.#link.call('delete', () => this.#sendDelete(key));
  }

  #sendDelete(key: string): Promise<number> {
    const keys = this.#keys;
    const message = encodeMessage(this.#id, { keys: [key] });
    return this.#client.fjaDelete(
      keys.generation,
      keys.entry(key),
      keys.tagPrefix,
      key,
      keys.channel,
      message,
    );
  }

  #sendTags(tags: string[]): Promise<number> {
    const keys = this.#keys;
    const message = encodeMessage(this.#id, { tags });
    return this.#client.fjaInvalidate(
      keys.generation,
      keys.entryPrefix,
      keys.tagPrefix,
      keys.channel,
      message,
      ...tags,
    );
  }

  #sendClear(): Promise<number> {
    const keys = this.#keys;
    const message = encodeMessage(this.#id, { everything: true });
    return this.#client.fjaClear(keys.generation, this.#freshGeneration(), keys.channel, message);
  }

  /**
   * Queues an invalidation that did not reach Redis and holds the store
   * unavailable until it has: serving reads meanwhile could serve what was
   * just invalidated.
   */
  #defer(invalidation: Invalidation): void {
    let kept = true;
    if ('tags' in invalidation) kept = this.#pending.addTags(invalidation.tags);
    else if ('keys' in invalidation) kept = this.#pending.addKeys(invalidation.keys);
    else this.#pending.addEverything();

    if (!kept) {
      const message =
        `more than ${this.#pending.max} invalidations waited for Redis; ` +
        'every entry will be outdated instead when it answers again';
      this.#report(
        new RedisCacheError(RedisCacheErrorCodes.QUEUE_OVERFLOW, 'invalidateTags', message),
      );
    }
    if (!this.#closed) this.#link.hold('invalidations pending');
  }

  /** Sends what waited; the link's way back runs it before declaring Redis usable again. */
  #sendPending(): Promise<boolean> {
    const link = this.#link;
    const sent = (result: unknown) => result !== FAILED;
    return this.#pending.drain({
      everything: async () => sent(await link.attempt('clear', () => this.#sendClear())),
      tags: async (tags) => sent(await link.attempt('invalidateTags', () => this.#sendTags(tags))),
      keys: async (keys) => {
        const results = await Promise.all(
          keys.map((key) => link.attempt('delete', () => this.#sendDelete(key))),
        );
        return results.every(sent);
      },
    });
  }

  #subscribe(client: Redis | Cluster): InvalidationFeed {
    const l1 = this.#l1!;
    const subscriber = duplicateForFeed(client, this.#options.timeoutMs);
    return new InvalidationFeed(subscriber, this.#keys.channel, this.#id, {
      message: (invalidation) => {
        if ('tags' in invalidation) l1.invalidateTags(invalidation.tags);
        else if ('keys' in invalidation) for (const key of invalidation.keys) l1.delete(key);
        else l1.clear();
      },
      // Messages of the gap are lost: the first level cannot be trusted
      // while cut off, nor kept from before once back.
      lost: () => (l1.usable = false),
      restored: () => (l1.usable = true),
      report: (error) => this.#report(error),
    });
  }

  /** A generation no entry has carried: used by clear(), or when the generation key is missing. */
  #freshGeneration(): string {
    return `${this.#id}.${++this.#generations}`;
  }

  #report(error: RedisCacheError): void {
    const onError = this.#options.onError;
    if (onError === undefined) return;
    try {
      onError(error);
    } catch {
      // An onError that throws must not break the store: it runs in event handlers.
    }
  }
}

/** Compressed forms given with an entry, as the set script takes them ('' for none). */
function encodingArgs(entry: CacheEntry): [Buffer | string, Buffer | string] {
  return [entry.encodings?.gzip ?? '', entry.encodings?.br ?? ''];
}
