#!/usr/bin/env node
// Adds code to this service. Plain Node, no dependencies:
//
//   npm run generate -- controller orders
//
// writes src/orders/ (schemas, service, controller), test/orders.test.ts, and
// adds OrdersController to the list in src/controllers.ts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const CONTROLLERS_FILE = join(root, 'src', 'controllers.ts');
const NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const USAGE = `Usage: npm run generate -- controller <name>

  <name>  the resource, plural and in kebab-case: orders, order-items

Writes src/<name>/<name>.{schemas,service,controller}.ts and
test/<name>.test.ts, and adds the controller to src/controllers.ts.`;

class GenerateError extends Error {}

/** `order-items` → names for every place the resource appears. */
function namesOf(name) {
  if (!NAME_PATTERN.test(name)) {
    throw new GenerateError(
      `'${name}' is not a usable name: use lowercase letters, digits and dashes, starting with a letter (e.g. orders, order-items).`,
    );
  }
  const pascal = (kebab) => kebab.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const singularKebab = singular(name);
  const plural = pascal(name);
  // "news" has no singular the rules can find: call one item a NewsItem.
  const item = singularKebab === name ? `${plural}Item` : pascal(singularKebab);
  return {
    kebab: name,
    tag: singularKebab === name ? `${name}-item` : singularKebab,
    plural,
    item,
    controller: `${plural}Controller`,
    service: `${plural}Service`,
    words: name[0].toUpperCase() + name.slice(1).replaceAll('-', ' '),
  };
}

/** Words whose plural and singular are one: the rules below would mangle them. */
const SAME_IN_PLURAL = new Set(['news', 'series', 'species', 'data', 'media', 'info', 'status']);

function singular(kebab) {
  const parts = kebab.split('-');
  const last = parts.pop();
  let one = last;
  if (SAME_IN_PLURAL.has(last)) one = last;
  else if (/[^aeiou]ies$/.test(last)) one = `${last.slice(0, -3)}y`;
  else if (/(ss|sh|ch|x|z|us)es$/.test(last)) one = last.slice(0, -2);
  else if (/[^su]s$/.test(last)) one = last.slice(0, -1);
  return [...parts, one].join('-');
}

function schemasFile(n) {
  return `import { Type, type Static } from '@fastjson-api/core';

export const ${n.item} = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ${n.item} = Static<typeof ${n.item}>;

export const ${n.item}List = Type.Object({
  items: Type.Array(${n.item}),
  total: Type.Integer({ minimum: 0 }),
});
export type ${n.item}List = Static<typeof ${n.item}List>;

export const ${n.item}IdParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
});

export const New${n.item} = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
});
export type New${n.item} = Static<typeof New${n.item}>;
`;
}

function serviceFile(n) {
  return `import { HttpError, Injectable } from '@fastjson-api/core';
import type { New${n.item}, ${n.item}, ${n.item}List } from './${n.kebab}.schemas.js';

/** ${n.words} kept in process memory: replace the Map with your database. */
@Injectable()
export class ${n.service} {
  readonly #items = new Map<number, ${n.item}>();
  #lastId = 0;

  list(): ${n.item}List {
    const items = [...this.#items.values()];
    return { items, total: items.length };
  }

  get(id: number): ${n.item} {
    const found = this.#items.get(id);
    if (!found) throw HttpError.notFound(\`No ${n.tag.replaceAll('-', ' ')} with id \${id}.\`);
    return found;
  }

  create(input: New${n.item}): ${n.item} {
    const created = { id: ++this.#lastId, name: input.name, createdAt: new Date().toISOString() };
    this.#items.set(created.id, created);
    return created;
  }

  remove(id: number): void {
    this.get(id);
    this.#items.delete(id);
  }
}
`;
}

function controllerFile(n) {
  return `import { Body, Cached, Controller, Ctx, Delete, Get, Invalidates, Param, Post, RequestContext } from '@fastjson-api/core';
import { ${n.service} } from './${n.kebab}.service.js';
import { New${n.item}, ${n.item}, ${n.item}IdParams, ${n.item}List } from './${n.kebab}.schemas.js';

@Controller('/${n.kebab}')
export class ${n.controller} {
  constructor(private readonly ${camel(n.plural)}: ${n.service}) {}

  @Get('/', { response: { 200: ${n.item}List } })
  @Cached({ ttl: '1m', tags: ['${n.kebab}'] })
  list() {
    return this.${camel(n.plural)}.list();
  }

  @Get('/:id', { params: ${n.item}IdParams, response: { 200: ${n.item} } })
  @Cached({ ttl: '10m', tags: (found: ${n.item}) => [\`${n.tag}:\${found.id}\`] })
  byId(@Param('id') id: number) {
    return this.${camel(n.plural)}.get(id);
  }

  @Post('/', { body: New${n.item}, creates: true, response: { 201: ${n.item} } })
  @Invalidates(['${n.kebab}'])
  create(@Body() input: New${n.item}, @Ctx() ctx: RequestContext) {
    const created = this.${camel(n.plural)}.create(input);
    ctx.setHeader('Location', \`/${n.kebab}/\${created.id}\`);
    return created;
  }

  @Delete('/:id', { params: ${n.item}IdParams })
  @Invalidates((req) => [\`${n.tag}:\${req.params.id}\`, '${n.kebab}'])
  remove(@Param('id') id: number) {
    this.${camel(n.plural)}.remove(id);
  }
}
`;
}

function testFile(n) {
  return `import { expect } from 'chai';
import { useService } from './support/service.js';

describe('/${n.kebab}', () => {
  const start = useService();

  it('creates one (201), then reads it: a MISS, then a HIT', async () => {
    const { request } = await start();

    const created = await request({ method: 'POST', path: '/${n.kebab}', json: { name: 'first' } });
    const first = await request(\`/${n.kebab}/\${created.json.id}\`);
    const second = await request(\`/${n.kebab}/\${created.json.id}\`);

    expect(created.status).to.equal(201);
    expect(created.headers.location).to.equal(\`/${n.kebab}/\${created.json.id}\`);
    expect(first.json).to.include({ id: created.json.id, name: 'first' });
    expect(first.headers['x-cache']).to.equal('MISS');
    expect(second.headers['x-cache']).to.equal('HIT');
  });

  it('invalidates the cached list when one is created', async () => {
    const { request } = await start();
    await request('/${n.kebab}');
    expect((await request('/${n.kebab}')).headers['x-cache']).to.equal('HIT');

    await request({ method: 'POST', path: '/${n.kebab}', json: { name: 'second' } });
    const after = await request('/${n.kebab}');

    expect(after.headers['x-cache']).to.equal('MISS');
    expect(after.json).to.deep.include({ total: 1 });
    expect(after.json.items).to.have.length(1);
  });

  it('answers 404 for one that does not exist', async () => {
    const { request } = await start();

    const res = await request('/${n.kebab}/42');

    expect(res.status).to.equal(404);
  });

  it('answers 400 when the name is missing', async () => {
    const { request } = await start();

    const res = await request({ method: 'POST', path: '/${n.kebab}', json: {} });

    expect(res.status).to.equal(400);
  });
});
`;
}

function camel(pascal) {
  return pascal[0].toLowerCase() + pascal.slice(1);
}

/** src/controllers.ts with the new import and list entry, or an error saying what to add by hand. */
function withController(source, n) {
  const importLine = `import { ${n.controller} } from './${n.kebab}/${n.kebab}.controller.js';`;
  const list = /(export const controllers\b[^=]*=\s*\[)([\s\S]*?)(\n?\s*\];)/;
  const lastImport = [...source.matchAll(/^import [^;]+;$/gm)].pop();
  if (!list.test(source) || !lastImport) {
    throw new GenerateError(
      `src/controllers.ts no longer has the 'export const controllers = [...]' list this script edits.\n` +
        `Nothing was written. Add the controller by hand, or restore that list.`,
    );
  }
  if (new RegExp(`\\b${n.controller}\\b`).test(source)) {
    throw new GenerateError(`src/controllers.ts already lists ${n.controller}. Nothing was written.`);
  }
  const at = lastImport.index + lastImport[0].length;
  const imported = `${source.slice(0, at)}\n${importLine}${source.slice(at)}`;
  return imported.replace(list, (_, open, items, close) => {
    const body = items.replace(/\s*$/, '');
    const separator = body === '' || body.endsWith(',') ? '' : ',';
    return `${open}${body}${separator}\n  ${n.controller},${close.replace(/^\n?\s*/, '\n')}`;
  });
}

function generateController(name) {
  const n = namesOf(name);
  const folder = join(root, 'src', n.kebab);
  const files = [
    [join(folder, `${n.kebab}.schemas.ts`), schemasFile(n)],
    [join(folder, `${n.kebab}.service.ts`), serviceFile(n)],
    [join(folder, `${n.kebab}.controller.ts`), controllerFile(n)],
    [join(root, 'test', `${n.kebab}.test.ts`), testFile(n)],
  ];
  for (const [file] of files) {
    if (existsSync(file)) throw new GenerateError(`${relative(root, file)} already exists. Nothing was written.`);
  }
  // Everything is checked before the first write: a refusal leaves no half-made resource.
  const controllers = withController(readFileSync(CONTROLLERS_FILE, 'utf8'), n);

  mkdirSync(folder, { recursive: true });
  for (const [file, content] of files) writeFileSync(file, content, { flag: 'wx' });
  writeFileSync(CONTROLLERS_FILE, controllers);

  console.log(`Added ${n.controller} at /${n.kebab}:`);
  for (const [file] of files) console.log(`  created  ${relative(root, file)}`);
  console.log(`  updated  src/controllers.ts`);
  console.log(`\nNext: npm test`);
}

function main(args) {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return args.length === 0 ? 1 : 0;
  }
  const [kind, name, ...rest] = args;
  if (kind !== 'controller' || !name || rest.length > 0) {
    console.error(`Unknown command: ${args.join(' ')}\n\n${USAGE}`);
    return 1;
  }
  try {
    generateController(name);
    return 0;
  } catch (error) {
    if (!(error instanceof GenerateError)) throw error;
    console.error(error.message);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
