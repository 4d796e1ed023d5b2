import { firstIndex } from './binary-search.js';
import { compareByPopulation } from './city-order.js';
import { encodeCursor, type CityCursor } from './cursor.js';
import type { City, CityPage } from './types.js';

/** Filters and paging of {@link CountryCities.page}. */
export interface CountryCitiesQuery {
  readonly minPopulation: number;
  readonly limit: number;
  /** Start after this city's position; from the top when absent. */
  readonly after?: CityCursor;
}

const NO_CITIES: readonly City[] = Object.freeze([]);

/**
 * Each country's cities, kept sorted by {@link compareByPopulation}, so a
 * page is a binary search for its start and a slice.
 */
export class CountryCities {
  readonly #byCountry = new Map<string, City[]>();

  constructor(cities: readonly City[]) {
    for (const city of cities) {
      let list = this.#byCountry.get(city.country);
      if (list === undefined) this.#byCountry.set(city.country, (list = []));
      list.push(city);
    }
    for (const list of this.#byCountry.values()) list.sort(compareByPopulation);
  }

  /** All cities of a country (alpha-2), most populous first. */
  all(country: string): readonly City[] {
    return this.#byCountry.get(country) ?? NO_CITIES;
  }

  page(country: string, query: CountryCitiesQuery): CityPage {
    const list = this.all(country);
    const { after, minPopulation, limit } = query;
    const start =
      after === undefined
        ? 0
        : firstIndex(0, list.length, (i) => compareByPopulation(list[i]!, after) > 0);
    // Population falls along the list, so the filter is a second bound.
    const end = firstIndex(start, list.length, (i) => list[i]!.population < minPopulation);

    const stop = Math.min(end, start + limit);
    const items = list.slice(start, stop);
    const last = items[items.length - 1];
    return { items, nextCursor: stop < end && last !== undefined ? encodeCursor(last) : null };
  }

  /** Puts `next` where `previous` was, moving it if its population changed. */
  replace(previous: City, next: City): void {
    const list = this.#byCountry.get(previous.country);
    if (list === undefined) throw new Error(`No city list for country ${previous.country}`);

    const at = firstIndex(0, list.length, (i) => compareByPopulation(list[i]!, previous) >= 0);
    if (list[at] !== previous) {
      throw new Error(`City ${previous.id} is not where its population puts it`);
    }
    list.splice(at, 1);

    const to = firstIndex(0, list.length, (i) => compareByPopulation(list[i]!, next) > 0);
    list.splice(to, 0, next);
  }
}
