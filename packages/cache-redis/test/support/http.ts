/**
 * Apps for the HTTP tests: a small city API on the Redis cache (or the
 * memory cache, for comparisons), a recording logger, and a load loop.
 */
import type { Logger } from 'pino';
import {
  Body,
  Cached,
  Controller,
  createApp,
  Get,
  Invalidates,
  Param,
  Patch,
  type App,
  type Clock,
  type Plugin,
} from '@fastjson-api/core';
import { send, type TestRequest, type TestResponse } from '@fastjson-api/core/testing';
import { CacheService } from '@fastjson-api/cache';
import { koaTransport } from '@fastjson-api/transport-koa';

export interface City {
  id: string;
  name: string;
  /** Padding, so that bodies are large enough to be compressed. */
  notes: string;
}

/** Where the city controller reads and writes: a Map here; Redis in the forked instances. */
export interface CityData {
  get(id: string): Promise<City> | City;
  rename(id: string, name: string): Promise<City> | City;
}

export function memoryCities(): CityData & { calls: number } {
  const cities = new Map<string, City>();
  const data = {
    calls: 0,
    get(id: string): City {
      data.calls++;
      let city = cities.get(id);
      if (city === undefined)
        cities.set(id, (city = { id, name: `city ${id}`, notes: 'x'.repeat(1500) }));
      return city;
    },
    rename(id: string, name: string): City {
      const city = { ...data.get(id), name };
      cities.set(id, city);
      return city;
    },
  };
  return data;
}

/** A controller over `data`: cached reads tagged `city:<id>` and `cities`, a PATCH that invalidates one city. */
export function cityController(data: CityData) {
  @Controller('/cities')
  class CityController {
    @Get('/:id')
    @Cached({ ttl: 60, swr: 30, tags: (city: City) => [`city:${city.id}`, 'cities'] })
    byId(@Param('id') id: string) {
      return data.get(id);
    }

    @Patch('/:id')
    @Invalidates((req) => [`city:${req.params.id}`])
    rename(@Param('id') id: string, @Body() body: { name: string }) {
      return data.rename(id, body.name);
    }
  }
  return CityController;
}

export interface RunningApp {
  app: App;
  url: string;
  cache: CacheService;
  request(request: TestRequest | string): Promise<TestResponse>;
}

/** Starts an app with the Koa transport and `cache` on 127.0.0.1; `close()` it after. */
export async function startApp(options: {
  controllers: Parameters<typeof createApp>[0]['controllers'];
  cache: Plugin;
  logger?: Logger | false;
  clock?: Clock;
}): Promise<RunningApp> {
  const app = createApp({
    controllers: options.controllers,
    plugins: [koaTransport(), options.cache],
    logger: options.logger ?? false,
    clock: options.clock,
  });
  await app.listen(0, '127.0.0.1');
  return {
    app,
    url: app.url,
    cache: app.container.resolve(CacheService),
    request: (request) => send(app.url, typeof request === 'string' ? { path: request } : request),
  };
}

export interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is given. */
export function recordingLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  const logger = {
    level: 'info',
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
    isLevelEnabled: () => true,
    child: () => logger,
  };
  return { logger: logger as unknown as Logger, lines };
}

export interface Sample {
  /** ms since the load began, at the start of the request. */
  at: number;
  status: number;
  ms: number;
  cache: string | undefined;
  etag: string | undefined;
  error?: string;
}

/**
 * Sends GETs of `paths` from `concurrency` loops for `durationMs`, and
 * records every outcome. A request that fails at the socket counts as
 * status 0. Bounded: it ends at the deadline whatever the server does.
 */
export async function load(
  url: string,
  paths: readonly string[],
  durationMs: number,
  concurrency = 8,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const start = Date.now();
  let next = 0;
  const loop = async () => {
    while (Date.now() - start < durationMs) {
      const path = paths[next++ % paths.length]!;
      const began = Date.now();
      try {
        const res = await send(url, { path });
        const cache = res.headers['x-cache'] as string | undefined;
        samples.push({
          at: began - start,
          status: res.status,
          ms: Date.now() - began,
          cache,
          etag: res.headers.etag,
        });
      } catch (error) {
        samples.push({
          at: began - start,
          status: 0,
          ms: Date.now() - began,
          cache: undefined,
          etag: undefined,
          error: String(error),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return samples;
}

/** Counts of samples per X-Cache value, for assertion messages. */
export function summary(samples: readonly Sample[]): string {
  const counts: Record<string, number> = {};
  for (const s of samples)
    counts[s.cache ?? `status ${s.status}`] = (counts[s.cache ?? `status ${s.status}`] ?? 0) + 1;
  const worst = Math.max(0, ...samples.map((s) => s.ms));
  return `${samples.length} requests ${JSON.stringify(counts)}, slowest ${worst} ms`;
}

/** Waits until `condition` holds, checking every 10 ms; rejects after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - start;
}

/** Prints an observed number when FJA_TEST_TIMINGS is set: for reports, never asserted here. */
export function timing(label: string, ms: number): void {
  if (process.env.FJA_TEST_TIMINGS) console.log(`      ${label}: ${ms}`);
}
