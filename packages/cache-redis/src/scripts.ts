/**
 * The Lua scripts behind the store. Each runs atomically in Redis, so an
 * entry and its tag records never disagree, and an invalidation removes all
 * the entries of a tag at once, with no scan of the keyspace.
 *
 * Layout (see keys.ts): an entry is a hash under `{p}:e:<key>` with fields
 * `d` (the encoded entry, codec.ts), `g` (its ETag), `s` (its staleUntil),
 * `n` (the generation it was stored in), `t` (its tags, MessagePack) and,
 * once made, `gzip` and `br` (compressed bodies). A tag is a set under
 * `{p}:t:<tag>` of the keys that carry it. `{p}:gen` holds the generation.
 *
 * An entry counts only when its generation is the current one and every tag
 * set it names still holds its key. So `clear()` is one write (a new
 * generation), and an entry whose tag record is gone (evicted under memory
 * pressure, say) reads as a miss instead of escaping invalidation.
 *
 * Scripts build entry and tag key names from their arguments. Redis Cluster
 * allows that because every name shares the `{p}` hash tag of the declared
 * KEYS[1], so all of them live in the slot the script runs on.
 */

/** Shared helpers, prepended to every script. */
const PRELUDE = `
local function generation(key)
  return redis.call('GET', key) or ''
end

local function tags_of(entry)
  local packed = redis.call('HGET', entry, 't')
  if not packed then return {} end
  local ok, tags = pcall(cmsgpack.unpack, packed)
  if ok and type(tags) == 'table' then return tags end
  return {}
end

-- Removes an entry and takes its key out of its tag sets; 1 if there was one.
local function unlink(entry, tag_prefix, member)
  local kind = redis.call('TYPE', entry).ok
  if kind == 'none' then return 0 end
  if kind == 'hash' then
    for _, tag in ipairs(tags_of(entry)) do
      redis.call('SREM', tag_prefix .. tag, member)
    end
  end
  return redis.call('DEL', entry)
end

local function is_live(entry, gen)
  return redis.call('TYPE', entry).ok == 'hash' and redis.call('HGET', entry, 'n') == gen
end
`;

/**
 * KEYS: generation, entry. ARGV: tag prefix, key.
 * Returns `{encoded, gzip, br}` (empty strings for missing forms), or 0.
 */
const GET = `
local fields = redis.call('TYPE', KEYS[2]).ok == 'hash'
  and redis.call('HMGET', KEYS[2], 'd', 'n', 'gzip', 'br')
if not fields then
  unlink(KEYS[2], ARGV[1], ARGV[2])
  return 0
end
local valid = fields[1] and fields[2] == generation(KEYS[1])
if valid then
  for _, tag in ipairs(tags_of(KEYS[2])) do
    if redis.call('SISMEMBER', ARGV[1] .. tag, ARGV[2]) == 0 then valid = false break end
  end
end
if not valid then
  unlink(KEYS[2], ARGV[1], ARGV[2])
  return 0
end
return {fields[1], fields[3] or '', fields[4] or ''}
`;

/**
 * KEYS: generation, entry. ARGV: tag prefix, key, ttl ms, encoded entry,
 * etag, staleUntil, a fresh generation (used when none exists), gzip and br
 * forms ('' for none), tags...
 * Replaces the entry (and its tag records); a ttl <= 0 only removes.
 * Each tag set lives as long as its longest-lived member.
 */
const SET = `
unlink(KEYS[2], ARGV[1], ARGV[2])
local ttl = tonumber(ARGV[3])
if ttl <= 0 then return 0 end
local gen = redis.call('GET', KEYS[1])
if not gen then
  gen = ARGV[7]
  redis.call('SET', KEYS[1], gen)
end
local tags = {}
for i = 10, #ARGV do tags[#tags + 1] = ARGV[i] end
redis.call('HSET', KEYS[2], 'd', ARGV[4], 'g', ARGV[5], 's', ARGV[6], 'n', gen,
  't', cmsgpack.pack(tags))
if ARGV[8] ~= '' then redis.call('HSET', KEYS[2], 'gzip', ARGV[8]) end
if ARGV[9] ~= '' then redis.call('HSET', KEYS[2], 'br', ARGV[9]) end
redis.call('PEXPIRE', KEYS[2], ttl)
for _, tag in ipairs(tags) do
  local set = ARGV[1] .. tag
  redis.call('SADD', set, ARGV[2])
  if redis.call('PTTL', set) < ttl then redis.call('PEXPIRE', set, ttl) end
end
return 1
`;

/**
 * KEYS: generation, entry. ARGV: etag, now (ms), coding, bytes.
 * Adds a compressed form only to the live entry with that ETag; 1 if added.
 */
const ADD_ENCODING = `
if not is_live(KEYS[2], generation(KEYS[1])) then return 0 end
local fields = redis.call('HMGET', KEYS[2], 'g', 's')
local stale_until = tonumber(fields[2])
if fields[1] ~= ARGV[1] or not stale_until or stale_until <= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
return 1
`;

/**
 * KEYS: generation, entry. ARGV: tag prefix, key, channel, message.
 * Removes the entry; 1 if a live one was there. Publishes `message`.
 */
const DELETE = `
local live = is_live(KEYS[2], generation(KEYS[1]))
unlink(KEYS[2], ARGV[1], ARGV[2])
redis.call('PUBLISH', ARGV[3], ARGV[4])
if live then return 1 end
return 0
`;

/**
 * KEYS: generation. ARGV: entry prefix, tag prefix, channel, message, tags...
 * Removes every entry of every tag, and the tag sets; returns how many live
 * entries went. Publishes `message` in the same step, so no instance hears
 * of an invalidation that did not happen, or misses one that did (pub/sub
 * delivery aside).
 */
const INVALIDATE = `
local gen = generation(KEYS[1])
local removed = 0
for i = 5, #ARGV do
  local set = ARGV[2] .. ARGV[i]
  for _, member in ipairs(redis.call('SMEMBERS', set)) do
    local entry = ARGV[1] .. member
    if is_live(entry, gen) then removed = removed + 1 end
    unlink(entry, ARGV[2], member)
  end
  redis.call('DEL', set)
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return removed
`;

/**
 * KEYS: generation. ARGV: new generation, channel, message.
 * Outdates every entry at once; their keys expire on their own.
 */
const CLEAR = `
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
`;

/**
 * KEYS: fill lock. ARGV: owner.
 * Deletes the lock only while `owner` holds it (it may have expired and
 * gone to another instance); 1 if deleted.
 */
const RELEASE_FILL = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Name, key count and source of each script, for ioredis `defineCommand`. */
export const SCRIPTS = {
  fjaGet: { numberOfKeys: 2, lua: PRELUDE + GET },
  fjaSet: { numberOfKeys: 2, lua: PRELUDE + SET },
  fjaAddEncoding: { numberOfKeys: 2, lua: PRELUDE + ADD_ENCODING },
  fjaDelete: { numberOfKeys: 2, lua: PRELUDE + DELETE },
  fjaInvalidate: { numberOfKeys: 1, lua: PRELUDE + INVALIDATE },
  fjaClear: { numberOfKeys: 1, lua: PRELUDE + CLEAR },
  fjaReleaseFill: { numberOfKeys: 1, lua: RELEASE_FILL },
} as const;

type Arg = string | Buffer | number;

/** The scripts as methods, once defined on a client (ioredis adds a `…Buffer` variant of each). */
export interface ScriptCommands {
  fjaGetBuffer(
    gen: string,
    entry: string,
    tagPrefix: string,
    key: string,
  ): Promise<0 | [Buffer, Buffer, Buffer]>;
  fjaSet(gen: string, entry: string, ...args: Arg[]): Promise<number>;
  fjaAddEncoding(
    gen: string,
    entry: string,
    etag: string,
    now: number,
    coding: string,
    bytes: Buffer,
  ): Promise<number>;
  fjaDelete(
    gen: string,
    entry: string,
    tagPrefix: string,
    key: string,
    channel: string,
    message: string,
  ): Promise<number>;
  fjaInvalidate(gen: string, ...args: Arg[]): Promise<number>;
  fjaClear(gen: string, next: string, channel: string, message: string): Promise<number>;
  fjaReleaseFill(lock: string, owner: string): Promise<number>;
}

/** Anything ioredis that can define scripts: a `Redis` or a `Cluster`. */
export interface ScriptHost {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
}

/** Defines the scripts on `client` (idempotent) and returns it typed with them. */
export function defineScripts<T extends ScriptHost>(client: T): T & ScriptCommands {
  for (const [name, definition] of Object.entries(SCRIPTS)) {
    client.defineCommand(name, definition);
  }
  return client as T & ScriptCommands;
}
