import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built CLI: dist/test/support/ → dist/src/cli.js. */
export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli.js');

/** The kit repository root: packages/create/dist/test/support/ → five levels up. */
export const REPOSITORY = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
  '..',
);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  /** Settles when the CLI exits. */
  result: Promise<CliResult>;
}

/** Starts the CLI in `cwd` with no terminal attached (non-interactive). */
export function startCli(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): CliRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const result = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, result };
}

/** Runs the CLI to its end. */
export function runCli(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  return startCli(args, cwd, env).result;
}

/**
 * Gives a suite a fresh folder under os.tmpdir() per test, outside the
 * repository (so no parent package.json or git repository interferes),
 * removed after the test.
 */
export function useTempDir(): () => string {
  let current: string | undefined;
  beforeEach(() => {
    current = mkdtempSync(join(tmpdir(), 'create-fastjson-api-'));
  });
  afterEach(() => {
    if (current) rmSync(current, { recursive: true, force: true });
    current = undefined;
  });
  return () => current!;
}

/** Polls `check` every 25 ms until it is true or `ms` pass. */
export async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
