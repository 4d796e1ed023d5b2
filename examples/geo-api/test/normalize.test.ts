import { expect } from 'chai';
import { normalizeName } from '../src/data/index.js';

describe('normalizeName()', () => {
  it('lower-cases and removes accents', () => {
    expect(normalizeName('São Paulo')).to.equal('sao paulo');
    expect(normalizeName('Zürich')).to.equal('zurich');
    expect(normalizeName('ÅLESUND')).to.equal('alesund');
  });

  it('spells out letters that have no decomposition', () => {
    expect(normalizeName('Łódź')).to.equal('lodz');
    expect(normalizeName('Straße')).to.equal('strasse');
    expect(normalizeName('Tromsø')).to.equal('tromso');
    expect(normalizeName('Ağrı')).to.equal('agri');
  });

  it('drops quote marks and turns hyphens and white space runs into one space', () => {
    expect(normalizeName('‘Alī Khēl')).to.equal('ali khel');
    expect(normalizeName("L'Aquila")).to.equal('laquila');
    expect(normalizeName('Saint-Étienne')).to.equal('saint etienne');
    expect(normalizeName('  New   York')).to.equal('new york');
  });

  it('gives the same key on the fast and the slow path', () => {
    // The Cyrillic letter sends the whole string down the regex path.
    const latin = "Saint-Étienne  L'Aquila Zürich Łódź Straße";
    expect(normalizeName(`${latin} д`)).to.equal(`${normalizeName(latin)} д`);
  });

  it('only lower-cases other scripts', () => {
    expect(normalizeName('Москва')).to.equal('москва');
  });
});
