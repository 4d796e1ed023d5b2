import { expect } from 'chai';
import type { City, Country } from '../src/data/index.js';
import { expectProblem, failedFields, useGeoApi } from './geo-api-client.js';
import { sharedRepository } from './shared-repository.js';

const COUNTRY_FIELDS = [
  'code',
  'cca3',
  'name',
  'capital',
  'region',
  'subregion',
  'area',
  'latlng',
  'languages',
  'currencies',
];
const CITY_FIELDS = ['id', 'name', 'country', 'adminCode', 'population', 'lat', 'lon'];

function ids(cities: readonly City[]): number[] {
  return cities.map((city) => city.id);
}

describe('GET /countries', () => {
  const api = useGeoApi(sharedRepository);

  it('lists 50 countries by name, with the total and the documented fields', async () => {
    const res = await api.get('/countries');
    expect(res.status).to.equal(200);
    const { items, total } = res.json as { items: Country[]; total: number };

    expect(total).to.equal(250);
    expect(items).to.have.length(50);
    const names = items.map((country) => country.name);
    expect(names).to.deep.equal([...names].sort(new Intl.Collator('en').compare));
    for (const country of items) expect(country).to.have.all.keys(COUNTRY_FIELDS);
  });

  it('filters by region and subregion in any letter case', async () => {
    const europe = (await api.get('/countries?region=EUROPE&limit=250')).json;
    expect(europe.total).to.equal(53);
    expect(europe.items).to.have.length(53);
    expect(europe.items.every((c: Country) => c.region === 'Europe')).to.equal(true);

    const western = (await api.get('/countries?region=europe&subregion=western%20europe')).json;
    expect(western.items.map((c: Country) => c.code)).to.include.members(['CH', 'FR', 'DE']);
    expect(western.items.every((c: Country) => c.subregion === 'Western Europe')).to.equal(true);
    expect(western.total).to.equal(western.items.length);
  });

  it('gives an empty page and a total of 0 for a region nobody is in', async () => {
    const res = await api.get('/countries?region=atlantis');
    expect(res.json).to.deep.equal({ items: [], total: 0 });
  });

  it('pages with limit and offset', async () => {
    const all = (await api.get('/countries?limit=250')).json;
    const page = (await api.get('/countries?limit=10&offset=240')).json;
    expect(page.items).to.deep.equal(all.items.slice(240, 250));
    expect(page.total).to.equal(250);

    const past = (await api.get('/countries?offset=250')).json;
    expect(past).to.deep.equal({ items: [], total: 250 });
  });

  it('rejects a limit or offset out of range and an unknown parameter, naming the field', async () => {
    const cases: [string, string][] = [
      ['/countries?limit=251', '/query/limit'],
      ['/countries?limit=0', '/query/limit'],
      ['/countries?limit=-5', '/query/limit'],
      ['/countries?limit=ten', '/query/limit'],
      ['/countries?offset=-1', '/query/offset'],
      ['/countries?offset=100000000000000000000', '/query/offset'],
      ['/countries?sort=name', '/query/sort'],
    ];
    for (const [path, field] of cases) {
      expect(failedFields(await api.get(path)), path).to.deep.equal([field]);
    }
  });
});

describe('GET /countries/:code', () => {
  const api = useGeoApi(sharedRepository);

  it('finds a country by cca2 or cca3 in any letter case', async () => {
    const swiss = await api.get('/countries/ch');
    expect(swiss.status).to.equal(200);
    expect(swiss.json).to.include({
      code: 'CH',
      cca3: 'CHE',
      name: 'Switzerland',
      capital: 'Bern',
    });
    expect(swiss.json).to.have.all.keys(COUNTRY_FIELDS);

    for (const code of ['CH', 'che', 'CHE', 'cHe']) {
      expect((await api.get(`/countries/${code}`)).json, code).to.deep.equal(swiss.json);
    }
  });

  it('gives null, not a made-up value, where the source has nothing', async () => {
    const antarctica = (await api.get('/countries/aq')).json;
    expect(antarctica).to.include({ capital: null, subregion: null });
    expect(antarctica.currencies).to.deep.equal([]);
  });

  it('answers 404 with a problem document for an unknown code', async () => {
    const problem = expectProblem(await api.get('/countries/zz'), 404);
    expect(problem.detail).to.include("'zz'");
    expect(problem.instance).to.equal('/countries/zz');
  });

  it('rejects a code that is not 2 or 3 letters', async () => {
    expect(failedFields(await api.get('/countries/c1'))).to.deep.equal(['/params/code']);
    expect(failedFields(await api.get('/countries/swiss'))).to.deep.equal(['/params/code']);
  });

  it('rejects a query parameter, since it takes none', async () => {
    expect(failedFields(await api.get('/countries/ch?lang=fr'))).to.deep.equal(['/query/lang']);
  });
});

describe('GET /countries/:code/cities', () => {
  const api = useGeoApi(sharedRepository);

  it('lists the largest cities first, as { items, nextCursor }', async () => {
    const res = await api.get('/countries/FR/cities?limit=3');
    expect(res.status).to.equal(200);
    expect(res.json).to.have.all.keys('items', 'nextCursor');
    expect(res.json.items.map((c: City) => c.name)).to.deep.equal(['Paris', 'Marseille', 'Lyon']);
    expect(res.json.nextCursor).to.be.a('string');
    for (const city of res.json.items) expect(city).to.have.all.keys(CITY_FIELDS);
  });

  it('takes cca2 or cca3 in any letter case', async () => {
    const expected = (await api.get('/countries/FR/cities')).json;
    for (const code of ['fr', 'FRA', 'fra']) {
      expect((await api.get(`/countries/${code}/cities`)).json, code).to.deep.equal(expected);
    }
  });

  it('returns 20 cities by default', async () => {
    expect((await api.get('/countries/US/cities')).json.items).to.have.length(20);
  });

  it('walks every page through nextCursor without repeating or skipping a city', async () => {
    const whole = (await api.get('/countries/CH/cities?minPopulation=20000&limit=100')).json;
    expect(whole.nextCursor).to.equal(null);
    expect(whole.items.length).to.be.greaterThan(20);

    const seen: City[] = [];
    const first = '/countries/CH/cities?minPopulation=20000&limit=7';
    let path: string | undefined = first;
    while (path !== undefined) {
      const page: { items: City[]; nextCursor: string | null } = (await api.get(path)).json;
      expect(page.items.length).to.be.within(1, 7);
      seen.push(...page.items);
      path = page.nextCursor === null ? undefined : `${first}&cursor=${page.nextCursor}`;
    }
    expect(ids(seen)).to.deep.equal(ids(whole.items));
    expect(new Set(ids(seen)).size).to.equal(seen.length);
  });

  it('keeps the order largest first across pages', async () => {
    const first = (await api.get('/countries/BR/cities?limit=50')).json;
    const second = (await api.get(`/countries/BR/cities?limit=50&cursor=${first.nextCursor}`)).json;
    const populations = [...first.items, ...second.items].map((c: City) => c.population);
    expect(populations).to.deep.equal([...populations].sort((a, b) => b - a));
  });

  it('leaves out cities below minPopulation', async () => {
    const page = (await api.get('/countries/DE/cities?minPopulation=1000000&limit=100')).json;
    expect(page.items.map((c: City) => c.name)).to.deep.equal(['Berlin', 'Hamburg', 'Munich']);
    expect(page.nextCursor).to.equal(null);
  });

  it('gives an empty last page for a country without cities', async () => {
    const res = await api.get('/countries/BV/cities');
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal({ items: [], nextCursor: null });
  });

  it('answers 404 with a problem document for an unknown country', async () => {
    const problem = expectProblem(await api.get('/countries/zz/cities'), 404);
    expect(problem.detail).to.include("'zz'");
  });

  it('answers 400 for a cursor this API did not issue', async () => {
    for (const cursor of ['zzz', 'NTo2Ojc', encodeURIComponent('not a cursor')]) {
      const problem = expectProblem(await api.get(`/countries/FR/cities?cursor=${cursor}`), 400);
      expect(problem.detail, cursor).to.match(/cursor/);
    }
  });

  it('rejects bad paging input, naming the field', async () => {
    const cases: [string, string][] = [
      ['/countries/FR/cities?limit=101', '/query/limit'],
      ['/countries/FR/cities?limit=-1', '/query/limit'],
      ['/countries/FR/cities?minPopulation=-1', '/query/minPopulation'],
      ['/countries/FR/cities?minPopulation=100000000000000000000', '/query/minPopulation'],
      ['/countries/FR/cities?cursor=', '/query/cursor'],
      ['/countries/FR/cities?page=2', '/query/page'],
    ];
    for (const [path, field] of cases) {
      expect(failedFields(await api.get(path)), path).to.deep.equal([field]);
    }
  });
});
