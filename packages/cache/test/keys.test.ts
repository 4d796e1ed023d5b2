import { expect } from 'chai';
import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { baseKey, canonicalQuery, varyPart } from '../src/keys/index.js';

/** What an encoded part may hold: unreserved characters and `%XX` escapes. */
const ENCODED_PART = /^(?:[\w.!~*'()-]|%[0-9A-F]{2})*$/;

describe('canonicalQuery()', () => {
  const same = (a: string, b: string) =>
    expect(canonicalQuery(a), `${a} vs ${b}`).to.equal(canonicalQuery(b));
  const differ = (a: string, b: string) =>
    expect(canonicalQuery(a), `${a} vs ${b}`).to.not.equal(canonicalQuery(b));

  it('returns an empty string for an empty query', () => {
    expect(canonicalQuery('')).to.equal('');
  });

  it('sorts pairs by name', () => {
    same('page=2&tag=a', 'tag=a&page=2');
    expect(canonicalQuery('z=1&a=2&m=3')).to.equal('a=2&m=3&z=1');
  });

  it('keeps repeated names in request order', () => {
    differ('tag=a&tag=b', 'tag=b&tag=a');
    differ('tag=a&tag=b', 'tag=a');
    differ('z=1&tag=b&tag=a', 'z=1&tag=a&tag=b');
    expect(canonicalQuery('b=1&a=x&b=2&a=y')).to.equal('a=x&a=y&b=1&b=2');
    expect(canonicalQuery('z=1&tag=b&tag=a')).to.equal('tag=b&tag=a&z=1');
  });

  it('keeps an escaped & or = inside its value', () => {
    differ('q=a%26b=c', 'q=a&b=c');
    expect(canonicalQuery('q=a%26b=c')).to.equal('q=a%26b%3Dc');
    expect(canonicalQuery('q=a&b=c')).to.equal('b=c&q=a');
    expect(canonicalQuery('a=b=c')).to.equal('a=b%3Dc');
  });

  it('decodes + as a space, and %2B as a plus', () => {
    same('q=a+b', 'q=a%20b');
    differ('q=a+b', 'q=a%2Bb');
    expect(canonicalQuery('q=a+b')).to.equal('q=a%20b');
  });

  it('gives one form to equivalent escapes', () => {
    same('q=%41', 'q=A');
    same('q=%c3%a9', 'q=%C3%A9');
    same('q=é', 'q=%C3%A9');
    same('q=a%2db', 'q=a-b');
  });

  it('keeps bracketed names as names', () => {
    same('a[b]=c', 'a%5Bb%5D=c');
    differ('a[b]=c', 'a=c');
    expect(canonicalQuery('filter[b]=2&filter[a]=1')).to.equal('filter%5Ba%5D=1&filter%5Bb%5D=2');
  });

  it('treats a and a= alike, as node:querystring does', () => {
    same('a', 'a=');
    expect(canonicalQuery('a')).to.equal('a=');
    differ('a', 'a=0');
  });

  it('drops empty pairs', () => {
    same('&&a=1&&b=2&', 'a=1&b=2');
    expect(canonicalQuery('&')).to.equal('');
    expect(canonicalQuery('&&')).to.equal('');
  });

  it('keeps an empty name', () => {
    expect(canonicalQuery('=x')).to.equal('=x');
    differ('=x', '');
  });

  it('reads a malformed escape as node:querystring does, so the key follows what the handler sees', () => {
    for (const [a, b] of [
      ['q=%zz', 'q=%25zz'],
      ['q=%', 'q=%25'],
      ['q=%E0%A4', 'q=%25E0%25A4'],
      ['%zz=1&%25zz=2', '%25zz=2&%zz=1'],
    ] as const) {
      const sameParse =
        JSON.stringify(parseQueryString(a, '&', '=', { maxKeys: 0 })) ===
        JSON.stringify(parseQueryString(b, '&', '=', { maxKeys: 0 }));
      expect(canonicalQuery(a) === canonicalQuery(b), `${a} vs ${b}`).to.equal(sameParse);
    }
    expect(canonicalQuery('q=%zz')).to.equal('q=%25zz');
  });

  it('counts every pair, past the 1000 that node:querystring reads by default', () => {
    const padded = '&'.repeat(1000) + 'region=Oceania';
    expect(canonicalQuery(padded)).to.equal('region=Oceania');
    expect(parseQueryString(padded, '&', '=', { maxKeys: 0 })).to.deep.equal(
      Object.assign(Object.create(null), { region: 'Oceania' }),
    );
  });

  it('does not throw on lone surrogates', () => {
    expect(canonicalQuery('q=\uD800')).to.equal('q=%!d800');
    differ('q=\uD800', 'q=%EF%BF%BD');
  });

  it('only ever holds encoded parts, or parts behind a malformed mark', () => {
    for (const raw of sampleQueries(3000)) {
      const form = canonicalQuery(raw);
      if (form === '') continue;
      for (const pair of form.split('&')) {
        const eq = pair.indexOf('=');
        for (const part of [pair.slice(0, eq), pair.slice(eq + 1)]) {
          const ok = ENCODED_PART.test(part) || part.startsWith('%%') || part.startsWith('%!');
          expect(ok, `${JSON.stringify(raw)} gives part ${part}`).to.equal(true);
        }
      }
    }
  });

  it('is stable: the canonical form of a well-formed query is its own', () => {
    for (const raw of sampleQueries(3000)) {
      const form = canonicalQuery(raw);
      if (form.includes('%%') || form.includes('%!')) continue;
      expect(canonicalQuery(form), JSON.stringify(raw)).to.equal(form);
    }
  });

  it('gives one form only to queries that node:querystring parses alike', () => {
    const parsedByForm = new Map<string, { raw: string; parsed: unknown }>();
    for (const raw of sampleQueries(20_000)) {
      const form = canonicalQuery(raw);
      const parsed = { ...parseQueryString(raw) };
      const first = parsedByForm.get(form);
      if (first === undefined) parsedByForm.set(form, { raw, parsed });
      else {
        const message = `${JSON.stringify(raw)} vs ${JSON.stringify(first.raw)}`;
        expect(parsed, message).to.deep.equal(first.parsed);
      }
    }
    expect(parsedByForm.size, 'distinct forms').to.be.above(1000);
  });
});

describe('baseKey()', () => {
  it('joins the route id, the raw path and the canonical query', () => {
    expect(baseKey('GET /x/:id', '/x/1', 'b=2&a=1')).to.equal('GET /x/:id\0/x/1?a=1&b=2');
    expect(baseKey('GET /x', '/x', '')).to.equal('GET /x\0/x?');
  });

  it('keeps an encoded slash apart from a slash', () => {
    expect(baseKey('GET /files/*', '/files/a%2Fb', '')).to.not.equal(
      baseKey('GET /files/*', '/files/a/b', ''),
    );
  });

  it('keeps routes apart on the same path', () => {
    expect(baseKey('GET /a', '/a', '')).to.not.equal(baseKey('HEAD /a', '/a', ''));
  });

  it('gives reordered queries one key', () => {
    expect(baseKey('r', '/p', 'b=1&a=2')).to.equal(baseKey('r', '/p', 'a=2&b=1'));
    expect(baseKey('r', '/p', '')).to.equal(baseKey('r', '/p', '&'));
  });

  it('cannot be forged by moving text between path and query', () => {
    expect(baseKey('r', '/a', 'b=c')).to.not.equal(baseKey('r', '/a?b=c', ''));
  });
});

describe('varyPart()', () => {
  const names = ['x-lang', 'x-tenant'];

  it('adds nothing for no names', () => {
    expect(varyPart({ 'x-lang': 'fr' }, [])).to.equal('');
  });

  it('tells a missing header from an empty one', () => {
    expect(varyPart({}, names)).to.not.equal(varyPart({ 'x-lang': '' }, names));
    expect(varyPart({}, names)).to.equal('\0x-lang?\0x-tenant?');
    expect(varyPart({ 'x-lang': 'fr' }, names)).to.equal('\0x-lang=2:fr\0x-tenant?');
  });

  it('gives values that embed separators their own part', () => {
    const cases: IncomingHttpHeaders[] = [
      {},
      { 'x-lang': '' },
      { 'x-tenant': '' },
      { 'x-lang': '', 'x-tenant': '' },
      { 'x-lang': 'a', 'x-tenant': 'b' },
      { 'x-lang': 'a\0x-tenant=1:b' },
      { 'x-lang': 'a\0x-tenant?' },
      { 'x-lang': '1:a' },
      { 'x-lang': 'a', 'x-tenant': '1:b' },
      { 'x-lang': ['a', 'b'] },
      { 'x-lang': ['a, b'] },
      { 'x-lang': 'a, b' },
      { 'x-lang': ['b', 'a'] },
      { 'x-lang': [] },
      { 'x-lang': [''] },
    ];
    const parts = cases.map((headers) => varyPart(headers, names));
    expect(new Set(parts).size).to.equal(cases.length);
  });
});

/** Random short queries over characters that matter to parsing. */
function sampleQueries(count: number): string[] {
  const alphabet = ['a', 'b', 'A', 'B', 'z', 'é', '1', '2', '4', '6', '=', '&', '&', '%', '+', ' '];
  alphabet.push('[', ']', '%41', '%2B');
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };

  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let raw = '';
    const length = random(9);
    for (let j = 0; j < length; j++) raw += alphabet[random(alphabet.length)];
    out.push(raw);
  }
  return out;
}
