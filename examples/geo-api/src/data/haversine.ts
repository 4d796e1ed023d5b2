/** Mean Earth radius (IUGG), the usual sphere for haversine distances. */
export const EARTH_RADIUS_KM = 6371.0088;

const DEG_TO_RAD = Math.PI / 180;

/** Degrees to radians. */
export function toRadians(degrees: number): number {
  return degrees * DEG_TO_RAD;
}

/**
 * The haversine term `a` of two points given in radians, with the cosines of
 * their latitudes passed in so a scan can compute them once per city.
 * `2 * R * asin(sqrt(a))` is the distance; `a` grows with it, so comparing
 * `a` against a bound skips the square root and arcsine for points too far.
 */
export function haversineTerm(
  lat1: number,
  lon1: number,
  cosLat1: number,
  lat2: number,
  lon2: number,
  cosLat2: number,
): number {
  const sinHalfDLat = Math.sin((lat2 - lat1) / 2);
  const sinHalfDLon = Math.sin((lon2 - lon1) / 2);
  return sinHalfDLat * sinHalfDLat + cosLat1 * cosLat2 * sinHalfDLon * sinHalfDLon;
}

/** The distance in kilometres that a haversine term stands for. */
export function termToKm(term: number): number {
  // Rounding can push the term a hair past 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, term)));
}

/** The haversine term of a distance in kilometres: the inverse of {@link termToKm}. */
export function kmToTerm(km: number): number {
  const half = Math.min(Math.PI / 2, km / (2 * EARTH_RADIUS_KM));
  return Math.sin(half) ** 2;
}

/**
 * Great-circle distance in kilometres between two points given in degrees.
 *
 * @example
 * haversineKm(48.8566, 2.3522, 51.5074, -0.1278); // ≈ 343.6 (Paris–London)
 */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad1 = toRadians(lat1);
  const rad2 = toRadians(lat2);
  return termToKm(
    haversineTerm(rad1, toRadians(lon1), Math.cos(rad1), rad2, toRadians(lon2), Math.cos(rad2)),
  );
}
