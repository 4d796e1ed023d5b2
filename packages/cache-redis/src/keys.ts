/**
 * Names of everything the store keeps in Redis under one key prefix.
 *
 * Every key starts with the hash tag `{<prefix>}`, so Redis Cluster puts all
 * of them in one slot: the Lua scripts that store an entry with its tag
 * records, or invalidate a tag with all its entries, touch several keys at
 * once, and a script may only do that within one slot. The price is that a
 * cache (one prefix) lives on one shard; see the README's Limitations.
 */
export class KeySpace {
  /** `{prefix}:e:`, followed by the cache key. Holds a hash: the entry. */
  readonly entryPrefix: string;
  /** `{prefix}:t:`, followed by the tag. Holds a set: keys of the entries that carry the tag. */
  readonly tagPrefix: string;
  /** `{prefix}:l:`, followed by the cache key. The cross-instance miss lock. */
  readonly lockPrefix: string;
  /** `{prefix}:gen`: the generation every live entry carries; `clear()` replaces it. */
  readonly generation: string;
  /** `{prefix}:invalidations`: the pub/sub channel for first levels of other instances. */
  readonly channel: string;

  constructor(prefix: string) {
    const root = `{${prefix}}:`;
    this.entryPrefix = `${root}e:`;
    this.tagPrefix = `${root}t:`;
    this.lockPrefix = `${root}l:`;
    this.generation = `${root}gen`;
    this.channel = `${root}invalidations`;
  }

  entry(key: string): string {
    return this.entryPrefix + key;
  }

  tag(tag: string): string {
    return this.tagPrefix + tag;
  }

  lock(key: string): string {
    return this.lockPrefix + key;
  }
}
