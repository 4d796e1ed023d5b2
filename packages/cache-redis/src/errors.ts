/**
 * @module
 * Errors of @fastjson-api/cache-redis. None of them reaches a request: a
 * failing Redis makes the cache step aside. They go to the `onError` option,
 * so an app can count or log them.
 */
import { FastjsonError } from '@fastjson-api/core';

/** Error codes of @fastjson-api/cache-redis, listed in docs/reference/errors.md. */
export const RedisCacheErrorCodes = {
  /** A Redis call did not answer within `timeoutMs`. */
  TIMEOUT: 'FJA_ERR_CACHE_REDIS_TIMEOUT',
  /** A Redis call failed: connection lost, refused, or a Redis error reply. */
  COMMAND: 'FJA_ERR_CACHE_REDIS_COMMAND',
  /** The connection reported an error (ioredis `'error'` event). */
  CONNECTION: 'FJA_ERR_CACHE_REDIS_CONNECTION',
  /** A stored value could not be decoded (corrupt, or another format version); it was deleted. */
  UNDECODABLE: 'FJA_ERR_CACHE_REDIS_UNDECODABLE',
  /** An invalidation message from another instance could not be read; it was ignored. */
  BAD_MESSAGE: 'FJA_ERR_CACHE_REDIS_BAD_MESSAGE',
  /** Too many invalidations waited for Redis; one "outdate everything" replaces them. */
  QUEUE_OVERFLOW: 'FJA_ERR_CACHE_REDIS_QUEUE_OVERFLOW',
} as const;

export type RedisCacheErrorCode = (typeof RedisCacheErrorCodes)[keyof typeof RedisCacheErrorCodes];

/**
 * What the Redis store reports to `onError`: a stable `code` and, usually,
 * the ioredis error as `cause`.
 */
export class RedisCacheError extends FastjsonError {
  /** The store operation that failed, e.g. `'get'`, `'invalidateTags'`, `'subscribe'`. */
  readonly operation: string;

  constructor(
    code: RedisCacheErrorCode,
    operation: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.operation = operation;
  }
}
