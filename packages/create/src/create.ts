import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheKind } from './args.js';
import { CliError, CreateErrorCodes } from './errors.js';
import { initGit } from './git.js';
import type { KitSource } from './kit.js';
import { run, tail } from './run.js';
import { scaffold } from './scaffold.js';
import type { Ui } from './ui.js';

/** Everything decided before the first write. */
export interface Plan {
  /** Absolute path of the project folder. */
  directory: string;
  /** The folder as the user wrote it, for messages. */
  shown: string;
  packageName: string;
  cache: CacheKind;
  kit: KitSource;
  template: string;
  install: boolean;
  git: boolean;
}

/**
 * Carries out a plan: copy, install, git. On any failure or interruption
 * (`signal` aborted) it removes what it wrote, waits for a running npm to
 * stop first, and rethrows.
 */
export async function createProject(plan: Plan, ui: Ui, signal: AbortSignal): Promise<void> {
  const undo = await claim(plan.directory);
  let current = '';
  const step = (message: string) => {
    current = message;
    ui.step(message);
  };
  try {
    step('Copying the template');
    await scaffold(plan);
    ui.done(`Created ${plan.shown} (${plan.packageName}, ${plan.cache} cache)`);
    signal.throwIfAborted();

    if (plan.install) {
      step('Installing dependencies with npm install');
      await install(plan.directory, signal);
      ui.done('Installed dependencies');
    }

    if (plan.git) {
      step('Creating a git repository');
      const skipped = await initGit(plan.directory, signal);
      ui.done(skipped ? 'Skipped git' : 'Created a git repository with a first commit');
      if (skipped) ui.warn(skipped);
    }
  } catch (error) {
    ui.failed(`${current}: stopped`);
    await undo();
    throw signal.aborted ? signal.reason : error;
  }
}

async function install(directory: string, signal: AbortSignal): Promise<void> {
  const result = await run('npm', ['install', '--no-audit', '--no-fund'], directory, signal);
  if (result.code !== 0) {
    throw new CliError(
      CreateErrorCodes.INSTALL_FAILED,
      `npm install failed with exit code ${result.code}; what this command created was removed. Its last lines:\n\n` +
        `${tail(result.output)}\n\n` +
        'Run the command again, or add --no-install to create the project and install later.',
    );
  }
}

/**
 * Makes `directory` ours to write and returns how to take it back: remove
 * every folder we created, or, when the folder was there (empty), empty it
 * again.
 */
async function claim(directory: string): Promise<() => Promise<void>> {
  const existed = await stat(directory).then(
    () => true,
    () => false,
  );
  if (existed) {
    return async () => {
      for (const entry of await readdir(directory))
        await rm(join(directory, entry), { recursive: true, force: true });
    };
  }
  // mkdir reports the first folder it had to create: removing it removes all it made.
  const first = await mkdir(directory, { recursive: true });
  return async () => {
    if (first) await rm(first, { recursive: true, force: true });
  };
}

/** Raised through the abort signal on Ctrl-C or SIGTERM. */
export function interrupted(): CliError {
  return new CliError(CreateErrorCodes.INTERRUPTED, 'Interrupted; nothing was left behind.', 130);
}
