// Bare Koa + @koa/router returning the same object: what the kit's uncached path stands on.
import Koa from 'koa';
import Router from '@koa/router';
import { item } from '../payload.js';
import { ready } from './ready.js';

const koa = new Koa();
const router = new Router();
router.get('/item/:id', (ctx) => {
  ctx.body = item;
});
koa.use(router.routes());
const server = koa.listen(Number(process.env.PORT), '127.0.0.1', () => ready(server));
