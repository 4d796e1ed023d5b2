import { firstIndex } from './binary-search.js';
import { compareByPopulation } from './city-order.js';
import { normalizeName } from './normalize.js';
import { TopK } from './top-k.js';
import type { City } from './types.js';

interface Entry {
  readonly key: string;
  readonly city: City;
}

function compareEntries(a: Entry, b: Entry): number {
  // Code-unit order, not locale order: prefix ranges must be contiguous.
  if (a.key < b.key) return -1;
  if (a.key > b.key) return 1;
  return a.city.id - b.city.id;
}

/**
 * City names folded by {@link normalizeName} and sorted, so the names that
 * start with a prefix form one contiguous range found by two binary searches.
 */
export class NameIndex {
  readonly #entries: Entry[];

  constructor(cities: readonly City[]) {
    this.#entries = cities.map((city) => ({ key: normalizeName(city.name), city }));
    this.#entries.sort(compareEntries);
  }

  /**
   * Up to `limit` cities whose folded name starts with the folded `prefix`,
   * most populous first. Nothing for a prefix that folds to ''.
   */
  search(prefix: string, limit: number): City[] {
    const key = normalizeName(prefix);
    if (key === '') return [];

    const entries = this.#entries;
    const lo = firstIndex(0, entries.length, (i) => entries[i]!.key >= key);
    // Keys cut to the prefix length are sorted too, and equal `key` exactly
    // over the matching range.
    const hi = firstIndex(lo, entries.length, (i) => entries[i]!.key.slice(0, key.length) > key);

    const top = new TopK<City>(limit, compareByPopulation);
    for (let i = lo; i < hi; i++) top.offer(entries[i]!.city);
    return top.toArray();
  }

  /** Puts `next` where `previous` was, re-sorting it if its name changed. */
  replace(previous: City, next: City): void {
    const entries = this.#entries;
    const old: Entry = { key: normalizeName(previous.name), city: previous };
    const at = firstIndex(0, entries.length, (i) => compareEntries(entries[i]!, old) >= 0);
    if (entries[at]?.city !== previous) throw new Error(`City ${previous.id} is not in the name index`);
    entries.splice(at, 1);

    const entry: Entry = { key: normalizeName(next.name), city: next };
    const to = firstIndex(0, entries.length, (i) => compareEntries(entries[i]!, entry) > 0);
    entries.splice(to, 0, entry);
  }
}
