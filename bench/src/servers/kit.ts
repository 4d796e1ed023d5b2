// The kit: one cached route and the same route uncached. LOG=1 turns the request log on.
import { Cached, Controller, Get, Param, createApp, Type } from '@fastjson-api/core';
import { koaTransport } from '@fastjson-api/transport-koa';
import { memoryCache } from '@fastjson-api/cache';
import { schemaSerializer } from '@fastjson-api/serializer';
import { item } from '../payload.js';
import { ready } from './ready.js';

const Item = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  country: Type.String(),
  adminCode: Type.String(),
  population: Type.Integer(),
  location: Type.Object({ lat: Type.Number(), lon: Type.Number() }),
  timezone: Type.String(),
  tags: Type.Array(Type.String()),
});
const Params = Type.Object({ id: Type.Integer() });

@Controller()
class ItemController {
  @Get('/item/:id', { params: Params, response: { 200: Item } })
  @Cached({ ttl: '1h' })
  cached(@Param('id') _id: number) {
    return item;
  }

  @Get('/uncached/:id', { params: Params, response: { 200: Item } })
  uncached(@Param('id') _id: number) {
    return item;
  }
}

const app = createApp({
  controllers: [ItemController],
  plugins: [koaTransport(), memoryCache(), schemaSerializer()],
  logger: { level: process.env.LOG === '1' ? 'info' : 'silent' },
});
await app.listen(Number(process.env.PORT), '127.0.0.1');
ready({ address: () => app.address! });
