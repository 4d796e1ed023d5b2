import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CacheIntent,
  type CompiledRoute,
  type Interceptor,
  type KeyRequest,
  type Reply,
  type RequestContext,
  CACHE_STATE,
} from '@fastjson-api/core';
import { baseKey, varyPart } from './keys/index.js';
import { buildEntry, isShareable, isStorable } from './entry.js';
import { markReply, type CacheState, type ServePolicy } from './respond.js';
import type { CacheCounters } from './stats.js';
import type { CacheEntry } from './store/types.js';
import type { CacheRuntime, Remembered } from './runtime.js';

/** Request headers whose presence changes the answer of every cached route. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie'];

const PRINCIPAL_SEPARATOR = '\u0001user=';
/** How often a miss that waits on another instance's fill reads the store again, ms. */
const FILL_POLL_MS = 25;

/**
 * Where the front door leaves the key it built for a request it then
 * declined (no entry, or a stale one), so that the full path reuses it: key
 * and principal functions run once per request.
 */
export const FRONT_DOOR_KEY = Symbol('fastjson-api.cache.front-door-key');

export interface FrontDoorKey {
  route: RouteCache;
  key: string | undefined;
}

/** Whether a request carries credentials: by default, such a request never touches the shared cache. */
export function hasCredentials(headers: KeyRequest['headers']): boolean {
  return headers.authorization !== undefined || headers.cookie !== undefined;
}

/**
 * What one miss gave: the handler's reply and the entry stored from it if
 * any, or the entry another instance stored meanwhile (`elsewhere`).
 */
export type Outcome =
  | {
      reply: Reply;
      entry?: CacheEntry;
      /** Whether requests that waited on this one may get its reply; see `isShareable`. */
      shareable: boolean;
      elsewhere?: undefined;
    }
  | { elsewhere: true; entry: CacheEntry; shareable: true };

/**
 * The cache behaviour of one `@Cached` route, compiled at startup: how its
 * keys are built, how it serves entries, and its interceptor for the full
 * request path (misses, stale entries, bypasses).
 */
export class RouteCache {
  readonly route: CompiledRoute;
  readonly intent: CacheIntent;
  readonly counters: CacheCounters;
  readonly policy: ServePolicy;
  readonly userScope: boolean;
  /** Whether the key is the base key alone, so the front door can reuse it as is. */
  readonly keyIsBase: boolean;
  readonly #vary: readonly string[];
  readonly #runtime: CacheRuntime;

  constructor(route: CompiledRoute, intent: CacheIntent, runtime: CacheRuntime) {
    this.route = route;
    this.intent = intent;
    this.#runtime = runtime;
    this.counters = runtime.stats.forRoute(route.id);
    this.userScope = intent.scope === 'user';
    this.#vary = (intent.vary ?? []).map((name) => name.toLowerCase());
    this.keyIsBase = this.#vary.length === 0 && !this.userScope && intent.key === undefined;

    // A request with credentials gets another answer than the shared one (a
    // BYPASS, or its own entry on a user-scoped route), so every answer from
    // an entry says so, and a browser or proxy cache downstream keeps the two
    // apart too (RFC 9111 §4.1).
    const vary = [...new Set([...this.#vary, ...CREDENTIAL_HEADERS])].join(', ');
    this.policy = {
      vary,
      varyCompressible: `${vary}, accept-encoding`,
      visibility: this.userScope ? 'private' : 'public',
      swrSeconds: intent.swr,
    };
  }

  baseKey(path: string, rawQuery: string): string {
    return baseKey(this.route.id, path, rawQuery);
  }

  /** The full key of a request, or `undefined` when it may not use the cache (no principal). */
  keyFor(base: string, request: KeyRequest): string | undefined {
    let key = base;
    if (this.#vary.length > 0) key += varyPart(request.headers, this.#vary);
    if (this.userScope) {
      const principal = this.intent.principal!(request);
      if (principal === undefined || principal === '') return undefined;
      key += PRINCIPAL_SEPARATOR + encodeURIComponent(principal);
    }
    // A route's key function replaces the key within the route's own space:
    // two routes whose functions return the same string never share an entry.
    return this.intent.key
      ? `${this.route.id}\u0000key\u0000${this.intent.key(request, key)}`
      : key;
  }

  interceptor(): Interceptor {
    return async (ctx, next) => {
      if (hasCredentials(ctx.headers) && !this.userScope) return this.#bypass(ctx, next);
      if (!this.#runtime.available()) return this.#bypass(ctx, next, this.userScope);

      const base = this.baseKey(ctx.path, ctx.rawQuery);
      const key = this.#keyOf(base, ctx);
      if (key === undefined) return this.#bypass(ctx, next);
      // Validation coerces params and query in place later on; the front door
      // replays key functions with the strings the request arrived with.
      const request = this.keyIsBase
        ? undefined
        : { path: ctx.path, params: { ...ctx.params }, query: { ...ctx.query } };

      const entry = await this.#runtime.read(key);
      const now = this.#runtime.clock.now();
      if (entry && now < entry.expiresAt) {
        this.counters.hits++;
        this.#runtime.remember(ctx.url, this, base, request);
        return this.#serve(key, ctx, entry, 'HIT', now);
      }
      if (entry && now < entry.staleUntil) {
        this.counters.stale++;
        this.#refreshInBackground(key, ctx, next);
        return this.#serve(key, ctx, entry, 'STALE', now);
      }
      return this.#miss(key, base, request, ctx, next);
    };
  }

  #keyOf(base: string, ctx: RequestContext): string | undefined {
    const keyed = (ctx.req as unknown as Record<symbol, FrontDoorKey | undefined>)[FRONT_DOOR_KEY];
    return keyed?.route === this ? keyed.key : this.keyFor(base, ctx);
  }

  async #miss(
    key: string,
    base: string,
    request: Remembered['request'],
    ctx: RequestContext,
    next: () => Promise<Reply>,
  ): Promise<Reply> {
    const flights = this.#runtime.flights;
    const flight = this.#runtime.flightKey(key);
    const joined = flights.isRunning(flight);
    if (joined) this.counters.coalesced++;
    else this.counters.misses++;

    const fill = this.#runtime.coordinatesFills
      ? () => this.#fill(key, ctx, next)
      : () => this.#produce(key, ctx, next);
    const outcome = await flights.run(flight, fill);
    if (outcome.elsewhere) {
      // Another instance ran the handler: this request waited, as a joined one does.
      if (!joined) {
        this.counters.misses--;
        this.counters.coalesced++;
      }
      this.#runtime.remember(ctx.url, this, base, request);
      return this.#serve(key, ctx, outcome.entry, 'HIT', this.#runtime.clock.now());
    }
    if (!outcome.entry) {
      (ctx.res as unknown as Record<symbol, string>)[CACHE_STATE] = 'MISS';
      // A reply made for one caller (a cookie, no-store, a Vary the key
      // lacks) goes to that caller only: a waiter runs the handler itself.
      const reply = joined && !outcome.shareable ? await next() : outcome.reply;
      return markReply(reply, 'MISS');
    }

    this.#runtime.remember(ctx.url, this, base, request);
    return this.#serve(key, ctx, outcome.entry, 'MISS', this.#runtime.clock.now());
  }

  /**
   * A miss with a store that coordinates fills across instances: runs the
   * handler when this instance wins the key, else waits (up to the store's
   * `fillWaitMs`) for the entry of the instance that did. It asks again at
   * each poll, so a fill that ended without an entry hands over at once;
   * once the wait runs out it runs the handler all the same.
   */
  async #fill(key: string, ctx: RequestContext, next: () => Promise<Reply>): Promise<Outcome> {
    const runtime = this.#runtime;
    const deadline = Date.now() + runtime.fillWaitMs;
    let claimed = await runtime.claimFill(key);
    let waited = false;
    while (!claimed && Date.now() < deadline) {
      waited = true;
      await sleep(Math.min(FILL_POLL_MS, deadline - Date.now()));
      const entry = await this.#freshEntry(key);
      if (entry) return { elsewhere: true, entry, shareable: true };
      claimed = await runtime.claimFill(key);
    }
    try {
      // The other fill may have stored its entry between the last read and its release.
      const entry = waited ? await this.#freshEntry(key) : undefined;
      if (entry) return { elsewhere: true, entry, shareable: true };
      return await this.#produce(key, ctx, next);
    } finally {
      if (claimed) runtime.releaseFill(key);
    }
  }

  async #freshEntry(key: string): Promise<CacheEntry | undefined> {
    const entry = await this.#runtime.read(key);
    return entry && this.#runtime.clock.now() < entry.expiresAt ? entry : undefined;
  }

  /** Runs the handler and stores what it answers, if it may be stored. */
  #produce(key: string, ctx: RequestContext, next: () => Promise<Reply>): Promise<Outcome> {
    return this.#runtime.watchInvalidations(async (invalidated) => {
      const reply = await next();
      if (!isStorable(reply, this.intent.statuses, ctx.skipCache, this.#vary)) {
        return { reply, shareable: isShareable(reply, ctx.skipCache, this.#vary) };
      }
      return this.#store(key, reply, ctx, invalidated);
    });
  }

  async #store(
    key: string,
    reply: Reply,
    ctx: RequestContext,
    invalidated: ReadonlySet<string>,
  ): Promise<Outcome> {
    let tags: readonly string[];
    try {
      tags = this.#tags(ctx);
    } catch (error) {
      this.counters.storeErrors++;
      ctx.log.error(
        { err: error, route: this.route.id },
        "the route's @Cached tags function threw; response sent uncached",
      );
      return { reply, shareable: true };
    }
    try {
      // A write that invalidated one of these tags while the handler ran may
      // have replaced what the handler read: answer with it, never keep it.
      const outdated = () => tags.some((tag) => invalidated.has(tag));
      if (outdated()) return { reply, shareable: true };

      const entry = buildEntry(reply, tags, {
        now: this.#runtime.clock.now(),
        ttlSeconds: this.intent.ttl,
        swrSeconds: this.intent.swr,
      });
      await this.#runtime.write(key, entry);
      if (!outdated()) return { reply, entry, shareable: true };

      await this.#runtime.store.delete(key); // invalidated while an async store wrote it
      return { reply, shareable: true };
    } catch (error) {
      this.counters.storeErrors++;
      ctx.log.warn(
        { err: error, route: this.route.id },
        'cache store write failed; response sent uncached',
      );
      return { reply, shareable: true };
    }
  }

  #tags(ctx: RequestContext): readonly string[] {
    const tags = this.intent.tags;
    if (tags === undefined) return [];
    return typeof tags === 'function' ? tags(ctx.result, ctx) : tags;
  }

  #refreshInBackground(key: string, ctx: RequestContext, next: () => Promise<Reply>): void {
    const flight = this.#runtime.flightKey(key);
    if (this.#runtime.flights.isRunning(flight)) return;
    this.#runtime.flights
      .run(flight, () => this.#produce(key, ctx, next))
      .catch((error: unknown) => {
        ctx.log.warn({ err: error, route: this.route.id }, 'background refresh failed');
      });
  }

  #serve(
    key: string,
    ctx: RequestContext,
    entry: CacheEntry,
    state: CacheState,
    now: number,
  ): Reply {
    (ctx.res as unknown as Record<symbol, string>)[CACHE_STATE] = state;
    return this.#runtime.responder.reply(entry, this.policy, {
      key,
      now,
      state,
      ifNoneMatch: ctx.headers['if-none-match'],
      acceptEncoding: ctx.headers['accept-encoding'] as string | undefined,
    });
  }

  /**
   * Answers from the handler and stores nothing. A reply made for one caller
   * (credentials, `scope: 'user'`) is marked `private, no-store`. A shared
   * route bypassed because the store is unavailable (`privateReply` false)
   * keeps the handler's own headers, as an unstored miss does: the reply is
   * fine for anyone, only this cache is out of service.
   */
  async #bypass(
    ctx: RequestContext,
    next: () => Promise<Reply>,
    privateReply = true,
  ): Promise<Reply> {
    this.counters.bypass++;
    (ctx.res as unknown as Record<symbol, string>)[CACHE_STATE] = 'BYPASS';
    const reply = await next();
    return markReply(reply, 'BYPASS', privateReply ? { 'cache-control': 'private, no-store' } : {});
  }
}
