import { inspect } from 'node:util';
import type { Logger } from 'pino';
import type { Cluster, ClusterNode, Redis, RedisOptions } from 'ioredis';
import { parseBytes, parseDuration, systemClock, type Clock } from '@fastjson-api/core';
import type { RedisCacheError } from './errors.js';

/** Options of the in-process first level (`l1`). */
export interface FirstLevelOptions {
  /**
   * Memory budget of the first level: bytes, or a size such as `'64mb'`.
   * Counted as the memory store counts (body, compressed forms, headers,
   * key, tags and overhead); least recently used entries go first.
   *
   * @defaultValue `'16mb'`
   */
  maxBytes?: number | string;
  /**
   * Longest an entry stays in the first level, whatever its own lifetime:
   * seconds, or a duration such as `'2s'` or `'500ms'`. After it, the next
   * read goes to Redis again. It bounds how stale a first level can be if an
   * invalidation message is lost without the loss being noticed (see the
   * README's "Consistency"); keep it short.
   *
   * @defaultValue `'5s'`
   */
  ttl?: number | string;
}

/** Options of the circuit breaker (`breaker`). */
export interface BreakerOptions {
  /**
   * Consecutive failed or late Redis calls that open the breaker: from then
   * on requests skip the cache at once instead of waiting on Redis.
   *
   * @defaultValue `3`
   */
  failures?: number;
  /**
   * How long the breaker stays open before a probe (a PING within
   * `timeoutMs`) tries Redis again, in ms; a failed probe waits as long again.
   *
   * @defaultValue `1000`
   */
  cooldownMs?: number;
}

/** Options of the cross-instance single flight (`fillLock`). */
export interface FillLockOptions {
  /**
   * How long a lock lives, in ms, if the instance that took it never
   * releases it (it died, or lost Redis). Make it longer than the slowest
   * handler of a cached route: past it, another instance may run the
   * handler as well.
   *
   * @defaultValue `2000`
   */
  ttlMs?: number;
  /**
   * Longest a miss waits for the entry of the instance holding the lock, in
   * ms, before it runs the handler itself.
   *
   * @defaultValue `ttlMs`
   */
  waitMs?: number;
}

/** Options of `RedisStore`; `redisCache()` takes the same, plus the plugin's. */
export interface RedisStoreOptions {
  /**
   * Redis URL (`redis://[[user]:password@]host:port[/db]`, `rediss://` for
   * TLS). The store makes and owns the connection, and closes it with the
   * app. Give at most one of `url`, `client` and `cluster`.
   *
   * @defaultValue `'redis://127.0.0.1:6379'` when none of the three is given
   */
  url?: string;
  /**
   * An ioredis `Redis` or `Cluster` you made. The store uses it as is and
   * never closes it. Make it with `enableOfflineQueue: false` and
   * `maxRetriesPerRequest: 0` (as the store does for `url` and `cluster`):
   * with ioredis's defaults, a command sent while Redis is away waits in a
   * queue; the store's time budget still bounds the request, but the queue
   * replays stale writes later.
   */
  client?: Redis | Cluster;
  /**
   * Startup nodes of a Redis Cluster (`'host:port'` or `{ host, port }`):
   * the store makes an ioredis `Cluster` with its safe settings and owns it.
   */
  cluster?: readonly ClusterNode[];
  /**
   * Extra ioredis options for the connections the store makes (`url`,
   * `cluster`): TLS, `username`, `password`, `db`, `connectionName`... The
   * store's own settings (offline queue off, no retries per request, command
   * timeout, reconnect strategy) take precedence.
   */
  redisOptions?: RedisOptions;
  /**
   * Names every key of this cache (`{<keyPrefix>}:e:<key>`, `{…}:t:<tag>`,
   * ...) and its invalidation channel. Apps that share a Redis need distinct
   * prefixes; instances of one app share one. Between braces it is the
   * Redis Cluster hash tag, so it may not contain `{` or `}`.
   *
   * @defaultValue `'fja'`
   */
  keyPrefix?: string;
  /**
   * An in-process first level in front of Redis, or `false` for none. Hits
   * on it cost no round trip; invalidations reach it on every instance
   * through Redis pub/sub. `true` takes the defaults of {@link FirstLevelOptions}.
   *
   * @defaultValue `false`
   */
  l1?: FirstLevelOptions | boolean;
  /**
   * Single flight across instances: on a miss, the instance that takes a
   * short Redis lock on the key runs the handler, and the others wait (up
   * to `waitMs`) for its entry instead of running it too. `true` takes the
   * defaults of {@link FillLockOptions}; `false` keeps single flight per
   * instance. A miss then costs one more Redis call, and up to `waitMs` on
   * the instances that wait.
   *
   * @defaultValue `false`
   */
  fillLock?: FillLockOptions | boolean;
  /**
   * Time budget of every Redis call, in ms. A call that takes longer counts
   * as failed and the request goes on without the cache: a read as a miss, a
   * write as not stored. A miss makes two calls (read, then write).
   *
   * @defaultValue `50`
   */
  timeoutMs?: number;
  /**
   * How long the store's connections wait for Redis to accept a connection,
   * in ms, before trying again. Requests never wait on it.
   *
   * @defaultValue `1000`
   */
  connectTimeoutMs?: number;
  /** The circuit breaker; see {@link BreakerOptions}. */
  breaker?: BreakerOptions;
  /**
   * Most tags and deleted keys kept, while Redis is away, to be invalidated
   * when it answers again. Past it, they give way to one "outdate
   * everything", sent then instead.
   *
   * @defaultValue `10_000`
   */
  maxPendingInvalidations?: number;
  /**
   * Called with every failure: each late or failed call, connection errors,
   * undecodable entries. None reaches a request. Default: nothing; state
   * changes (Redis lost, back again) are logged once each either way.
   */
  onError?: (error: RedisCacheError) => void;
  /**
   * Where state changes are logged (warn when Redis is lost, info when it is
   * back), or `false` for nowhere. `redisCache()` defaults to the app's
   * logger; a `RedisStore` made by hand logs nowhere unless given one.
   */
  logger?: Logger | false;
  /**
   * Source of time for entry lifetimes, checked on every read besides
   * Redis's own expiry (which runs on Redis's clock).
   *
   * @defaultValue `systemClock` from `@fastjson-api/core`
   */
  clock?: Clock;
}

export type Connection =
  | { kind: 'url'; url: string }
  | { kind: 'client'; client: Redis | Cluster }
  | { kind: 'cluster'; nodes: ClusterNode[] };

export interface ResolvedOptions {
  connection: Connection;
  redisOptions: RedisOptions;
  keyPrefix: string;
  l1: { maxBytes: number; ttlMs: number } | undefined;
  fillLock: { ttlMs: number; waitMs: number } | undefined;
  timeoutMs: number;
  connectTimeoutMs: number;
  breaker: { failures: number; cooldownMs: number };
  maxPendingInvalidations: number;
  onError: ((error: RedisCacheError) => void) | undefined;
  logger: Logger | undefined;
  clock: Clock;
}

const DEFAULT_URL = 'redis://127.0.0.1:6379';
const L1_DEFAULTS = { maxBytes: '16mb', ttl: '5s' } as const;

/**
 * Checks and completes the options once, at startup; throws a TypeError that
 * names the option and the value received. `who` prefixes the message.
 */
export function resolveStoreOptions(options: RedisStoreOptions, who: string): ResolvedOptions {
  const fail = (what: string, value: unknown): never => {
    throw new TypeError(`${who}: ${what}; got ${inspect(value, { depth: 1 })}.`);
  };
  const positive = (name: string, value: number) =>
    Number.isFinite(value) && value > 0
      ? value
      : fail(`${name} must be a positive number of milliseconds`, value);
  const count = (name: string, value: number) =>
    Number.isSafeInteger(value) && value > 0
      ? value
      : fail(`${name} must be a positive integer`, value);

  if (typeof options !== 'object' || options === null) fail('options must be an object', options);
  const {
    keyPrefix = 'fja',
    timeoutMs = 50,
    connectTimeoutMs = 1000,
    maxPendingInvalidations = 10_000,
    breaker = {},
    redisOptions = {},
    onError,
    logger,
    clock = systemClock,
  } = options;

  if (typeof keyPrefix !== 'string' || !/^[^{}]{1,100}$/.test(keyPrefix)) {
    fail('keyPrefix must be 1 to 100 characters without `{` or `}`', keyPrefix);
  }
  if (onError !== undefined && typeof onError !== 'function')
    fail('onError must be a function', onError);
  if (logger !== undefined && logger !== false && typeof logger?.warn !== 'function') {
    fail('logger must be a pino logger or false', logger);
  }
  if (typeof clock?.now !== 'function')
    fail('clock must have a now() method returning ms since the epoch', clock);
  if (typeof redisOptions !== 'object' || redisOptions === null)
    fail('redisOptions must be an object', redisOptions);

  return {
    connection: resolveConnection(options, fail),
    redisOptions,
    keyPrefix,
    l1: resolveFirstLevel(options.l1, fail),
    fillLock: resolveFillLock(options.fillLock, positive, fail),
    timeoutMs: positive('timeoutMs', timeoutMs),
    connectTimeoutMs: positive('connectTimeoutMs', connectTimeoutMs),
    breaker: {
      failures: count('breaker.failures', breaker.failures ?? 3),
      cooldownMs: positive('breaker.cooldownMs', breaker.cooldownMs ?? 1000),
    },
    maxPendingInvalidations: count('maxPendingInvalidations', maxPendingInvalidations),
    onError,
    logger: logger === false ? undefined : logger,
    clock,
  };
}

type Fail = (what: string, value: unknown) => never;

function resolveConnection(options: RedisStoreOptions, fail: Fail): Connection {
  const { url, client, cluster } = options;
  const given = [url, client, cluster].filter((value) => value !== undefined).length;
  if (given > 1)
    fail('give at most one of url, client and cluster', { url, client: client && '…', cluster });

  if (client !== undefined) {
    const usable = typeof client === 'object' && typeof client?.defineCommand === 'function';
    return usable
      ? { kind: 'client', client }
      : fail('client must be an ioredis Redis or Cluster', client);
  }
  if (cluster !== undefined) {
    const usable = Array.isArray(cluster) && cluster.length > 0;
    return usable
      ? { kind: 'cluster', nodes: [...cluster] }
      : fail('cluster must list at least one node', cluster);
  }
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url))) {
    fail('url must start with redis:// or rediss://', url);
  }
  return { kind: 'url', url: url ?? DEFAULT_URL };
}

function resolveFirstLevel(l1: RedisStoreOptions['l1'], fail: Fail): ResolvedOptions['l1'] {
  if (l1 === undefined || l1 === false) return undefined;
  if (l1 !== true && (typeof l1 !== 'object' || l1 === null))
    fail('l1 must be an object, true or false', l1);

  const { maxBytes = L1_DEFAULTS.maxBytes, ttl = L1_DEFAULTS.ttl } = l1 === true ? {} : l1;
  const bytes = parseBytes(maxBytes);
  if (bytes === undefined || bytes < 1) {
    fail("l1.maxBytes must be a positive number of bytes or a size such as '64mb'", maxBytes);
  }
  const seconds = parseDuration(ttl);
  if (seconds === undefined || seconds <= 0) {
    fail("l1.ttl must be a positive number of seconds or a duration such as '5s'", ttl);
  }
  return { maxBytes: bytes!, ttlMs: seconds! * 1000 };
}

function resolveFillLock(
  lock: RedisStoreOptions['fillLock'],
  positive: (name: string, value: number) => number,
  fail: Fail,
): ResolvedOptions['fillLock'] {
  if (lock === undefined || lock === false) return undefined;
  if (lock !== true && (typeof lock !== 'object' || lock === null))
    fail('fillLock must be an object, true or false', lock);

  const { ttlMs = 2000, waitMs } = lock === true ? {} : lock;
  const ttl = positive('fillLock.ttlMs', ttlMs);
  return { ttlMs: ttl, waitMs: positive('fillLock.waitMs', waitMs ?? ttl) };
}
