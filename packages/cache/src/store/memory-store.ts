import { inspect } from 'node:util';
import { LRUCache } from 'lru-cache';
import { parseBytes, systemClock } from '@fastjson-api/core';
import type { Clock } from '@fastjson-api/core';
import { entrySize, ownBytes } from './entry-size.js';
import type { CacheEntry, CacheStore, ContentCoding, StoreStats } from './types.js';

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_ENTRIES = 100_000;

/** Options of {@link MemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * Budget for everything the store holds: a number of bytes, or a size such
   * as `'512kb'`, `'256mb'`, `'1gb'`. Each entry counts its body, compressed
   * forms, headers, key, ETag and tags, plus an estimate of its object
   * overhead (640 bytes, and 128 per tag), so the budget approximates the
   * heap really used and holds whatever the number of keys. The least recently used
   * entries go first when it is full; an entry larger than the whole budget
   * is not stored.
   *
   * @defaultValue `64 * 1024 * 1024` (64 MB)
   */
  maxBytes?: number | string;
  /**
   * Most entries held at once, whatever their size. lru-cache reserves about
   * 30 bytes of slots per entry up front, so keep it near what `maxBytes` can
   * really hold.
   *
   * @defaultValue `100_000`
   */
  maxEntries?: number;
  /**
   * Source of time for expiry (`staleUntil`).
   *
   * @defaultValue `systemClock` from `@fastjson-api/core`
   */
  clock?: Clock;
}

/**
 * An in-process {@link CacheStore} on lru-cache, bounded by bytes and by
 * entries. Every method answers synchronously.
 *
 * Expiry is checked on `get` against the clock: an entry past `staleUntil`
 * is removed when it is read, or pushed out by newer entries before that; no
 * timer runs. A tag index (tag to keys) lets `invalidateTags` find entries
 * without a scan; every removal, whatever its cause, takes the key out of
 * the index, so the index never outgrows the entries.
 *
 * @example
 * ```ts
 * const store = new MemoryStore({ maxBytes: '256mb' });
 * ```
 */
export class MemoryStore implements CacheStore {
  readonly name = 'memory';
  readonly #lru: LRUCache<string, CacheEntry>;
  readonly #tags = new Map<string, Set<string>>();
  readonly #clock: Clock;
  readonly #maxBytes: number;
  readonly #maxEntries: number;
  #evictions = 0;

  constructor(options: MemoryStoreOptions = {}) {
    const { maxBytes, maxEntries, clock } = resolveOptions(options);
    this.#clock = clock;
    this.#maxBytes = maxBytes;
    this.#maxEntries = maxEntries;
    this.#lru = new LRUCache<string, CacheEntry>({
      max: maxEntries,
      maxSize: maxBytes,
      dispose: (entry, key, reason) => this.#onRemove(entry, key, reason),
    });
  }

  get(key: string): CacheEntry | undefined {
    const entry = this.#lru.get(key);
    if (entry === undefined || this.#clock.now() < entry.staleUntil) return entry;

    this.#lru.delete(key);
    return undefined;
  }

  /**
   * Stores `entry`. Its body and compressed forms are copied when they are
   * views into a larger block (see `ownBytes`); otherwise the entry is kept
   * as is, with no copy.
   */
  set(key: string, entry: CacheEntry): void {
    const stored = withOwnBytes(entry);
    const size = entrySize(key, stored);
    if (size > this.#maxBytes || stored.staleUntil <= this.#clock.now()) {
      this.#lru.delete(key);
      return;
    }

    // Index after set: replacing a key disposes the old entry, which takes
    // the key out of the old entry's tags, some of which may be ours again.
    this.#lru.set(key, stored, { size });
    this.#index(key, stored.tags);
  }

  /**
   * Adds `bytes` to the stored entry's `encodings`, in place, and grows its
   * accounted size, which may evict other entries. Declines when the key
   * holds no live entry with this ETag, or when the grown entry would not
   * fit the budget.
   */
  addEncoding(key: string, etag: string, coding: ContentCoding, bytes: Buffer): boolean {
    const entry = this.#lru.peek(key);
    if (entry === undefined || entry.etag !== etag) return false;
    if (entry.staleUntil <= this.#clock.now()) return false;

    const own = ownBytes(bytes);
    const previous = entry.encodings?.[coding]?.byteLength ?? 0;
    const size = entrySize(key, entry) - previous + own.byteLength;
    if (size > this.#maxBytes) return false;

    // A new encodings object rather than a write into the old one, which the
    // caller that built the entry may still hold.
    entry.encodings = { ...entry.encodings, [coding]: own };
    // Same object again: lru-cache only re-sizes it, with no dispose.
    this.#lru.set(key, entry, { size });
    return true;
  }

  delete(key: string): boolean {
    return this.#lru.delete(key);
  }

  invalidateTags(tags: readonly string[]): number {
    let removed = 0;
    for (const tag of tags) {
      const keys = this.#tags.get(tag);
      if (keys === undefined) continue;
      // Each delete disposes the entry, which removes the key from this very
      // set; a Set iterator tolerates that, so no copy is needed.
      for (const key of keys) {
        if (this.#lru.delete(key)) removed++;
      }
    }
    return removed;
  }

  clear(): void {
    this.#lru.clear();
    this.#tags.clear();
  }

  stats(): StoreStats {
    return {
      counts: 'all',
      entries: this.#lru.size,
      bytes: this.#lru.calculatedSize,
      evictions: this.#evictions,
      maxBytes: this.#maxBytes,
      maxEntries: this.#maxEntries,
      tags: this.#tags.size,
    };
  }

  close(): void {
    this.clear();
  }

  #index(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      let keys = this.#tags.get(tag);
      if (keys === undefined) this.#tags.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  #onRemove(entry: CacheEntry, key: string, reason: LRUCache.DisposeReason): void {
    if (reason === 'evict') this.#evictions++;

    for (const tag of entry.tags) {
      const keys = this.#tags.get(tag);
      if (keys === undefined) continue;
      keys.delete(key);
      if (keys.size === 0) this.#tags.delete(tag);
    }
  }
}

function withOwnBytes(entry: CacheEntry): CacheEntry {
  const body = ownBytes(entry.body);
  const encodings = entry.encodings && ownEncodings(entry.encodings);
  if (body === entry.body && encodings === entry.encodings) return entry;

  const copy: CacheEntry = { ...entry, body };
  if (encodings !== undefined) copy.encodings = encodings;
  return copy;
}

function ownEncodings(encodings: NonNullable<CacheEntry['encodings']>): CacheEntry['encodings'] {
  const { gzip, br } = encodings;
  const ownGzip = gzip && ownBytes(gzip);
  const ownBr = br && ownBytes(br);
  if (ownGzip === gzip && ownBr === br) return encodings;

  const copy: CacheEntry['encodings'] = {};
  if (ownGzip !== undefined) copy.gzip = ownGzip;
  if (ownBr !== undefined) copy.br = ownBr;
  return copy;
}

function resolveOptions(options: MemoryStoreOptions) {
  const {
    maxBytes = DEFAULT_MAX_BYTES,
    maxEntries = DEFAULT_MAX_ENTRIES,
    clock = systemClock,
  } = options;

  const bytes = parseBytes(maxBytes);
  if (bytes === undefined || bytes < 1) {
    throw new TypeError(
      `MemoryStore: maxBytes must be a positive number of bytes or a size such as '256mb'; ` +
        `got ${inspect(maxBytes)}.`,
    );
  }
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError(
      `MemoryStore: maxEntries must be a positive integer; got ${inspect(maxEntries)}.`,
    );
  }
  if (typeof clock?.now !== 'function') {
    throw new TypeError(
      `MemoryStore: clock must have a now() method returning ms since the epoch; ` +
        `got ${inspect(clock)}.`,
    );
  }

  return { maxBytes: bytes, maxEntries, clock };
}
