import { isCancel, select, text } from '@clack/prompts';
import { basename, resolve } from 'node:path';
import { CACHE_KINDS, USAGE, type CacheKind, type CliArgs } from './args.js';
import { CliError, CreateErrorCodes } from './errors.js';
import { nameProblem } from './names.js';
import { targetProblem } from './target.js';

/** The two answers a project needs: where, and which cache. */
export interface Answers {
  directory: string;
  cache: CacheKind;
}

const DEFAULT_DIRECTORY = 'my-service';

/**
 * Takes the answers the command line gave and asks for the missing ones when
 * `interactive`; otherwise uses the defaults under `--yes`, and refuses to
 * guess the folder without it.
 */
export async function resolveAnswers(args: CliArgs, interactive: boolean): Promise<Answers> {
  const directory = args.directory ?? (await askDirectory(args, interactive));
  const cache = args.cache ?? (interactive ? await askCache() : 'memory');
  return { directory, cache };
}

/** Why `directory` cannot hold a new project, or `undefined`. */
export function directoryProblem(directory: string): string | undefined {
  const absolute = resolve(directory);
  return nameProblem(basename(absolute)) ?? targetProblem(absolute, directory);
}

async function askDirectory(args: CliArgs, interactive: boolean): Promise<string> {
  if (!interactive) {
    if (args.yes) return DEFAULT_DIRECTORY;
    throw new CliError(
      CreateErrorCodes.BAD_ARGUMENTS,
      `Which folder should the project go in? Give it on the command line, e.g. npx create-fastjson-api my-service\n\n${USAGE}`,
    );
  }
  const answer = await text({
    message: 'Project folder (its name becomes the package name)',
    placeholder: DEFAULT_DIRECTORY,
    defaultValue: DEFAULT_DIRECTORY,
    validate: (value) => (value ? directoryProblem(value) : undefined),
  });
  return orCancel<string>(answer);
}

async function askCache(): Promise<CacheKind> {
  const answer = await select<CacheKind>({
    message: 'Cache',
    initialValue: 'memory',
    options: CACHE_KINDS.map((kind) => ({
      value: kind,
      label: kind,
      hint:
        kind === 'memory'
          ? 'in the process; one instance'
          : 'shared by every instance; needs a Redis server',
    })),
  });
  return orCancel<CacheKind>(answer);
}

function orCancel<T>(answer: T | symbol): T {
  if (isCancel(answer)) {
    throw new CliError(CreateErrorCodes.INTERRUPTED, 'Cancelled; nothing was created.', 130);
  }
  return answer as T;
}
