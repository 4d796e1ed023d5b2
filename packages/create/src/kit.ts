import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { CliError, CreateErrorCodes } from './errors.js';

/** Where the kit's packages come from. */
export type KitSource =
  | { kind: 'registry'; version: string }
  | { kind: 'checkout'; root: string }
  | { kind: 'tarballs'; folder: string };

const SCOPE = '@fastjson-api/';

/** Whether a dependency name is one of the kit's packages. */
export function isKitPackage(name: string): boolean {
  return name.startsWith(SCOPE);
}

/**
 * The dependency spec for one kit package: `^<version>` from the registry,
 * or a `file:` path into a checkout or to a tarball. Throws a CliError when
 * the checkout or the tarball folder lacks the package.
 */
export function kitSpec(name: string, source: KitSource): string {
  const short = name.slice(SCOPE.length);
  switch (source.kind) {
    case 'registry':
      return `^${source.version}`;
    case 'checkout':
      return fileSpec(checkoutPackage(source.root, name, short));
    case 'tarballs':
      return fileSpec(tarball(source.folder, name, short));
  }
}

/** Checks that a `--kit-path` or `--kit-tarballs` folder exists; returns it absolute. */
export function kitFolder(flag: string, folder: string): string {
  const absolute = resolve(folder);
  if (!existsSync(absolute)) {
    throw new CliError(CreateErrorCodes.BAD_KIT, `${flag} ${folder}: no such folder.`);
  }
  return absolute;
}

function checkoutPackage(root: string, name: string, short: string): string {
  const folder = join(root, 'packages', short);
  const manifest = join(folder, 'package.json');
  if (!existsSync(manifest) || readName(manifest) !== name) {
    throw new CliError(
      CreateErrorCodes.BAD_KIT,
      `--kit-path ${root} is not a fastjson-api checkout: ${manifest} is not the package ${name}.\n` +
        'Point --kit-path at the root of the kit repository.',
    );
  }
  return folder;
}

function tarball(folder: string, name: string, short: string): string {
  // npm pack names @fastjson-api/core-0.1.0 as fastjson-api-core-0.1.0.tgz.
  const pattern = new RegExp(
    `^fastjson-api-${short.replace(/[-]/g, '\\-')}-\\d+\\.\\d+\\.\\d+.*\\.tgz$`,
  );
  const found = readdirSync(folder)
    .filter((file) => pattern.test(file))
    .sort();
  if (found.length === 0) {
    throw new CliError(
      CreateErrorCodes.BAD_KIT,
      `--kit-tarballs ${folder} has no tarball of ${name} (fastjson-api-${short}-<version>.tgz).\n` +
        `Make one with: npm pack --pack-destination ${folder} (in the kit's packages/${short}).`,
    );
  }
  return join(folder, found[found.length - 1]!);
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/** A `file:` spec with forward slashes, which npm reads on every platform. */
function fileSpec(path: string): string {
  return `file:${path.split(sep).join('/')}`;
}
