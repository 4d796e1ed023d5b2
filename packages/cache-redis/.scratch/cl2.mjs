import { Cluster } from 'ioredis';
const port = Number(process.argv[2]);
for (let round = 0; round < 4; round++) {
  const c = new Cluster([{host:'127.0.0.1', port}], { enableOfflineQueue: false, redisOptions: { commandTimeout: 1000, maxRetriesPerRequest: 0, connectTimeout: 1000 } });
  c.on('error', e => console.log('err', e.message));
  await new Promise(r => c.once('ready', r));
  c.defineCommand('x', { numberOfKeys: 1, lua: "return redis.call('GET', KEYS[1])" });
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    try { await c.x('{dbg}:a'); } catch (e) { console.log('fail', e.message); }
    console.log(round, i, Number(process.hrtime.bigint() - t) / 1e6);
  }
  c.disconnect();
}
