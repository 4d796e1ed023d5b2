#!/usr/bin/env node
// Copies templates/service into this package's template/ folder, so the
// published create-fastjson-api carries its template. Runs on `npm pack` and
// `npm publish` (prepack); `--remove` (postpack) deletes the copy again. In the
// repository the CLI reads templates/service directly: the copy is only for
// the tarball.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(packageRoot, '..', '..', 'templates', 'service');
const target = join(packageRoot, 'template');

// Keep in step with isTemplateFile() in src/template.ts.
const SKIPPED = new Set(['node_modules', 'dist', 'package-lock.json', '.git']);
const copied = (path) => !SKIPPED.has(basename(path)) && !path.endsWith('.tsbuildinfo');

if (process.argv.includes('--remove')) {
  rmSync(target, { recursive: true, force: true });
  process.exit(0);
}
if (!existsSync(join(source, 'package.json'))) {
  console.error(`copy-template: no template at ${source}; run this inside the fastjson-api repository.`);
  process.exit(1);
}
rmSync(target, { recursive: true, force: true });
cpSync(source, target, { recursive: true, filter: copied });
console.log(`copy-template: ${source} -> ${target}`);
