import { Type, type Static, type TSchema } from '@fastjson-api/core';

/** A value or null, as one JSON Schema `type` list: cheaper to serialize than an anyOf. */
const Nullable = <T extends TSchema>(schema: T) =>
  Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type as string, 'null'] });

const Limit = (max: number, fallback: number) =>
  Type.Integer({ minimum: 1, maximum: max, default: fallback });

/**
 * An integer from 0 the repository can take: JSON Schema's `integer` also
 * admits 1e20, which is past Number.MAX_SAFE_INTEGER and would be a 500.
 */
const Count = (options: { default?: number } = {}) =>
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, ...options });

export const Currency = Type.Object({
  code: Type.String(),
  name: Type.String(),
  symbol: Type.String(),
});

export const Country = Type.Object({
  code: Type.String({ description: 'ISO 3166-1 alpha-2 (cca2)' }),
  cca3: Type.String(),
  name: Type.String(),
  capital: Nullable(Type.String()),
  region: Type.String(),
  subregion: Nullable(Type.String()),
  area: Nullable(Type.Number()),
  latlng: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  languages: Type.Array(Type.String()),
  currencies: Type.Array(Currency),
});

export const City = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  country: Type.String(),
  adminCode: Nullable(Type.String()),
  population: Type.Integer(),
  lat: Type.Number(),
  lon: Type.Number(),
});

export const NearbyCity = Type.Object({ ...City.properties, distanceKm: Type.Number() });

export const CountryCode = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z]{2,3}$', description: 'cca2 or cca3, any letter case' }),
  },
  { additionalProperties: false },
);
export const CityId = Type.Object(
  { id: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

/**
 * The query of a route that takes none. The cache keys responses by their
 * query, so an ignored `?anything=` would store one more copy per value.
 */
export const NoQuery = Type.Object({}, { additionalProperties: false });

export const CountryListQuery = Type.Object(
  {
    region: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    subregion: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    limit: Limit(250, 50),
    offset: Count({ default: 0 }),
  },
  { additionalProperties: false },
);

export const CountryCitiesQuery = Type.Object(
  {
    minPopulation: Count({ default: 0 }),
    limit: Limit(100, 20),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const SearchQuery = Type.Object(
  { q: Type.String({ minLength: 1, maxLength: 100 }), limit: Limit(50, 10) },
  { additionalProperties: false },
);

export const NearbyQuery = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 2000, default: 50 }),
    limit: Limit(100, 20),
  },
  { additionalProperties: false },
);

export const CityPatch = Type.Object(
  {
    population: Type.Optional(Count()),
    // Not empty: the repository trims the name, so it needs a character that is not white space.
    name: Type.Optional(Type.String({ maxLength: 200, pattern: '\\S' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CountryPage = Type.Object({ items: Type.Array(Country), total: Type.Integer() });
export const CityPage = Type.Object({
  items: Type.Array(City),
  nextCursor: Nullable(Type.String()),
});
export const CityList = Type.Object({ items: Type.Array(City) });
export const NearbyList = Type.Object({ items: Type.Array(NearbyCity) });

export type CountryListQuery = Static<typeof CountryListQuery>;
export type CountryCitiesQuery = Static<typeof CountryCitiesQuery>;
export type SearchQuery = Static<typeof SearchQuery>;
export type NearbyQuery = Static<typeof NearbyQuery>;
export type CityPatch = Static<typeof CityPatch>;
