import { parseArgs } from 'node:util';
import { CliError, CreateErrorCodes } from './errors.js';

export type CacheKind = 'memory' | 'redis';
export const CACHE_KINDS: readonly CacheKind[] = ['memory', 'redis'];

/** What the command line asked for; `undefined` means "not said". */
export interface CliArgs {
  /** Folder to create; its last segment becomes the package name. */
  directory?: string;
  cache?: CacheKind;
  install: boolean;
  git: boolean;
  /** Take the default for every answer that is missing, never prompt. */
  yes: boolean;
  /** A local checkout of the kit: dependencies become `file:` links to its packages. */
  kitPath?: string;
  /** A folder of `npm pack` tarballs of the kit: dependencies become `file:` tarball paths. */
  kitTarballs?: string;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: npm create fastjson-api@latest [directory] -- [options]
       npx create-fastjson-api [directory] [options]

Creates a fastjson-api service in <directory>, named after its last segment.

Options:
  --cache <memory|redis>  cache the service uses by default (default: memory)
  --no-install            do not run npm install
  --no-git                do not create a git repository
  -y, --yes               take the defaults, ask nothing
  --kit-path <dir>        link the kit's packages from a local checkout (for kit development)
  --kit-tarballs <dir>    install the kit from npm pack tarballs in <dir> (for kit development)
  -h, --help              show this help
  -v, --version           show the version`;

/** Parses argv (without node and the script); throws a CliError naming a bad flag. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { values, positionals } = parseOrExplain(argv);
  if (positionals.length > 1) {
    throw badArguments(`Give one directory; got ${positionals.length}: ${positionals.join(' ')}.`);
  }
  if (values['kit-path'] !== undefined && values['kit-tarballs'] !== undefined) {
    throw badArguments('Use --kit-path or --kit-tarballs, not both.');
  }
  return {
    directory: positionals[0],
    cache: readCache(values.cache),
    install: !values['no-install'],
    git: !values['no-git'],
    yes: values.yes ?? false,
    kitPath: values['kit-path'],
    kitTarballs: values['kit-tarballs'],
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parseOrExplain(argv: readonly string[]) {
  try {
    return parseArgs({
      // `npm create x -- --flag` drops the `--`, but `npx create-x dir -- --flag`
      // passes it on: read flags after it all the same.
      args: argv.filter((arg) => arg !== '--'),
      allowPositionals: true,
      strict: true,
      options: {
        cache: { type: 'string' },
        'no-install': { type: 'boolean' },
        'no-git': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        'kit-path': { type: 'string' },
        'kit-tarballs': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // parseArgs explains well ("Unknown option '--foo'"); add where to look.
    throw badArguments((error as Error).message);
  }
}

function readCache(value: string | undefined): CacheKind | undefined {
  if (value === undefined) return undefined;
  if (!(CACHE_KINDS as readonly string[]).includes(value)) {
    throw badArguments(`--cache must be memory or redis; got '${value}'.`);
  }
  return value as CacheKind;
}

function badArguments(message: string): CliError {
  return new CliError(CreateErrorCodes.BAD_ARGUMENTS, `${message}\n\n${USAGE}`);
}
