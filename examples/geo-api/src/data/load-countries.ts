import { createRequire } from 'node:module';
import type { Country as SourceCountry } from 'world-countries';
import type { Country } from './types.js';

const require = createRequire(import.meta.url);

/**
 * Reads world-countries (250 entries) into frozen {@link Country} records,
 * in the source's order.
 */
export function loadCountries(): Country[] {
  // The package's typings declare an ES default export, but Node loads its
  // CommonJS entry, whose module.exports is the array itself; require says so.
  const source = require('world-countries') as SourceCountry[];
  return source.map(toCountry);
}

function toCountry(source: SourceCountry): Country {
  const currencies = Object.entries(source.currencies ?? {}).map(([code, currency]) =>
    Object.freeze({ code, name: currency.name, symbol: currency.symbol }),
  );

  return Object.freeze({
    code: source.cca2,
    cca3: source.cca3,
    name: source.name.common,
    capital: source.capital[0] ?? null,
    region: source.region,
    subregion: source.subregion || null,
    area: source.area > 0 ? source.area : null,
    latlng: Object.freeze([source.latlng[0], source.latlng[1]] as const),
    languages: Object.freeze(Object.values(source.languages ?? {})),
    currencies: Object.freeze(currencies),
  });
}
