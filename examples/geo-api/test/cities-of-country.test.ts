import { expect } from 'chai';
import { InvalidCursorError, encodeCursor, type City } from '../src/data/index.js';
import { sharedRepository } from './shared-repository.js';

function isInOrder(cities: readonly City[]): boolean {
  return cities.every(
    (city, i) =>
      i === 0 ||
      cities[i - 1]!.population > city.population ||
      (cities[i - 1]!.population === city.population && cities[i - 1]!.id < city.id),
  );
}

describe('GeoRepository#citiesOfCountry()', () => {
  const geo = sharedRepository();

  it('lists the most populous first', () => {
    const page = geo.citiesOfCountry('FR', { limit: 3 })!;
    expect(page.items.map((c) => c.name)).to.deep.equal(['Paris', 'Marseille', 'Lyon']);
    expect(page.nextCursor).to.be.a('string');
  });

  it('takes alpha-3 codes in any letter case', () => {
    expect(geo.citiesOfCountry('fra', { limit: 1 })!.items[0]!.name).to.equal('Paris');
  });

  it('breaks population ties by ascending id', () => {
    const all = geo.citiesOfCountry('US', { limit: 100_000 })!.items;
    expect(all).to.have.length.greaterThan(10_000);
    expect(isInOrder(all)).to.equal(true);
    // The source has thousands of places without a population: ties are common.
    expect(all.filter((c) => c.population === 0).length).to.be.greaterThan(1);
  });

  it('only lists cities of that country', () => {
    const all = geo.citiesOfCountry('ch', { limit: 100_000 })!.items;
    expect(all.every((c) => c.country === 'CH')).to.equal(true);
  });

  it('pages with the cursor without duplicates or gaps', () => {
    const all = geo.citiesOfCountry('CH', { limit: 100_000 })!.items;
    const seen: City[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = geo.citiesOfCountry('CH', { limit: 97, cursor })!;
      expect(page.items.length).to.be.within(1, 97);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);

    expect(pages).to.equal(Math.ceil(all.length / 97));
    expect(seen).to.deep.equal(all);
  });

  it('pages through ties at population 0', () => {
    const all = geo.citiesOfCountry('US', { limit: 100_000 })!.items;
    const firstZero = all.findIndex((c) => c.population === 0);
    const start = all[firstZero]!;
    const page = geo.citiesOfCountry('US', { limit: 5, cursor: encodeCursor(start) })!;
    expect(page.items).to.deep.equal(all.slice(firstZero + 1, firstZero + 6));
  });

  it('ends with a null cursor when the last page is exactly full', () => {
    const all = geo.citiesOfCountry('LI', { limit: 1000 })!.items;
    expect(all.length).to.be.greaterThan(1);
    const page = geo.citiesOfCountry('LI', { limit: all.length })!;
    expect(page.nextCursor).to.equal(null);
  });

  it('leaves out cities below minPopulation, across pages too', () => {
    const all = geo.citiesOfCountry('DE', { limit: 100_000, minPopulation: 500_000 })!;
    expect(all.items.length).to.be.within(5, 30);
    expect(all.items.every((c) => c.population >= 500_000)).to.equal(true);
    expect(all.nextCursor).to.equal(null);

    const first = geo.citiesOfCountry('DE', { limit: 4, minPopulation: 500_000 })!;
    const rest = geo.citiesOfCountry('DE', {
      limit: 100_000,
      minPopulation: 500_000,
      cursor: first.nextCursor!,
    })!;
    expect([...first.items, ...rest.items]).to.deep.equal(all.items);
  });

  it('gives an empty page for a country without cities', () => {
    expect(geo.citiesOfCountry('BV')).to.deep.equal({ items: [], nextCursor: null });
  });

  it('returns undefined for an unknown country', () => {
    expect(geo.citiesOfCountry('XX')).to.equal(undefined);
  });

  it('throws InvalidCursorError, a 400, for a cursor it did not issue', () => {
    for (const cursor of ['nope', '', 'MTo', `${encodeCursor({ population: 1, id: 2 })}AA`]) {
      let caught: unknown;
      try {
        geo.citiesOfCountry('FR', { cursor });
      } catch (error) {
        caught = error;
      }
      expect(caught, cursor).to.be.instanceOf(InvalidCursorError);
      expect((caught as InvalidCursorError).status).to.equal(400);
      expect((caught as InvalidCursorError).cursor).to.equal(cursor);
    }
  });

  it('checks the cursor even for an unknown country', () => {
    expect(() => geo.citiesOfCountry('XX', { cursor: 'nope' })).to.throw(InvalidCursorError);
  });
});
