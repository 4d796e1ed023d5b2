import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export interface Contender {
  name: string;
  /** Server script, relative to bench/dist/servers. */
  script: string;
  env?: Record<string, string>;
  /** Path to load, e.g. `/item/1`. */
  path: string;
  /** Requests to send before measuring, e.g. to fill a cache. */
  warmup?: number;
  /**
   * Make every request's URL distinct (a counter in the `lat` query value),
   * so that each one is a cache miss that runs the handler and stores.
   */
  distinct?: boolean;
  /** Node flags for the server process, e.g. `--expose-gc`. */
  execArgv?: string[];
}

/** Autocannon's per-request hook for `distinct`: a new latitude every request. */
function distinctRequests(path: string) {
  let n = 0;
  return [
    {
      setupRequest: (request: { path: string }) => ({
        ...request,
        path: path.replace(/lat=[^&]*/, `lat=${(n++ % 80_000) / 1000}`),
      }),
    },
  ];
}

export interface Measured {
  name: string;
  path: string;
  requestsPerSec: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /**
   * The server's CPU time (user + system, all its threads) per answered
   * request, in microseconds; undefined where /proc is not readable. When the
   * load generator, not the server, limits req/s, this still tells the
   * servers apart: it is what a request costs the server.
   */
  cpuUsPerReq?: number;
}

/** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux we know of. */
const CLK_TCK = Number(process.env.BENCH_CLK_TCK ?? 100);

/** A process's CPU time so far (utime + stime, fields 14 and 15 of /proc/<pid>/stat), in seconds. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return undefined;
  }
}

const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
/**
 * Requests in flight per connection. 1 (the default) is one request at a
 * time, as browsers and most clients send them. 10 is how Fastify's own
 * benchmarks run: the load generator then spends far less per request, so
 * on a small machine the server, not the generator, sets the pace.
 */
const PIPELINING = Number(process.env.BENCH_PIPELINING ?? 1);
const cores = availableParallelism();

/** Starts a contender's server, pinned to core 0 when the machine has more than one. */
export async function startServer(
  contender: Contender,
): Promise<{ child: ChildProcess; port: number }> {
  const script = fileURLToPath(new URL(`./servers/${contender.script}`, import.meta.url));
  const child = fork(script, {
    execArgv: contender.execArgv ?? [],
    env: { ...process.env, ...contender.env, PORT: '0' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) =>
      reject(new Error(`${contender.name} exited with ${code} before it was ready`)),
    );
  });
  if (cores > 1 && child.pid) pin(child.pid, '0');
  return { child, port };
}

function pin(pid: number, cpu: string): void {
  try {
    // taskset is part of util-linux; without it the run is unpinned, and says so.
    execFileSync('taskset', ['-a', '-p', '-c', cpu, String(pid)], { stdio: 'ignore' });
  } catch {
    console.warn(`(could not pin pid ${pid} to cpu ${cpu}; results are unpinned)`);
  }
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/**
 * Measures every contender ROUNDS times, interleaved (A B C, A B C, ...), and
 * reports each one's median round. All servers are started first and stay
 * up, so a round changes only which one gets the load; interleaving spreads
 * whatever else the machine does across every contender instead of landing
 * on one of them.
 */
export async function measureAll(contenders: Contender[]): Promise<Measured[]> {
  const started: Array<{ contender: Contender; child: ChildProcess; url: string }> = [];
  try {
    for (const contender of contenders) {
      const { child, port } = await startServer(contender);
      const url = `http://127.0.0.1:${port}${contender.path}`;
      started.push({ contender, child, url });
      if (contender.warmup) await autocannon({ url, amount: contender.warmup, connections: 10 });
      await autocannon({ url, duration: 1, connections: CONNECTIONS, pipelining: PIPELINING });
    }
    const rounds = new Map<Contender, Measured[]>(contenders.map((c) => [c, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const { contender, child, url } of started) {
        const requests = contender.distinct ? distinctRequests(contender.path) : undefined;
        const cpuBefore = cpuSeconds(child.pid);
        const result = await autocannon({
          url,
          duration: DURATION,
          connections: CONNECTIONS,
          pipelining: PIPELINING,
          requests,
        } as autocannon.Options);
        const cpuAfter = cpuSeconds(child.pid);
        const answered = result.requests.total;
        rounds.get(contender)!.push({
          name: contender.name,
          path: contender.path,
          requestsPerSec: result.requests.average,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
          cpuUsPerReq:
            cpuBefore === undefined || cpuAfter === undefined || answered === 0
              ? undefined
              : ((cpuAfter - cpuBefore) * 1e6) / answered,
        });
      }
      console.error(`round ${round + 1}/${ROUNDS} done`);
    }
    return contenders.map((c) => median(rounds.get(c)!));
  } finally {
    for (const { child } of started) child.kill();
  }
}

/** The median round by req/s; CPU per request is the median of its own rounds. */
function median(rows: Measured[]): Measured {
  const sorted = [...rows].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const middle = sorted[Math.floor(sorted.length / 2)]!;
  const failures = rows.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  const cpu = rows
    .map((r) => r.cpuUsPerReq)
    .filter((c): c is number => c !== undefined)
    .sort((a, b) => a - b);
  const cpuUsPerReq = cpu.length === rows.length ? cpu[Math.floor(cpu.length / 2)] : undefined;
  return { ...middle, non2xx: failures, errors: 0, cpuUsPerReq };
}

export function machine() {
  const cpu = cpus()[0];
  return {
    cpu: cpu?.model ?? 'unknown',
    cores,
    node: process.version,
    durationSec: DURATION,
    connections: CONNECTIONS,
    pipelining: PIPELINING,
    rounds: ROUNDS,
  };
}

export function pinSelf(): void {
  if (cores > 1) pin(process.pid, String(cores - 1));
}

export function table(rows: Measured[], ceiling: number): string {
  const lines = [
    '| contender | path | req/s | p99 ms | × ceiling | CPU µs/req | non-2xx |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.name} | \`${r.path}\` | ${Math.round(r.requestsPerSec).toLocaleString('en-US')} | ${r.p99Ms} | ${(r.requestsPerSec / ceiling).toFixed(2)} | ${r.cpuUsPerReq?.toFixed(1) ?? 'n/a'} | ${r.non2xx + r.errors} |`,
    );
  }
  return lines.join('\n');
}
