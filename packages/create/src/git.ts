import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './run.js';

/**
 * Makes `directory` a git repository with one commit of everything in it.
 * Never fails the command: returns why it did nothing instead, or
 * `undefined` when the repository is there.
 */
export async function initGit(directory: string, signal: AbortSignal): Promise<string | undefined> {
  const git = (...args: string[]) => run('git', args, directory, signal);
  try {
    if ((await git('--version')).code !== 0)
      return 'git does not run here; no repository was created.';
  } catch (error) {
    if (signal.aborted) throw error;
    return 'git is not installed; no repository was created.';
  }

  const inside = await git('rev-parse', '--is-inside-work-tree');
  if (inside.code === 0 && inside.output.trim() === 'true') {
    return 'the folder is inside a git repository already; no new one was created.';
  }

  const init = await git('init', '-q');
  if (init.code !== 0) return `git init failed; no repository was created.\n${init.output.trim()}`;
  const add = await git('add', '-A');
  const commit =
    add.code === 0
      ? await git('commit', '-q', '-m', 'Initial commit from create-fastjson-api')
      : add;
  if (commit.code !== 0) {
    // A repository without its first commit is the half-made state we avoid.
    await rm(join(directory, '.git'), { recursive: true, force: true });
    return `git could not commit (does git know your user.name and user.email?); no repository was created.\n${commit.output.trim()}`;
  }
  return undefined;
}
