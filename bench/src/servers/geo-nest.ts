// NestJS as its users write it: controllers, DI, and @nestjs/cache-manager's
// CacheInterceptor on the routes (in-memory store), on the default Express platform.
import 'reflect-metadata';
import {
  Controller,
  Get,
  Module,
  NotFoundException,
  Param,
  Query,
  UseInterceptors,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CacheInterceptor, CacheModule, CacheTTL } from '@nestjs/cache-manager';
import { GeoRepository } from '@fastjson-api/example-geo-api/data';
import { cacheOn } from '../geo-routes.js';
import { ready } from './ready.js';

const geo = new GeoRepository();
const interceptors: Type<NestInterceptor>[] = cacheOn ? [CacheInterceptor] : [];

@Controller()
@UseInterceptors(...interceptors)
class GeoController {
  @Get('countries/:code')
  @CacheTTL(3_600_000)
  country(@Param('code') code: string) {
    const country = geo.getCountry(code);
    if (!country) throw new NotFoundException();
    return country;
  }

  @Get('cities/nearby')
  @CacheTTL(600_000)
  nearby(
    @Query('lat') lat: string,
    @Query('lon') lon: string,
    @Query('radiusKm') radiusKm: string,
    @Query('limit') limit: string,
  ) {
    const items = geo.nearby(Number(lat), Number(lon), Number(radiusKm), Number(limit));
    return {
      items: items.map((city) => ({
        ...city,
        distanceKm: Math.round(city.distanceKm * 1000) / 1000,
      })),
    };
  }
}

@Module({ imports: [CacheModule.register({ ttl: 600_000 })], controllers: [GeoController] })
class AppModule {}

const app = await NestFactory.create(AppModule, { logger: false });
await app.listen(Number(process.env.PORT), '127.0.0.1');
ready(app.getHttpServer());
