import {
  MemoryStore,
  type CacheEntry,
  type ContentCoding,
  type StoreStats,
} from '@fastjson-api/cache';
import type { Clock } from '@fastjson-api/core';
import { ownCopy } from './codec.js';

/** Where a held copy keeps the entry as Redis gave it. */
const ORIGINAL = Symbol('fastjson-api.cache-redis.original');

type Held = CacheEntry & { [ORIGINAL]: CacheEntry };

export interface FirstLevelOptions {
  maxBytes: number;
  ttlMs: number;
  clock: Clock;
}

/**
 * The in-process first level in front of Redis: a MemoryStore whose entries
 * live at most `ttlMs`, whatever their own lifetime. Redis stays the truth;
 * this only saves a round trip on hot keys.
 *
 * Each entry is held as a copy whose `staleUntil` is cut to the first
 * level's lifetime (the memory store expires by `staleUntil`), carrying the
 * entry as stored, which is what `get` returns: callers see the real times.
 *
 * It is usable only while the invalidation feed is subscribed; switching
 * either way empties it. An `epoch` moves with every invalidation, so that
 * an entry read from Redis before an invalidation arrived is not kept after.
 */
export class FirstLevel {
  readonly #memory: MemoryStore;
  readonly #ttlMs: number;
  readonly #clock: Clock;
  #epoch = 0;
  #usable = false;

  constructor(options: FirstLevelOptions) {
    // Slots for as many entries as the budget can hold at about 1 kB each:
    // lru-cache reserves its slots up front.
    const maxEntries = Math.max(64, Math.floor(options.maxBytes / 1024));
    this.#memory = new MemoryStore({
      maxBytes: options.maxBytes,
      maxEntries,
      clock: options.clock,
    });
    this.#ttlMs = options.ttlMs;
    this.#clock = options.clock;
  }

  get usable(): boolean {
    return this.#usable;
  }

  /** Turns the first level on or off; either way it starts empty. */
  set usable(usable: boolean) {
    this.#usable = usable;
    this.clear();
  }

  /** Moves with every invalidation; pass the value read before a Redis read to {@link put}. */
  get epoch(): number {
    return this.#epoch;
  }

  get(key: string): CacheEntry | undefined {
    if (!this.#usable) return undefined;
    return (this.#memory.get(key) as Held | undefined)?.[ORIGINAL];
  }

  /** Keeps `entry`, unless an invalidation came after `epoch` or the level is off. */
  put(key: string, entry: CacheEntry, epoch = this.#epoch): void {
    if (!this.#usable || epoch !== this.#epoch) return;
    const original = withOwnBytes(entry);
    const cap = this.#clock.now() + this.#ttlMs;
    const held: Held = {
      ...original,
      staleUntil: Math.min(original.staleUntil, cap),
      [ORIGINAL]: original,
    };
    this.#memory.set(key, held);
  }

  /** Records a compressed form on the held entry with this ETag, if there is one. */
  addEncoding(key: string, etag: string, coding: ContentCoding, bytes: Buffer): void {
    if (!this.#memory.addEncoding(key, etag, coding, bytes)) return;
    // The memory store gave its copy a new encodings object; share it.
    const held = this.#memory.get(key) as Held | undefined;
    if (held !== undefined) held[ORIGINAL].encodings = held.encodings;
  }

  /** Drops the entry under `key` without counting as an invalidation (replaced or unstored). */
  forget(key: string): void {
    this.#memory.delete(key);
  }

  delete(key: string): boolean {
    this.#epoch++;
    return this.#memory.delete(key);
  }

  invalidateTags(tags: readonly string[]): number {
    this.#epoch++;
    return this.#memory.invalidateTags(tags);
  }

  clear(): void {
    this.#epoch++;
    this.#memory.clear();
  }

  stats(): StoreStats {
    return this.#memory.stats();
  }
}

/** `entry`, or a copy whose bytes own their memory (see `ownCopy`). */
function withOwnBytes(entry: CacheEntry): CacheEntry {
  const owns = (bytes: Buffer) =>
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const { encodings } = entry;
  const all = [entry.body, encodings?.gzip, encodings?.br].filter(
    (b): b is Buffer => b !== undefined,
  );
  if (all.every(owns)) return entry;

  const copy: CacheEntry = { ...entry, body: owns(entry.body) ? entry.body : ownCopy(entry.body) };
  if (encodings !== undefined) {
    copy.encodings = {};
    if (encodings.gzip)
      copy.encodings.gzip = owns(encodings.gzip) ? encodings.gzip : ownCopy(encodings.gzip);
    if (encodings.br) copy.encodings.br = owns(encodings.br) ? encodings.br : ownCopy(encodings.br);
  }
  return copy;
}
