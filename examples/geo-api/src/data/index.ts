/**
 * @module geo-api/data
 * The in-memory data layer of the geo example: countries, cities and the
 * indexes behind listing, search and nearby queries.
 */
export { GeoRepository } from './geo-repository.js';
export type {
  CitiesOfCountryOptions,
  CityChangeListener,
  ListCountriesOptions,
} from './geo-repository.js';
export type {
  City,
  CityChange,
  CityPage,
  CityPatch,
  Country,
  CountryPage,
  Currency,
  GeoStats,
  NearbyCity,
} from './types.js';
export { InvalidCursorError } from './errors.js';

// Pure helpers, exported for the HTTP layer (cache tags, input checks).
export { normalizeName } from './normalize.js';
export { haversineKm, EARTH_RADIUS_KM } from './haversine.js';
export { encodeCursor, decodeCursor } from './cursor.js';
export type { CityCursor } from './cursor.js';
