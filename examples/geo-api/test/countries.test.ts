import { expect } from 'chai';
import { sharedRepository } from './shared-repository.js';

describe('GeoRepository countries', () => {
  const geo = sharedRepository();

  describe('#stats', () => {
    it('counts 250 countries and over 100k cities', () => {
      expect(geo.stats.countries).to.equal(250);
      expect(geo.stats.cities).to.be.greaterThan(100_000);
    });

    // The time itself is a figure for the startup log, not a test assertion.
    it('reports how long loading took, in milliseconds', () => {
      expect(geo.stats.loadMs).to.be.a('number').greaterThan(0);
    });
  });

  describe('#getCountry()', () => {
    it('finds a country by alpha-2 or alpha-3 code in any letter case', () => {
      for (const code of ['us', 'US', 'Us', 'usa', 'USA', 'uSa']) {
        expect(geo.getCountry(code)?.name, code).to.equal('United States');
      }
    });

    it('maps the source fields', () => {
      expect(geo.getCountry('CH')).to.deep.equal({
        code: 'CH',
        cca3: 'CHE',
        name: 'Switzerland',
        capital: 'Bern',
        region: 'Europe',
        subregion: 'Western Europe',
        area: 41284,
        latlng: [47, 8],
        languages: ['French', 'Swiss German', 'Italian', 'Romansh'],
        currencies: [{ code: 'CHF', name: 'Swiss franc', symbol: 'Fr.' }],
      });
    });

    it('gives null for what the source lacks', () => {
      const antarctica = geo.getCountry('AQ')!;
      expect(antarctica.capital).to.equal(null);
      expect(antarctica.subregion).to.equal(null);
      expect(antarctica.currencies).to.deep.equal([]);
      expect(geo.getCountry('SJ')!.area).to.equal(null);
    });

    it('keeps only the first of several capitals', () => {
      expect(geo.getCountry('ZA')!.capital).to.equal('Pretoria');
    });

    it('returns undefined for an unknown code', () => {
      for (const code of ['', 'XX', 'ZZZ', 'U', 'UNITED']) {
        expect(geo.getCountry(code), code).to.equal(undefined);
      }
    });

    it('hands out frozen records', () => {
      const country = geo.getCountry('FR')!;
      expect(Object.isFrozen(country)).to.equal(true);
      expect(Object.isFrozen(country.languages)).to.equal(true);
    });
  });

  describe('#listCountries()', () => {
    it('lists every country by name with the total', () => {
      const page = geo.listCountries({ limit: 1000 });
      expect(page.total).to.equal(250);
      expect(page.items).to.have.length(250);
      expect(page.items[0]!.name).to.equal('Afghanistan');
      const names = page.items.map((c) => c.name);
      expect(names).to.deep.equal([...names].sort(new Intl.Collator('en').compare));
    });

    it('defaults to the first 50', () => {
      const page = geo.listCountries();
      expect(page.items).to.have.length(50);
      expect(page.total).to.equal(250);
    });

    it('filters by region in any letter case', () => {
      const page = geo.listCountries({ region: 'eUrOpE', limit: 1000 });
      expect(page.total).to.be.within(40, 60);
      expect(page.items.every((c) => c.region === 'Europe')).to.equal(true);
      expect(page.items.map((c) => c.code)).to.include.members(['FR', 'DE', 'CH']);
    });

    it('filters by subregion in any letter case', () => {
      const page = geo.listCountries({ subregion: 'western europe', limit: 1000 });
      expect(page.items.map((c) => c.code)).to.include.members(['FR', 'DE', 'CH', 'NL']);
      expect(page.items.every((c) => c.subregion === 'Western Europe')).to.equal(true);
    });

    it('gives nothing for a region that does not exist', () => {
      expect(geo.listCountries({ region: 'Atlantis' })).to.deep.equal({ items: [], total: 0 });
    });

    it('pages with limit and offset without overlaps or gaps', () => {
      const all = geo.listCountries({ region: 'Africa', limit: 1000 });
      const pages = [0, 10, 20, 30, 40, 50, 60].map((offset) =>
        geo.listCountries({ region: 'Africa', limit: 10, offset }),
      );
      expect(pages.every((p) => p.total === all.total)).to.equal(true);
      expect(pages.flatMap((p) => p.items)).to.deep.equal(all.items);
    });

    it('rejects a limit below 1 and a negative offset', () => {
      expect(() => geo.listCountries({ limit: 0 })).to.throw(TypeError, /limit/);
      expect(() => geo.listCountries({ offset: -1 })).to.throw(TypeError, /offset/);
      expect(() => geo.listCountries({ limit: 1.5 })).to.throw(TypeError, /limit/);
    });
  });
});
