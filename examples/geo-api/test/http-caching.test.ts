import { expect } from 'chai';
import { useGeoApi } from './geo-api-client.js';
import { sharedRepository } from './shared-repository.js';

/** One request to each cached GET route. */
const CACHED_PATHS = [
  '/countries?region=europe',
  '/countries/ch',
  '/countries/ch/cities?limit=5',
  '/cities/2657896',
  '/cities/search?q=zurich',
  '/cities/nearby?lat=47.37&lon=8.54&radiusKm=5',
];

describe('response cache of the GET routes', () => {
  const api = useGeoApi(sharedRepository);

  for (const path of CACHED_PATHS) {
    describe(`GET ${path}`, () => {
      it('answers MISS, then HIT with the same bytes and the same ETag', async () => {
        const miss = await api.get(path);
        const hit = await api.get(path);

        expect(miss.status).to.equal(200);
        expect(miss.headers['x-cache']).to.equal('MISS');
        expect(miss.headers.etag).to.match(/^"[\w-]+"$/);
        expect(hit.status).to.equal(200);
        expect(hit.headers['x-cache']).to.equal('HIT');
        expect(hit.headers.etag).to.equal(miss.headers.etag);
        expect(hit.raw.equals(miss.raw), 'body bytes').to.equal(true);
        expect(hit.headers['cache-control']).to.match(/^public, max-age=\d+$/);
      });

      it('answers If-None-Match with its ETag by 304 and an empty body', async () => {
        const { headers } = await api.get(path);
        const res = await api.get(path, { 'if-none-match': headers.etag! });

        expect(res.status).to.equal(304);
        expect(res.raw).to.have.length(0);
        expect(res.headers.etag).to.equal(headers.etag);
        expect(res.headers['x-cache']).to.equal('HIT');
      });
    });
  }

  it('sends the whole body when If-None-Match names another version', async () => {
    const first = await api.get('/countries/ch');
    const res = await api.get('/countries/ch', { 'if-none-match': '"an-older-version"' });
    expect(res.status).to.equal(200);
    expect(res.raw.equals(first.raw)).to.equal(true);
  });

  it('keeps the query order out of the key: the same query in another order is a HIT', async () => {
    await api.get('/countries?region=europe&limit=5');
    const res = await api.get('/countries?limit=5&region=europe');
    expect(res.headers['x-cache']).to.equal('HIT');
  });

  it('stores no error: a 404 and a 400 stay MISS', async () => {
    for (const path of ['/cities/1', '/countries/zz', '/cities/nearby?lat=91&lon=0']) {
      await api.get(path);
      const again = await api.get(path);
      expect(again.status, path).to.be.oneOf([400, 404]);
      expect(again.headers['x-cache'], path).to.equal('MISS');
    }
  });

  it('compresses a large body for a client that accepts gzip, and says it varies on that', async () => {
    const res = await api.get('/countries?limit=250', { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).to.equal('gzip');
    expect(res.headers.vary).to.equal('authorization, cookie, accept-encoding');
  });
});
