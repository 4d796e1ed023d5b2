import { expect } from 'chai';
import { haversineKm } from '../src/data/index.js';
import { kmToTerm, termToKm } from '../src/data/haversine.js';

describe('haversineKm()', () => {
  it('is 0 from a point to itself', () => {
    expect(haversineKm(48.8566, 2.3522, 48.8566, 2.3522)).to.equal(0);
  });

  it('measures Paris to London as about 344 km', () => {
    expect(haversineKm(48.8566, 2.3522, 51.5074, -0.1278)).to.be.closeTo(343.6, 0.5);
  });

  it('measures a degree of latitude as about 111.2 km', () => {
    expect(haversineKm(10, 20, 11, 20)).to.be.closeTo(111.2, 0.05);
  });

  it('takes the short way across the antimeridian', () => {
    expect(haversineKm(0, 179.5, 0, -179.5)).to.be.closeTo(111.2, 0.05);
  });

  it('gives half the circumference for antipodes', () => {
    expect(haversineKm(0, 0, 0, 180)).to.be.closeTo(20015.1, 0.1);
  });
});

describe('kmToTerm()', () => {
  it('inverts termToKm()', () => {
    for (const km of [0, 1, 10, 1234.5, 20015]) {
      expect(termToKm(kmToTerm(km))).to.be.closeTo(km, 1e-6);
    }
  });

  it('caps at 1 past half the circumference', () => {
    expect(kmToTerm(50_000)).to.equal(1);
  });
});
