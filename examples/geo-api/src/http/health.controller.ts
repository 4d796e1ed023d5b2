import { Controller, Get } from '@fastjson-api/core';
import { CacheService } from '@fastjson-api/cache';

@Controller('/health')
export class HealthController {
  constructor(private readonly cache: CacheService) {}

  /** Never cached: it reports the cache itself. */
  @Get('/', { summary: 'Liveness and cache figures' })
  health() {
    return { status: 'ok', cache: this.cache.stats() };
  }
}
