/**
 * The service's settings, read once from the environment at startup. Every
 * variable is optional; a value that is present but wrong stops the service
 * with a message that names the variable.
 */

export type CacheKind = 'memory' | 'redis';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** `PORT`: port to listen on; 0 picks a free one. Default 3000. */
  port: number;
  /** `HOST`: address to bind. Default `0.0.0.0` (every IPv4 interface). */
  host: string;
  /** `LOG_LEVEL`: pino level. Default `info`. */
  logLevel: LogLevel;
  /** `CACHE`: where cached responses live, `memory` or `redis`. */
  cache: CacheKind;
  /** `REDIS_URL`: the Redis to use when `CACHE=redis`. Default `redis://127.0.0.1:6379`. */
  redisUrl: string;
}

/** The service's name: in every log line, and the prefix of its keys in a shared Redis. */
export const SERVICE_NAME = 'fastjson-service';

/** The cache this service was created with; `CACHE` overrides it. */
export const DEFAULT_CACHE: CacheKind = 'memory';

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const CACHE_KINDS: readonly CacheKind[] = ['memory', 'redis'];

/** A variable is set to something the service cannot use. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads the settings from `env` (default: `process.env`).
 *
 * @example
 * const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' });
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return {
    port: readPort(env.PORT),
    host: env.HOST || '0.0.0.0',
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'info'),
    cache: oneOf('CACHE', env.CACHE, CACHE_KINDS, DEFAULT_CACHE),
    redisUrl: readRedisUrl(env.REDIS_URL),
  };
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535; got '${value}'.`);
  }
  return port;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; got '${value}'.`);
  }
  return value as T;
}

function readRedisUrl(value: string | undefined): string {
  if (value === undefined || value === '') return 'redis://127.0.0.1:6379';
  if (!/^rediss?:\/\//.test(value)) {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss://; got '${value}'.`);
  }
  return value;
}
