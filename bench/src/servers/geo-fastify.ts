// Fastify as its users write it: response schemas (fast-json-stringify) and
// an LRU cache of serialized GET responses in onRequest/onSend hooks.
import Fastify from 'fastify';
import { LRUCache } from 'lru-cache';
import { GeoRepository } from '@fastjson-api/example-geo-api/data';
import {
  Country,
  CountryCode,
  NearbyList,
  NearbyQuery,
} from '@fastjson-api/example-geo-api/schemas';
import { cacheOn } from '../geo-routes.js';
import { ready } from './ready.js';

const geo = new GeoRepository();
const app = Fastify({ logger: false });
const cache = new LRUCache<string, string>({ max: 10_000, ttl: 10 * 60_000 });

if (cacheOn) {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET') return;
    const hit = cache.get(request.url);
    if (hit !== undefined)
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('x-cache', 'HIT')
        .send(hit);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (
      request.method === 'GET' &&
      reply.statusCode === 200 &&
      reply.getHeader('x-cache') === undefined &&
      typeof payload === 'string'
    ) {
      cache.set(request.url, payload);
    }
    return payload;
  });
}

app.get(
  '/countries/:code',
  { schema: { params: CountryCode, response: { 200: Country } } },
  async (request, reply) => {
    const country = geo.getCountry((request.params as { code: string }).code);
    if (!country) return reply.callNotFound();
    return country;
  },
);

app.get(
  '/cities/nearby',
  { schema: { querystring: NearbyQuery, response: { 200: NearbyList } } },
  async (request) => {
    const q = request.query as { lat: number; lon: number; radiusKm: number; limit: number };
    const items = geo.nearby(q.lat, q.lon, q.radiusKm, q.limit);
    return {
      items: items.map((city) => ({
        ...city,
        distanceKm: Math.round(city.distanceKm * 1000) / 1000,
      })),
    };
  },
);

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
ready(app.server);
