import { expect } from 'chai';
import { GeoRepository, type City, type CityChange } from '../src/data/index.js';

const ZURICH = 2657896;
const GENEVA = 2660646;

function ids(cities: readonly City[]): number[] {
  return cities.map((c) => c.id);
}

describe('GeoRepository#updateCity()', () => {
  // Its own repository: these specs change the data.
  let geo: GeoRepository;
  beforeEach(function () {
    this.timeout(20_000);
    geo = new GeoRepository();
  });

  it('returns the new record and getCity() returns it too', () => {
    const before = geo.getCity(ZURICH)!;
    const after = geo.updateCity(ZURICH, { population: 400_000 })!;
    expect(after).to.deep.equal({ ...before, population: 400_000 });
    expect(geo.getCity(ZURICH)).to.equal(after);
    expect(before.population).to.equal(341730);
  });

  it('moves the city within its country listing and keeps it sorted', () => {
    const top = geo.citiesOfCountry('CH', { limit: 3 })!.items;
    expect(top[0]!.id).to.equal(ZURICH);

    geo.updateCity(GENEVA, { population: 2_000_000 });
    geo.updateCity(ZURICH, { population: 1000 });

    const all = geo.citiesOfCountry('CH', { limit: 100_000 })!.items;
    expect(all[0]!.id).to.equal(GENEVA);
    expect(all.filter((c) => c.id === ZURICH)).to.have.length(1);
    expect(all.find((c) => c.id === ZURICH)!.population).to.equal(1000);
    expect(all.every((c, i) => i === 0 || all[i - 1]!.population >= c.population)).to.equal(true);
  });

  it('keeps a cursor issued before the update valid', () => {
    const first = geo.citiesOfCountry('CH', { limit: 10 })!;
    const unchanged = geo.citiesOfCountry('CH', { limit: 10, cursor: first.nextCursor! })!;

    geo.updateCity(ZURICH, { population: 341731 });
    const after = geo.citiesOfCountry('CH', { limit: 10, cursor: first.nextCursor! })!;
    expect(ids(after.items)).to.deep.equal(ids(unchanged.items));
  });

  it('reorders search results when the population changes', () => {
    const before = geo.searchCities('gen', 5);
    const smallest = before[before.length - 1]!;

    geo.updateCity(smallest.id, { population: before[0]!.population + 1 });
    const after = ids(geo.searchCities('gen', 5));
    expect(after).to.deep.equal([smallest.id, ...ids(before.slice(0, 4))]);
  });

  it('moves the city in the search index when renamed', () => {
    const renamed = geo.updateCity(ZURICH, { name: '  Züri  ' })!;
    expect(renamed.name).to.equal('Züri');
    expect(ids(geo.searchCities('zurich', 100))).to.not.include(ZURICH);
    expect(ids(geo.searchCities('zuri', 100))[0]).to.equal(ZURICH);
    expect(geo.nearby(47.36667, 8.55, 1, 1)[0]!.name).to.equal('Züri');
    expect(geo.citiesOfCountry('CH', { limit: 1 })!.items[0]!.name).to.equal('Züri');
  });

  it('tells listeners what changed', () => {
    const changes: CityChange[] = [];
    const unsubscribe = geo.onCityChange((change) => changes.push(change));

    geo.updateCity(ZURICH, { name: 'Zurigo', population: 1 });
    unsubscribe();
    geo.updateCity(ZURICH, { population: 2 });

    expect(changes).to.have.length(1);
    const [change] = changes;
    expect(change!.country).to.equal('CH');
    expect(change!.previous.name).to.equal('Zürich');
    expect(change!.city.name).to.equal('Zurigo');
    expect(change!.nameChanged).to.equal(true);
    expect(change!.populationChanged).to.equal(true);
    expect(change!.searchKeys).to.deep.equal(['zurich', 'zurigo']);
  });

  it('changes nothing and tells nobody when the values are the same', () => {
    let calls = 0;
    geo.onCityChange(() => calls++);
    const before = geo.getCity(ZURICH)!;
    const same = { population: before.population, name: before.name };
    expect(geo.updateCity(ZURICH, same)).to.equal(before);
    expect(geo.updateCity(ZURICH, {})).to.equal(before);
    expect(calls).to.equal(0);
  });

  it('returns undefined for an unknown id', () => {
    expect(geo.updateCity(-1, { population: 5 })).to.equal(undefined);
  });

  it('rejects a bad population or an empty name', () => {
    expect(() => geo.updateCity(ZURICH, { population: -1 })).to.throw(TypeError, /population/);
    expect(() => geo.updateCity(ZURICH, { population: 1.5 })).to.throw(TypeError, /population/);
    expect(() => geo.updateCity(ZURICH, { name: '   ' })).to.throw(TypeError, /name/);
  });
});
