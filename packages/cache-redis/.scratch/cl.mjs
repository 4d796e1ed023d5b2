import { RedisStore } from '../dist/src/index.js';
import { ManualClock } from '@fastjson-api/core';
import { makeEntry } from '@fastjson-api/cache/testing';
const port = Number(process.argv[2]);
const clock = new ManualClock(Date.UTC(2025,0,1));
for (let round = 0; round < 3; round++) {
  const store = new RedisStore({ cluster: [{host:'127.0.0.1', port}], keyPrefix: 'dbg', clock, onError: (e) => console.log('onError', e.code, e.message) });
  const t0 = Date.now();
  console.log('ready', await store.ready(), Date.now() - t0, store.health());
  store.set('k', makeEntry(clock));
  const t1 = Date.now();
  console.log('get', !!(await store.get('k')), Date.now() - t1);
  await store.close();
}
