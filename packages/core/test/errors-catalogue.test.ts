/**
 * The error catalogue, docs/reference/errors.md, against the code: every
 * stable error code a package defines has a heading there, and every code
 * heading there names a code some package still defines.
 *
 * Codes are read from the TypeScript sources of every package
 * (`packages/*\/src/**\/*.ts`): a string literal `'FJA_ERR_…'` is a code, and
 * a template literal `` `FJA_ERR_…_${…}` `` is a family of codes (HttpError's
 * `FJA_ERR_HTTP_<status>`), listed once under `fja_err_…_xxx`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { CoreErrorCodes, StartupError } from '../src/index.js';

// This file runs as packages/core/dist/test/errors-catalogue.test.js.
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CATALOGUE = join(ROOT, 'docs', 'reference', 'errors.md');

const CODE = /['"](FJA_ERR_[A-Z0-9_]+)['"]/g;
const FAMILY = /`(FJA_ERR_[A-Z0-9_]+_)\$\{/g;
const CODE_HEADING = /^## +(fja_err_[a-z0-9_]+) *$/gm;

/** Every `.ts` file under `dir`, recursively. */
function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The codes and code families in the sources of every package, with the file that names each. */
function codesInSources(): { codes: Map<string, string>; families: Map<string, string> } {
  const codes = new Map<string, string>();
  const families = new Map<string, string>();
  const packages = join(ROOT, 'packages');

  for (const name of readdirSync(packages)) {
    const src = join(packages, name, 'src');
    if (!existsSync(src)) continue;

    for (const file of typescriptFiles(src)) {
      const text = readFileSync(file, 'utf8');
      const where = file.slice(ROOT.length);
      for (const [, code] of text.matchAll(CODE)) firstSeen(codes, code!, where);
      for (const [, prefix] of text.matchAll(FAMILY)) firstSeen(families, prefix!, where);
    }
  }
  for (const code of Object.values(CoreErrorCodes)) firstSeen(codes, code, 'CoreErrorCodes');
  return { codes, families };
}

/** Records where `name` was found, keeping the first place. */
function firstSeen(found: Map<string, string>, name: string, where: string): void {
  if (!found.has(name)) found.set(name, where);
}

/** The heading a family of codes gets: its prefix, then `xxx` for the varying part. */
function familyHeading(prefix: string): string {
  return `${prefix.toLowerCase()}xxx`;
}

/** The `## fja_err_…` headings of the catalogue, in order, duplicates included. */
function codeHeadings(): string[] {
  return [...readFileSync(CATALOGUE, 'utf8').matchAll(CODE_HEADING)].map(([, heading]) => heading!);
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

describe('docs/reference/errors.md', () => {
  const { codes, families } = codesInSources();
  const headings = codeHeadings();

  it('finds the codes of core in the sources', () => {
    expect(codes.size, 'codes found').to.be.at.least(Object.keys(CoreErrorCodes).length);
    expect([...families.keys()]).to.include('FJA_ERR_HTTP_');
  });

  it('has a heading for every error code a package defines', () => {
    const missing = [...codes]
      .filter(([code]) => !headings.includes(code.toLowerCase()))
      .map(([code, where]) => `${code} (${where})`);

    expect(missing, 'codes with no "## <code in lower case>" heading').to.deep.equal([]);
  });

  it('has one heading for every family of codes', () => {
    const missing = [...families]
      .filter(([prefix]) => !headings.includes(familyHeading(prefix)))
      .map(([prefix, where]) => `${familyHeading(prefix)} (${where})`);

    expect(missing, 'families with no heading').to.deep.equal([]);
  });

  it('lists no code that no package defines any longer', () => {
    const known = new Set([
      ...[...codes.keys()].map((code) => code.toLowerCase()),
      ...[...families.keys()].map(familyHeading),
    ]);

    const stale = headings.filter((heading) => !known.has(heading));
    expect(stale, 'headings of codes found in no package source').to.deep.equal([]);
  });

  it('lists each code once', () => {
    const repeated = headings.filter((heading, i) => headings.indexOf(heading) !== i);

    expect(repeated, 'headings that appear more than once').to.deep.equal([]);
  });

  it('has the anchor that a StartupError message links to', () => {
    const anchors = headings.map(anchorOf);

    for (const code of Object.values(CoreErrorCodes)) {
      const message = new StartupError(code, 'Something went wrong.').message;
      const link = /errors\.md#(\S+)$/.exec(message);
      expect(link, `link in the message of ${code}`).not.to.equal(null);
      expect(anchors, `anchor of ${code}`).to.include(link![1]);
    }
  });
});
