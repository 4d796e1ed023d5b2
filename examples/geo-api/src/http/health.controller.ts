import { Controller, Get } from '@fastjson-api/core';
import { CacheService } from '@fastjson-api/cache';

@Controller('/health')
export class HealthController {
  constructor(private readonly cache: CacheService) {}

  /**
   * Never cached: it reports the cache itself. The service is up whenever it
   * answers; `cache.status` is `degraded` while the store cannot be reached
   * (requests are then answered by their handlers).
   */
  @Get('/', { summary: 'Liveness and cache figures' })
  health() {
    const health = this.cache.health();
    return { status: 'ok', cache: { ...health, ...this.cache.stats() } };
  }
}
