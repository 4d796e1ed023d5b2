// The ceiling: node:http writing the kit's own response bytes, precomputed per URL.
import { createServer } from 'node:http';
import { buildGeoApp } from '@fastjson-api/example-geo-api/app';
import { send } from '@fastjson-api/core/testing';
import { GEO_ROUTES } from '../geo-routes.js';
import { ready } from './ready.js';

const { app } = await buildGeoApp({ logger: false });
await app.listen(0, '127.0.0.1');
const bodies = new Map<string, Buffer>();
for (const path of Object.values(GEO_ROUTES)) bodies.set(path, (await send(app.url, { path })).raw);
await app.close();

const server = createServer((req, res) => {
  const body = bodies.get(req.url!);
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => ready(server));
