import { expect } from 'chai';
import { useService } from './support/service.js';

describe('GET /health', () => {
  const start = useService();

  it('answers ok with the cache store and its counters', async () => {
    const { request } = await start();

    const res = await request('/health');

    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.equal('no-store');
    expect(res.json).to.include({ status: 'ok' });
    expect(res.json.cache).to.include({ store: 'memory', hits: 0, misses: 0 });
  });

  it('counts the hits and misses of cached routes', async () => {
    const { request } = await start();

    await request('/notes/1');
    await request('/notes/1');
    const res = await request('/health');

    expect(res.json.cache).to.include({ hits: 1, misses: 1, entries: 1 });
  });
});
