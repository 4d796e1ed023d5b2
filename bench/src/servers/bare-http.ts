// The ceiling: node:http writing a precomputed buffer, nothing else.
import { createServer } from 'node:http';
import { item } from '../payload.js';
import { ready } from './ready.js';

const body = Buffer.from(JSON.stringify(item));
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => ready(server));
