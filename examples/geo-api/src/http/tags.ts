import type { City, CityChange } from '../data/index.js';

/**
 * Cache tags of the geo API. Each tag names data a response was built from,
 * so a write invalidates exactly the responses it makes stale:
 *
 * - `city:<id>`: every response that contains that city (by id, search, nearby).
 * - `country:<cc>:cities`: every page of a country's city list; an update can
 *   reorder a country's list or move a city across pages.
 * - `search:<q>`: a search for normalized query `q`. A renamed or resized
 *   city can enter a search it was not in, so a write invalidates the search
 *   of every prefix of the city's old and new normalized names.
 *
 * Country responses carry no city data, so no city write touches them.
 */
export const cityTag = (id: number) => `city:${id}`;
export const countryTag = (code: string) => `country:${code}`;
export const countryCitiesTag = (code: string) => `country:${code}:cities`;
export const searchTag = (normalizedQuery: string) => `search:${normalizedQuery}`;

export function cityTags(items: readonly City[]): string[] {
  return items.map((city) => cityTag(city.id));
}

/** Everything a city write makes stale. */
export function tagsOfChange(change: CityChange): string[] {
  const tags = new Set([cityTag(change.city.id), countryCitiesTag(change.country)]);
  for (const key of change.searchKeys) {
    for (let end = 1; end <= key.length; end++) tags.add(searchTag(key.slice(0, end)));
  }
  return [...tags];
}
