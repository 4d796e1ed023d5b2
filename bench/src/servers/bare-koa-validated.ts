// Bare Koa + @koa/router doing the kit's uncached work by hand: the path
// parameter checked and coerced by ajv, the body written by fast-json-stringify.
import Koa from 'koa';
import Router from '@koa/router';
import { Ajv } from 'ajv';
import fjsModule from 'fast-json-stringify';
import { item } from '../payload.js';
import { ready } from './ready.js';

const fastJson = ((fjsModule as unknown as { default?: unknown }).default ??
  fjsModule) as typeof fjsModule;
const ajv = new Ajv({ coerceTypes: true, allErrors: true });
const checkParams = ajv.compile({
  type: 'object',
  properties: { id: { type: 'integer' } },
  required: ['id'],
});
const stringify = fastJson({
  type: 'object',
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    country: { type: 'string' },
    adminCode: { type: 'string' },
    population: { type: 'integer' },
    location: { type: 'object', properties: { lat: { type: 'number' }, lon: { type: 'number' } } },
    timezone: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
  },
});

const koa = new Koa();
const router = new Router();
router.get('/item/:id', (ctx) => {
  const params = { ...ctx.params };
  if (!checkParams(params)) {
    ctx.status = 400;
    ctx.body = { errors: checkParams.errors };
    return;
  }
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = stringify(item);
});
koa.use(router.routes());
const server = koa.listen(Number(process.env.PORT), '127.0.0.1', () => ready(server));
