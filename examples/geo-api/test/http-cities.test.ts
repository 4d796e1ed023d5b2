import { expect } from 'chai';
import { haversineKm, normalizeName, type City, type NearbyCity } from '../src/data/index.js';
import { expectProblem, failedFields, useGeoApi } from './geo-api-client.js';
import { sharedRepository } from './shared-repository.js';

const SAO_PAULO = 3448439;
const PARIS = 2988507;

function isLargestFirst(cities: readonly City[]): boolean {
  return cities.every((city, i) => i === 0 || cities[i - 1]!.population >= city.population);
}

describe('GET /cities/:id', () => {
  const api = useGeoApi(sharedRepository);

  it('returns the city', async () => {
    const res = await api.get(`/cities/${SAO_PAULO}`);
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({
      id: SAO_PAULO,
      name: 'São Paulo',
      country: 'BR',
      adminCode: '27',
      population: 10021295,
      lat: -23.5475,
      lon: -46.63611,
    });
  });

  it('answers 404 with a problem document for an unknown id', async () => {
    const problem = expectProblem(await api.get('/cities/1'), 404);
    expect(problem.detail).to.include('1');
    expect(problem.instance).to.equal('/cities/1');
  });

  it('rejects an id that is not a positive integer', async () => {
    for (const id of ['abc', '0', '-3', '1.5']) {
      expect(failedFields(await api.get(`/cities/${id}`)), id).to.deep.equal(['/params/id']);
    }
  });

  it('rejects a query parameter, since it takes none', async () => {
    expect(failedFields(await api.get(`/cities/${SAO_PAULO}?fields=name`))).to.deep.equal([
      '/query/fields',
    ]);
  });
});

describe('GET /cities/search', () => {
  const api = useGeoApi(sharedRepository);

  it('ignores accents and case: "sao" and "SÃO" find São Paulo first', async () => {
    const plain = await api.get('/cities/search?q=sao');
    expect(plain.status).to.equal(200);
    expect(plain.json.items[0]).to.include({ id: SAO_PAULO, name: 'São Paulo' });

    const accented = await api.get(`/cities/search?q=${encodeURIComponent('SÃO')}`);
    expect(accented.json).to.deep.equal(plain.json);
  });

  it('lists the largest first, 10 by default, every name starting with the query', async () => {
    const { items } = (await api.get('/cities/search?q=san')).json as { items: City[] };
    expect(items).to.have.length(10);
    expect(isLargestFirst(items)).to.equal(true);
    for (const city of items) expect(normalizeName(city.name), city.name).to.match(/^san/);
  });

  it('returns at most limit cities', async () => {
    expect((await api.get('/cities/search?q=s&limit=50')).json.items).to.have.length(50);
    expect((await api.get('/cities/search?q=s&limit=1')).json.items).to.have.length(1);
  });

  it('matches the start of a name, not a word inside it', async () => {
    const { items } = (await api.get('/cities/search?q=paulo&limit=50')).json as { items: City[] };
    expect(items.map((c) => c.id)).to.not.include(SAO_PAULO);
  });

  it('gives an empty list when nothing matches', async () => {
    expect((await api.get('/cities/search?q=xyzzy')).json).to.deep.equal({ items: [] });
  });

  it('rejects a missing or empty q, a bad limit and an unknown parameter, naming the field', async () => {
    const cases: [string, string][] = [
      ['/cities/search', '/query/q'],
      ['/cities/search?q=', '/query/q'],
      [`/cities/search?q=${'a'.repeat(101)}`, '/query/q'],
      ['/cities/search?q=sao&limit=51', '/query/limit'],
      ['/cities/search?q=sao&limit=-1', '/query/limit'],
      ['/cities/search?q=sao&country=BR', '/query/country'],
    ];
    for (const [path, field] of cases) {
      expect(failedFields(await api.get(path)), path).to.deep.equal([field]);
    }
  });
});

describe('GET /cities/nearby', () => {
  const api = useGeoApi(sharedRepository);
  const nearParis = 'lat=48.8566&lon=2.3522';

  it('lists the nearest first, each with its distance, none beyond radiusKm', async () => {
    const res = await api.get(`/cities/nearby?${nearParis}&radiusKm=10&limit=100`);
    expect(res.status).to.equal(200);
    const { items } = res.json as { items: NearbyCity[] };

    expect(items.length).to.be.within(20, 99); // all of them, not a truncated list
    expect(items[0]).to.include({ id: PARIS, name: 'Paris' });
    const distances = items.map((city) => city.distanceKm);
    expect(distances).to.deep.equal([...distances].sort((a, b) => a - b));
    for (const city of items) {
      expect(city.distanceKm, city.name).to.be.at.most(10);
      const exact = haversineKm(48.8566, 2.3522, city.lat, city.lon);
      expect(city.distanceKm, city.name).to.be.closeTo(exact, 0.001);
    }
  });

  it('defaults to 20 cities within 50 km', async () => {
    const { items } = (await api.get(`/cities/nearby?${nearParis}`)).json as {
      items: NearbyCity[];
    };
    expect(items).to.have.length(20);
    expect(items.every((city) => city.distanceKm <= 50)).to.equal(true);
  });

  it('returns at most limit cities, the nearest ones', async () => {
    const ten = (await api.get(`/cities/nearby?${nearParis}&limit=10`)).json.items;
    const three = (await api.get(`/cities/nearby?${nearParis}&limit=3`)).json.items;
    expect(three).to.deep.equal(ten.slice(0, 3));
  });

  it('gives an empty list in the middle of the ocean', async () => {
    expect((await api.get('/cities/nearby?lat=0&lon=-140&radiusKm=100')).json).to.deep.equal({
      items: [],
    });
  });

  it('rejects out-of-range coordinates, radius and limit, and unknown parameters, naming the fields', async () => {
    const cases: [string, string][] = [
      ['lat=90.5&lon=0', '/query/lat'],
      ['lat=-91&lon=0', '/query/lat'],
      ['lat=north&lon=0', '/query/lat'],
      ['lon=0', '/query/lat'],
      ['lat=0&lon=180.5', '/query/lon'],
      ['lat=0&lon=-181', '/query/lon'],
      ['lat=0&lon=0&limit=-1', '/query/limit'],
      ['lat=0&lon=0&limit=0', '/query/limit'],
      ['lat=0&lon=0&limit=101', '/query/limit'],
      ['lat=0&lon=0&radiusKm=0', '/query/radiusKm'],
      ['lat=0&lon=0&radiusKm=2001', '/query/radiusKm'],
      ['lat=0&lon=0&unit=mi', '/query/unit'],
    ];
    for (const [query, field] of cases) {
      expect(failedFields(await api.get(`/cities/nearby?${query}`)), query).to.deep.equal([field]);
    }
  });

  it('lists every bad field at once', async () => {
    const fields = failedFields(await api.get('/cities/nearby?lat=91&lon=200&limit=-1&foo=1'));
    expect(fields).to.have.members(['/query/lat', '/query/lon', '/query/limit', '/query/foo']);
  });
});
