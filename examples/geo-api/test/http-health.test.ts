import { expect } from 'chai';
import { useGeoApi } from './geo-api-client.js';
import { sharedRepository } from './shared-repository.js';

const BY_ID = 'GET /cities/:id (CitiesController.byId)';

describe('GET /health', () => {
  const api = useGeoApi(sharedRepository);

  it("answers status 'ok' with the cache's figures", async () => {
    const res = await api.get('/health');
    expect(res.status).to.equal(200);
    expect(res.json.status).to.equal('ok');
    expect(res.json.cache).to.include.all.keys('status', 'total', 'routes', 'store');
    expect(res.json.cache.status).to.equal('ok');
    expect(res.json.cache.total).to.include({ hits: 0, misses: 0 });
    expect(res.json.cache.store).to.include({ name: 'memory', entries: 0 });
    expect(res.json.cache.routes).to.have.property(BY_ID);
  });

  it('counts the misses and hits of the cached routes', async () => {
    await api.get('/cities/2657896');
    await api.get('/cities/2657896');
    await api.get('/cities/2657896');

    const { cache } = (await api.get('/health')).json;
    expect(cache.routes[BY_ID]).to.include({ misses: 1, hits: 2 });
    expect(cache.total).to.include({ misses: 1, hits: 2 });
    expect(cache.store.entries).to.equal(1);
  });

  it('is never cached itself', async () => {
    const first = await api.get('/health');
    await api.get('/countries/ch');
    const second = await api.get('/health');

    expect(first.headers).to.not.have.property('x-cache');
    expect(first.headers).to.not.have.property('etag');
    expect(second.json.cache.total.misses).to.equal(first.json.cache.total.misses + 1);
  });
});
