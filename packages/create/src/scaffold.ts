import { copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheKind } from './args.js';
import { isKitPackage, kitSpec, type KitSource } from './kit.js';
import { isTemplateFile } from './template.js';

export interface ScaffoldOptions {
  template: string;
  directory: string;
  packageName: string;
  cache: CacheKind;
  kit: KitSource;
}

/**
 * Writes a new project into `directory` (existing and empty): copies the
 * template, names the package and the service, points its kit dependencies
 * at `kit`, and makes `cache` the default.
 */
export async function scaffold(options: ScaffoldOptions): Promise<void> {
  await copyTree(options.template, options.directory);
  // npm drops .gitignore from published packages, so the template keeps it without the dot.
  await rename(join(options.directory, 'gitignore'), join(options.directory, '.gitignore'));
  await rewritePackageJson(options);
  await writeConfigDefaults(options);
  await retitleReadme(options.directory, options.packageName);
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (!isTemplateFile(entry.name)) continue;
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target);
    else if (entry.isFile()) await copyFile(source, target);
  }
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

async function rewritePackageJson({ directory, packageName, kit }: ScaffoldOptions): Promise<void> {
  const file = join(directory, 'package.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  manifest.name = packageName;
  for (const group of [manifest.dependencies, manifest.devDependencies]) {
    for (const name of Object.keys(group ?? {})) {
      if (isKitPackage(name)) group![name] = kitSpec(name, kit);
    }
  }
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Lines of src/config.ts that carry what the user chose: the service's name and its default cache. */
const CONFIG_LINES = {
  name: /^export const SERVICE_NAME = '[^']*';$/m,
  cache: /^export const DEFAULT_CACHE: CacheKind = '(memory|redis)';$/m,
};

async function writeConfigDefaults({
  directory,
  packageName,
  cache,
}: ScaffoldOptions): Promise<void> {
  const file = join(directory, 'src', 'config.ts');
  let source = await readFile(file, 'utf8');
  for (const [what, line] of Object.entries(CONFIG_LINES)) {
    // The template and this command ship together: a mismatch is our bug, not the user's.
    if (!line.test(source))
      throw new Error(`template bug: src/config.ts has no ${what} line matching ${line}`);
  }
  source = source
    .replace(CONFIG_LINES.name, `export const SERVICE_NAME = '${packageName}';`)
    .replace(CONFIG_LINES.cache, `export const DEFAULT_CACHE: CacheKind = '${cache}';`);
  await writeFile(file, source);
}

async function retitleReadme(directory: string, packageName: string): Promise<void> {
  const file = join(directory, 'README.md');
  const source = await readFile(file, 'utf8');
  await writeFile(file, source.replace(/^# .*$/m, `# ${packageName}`));
}
