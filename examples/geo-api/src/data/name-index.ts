import { firstIndex } from './binary-search.js';
import { compareByPopulation } from './city-order.js';
import { normalizeName } from './normalize.js';
import { TopK } from './top-k.js';
import type { City } from './types.js';

// Code-unit order, not locale order: prefix ranges must be contiguous.
function compareKeys(keyA: string, idA: number, keyB: string, idB: number): number {
  if (keyA < keyB) return -1;
  if (keyA > keyB) return 1;
  return idA - idB;
}

/**
 * City names folded by {@link normalizeName} and sorted, so the names that
 * start with a prefix form one contiguous range found by two binary searches.
 * Keys and cities sit in two parallel arrays rather than 135k entry objects,
 * which keeps startup allocation (and the garbage collector's work) down.
 */
export class NameIndex {
  readonly #keys: string[];
  readonly #cities: City[];

  constructor(cities: readonly City[]) {
    const keys = cities.map((city) => normalizeName(city.name));
    // A flat array of ids sorts about a third faster than reaching into the records.
    const ids = cities.map((city) => city.id);
    const order = Array.from(cities.keys()).sort((a, b) =>
      compareKeys(keys[a]!, ids[a]!, keys[b]!, ids[b]!),
    );
    this.#keys = order.map((i) => keys[i]!);
    this.#cities = order.map((i) => cities[i]!);
  }

  /**
   * Up to `limit` cities whose folded name starts with the folded `prefix`,
   * most populous first. Nothing for a prefix that folds to ''.
   */
  search(prefix: string, limit: number): City[] {
    const key = normalizeName(prefix);
    if (key === '') return [];

    const keys = this.#keys;
    const lo = firstIndex(0, keys.length, (i) => keys[i]! >= key);
    // Keys cut to the prefix length are sorted too, and equal `key` exactly
    // over the matching range.
    const hi = firstIndex(lo, keys.length, (i) => keys[i]!.slice(0, key.length) > key);

    const top = new TopK<City>(limit, compareByPopulation);
    for (let i = lo; i < hi; i++) top.offer(this.#cities[i]!);
    return top.toArray();
  }

  /** Puts `next` where `previous` was, re-sorting it if its name changed. */
  replace(previous: City, next: City): void {
    const at = this.#find(normalizeName(previous.name), previous.id);
    if (this.#cities[at] !== previous) {
      throw new Error(`City ${previous.id} is not in the name index`);
    }
    this.#keys.splice(at, 1);
    this.#cities.splice(at, 1);

    const key = normalizeName(next.name);
    const to = this.#find(key, next.id);
    this.#keys.splice(to, 0, key);
    this.#cities.splice(to, 0, next);
  }

  /** Where (key, id) is, or would go. */
  #find(key: string, id: number): number {
    const keys = this.#keys;
    const cities = this.#cities;
    return firstIndex(0, keys.length, (i) => compareKeys(keys[i]!, cities[i]!.id, key, id) >= 0);
  }
}
