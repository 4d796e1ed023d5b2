import type { Logger } from 'pino';
import { Cluster, type Redis } from 'ioredis';
import { BudgetExceeded, withinBudget } from './budget.js';
import type { CircuitBreaker } from './breaker.js';
import { RedisCacheError, RedisCacheErrorCodes } from './errors.js';

/** What a call returns instead of a value when Redis could not be used. */
export const FAILED: unique symbol = Symbol('fastjson-api.cache-redis.failed');
export type Failed = typeof FAILED;

export interface LinkOptions {
  /** Time budget of every call, ms. */
  timeoutMs: number;
  breaker: CircuitBreaker;
  logger: Logger | undefined;
  report: (error: RedisCacheError) => void;
  /**
   * Runs once Redis answers again, before the link is declared up: the
   * store sends the invalidations that waited. Returns whether all went.
   */
  recover: () => Promise<boolean>;
}

/** Why the link is down, for health and logs. */
export type DownReason =
  'connecting' | 'unreachable' | 'disconnected' | 'failing' | 'invalidations pending' | 'closed';

/**
 * The store's view of one ioredis client: whether Redis may be used now,
 * every call bounded by the time budget and counted by the circuit breaker,
 * and the way back once Redis answers again. State changes are logged once
 * each (down at warn, up at info); individual failures go to `report` only.
 *
 * Down while connecting, disconnected, or the breaker is open. The way back
 * is one path whatever the cause: a PING within budget (to every master of
 * a cluster), then `recover` (pending invalidations), then up. It starts
 * when ioredis reconnects, or `cooldownMs` after the breaker opened, and
 * again after each failed try.
 */
export class RedisLink {
  readonly client: Redis | Cluster;
  readonly #options: LinkOptions;
  readonly #detach: () => void;
  #up = false;
  #wasEverUp = false;
  #reason: DownReason = 'connecting';
  #since = Date.now();
  #announced = false;
  #connected = false;
  #everConnected = false;
  #recovering = false;
  #closed = false;
  #probe: NodeJS.Timeout | undefined;
  #errors = 0;
  #timeouts = 0;

  constructor(client: Redis | Cluster, options: LinkOptions) {
    this.client = client;
    this.#options = options;
    this.#detach = this.#listen();
    if (client.status === 'ready') this.#onReady();
  }

  /** Whether request-path calls go to Redis now. */
  get up(): boolean {
    return this.#up;
  }

  /**
   * Runs a request-path call within the budget. Returns {@link FAILED},
   * without calling, while the link is down, and when the call fails or
   * runs late. Never rejects.
   */
  call<T>(operation: string, run: () => Promise<T>): Promise<T | Failed> {
    if (!this.#up) return Promise.resolve(FAILED);
    return this.attempt(operation, run);
  }

  /** Like {@link call}, down or not: for probes and for sending what waited. */
  async attempt<T>(operation: string, run: () => Promise<T>): Promise<T | Failed> {
    try {
      const value = await withinBudget(run(), this.#options.timeoutMs);
      this.#options.breaker.success();
      return value;
    } catch (error) {
      this.#failed(operation, error as Error);
      return FAILED;
    }
  }

  /**
   * Takes the link down until the way back succeeds; for a store that must
   * send something (a failed invalidation) before serving reads again. A
   * link already down keeps its reason: its way back sends it anyway.
   */
  hold(reason: DownReason): void {
    if (!this.#up) return;
    this.#down(reason);
    this.#scheduleProbe();
  }

  health(): Record<string, unknown> {
    const breaker = this.#options.breaker;
    return {
      status: this.#up ? 'ok' : 'degraded',
      ...(this.#up ? {} : { reason: this.#reason }),
      since: new Date(this.#since).toISOString(),
      connection: this.client.status,
      breaker: breaker.isOpen ? 'open' : 'closed',
      errors: this.#errors,
      timeouts: this.#timeouts,
    };
  }

  /** Stops listening and probing; the client itself is the caller's to close. */
  close(): void {
    this.#closed = true;
    this.#up = false;
    this.#reason = 'closed';
    clearTimeout(this.#probe);
    this.#detach();
  }

  #listen(): () => void {
    const onReady = () => this.#onReady();
    const onClose = () => this.#onClose();
    const onError = (error: Error) => this.#onError(error);
    const client = this.client;
    client.on('ready', onReady);
    client.on('close', onClose);
    client.on('end', onClose);
    client.on('error', onError);
    client.on('node error', onError);
    return () => {
      client.off('ready', onReady);
      client.off('close', onClose);
      client.off('end', onClose);
      client.off('error', onError);
      client.off('node error', onError);
    };
  }

  #onReady(): void {
    this.#connected = true;
    this.#everConnected = true;
    void this.#recover();
  }

  #onClose(): void {
    this.#connected = false;
    this.#options.breaker.trip();
    this.#down(this.#everConnected ? 'disconnected' : 'unreachable');
  }

  #onError(error: Error): void {
    this.#errors++;
    this.#options.report(
      new RedisCacheError(
        RedisCacheErrorCodes.CONNECTION,
        'connection',
        `redis connection error: ${error.message}`,
        {
          cause: error,
        },
      ),
    );
    if (!this.#up) this.#down(this.#reason === 'connecting' ? 'unreachable' : this.#reason, error);
  }

  #failed(operation: string, error: Error): void {
    const timeout = error instanceof BudgetExceeded || /timed? ?out/i.test(error.message);
    if (timeout) this.#timeouts++;
    else this.#errors++;

    const { COMMAND, TIMEOUT } = RedisCacheErrorCodes;
    const what = timeout
      ? `got no answer within ${this.#options.timeoutMs} ms`
      : `failed: ${error.message}`;
    this.#options.report(
      new RedisCacheError(timeout ? TIMEOUT : COMMAND, operation, `redis ${operation} ${what}`, {
        cause: error,
      }),
    );

    if (this.#options.breaker.failure()) {
      this.#down('failing', error);
      this.#scheduleProbe();
    }
  }

  #down(reason: DownReason, error?: Error): void {
    if (this.#closed) return;
    const wasUp = this.#up;
    this.#up = false;
    this.#reason = reason;
    if (wasUp) this.#since = Date.now();
    if (!wasUp && this.#announced) return;

    this.#announced = true;
    this.#options.logger?.warn(
      { cache: 'redis', reason, err: error },
      'redis cache unavailable; cached routes are answered by their handlers until it is back',
    );
  }

  #markUp(): void {
    if (this.#closed || this.#up) return;
    const downMs = Date.now() - this.#since;
    const first = !this.#wasEverUp;
    this.#up = true;
    this.#wasEverUp = true;
    this.#since = Date.now();
    this.#announced = false;
    if (first) this.#options.logger?.info({ cache: 'redis' }, 'redis cache in service: connected');
    else this.#options.logger?.info({ cache: 'redis', downMs }, 'redis cache in service again');
  }

  #scheduleProbe(): void {
    if (this.#probe !== undefined || this.#closed) return;
    this.#probe = setTimeout(() => {
      this.#probe = undefined;
      void this.#recover();
    }, this.#options.breaker.cooldownMs);
    this.#probe.unref();
  }

  /**
   * PING, on every master of a cluster: that also opens the connections
   * ioredis makes lazily, so that the first requests do not wait for them
   * (a command sent to a node still connecting is retried 100 ms later).
   */
  #ping(): Promise<unknown> {
    const client = this.client;
    if (!(client instanceof Cluster)) return client.ping();
    return Promise.all(client.nodes('master').map((node) => node.ping()));
  }

  async #recover(): Promise<void> {
    if (this.#recovering || this.#closed || !this.#connected) return;
    this.#recovering = true;
    try {
      const answered = (await this.attempt('ping', () => this.#ping())) !== FAILED;
      if (answered && (await this.#options.recover().catch(() => false))) {
        this.#options.breaker.close();
        this.#markUp();
      } else {
        this.#scheduleProbe();
      }
    } finally {
      this.#recovering = false;
    }
  }
}
