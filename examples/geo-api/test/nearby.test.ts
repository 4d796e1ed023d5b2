import { expect } from 'chai';
import { haversineKm, type City } from '../src/data/index.js';
import { loadCities } from '../src/data/load-cities.js';
import { sharedRepository } from './shared-repository.js';

/** Every city within the radius, nearest first, by brute force. */
function scan(cities: readonly City[], lat: number, lon: number, radiusKm: number): number[] {
  return cities
    .map((city) => ({ city, d: haversineKm(lat, lon, city.lat, city.lon) }))
    .filter((hit) => hit.d <= radiusKm)
    .sort((a, b) => a.d - b.d || a.city.id - b.city.id)
    .map((hit) => hit.city.id);
}

describe('GeoRepository#nearby()', () => {
  const geo = sharedRepository();

  it('finds Paris within 10 km of its centre, nearest first and within the radius', () => {
    const hits = geo.nearby(48.8566, 2.3522, 10, 50);
    expect(hits[0]!.name).to.equal('Paris');
    expect(hits.length).to.be.within(5, 50);
    for (const [i, hit] of hits.entries()) {
      expect(hit.distanceKm).to.be.at.most(10);
      expect(hit.distanceKm).to.be.closeTo(haversineKm(48.8566, 2.3522, hit.lat, hit.lon), 1e-9);
      if (i > 0) expect(hit.distanceKm).to.be.at.least(hits[i - 1]!.distanceKm);
    }
  });

  it('returns what a full scan returns, across the antimeridian and near a pole', () => {
    const all = loadCities();
    const cases: Array<[number, number, number]> = [
      [48.8566, 2.3522, 25], // Paris
      [-16.5, 179.9, 300], // Fiji, both sides of 180°
      [65.0, -179.0, 800], // Chukotka and Alaska
      [78.22, 15.65, 1200], // Svalbard: the circle reaches the pole
      [-33.9, 18.4, 0.5], // Cape Town, a tiny radius
    ];
    for (const [lat, lon, radius] of cases) {
      const expected = scan(all, lat, lon, radius);
      const got = geo.nearby(lat, lon, radius, 100_000).map((c) => c.id);
      expect(got, `${lat},${lon} ${radius} km`).to.deep.equal(expected);
    }
  });

  it('keeps only the nearest `limit` cities', () => {
    const hits = geo.nearby(40.7128, -74.006, 50, 5);
    expect(hits).to.have.length(5);
    expect(hits.map((c) => c.id)).to.deep.equal(
      geo
        .nearby(40.7128, -74.006, 50, 1000)
        .slice(0, 5)
        .map((c) => c.id),
    );
  });

  it('finds nothing in the middle of the Pacific', () => {
    expect(geo.nearby(-40, -130, 100)).to.deep.equal([]);
  });

  it('can span the whole globe', () => {
    const hits = geo.nearby(0, 0, 25_000, 3);
    expect(hits).to.have.length(3);
  });

  it('rejects coordinates out of range and a negative radius', () => {
    expect(() => geo.nearby(91, 0, 10)).to.throw(TypeError, /lat/);
    expect(() => geo.nearby(0, -181, 10)).to.throw(TypeError, /lon/);
    expect(() => geo.nearby(0, 0, -1)).to.throw(TypeError, /radiusKm/);
    expect(() => geo.nearby(0, 0, Number.NaN)).to.throw(TypeError, /radiusKm/);
  });
});
