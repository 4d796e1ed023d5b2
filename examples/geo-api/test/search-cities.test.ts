import { expect } from 'chai';
import { normalizeName } from '../src/data/index.js';
import { compareByPopulation } from '../src/data/city-order.js';
import { loadCities } from '../src/data/load-cities.js';
import { sharedRepository } from './shared-repository.js';

describe('GeoRepository#searchCities()', () => {
  const geo = sharedRepository();

  it('finds São Paulo from "sao"', () => {
    const names = geo.searchCities('sao', 5).map((c) => c.name);
    expect(names[0]).to.equal('São Paulo');
  });

  it('finds Zürich from "zurich" and from "ZÜRICH"', () => {
    expect(geo.searchCities('zurich', 3)[0]!.name).to.equal('Zürich');
    expect(geo.searchCities('ZÜRICH', 3)[0]!.name).to.equal('Zürich');
  });

  it('matches names that start with the query, most populous first', () => {
    const results = geo.searchCities('new', 20);
    expect(results).to.have.length(20);
    expect(results[0]!.name).to.equal('New York City');
    expect(results.every((c) => normalizeName(c.name).startsWith('new'))).to.equal(true);
    expect([...results].sort(compareByPopulation)).to.deep.equal(results);
  });

  it('returns what a full scan returns', () => {
    const all = loadCities();
    for (const query of ['a', 'sa', 'saint e', 'lod', 'mos', 'москва', 'xyzzy']) {
      const key = normalizeName(query);
      const expected = all
        .filter((c) => normalizeName(c.name).startsWith(key))
        .sort(compareByPopulation)
        .slice(0, 25)
        .map((c) => c.id);
      expect(
        geo.searchCities(query, 25).map((c) => c.id),
        query,
      ).to.deep.equal(expected);
    }
  });

  it('does not match in the middle of a name', () => {
    expect(geo.searchCities('paulo', 50).map((c) => c.name)).to.not.include('São Paulo');
  });

  it('defaults to 10 results', () => {
    expect(geo.searchCities('s')).to.have.length(10);
  });

  it('gives nothing for a query that folds to nothing', () => {
    expect(geo.searchCities('')).to.deep.equal([]);
    expect(geo.searchCities("  '")).to.deep.equal([]);
  });

  it('rejects a limit below 1', () => {
    expect(() => geo.searchCities('a', 0)).to.throw(TypeError, /limit/);
  });
});
