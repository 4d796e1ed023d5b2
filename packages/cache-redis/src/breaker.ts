/**
 * Counts consecutive failures of calls to Redis and opens after
 * `threshold` of them: the store then stops calling Redis (requests skip
 * the cache) until a probe, `cooldownMs` later, finds it answering again.
 * One success resets the count.
 */
export class CircuitBreaker {
  readonly threshold: number;
  readonly cooldownMs: number;
  #failures = 0;
  #open = false;

  constructor(threshold: number, cooldownMs: number) {
    this.threshold = threshold;
    this.cooldownMs = cooldownMs;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  /** Records a success: the count starts again from zero. */
  success(): void {
    this.#failures = 0;
  }

  /** Records a failure; returns true when this one opened the breaker. */
  failure(): boolean {
    this.#failures++;
    if (this.#open || this.#failures < this.threshold) return false;
    this.#open = true;
    return true;
  }

  /** Opens the breaker now, whatever the count (e.g. the connection closed). */
  trip(): void {
    this.#open = true;
  }

  /** Closes it after a successful probe. */
  close(): void {
    this.#open = false;
    this.#failures = 0;
  }
}
