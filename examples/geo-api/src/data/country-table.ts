import type { Country, CountryPage } from './types.js';

/** Filters and paging of {@link CountryTable.list}. */
export interface CountryQuery {
  /** Exact region, any letter case, e.g. `europe`. */
  readonly region?: string;
  /** Exact subregion, any letter case, e.g. `western europe`. */
  readonly subregion?: string;
  readonly limit: number;
  readonly offset: number;
}

const byName = new Intl.Collator('en').compare;

/**
 * The countries, listed by name and looked up by either ISO code. 250 rows:
 * a filter scans them all, which costs less than keeping per-region lists.
 */
export class CountryTable {
  readonly #sorted: readonly Country[];
  readonly #byCode = new Map<string, Country>();

  constructor(countries: readonly Country[]) {
    this.#sorted = [...countries].sort((a, b) => byName(a.name, b.name));
    for (const country of countries) {
      this.#byCode.set(country.code, country);
      this.#byCode.set(country.cca3, country);
    }
  }

  get size(): number {
    return this.#sorted.length;
  }

  /** By alpha-2 or alpha-3 code, any letter case. */
  get(code: string): Country | undefined {
    return this.#byCode.get(code.toUpperCase());
  }

  list(query: CountryQuery): CountryPage {
    const region = query.region?.toLowerCase();
    const subregion = query.subregion?.toLowerCase();
    const matches = this.#sorted.filter(
      (country) =>
        (region === undefined || country.region.toLowerCase() === region) &&
        (subregion === undefined || country.subregion?.toLowerCase() === subregion),
    );

    return {
      items: matches.slice(query.offset, query.offset + query.limit),
      total: matches.length,
    };
  }
}
