/** The two routes every contender of the geo benchmark serves: a small lookup and the expensive scan. */
export const GEO_ROUTES = {
  country: '/countries/ch',
  nearby: '/cities/nearby?lat=47.3769&lon=8.5417&radiusKm=50&limit=20',
} as const;

/** Whether this server should cache (`CACHE=off` measures the cold path). */
export const cacheOn = process.env.CACHE !== 'off';
