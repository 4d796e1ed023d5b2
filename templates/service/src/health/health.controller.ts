import { Controller, Ctx, Get, Type, type RequestContext, type Static } from '@fastjson-api/core';
import { CacheService } from '@fastjson-api/cache';

const Health = Type.Object({
  status: Type.Literal('ok'),
  /** Seconds since the process started. */
  uptime: Type.Number(),
  cache: Type.Object({
    store: Type.String(),
    entries: Type.Integer(),
    bytes: Type.Integer(),
    hits: Type.Integer(),
    misses: Type.Integer(),
    stale: Type.Integer(),
    bypass: Type.Integer(),
  }),
});
type Health = Static<typeof Health>;

/** Liveness for load balancers and orchestrators, plus what the cache is doing. */
@Controller('/health')
export class HealthController {
  constructor(private readonly cache: CacheService) {}

  @Get('/', { response: { 200: Health } })
  check(@Ctx() ctx: RequestContext): Health {
    // A probe must see the live answer, never a copy kept by a proxy.
    ctx.noStore();
    const { total, store } = this.cache.stats();
    return {
      status: 'ok',
      uptime: Math.round(process.uptime()),
      cache: {
        store: store.name,
        entries: store.entries,
        bytes: store.bytes,
        hits: total.hits,
        misses: total.misses,
        stale: total.stale,
        bypass: total.bypass,
      },
    };
  }
}
