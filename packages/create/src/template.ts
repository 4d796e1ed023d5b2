import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError, CreateErrorCodes } from './errors.js';

/** This package's root: dist/src/ is two levels below it. */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const MONOREPO_NAME = 'fastjson-api-monorepo';

/** Names that are never copied from the template: build output and installs. */
const SKIPPED = new Set(['node_modules', 'dist', 'package-lock.json', '.git']);

/** Whether a template entry is copied into a new project. */
export function isTemplateFile(name: string): boolean {
  return !SKIPPED.has(name) && !name.endsWith('.tsbuildinfo');
}

/**
 * The template to copy. Run from the kit's repository, that is
 * templates/service, so a change there shows without a rebuild; installed
 * from npm, it is the copy `prepack` put in this package's template/.
 */
export function findTemplate(): string {
  const repositoryRoot = join(PACKAGE_ROOT, '..', '..');
  const inRepository = join(repositoryRoot, 'templates', 'service');
  if (isMonorepo(repositoryRoot) && existsSync(join(inRepository, 'package.json')))
    return inRepository;

  const packaged = join(PACKAGE_ROOT, 'template');
  if (existsSync(join(packaged, 'package.json'))) return packaged;

  throw new CliError(
    CreateErrorCodes.NO_TEMPLATE,
    `The service template is missing: neither ${packaged} nor ${inRepository} holds one.\n` +
      'Reinstall create-fastjson-api, or in the kit repository run: node packages/create/scripts/copy-template.js',
  );
}

/** The version of create-fastjson-api, which is also the version of the kit it creates services for. */
export function ownVersion(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

function isMonorepo(root: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      name?: string;
    };
    return manifest.name === MONOREPO_NAME;
  } catch {
    return false;
  }
}
