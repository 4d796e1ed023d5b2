import { firstIndex } from './binary-search.js';
import { EARTH_RADIUS_KM, haversineTerm, kmToTerm, termToKm, toRadians } from './haversine.js';
import { TopK } from './top-k.js';
import type { City, NearbyCity } from './types.js';

interface Hit {
  readonly term: number;
  readonly city: City;
}

function compareHits(a: Hit, b: Hit): number {
  return a.term - b.term || a.city.id - b.city.id;
}

// Slack on the bounding box so rounding never drops a city the exact
// haversine check would keep (1e-9 rad is about 6 mm).
const SLACK = 1e-9;

/**
 * The widest longitude difference, in radians, of a point within `angle` of
 * a centre at latitude `lat`: asin(sin angle / cos lat). A circle reaching a
 * pole spans every longitude.
 */
function longitudeWindow(lat: number, angle: number): number {
  if (Math.abs(lat) + angle >= Math.PI / 2) return Infinity;
  return Math.asin(Math.sin(angle) / Math.cos(lat)) + SLACK;
}

/**
 * The cities in latitude order. Each becomes one number, its latitude in the
 * source's precision (1e-5 degrees) times the count plus its position, since
 * a typed array of numbers sorts natively: about 30 ms for 135k cities where
 * a comparator over objects takes 120 ms. A second, comparator sort puts any
 * latitudes finer than 1e-5 degrees in exact order; TimSort does that in one
 * linear pass over input that is already sorted.
 */
function sortByLatitude(cities: readonly City[]): City[] {
  const count = cities.length;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) keys[i] = Math.round((cities[i]!.lat + 90) * 1e5) * count + i;
  keys.sort();
  return Array.from(keys, (key) => cities[key % count]!).sort((a, b) => a.lat - b.lat);
}

/**
 * Cities sorted by latitude, with coordinates in radians and the cosines of
 * their latitudes kept in typed arrays. A query binary-searches the latitude
 * band of its circle, drops cities outside the longitude window, and
 * computes haversine only for the rest: a 10 km circle looks at a few
 * hundred cities, a 20,000 km one at all of them.
 */
export class NearbyIndex {
  readonly #cities: City[];
  readonly #lat: Float64Array;
  readonly #lon: Float64Array;
  readonly #cosLat: Float64Array;

  constructor(cities: readonly City[]) {
    const sorted = sortByLatitude(cities);
    const count = sorted.length;
    this.#cities = sorted;
    this.#lat = new Float64Array(count);
    this.#lon = new Float64Array(count);
    this.#cosLat = new Float64Array(count);

    for (let slot = 0; slot < count; slot++) {
      const lat = toRadians(sorted[slot]!.lat);
      this.#lat[slot] = lat;
      this.#lon[slot] = toRadians(sorted[slot]!.lon);
      this.#cosLat[slot] = Math.cos(lat);
    }
  }

  /** Up to `limit` cities within `radiusKm` of a point (degrees), nearest first, ties by id. */
  within(lat: number, lon: number, radiusKm: number, limit: number): NearbyCity[] {
    const lats = this.#lat;
    const lons = this.#lon;
    const cosLats = this.#cosLat;
    const centreLat = toRadians(lat);
    const centreLon = toRadians(lon);
    const centreCos = Math.cos(centreLat);
    const angle = radiusKm / EARTH_RADIUS_KM;
    const maxTerm = kmToTerm(radiusKm);
    const maxDLon = longitudeWindow(centreLat, angle);

    const lo = firstIndex(0, lats.length, (i) => lats[i]! >= centreLat - angle - SLACK);
    const hi = firstIndex(lo, lats.length, (i) => lats[i]! > centreLat + angle + SLACK);
    const top = new TopK<Hit>(limit, compareHits);
    for (let i = lo; i < hi; i++) {
      let dLon = Math.abs(lons[i]! - centreLon);
      if (dLon > Math.PI) dLon = 2 * Math.PI - dLon;
      if (dLon > maxDLon) continue;

      const term = haversineTerm(centreLat, centreLon, centreCos, lats[i]!, lons[i]!, cosLats[i]!);
      if (term <= maxTerm) top.offer({ term, city: this.#cities[i]! });
    }

    return top
      .toArray()
      .map(({ term, city }) => Object.freeze({ ...city, distanceKm: termToKm(term) }));
  }

  /** Swaps in the new record of a city; its coordinates must not have changed. */
  replace(previous: City, next: City): void {
    if (next.lat !== previous.lat || next.lon !== previous.lon) {
      throw new Error(`City ${previous.id} cannot move: the nearby index keeps its place`);
    }

    // Its latitude finds it: no id map needed, only a walk over the few
    // cities that share that latitude.
    const lat = toRadians(previous.lat);
    let slot = firstIndex(0, this.#lat.length, (i) => this.#lat[i]! >= lat);
    while (slot < this.#cities.length && this.#cities[slot] !== previous) slot++;
    if (this.#lat[slot] !== lat) throw new Error(`City ${previous.id} is not in the nearby index`);
    this.#cities[slot] = next;
  }
}
