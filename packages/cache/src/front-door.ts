import type { IncomingMessage, ServerResponse } from 'node:http';
import { CACHE_STATE, type FrontDoor, type Reply } from '@fastjson-api/core';
import { FRONT_DOOR_KEY, hasCredentials, type FrontDoorKey } from './route-cache.js';
import type { CacheRuntime, Remembered } from './runtime.js';
import type { CacheEntry } from './store/types.js';

/**
 * Answers fresh hits before routing: a URL the cache has already keyed maps
 * straight to its entry, and the stored bytes go out without Koa, the
 * router, validation or the handler. Anything else (unknown URL, credentials
 * on a shared route, missing or expired entry) is declined and takes the
 * full path, which handles misses, stale entries and bypasses. So is every
 * request while the store is unavailable (`CacheStore.available()`).
 */
export function createFrontDoor(runtime: CacheRuntime): FrontDoor {
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (!runtime.available()) return false;

    const remembered = runtime.recall(req.url!);
    if (remembered === undefined) return false;

    const key = keyOf(remembered, req);
    if (key === undefined) return false;

    const found = runtime.store.get(key);
    if (found instanceof Promise) {
      return found.then(
        (entry) => serve(runtime, remembered, key, entry, req, res),
        () => false,
      );
    }
    return serve(runtime, remembered, key, found, req, res);
  };
}

function keyOf(remembered: Remembered, req: IncomingMessage): string | undefined {
  const route = remembered.route;
  if (!route.userScope && hasCredentials(req.headers)) return undefined;
  if (route.keyIsBase) return remembered.base;

  const request = remembered.request ?? { path: '', params: {}, query: {} };
  const key = route.keyFor(remembered.base, { ...request, headers: req.headers });
  (req as unknown as Record<symbol, FrontDoorKey>)[FRONT_DOOR_KEY] = { route, key };
  return key;
}

function serve(
  runtime: CacheRuntime,
  remembered: Remembered,
  key: string,
  entry: CacheEntry | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (entry === undefined) return false;
  const now = runtime.clock.now();
  if (now >= entry.expiresAt) return false;

  const route = remembered.route;
  route.counters.hits++;
  (res as unknown as Record<symbol, string>)[CACHE_STATE] = 'HIT';
  const reply = runtime.responder.reply(entry, route.policy, {
    key,
    now,
    state: 'HIT',
    ifNoneMatch: req.headers['if-none-match'],
    acceptEncoding: req.headers['accept-encoding'],
  });
  write(res, reply, req.method === 'HEAD');
  return true;
}

function write(res: ServerResponse, reply: Reply, head: boolean): void {
  const headers: Record<string, string | string[] | number> = reply.headers;
  if (reply.body !== undefined) headers['content-length'] = reply.body.length;
  res.writeHead(reply.status, headers);
  res.end(head ? undefined : reply.body);
}
