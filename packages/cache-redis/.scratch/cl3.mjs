import { Cluster } from 'ioredis';
import { SCRIPTS } from '../dist/src/scripts.js';
const port = Number(process.argv[2]);
for (let round = 0; round < 6; round++) {
  const c = new Cluster([{host:'127.0.0.1', port}], { enableOfflineQueue: false, redisOptions: { commandTimeout: 1000, maxRetriesPerRequest: 0, connectTimeout: 1000 } });
  c.on('error', e => console.log('err', e.message));
  await new Promise(r => c.once('ready', r));
  for (const [n, d] of Object.entries(SCRIPTS)) c.defineCommand(n, d);
  const t = process.hrtime.bigint();
  const s = c.fjaSet('{dbg}:gen', '{dbg}:e:k', '{dbg}:t:', 'k', 1000, 'blob', 'etag', 5, 'g1', '', '').then(() => console.log(round, 'set', Number(process.hrtime.bigint() - t) / 1e6), e => console.log('set fail', e.message));
  const g = c.fjaGetBuffer('{dbg}:gen', '{dbg}:e:k', '{dbg}:t:', 'k').then(() => console.log(round, 'get', Number(process.hrtime.bigint() - t) / 1e6), e => console.log('get fail', e.message));
  await Promise.all([s, g]);
  c.disconnect();
}
