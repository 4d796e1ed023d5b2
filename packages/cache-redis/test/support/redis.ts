/**
 * Redis for the tests: the shared server (REDIS_URL, or 127.0.0.1:6379),
 * unique key prefixes with cleanup, and servers of their own for the tests
 * that kill, pause or restart Redis.
 *
 * Without Redis, the suites that need it are skipped with one line saying
 * why; with CI=true, a missing Redis fails them instead.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

let said = false;

/**
 * Skips the calling suite (or fails it in CI) when `reason` is not
 * undefined. The first skip prints one line with everything that is
 * missing; later skips print nothing.
 */
async function skipOrFail(context: Mocha.Context, reason: string | undefined): Promise<void> {
  if (reason === undefined) return;
  if (IN_CI)
    throw new Error(`${reason} (CI=true: a missing Redis fails the build instead of skipping)`);
  if (!said) {
    said = true;
    const missing = [...new Set([reason, await sharedRedisProblem(), redisServerProblem()])]
      .filter(Boolean)
      .join('; ');
    console.log(
      `  [cache-redis] skipping Redis tests: ${missing}. Start Redis on 127.0.0.1:6379 (or set REDIS_URL) and put redis-server on PATH to run them.`,
    );
  }
  context.skip();
}

let shared: Promise<string | undefined> | undefined;

/** Why the shared Redis cannot be used, or undefined when it answers. */
function sharedRedisProblem(): Promise<string | undefined> {
  shared ??= (async () => {
    const client = new Redis(REDIS_URL, {
      lazyConnect: true,
      connectTimeout: 1000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    let cause: Error | undefined;
    client.on('error', (error: Error) => (cause ??= error));
    try {
      await client.connect();
      await client.ping();
      return undefined;
    } catch (error) {
      return `no Redis answers at ${REDIS_URL} (${(cause ?? (error as Error)).message})`;
    } finally {
      client.disconnect();
    }
  })();
  return shared;
}

/** Why redis-server cannot be started, or undefined when it can. */
function redisServerProblem(): string | undefined {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return found.error || found.status !== 0 ? 'the redis-server binary is not on PATH' : undefined;
}

/** A `before` hook for suites that use the shared Redis. */
export async function requireRedis(this: Mocha.Context): Promise<void> {
  await skipOrFail(this, await sharedRedisProblem());
}

/** A `before` hook for suites that start redis-server themselves. */
export async function requireRedisServer(this: Mocha.Context): Promise<void> {
  await skipOrFail(this, redisServerProblem());
}

/** A `before` hook for suites that also need redis-cli (Redis Cluster setup). */
export async function requireRedisCli(this: Mocha.Context): Promise<void> {
  const found = spawnSync('redis-cli', ['--version'], { stdio: 'ignore' });
  await skipOrFail(
    this,
    found.error || found.status !== 0 ? 'the redis-cli binary is not on PATH' : undefined,
  );
}

/** A key prefix no other run or test uses. */
export function uniquePrefix(name: string): string {
  return `fja-test-${name}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/**
 * Deletes every key under `prefix` and under the prefixes made from it
 * (`${prefix}-1`, `${prefix}-on`): tests only, this scans.
 */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `{${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // The server may be gone already (a test stopped it).
  } finally {
    client.disconnect();
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A redis-server of a test's own, on a free port, that it can stop, restart or freeze. */
export class RedisServer {
  readonly port: number;
  readonly extraArgs: readonly string[];
  #process: ChildProcess | undefined;

  private constructor(port: number, extraArgs: readonly string[]) {
    this.port = port;
    this.extraArgs = extraArgs;
  }

  /** A server on a free port, not started yet. */
  static async create(extraArgs: readonly string[] = []): Promise<RedisServer> {
    return new RedisServer(await freePort(), extraArgs);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.#process !== undefined;
  }

  /** Starts redis-server (with `moreArgs` this time) and resolves once it answers PING. */
  async start(moreArgs: readonly string[] = []): Promise<void> {
    const args = [
      ...['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...this.extraArgs,
      ...moreArgs,
    ];
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.#process = child;
    child.on('exit', () => {
      if (this.#process === child) this.#process = undefined;
    });
    await this.#untilAnswering();
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  async kill(): Promise<void> {
    const child = this.#process;
    if (child === undefined) return;
    this.#process = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.signalCode === null && child.exitCode === null) child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the process (SIGSTOP): connections stay open, nothing answers. */
  freeze(): void {
    this.#process?.kill('SIGSTOP');
  }

  thaw(): void {
    this.#process?.kill('SIGCONT');
  }

  /** A plain client on this server, for the test's own commands. */
  client(): Redis {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    return client;
  }

  async #untilAnswering(): Promise<void> {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const client = new Redis(this.url, {
        lazyConnect: true,
        connectTimeout: 200,
        retryStrategy: () => null,
      });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        return;
      } catch {
        await sleep(20);
      } finally {
        client.disconnect();
      }
    }
    throw new Error(`redis-server on port ${this.port} did not answer within 5 s`);
  }
}
