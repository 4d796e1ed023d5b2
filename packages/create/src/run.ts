import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  /** stdout and stderr interleaved, for showing when a step fails. */
  output: string;
}

/**
 * Runs a command to its end and collects its output. Resolves even when it
 * fails (look at `code`); rejects when it cannot start (ENOENT) or when
 * `signal` aborts it, and only once the child has exited, so the caller may
 * remove the files it was writing.
 */
export function run(
  command: string,
  args: readonly string[],
  cwd: string,
  signal: AbortSignal,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const child = spawn(command, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      // npm is npm.cmd on Windows, which Node starts only through a shell.
      shell: process.platform === 'win32',
      env: process.env,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);

    const stop = () => child.kill('SIGTERM');
    signal.addEventListener('abort', stop, { once: true });
    child.on('error', (error) => {
      signal.removeEventListener('abort', stop);
      reject(error);
    });
    child.on('close', (code) => {
      signal.removeEventListener('abort', stop);
      if (signal.aborted) reject(signal.reason);
      else resolve({ code, output });
    });
  });
}

/** The last `lines` lines of a command's output, for an error message. */
export function tail(output: string, lines = 20): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}
