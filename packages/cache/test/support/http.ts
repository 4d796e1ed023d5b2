import type { Logger } from 'pino';
import {
  createApp,
  ManualClock,
  type App,
  type Constructor,
  type Interceptor,
  type Plugin,
} from '@fastjson-api/core';
import { send, type TestRequest, type TestResponse } from '@fastjson-api/core/testing';
import { koaTransport } from '@fastjson-api/transport-koa';
import { CacheService, memoryCache, type MemoryCacheOptions } from '../../src/index.js';

/** The two ways a request reaches a cached route: through the front door, or only the full path. */
export const PATHS = [
  { name: 'front door on', frontDoor: true },
  { name: 'front door off (full path only)', frontDoor: false },
] as const;

export interface StartOptions {
  controllers: readonly Constructor[];
  /** Options of `memoryCache()`; ignored when `cache` is given. */
  memory?: MemoryCacheOptions;
  /** A cache plugin to use instead of `memoryCache(memory)`. */
  cache?: Plugin;
  /** Plugins placed before the cache, so their interceptors wrap it. */
  before?: readonly Plugin[];
  logger?: Logger | false;
}

/** A running app plus what its tests reach for. */
export interface Running {
  app: App;
  clock: ManualClock;
  cache: CacheService;
  /** Sends a request; a string is a GET of that path. */
  request(request: TestRequest | string): Promise<TestResponse>;
}

/**
 * Gives a suite a `start()` that builds an app with the Koa transport, the
 * memory cache and a manual clock, listens on 127.0.0.1, and closes every app
 * after each test.
 */
export function useCachedApps(): (options: StartOptions) => Promise<Running> {
  const running: App[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((app) => app.close()));
  });

  return async (options) => {
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const cache = options.cache ?? memoryCache(options.memory);
    const app = createApp({
      controllers: options.controllers,
      plugins: [koaTransport(), ...(options.before ?? []), cache],
      clock,
      logger: options.logger ?? false,
    });
    running.push(app);
    await app.listen(0, '127.0.0.1');

    return {
      app,
      clock,
      cache: app.container.resolve(CacheService),
      request: (request) =>
        send(app.url, typeof request === 'string' ? { path: request } : request),
    };
  };
}

/** A promise with its resolve function: lets a test hold a handler and release it. */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Lets pending callbacks run: a background refresh or a store write that
 * follows a handler's return finishes within a few turns of the event loop.
 */
export async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A plugin whose interceptor counts the requests that take the full path (router, interceptors). */
export function fullPathCounter(): Plugin & { count: number } {
  const counting: Interceptor = (_ctx, next) => {
    plugin.count++;
    return next();
  };
  const plugin = {
    name: 'full-path-counter',
    kind: 'other' as const,
    count: 0,
    intercept: () => counting,
  };
  return plugin;
}

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is given, for tests that check a failure is logged. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  const logger = {
    level: 'warn',
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    isLevelEnabled: (level: string) => level !== 'trace' && level !== 'debug' && level !== 'info',
    child: () => logger,
  };
  return { logger: logger as unknown as Logger, lines };
}

/** Waits, turn by turn, until `condition` holds; the test's timeout ends a wait that never does. */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}
