// Misuse of the repository is a programmer error (the HTTP layer validates
// requests first), so these throw TypeErrors that name the argument.

/** Throws unless `value` is an integer of at least `min`. */
export function checkInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`${name} must be an integer of at least ${min}, got ${String(value)}`);
  }
}

/** Throws unless `value` is a finite number within [min, max]. */
export function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new TypeError(`${name} must be a number from ${min} to ${max}, got ${String(value)}`);
  }
}
