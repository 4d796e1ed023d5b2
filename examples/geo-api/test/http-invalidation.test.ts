import { expect } from 'chai';
import type { TestResponse } from '@fastjson-api/core/testing';
import { GeoRepository, type City } from '../src/data/index.js';
import { expectProblem, failedFields, useGeoApi, type GeoApiClient } from './geo-api-client.js';

const SAO_PAULO = 3448439;
const RIO = 3451190;
const GURGAON = 1270642;

function itemIds(res: TestResponse): number[] {
  return (res.json.items as City[]).map((city) => city.id);
}

/**
 * GETs each path twice and checks that the second answer is a HIT, so that a
 * MISS after a write proves the write invalidated it. Returns the HITs.
 */
async function warm(
  api: GeoApiClient,
  paths: readonly string[],
): Promise<Map<string, TestResponse>> {
  const hits = new Map<string, TestResponse>();
  for (const path of paths) {
    await api.get(path);
    const hit = await api.get(path);
    expect(hit.headers['x-cache'], path).to.equal('HIT');
    hits.set(path, hit);
  }
  return hits;
}

/** Checks that each path is still served from the cache, unchanged. */
async function expectStillCached(
  api: GeoApiClient,
  before: Map<string, TestResponse>,
): Promise<void> {
  for (const [path, hit] of before) {
    const res = await api.get(path);
    expect(res.headers['x-cache'], path).to.equal('HIT');
    expect(res.headers.etag, path).to.equal(hit.headers.etag);
  }
}

describe('PATCH /cities/:id', () => {
  // Its own repository: these specs change cities. Each spec starts from the
  // loaded data again (see afterEach) and with an empty cache (useGeoApi).
  let geo: GeoRepository;
  let originals: City[];
  before(() => {
    geo = new GeoRepository();
    originals = [SAO_PAULO, RIO, GURGAON].map((id) => geo.getCity(id)!);
  });
  afterEach(() => {
    for (const { id, name, population } of originals) geo.updateCity(id, { name, population });
  });
  const api = useGeoApi(() => geo);

  it('answers with the changed city', async () => {
    const res = await api.patch(`/cities/${SAO_PAULO}`, { population: 12_000_000 });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ ...originals[0], population: 12_000_000 });
  });

  it('refreshes every cached response that shows the city: by id, its country, searches, nearby', async () => {
    const paths = [
      `/cities/${SAO_PAULO}`,
      '/countries/BR/cities',
      '/countries/br/cities?limit=5',
      '/countries/bra/cities',
      '/cities/search?q=sao',
      `/cities/search?q=${encodeURIComponent('São Paulo')}`,
      '/cities/nearby?lat=-23.55&lon=-46.63&radiusKm=5',
    ];
    const before = await warm(api, paths);

    await api.patch(`/cities/${SAO_PAULO}`, { population: 12_000_000 });

    for (const path of paths) {
      const res = await api.get(path);
      expect(res.headers['x-cache'], path).to.equal('MISS');
      expect(res.headers.etag, path).to.not.equal(before.get(path)!.headers.etag);
      const city = res.json.items?.find((c: City) => c.id === SAO_PAULO) ?? res.json;
      expect(city.population, path).to.equal(12_000_000);
    }
  });

  it('caches the new answer again', async () => {
    await warm(api, [`/cities/${SAO_PAULO}`]);
    await api.patch(`/cities/${SAO_PAULO}`, { population: 12_000_000 });

    const miss = await api.get(`/cities/${SAO_PAULO}`);
    const hit = await api.get(`/cities/${SAO_PAULO}`);
    expect(hit.headers['x-cache']).to.equal('HIT');
    expect(hit.headers.etag).to.equal(miss.headers.etag);
    expect(hit.json.population).to.equal(12_000_000);
  });

  it('keeps unrelated cached responses: other countries, other cities, the country itself', async () => {
    const before = await warm(api, [
      '/countries/fr',
      '/countries/br',
      '/countries?region=americas',
      '/countries/FR/cities',
      '/cities/2988507',
      '/cities/search?q=paris',
      '/cities/nearby?lat=48.8566&lon=2.3522',
    ]);

    await api.patch(`/cities/${SAO_PAULO}`, { population: 12_000_000 });

    await expectStillCached(api, before);
  });

  it('reorders a cached country list when a city outgrows the others', async () => {
    await warm(api, [
      '/countries/BR/cities?limit=1',
      '/countries/BR/cities?minPopulation=11000000',
    ]);
    const before = (await api.get('/countries/BR/cities?minPopulation=11000000')).json;
    expect(before.items).to.deep.equal([]);

    await api.patch(`/cities/${RIO}`, { population: 11_000_000 });

    expect(itemIds(await api.get('/countries/BR/cities?limit=1'))).to.deep.equal([RIO]);
    expect(itemIds(await api.get('/countries/BR/cities?minPopulation=11000000'))).to.deep.equal([
      RIO,
    ]);
  });

  it('issues cursors that work for any population it accepts', async () => {
    await api.patch(`/cities/${RIO}`, { population: Number.MAX_SAFE_INTEGER });

    const first = await api.get('/countries/BR/cities?limit=1');
    expect(itemIds(first)).to.deep.equal([RIO]);
    const second = await api.get(`/countries/BR/cities?limit=1&cursor=${first.json.nextCursor}`);
    expect(second.status, second.text).to.equal(200);
    expect(itemIds(second)).to.deep.equal([SAO_PAULO]);
  });

  it('puts a renamed city into a cached search it now matches, and takes it out of the old one', async () => {
    const before = await warm(api, [
      '/cities/search?q=gurugram',
      '/cities/search?q=guru&limit=50',
      '/cities/search?q=gurgaon',
      `/cities/${GURGAON}`,
    ]);
    expect(before.get('/cities/search?q=gurugram')!.json.items).to.deep.equal([]);
    expect(itemIds(before.get('/cities/search?q=guru&limit=50')!)).to.not.include(GURGAON);

    const res = await api.patch(`/cities/${GURGAON}`, { name: 'Gurugram' });
    expect(res.json).to.include({ id: GURGAON, name: 'Gurugram' });

    const found = await api.get('/cities/search?q=gurugram');
    expect(found.headers['x-cache']).to.equal('MISS');
    expect(found.json.items).to.deep.equal([res.json]);
    expect(itemIds(await api.get('/cities/search?q=guru&limit=50'))).to.include(GURGAON);
    expect(itemIds(await api.get('/cities/search?q=gurgaon'))).to.not.include(GURGAON);
    expect((await api.get(`/cities/${GURGAON}`)).json.name).to.equal('Gurugram');
  });

  it('trims the new name and matches it in search ignoring accents', async () => {
    await warm(api, ['/cities/search?q=sampa']);

    const res = await api.patch(`/cities/${SAO_PAULO}`, { name: '  Sampã  ' });
    expect(res.json.name).to.equal('Sampã');
    expect(itemIds(await api.get('/cities/search?q=sampa'))[0]).to.equal(SAO_PAULO);
  });

  it('changes nothing and keeps the cache when the values are the ones it has', async () => {
    const before = await warm(api, [
      `/cities/${SAO_PAULO}`,
      '/countries/BR/cities',
      '/cities/search?q=sao',
    ]);

    const res = await api.patch(`/cities/${SAO_PAULO}`, {
      name: 'São Paulo',
      population: 10021295,
    });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal(originals[0]);

    await expectStillCached(api, before);
  });

  it('rejects an invalid body with 400 naming the field, and changes nothing', async () => {
    const before = await warm(api, [`/cities/${SAO_PAULO}`]);
    const cases: [unknown, string][] = [
      [{}, '/body'],
      [[], '/body'],
      [{ population: -1 }, '/body/population'],
      [{ population: 1.5 }, '/body/population'],
      [{ population: '12000000' }, '/body/population'],
      [{ population: 2 ** 53 }, '/body/population'],
      [{ name: '' }, '/body/name'],
      [{ name: '   ' }, '/body/name'],
      [{ name: 'x'.repeat(201) }, '/body/name'],
      [{ country: 'AR' }, '/body/country'],
    ];
    for (const [body, field] of cases) {
      const res = await api.patch(`/cities/${SAO_PAULO}`, body);
      expect(failedFields(res), JSON.stringify(body)).to.deep.equal([field]);
    }

    expect(geo.getCity(SAO_PAULO)).to.deep.equal(originals[0]);
    await expectStillCached(api, before);
  });

  it('answers 404 with a problem document for an unknown id', async () => {
    const problem = expectProblem(await api.patch('/cities/1', { population: 5 }), 404);
    expect(problem.instance).to.equal('/cities/1');
  });

  it('rejects an id that is not a positive integer', async () => {
    expect(failedFields(await api.patch('/cities/abc', { population: 5 }))).to.deep.equal([
      '/params/id',
    ]);
  });
});
