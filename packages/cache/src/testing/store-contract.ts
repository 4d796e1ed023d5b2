/**
 * The rules every CacheStore keeps, as a suite that any store can run:
 * `storeContract('MemoryStore', (clock) => new MemoryStore({ clock }))`.
 * Everything is awaited, so sync and async stores run the same tests.
 */
import { expect } from 'chai';
import { ManualClock } from '@fastjson-api/core';
import type { CacheEntry, CacheStore } from '../store/types.js';

/** Options of {@link storeContract}. */
export interface StoreContractOptions {
  /**
   * Whether `stats().entries` and `bytes` track the store exactly. A store
   * shared between processes may count only its own writes: pass `false`.
   *
   * @defaultValue `true`
   */
  exactStats?: boolean;
  /**
   * Whether the store keeps compressed forms (`encodings`, `addEncoding`).
   * With `false`, the suite checks only that declining never brings an
   * entry back.
   *
   * @defaultValue `true`
   */
  storesEncodings?: boolean;
  /** Mocha timeout of each test, ms; mocha's own when absent. */
  timeout?: number;
}

/** Fixed start, so failures read the same on every run. */
const START = Date.UTC(2025, 0, 1);
const TTL = 60_000;
const SWR = 30_000;

/** Registers a describe() block that runs the store contract on `makeStore()`. */
export function storeContract(
  name: string,
  makeStore: (clock: ManualClock) => Promise<CacheStore> | CacheStore,
  options: StoreContractOptions = {},
): void {
  const { exactStats = true, storesEncodings = true, timeout } = options;

  describe(`CacheStore contract: ${name}`, function () {
    if (timeout !== undefined) this.timeout(timeout);
    const t = {} as { clock: ManualClock; store: CacheStore };

    beforeEach(async () => {
      t.clock = new ManualClock(START);
      t.store = await makeStore(t.clock);
    });

    afterEach(async () => {
      await t.store.clear();
      await t.store.close?.();
    });

    getSetRules(t, storesEncodings);
    expiryRules(t);
    deleteRules(t);
    invalidateRules(t);
    encodingRules(t, storesEncodings);
    clearAndStatsRules(t, exactStats);
  });
}

interface Ctx {
  clock: ManualClock;
  store: CacheStore;
}

/** An entry stored now, fresh for TTL, then stale for SWR. */
export function makeEntry(clock: ManualClock, fields: Partial<CacheEntry> = {}): CacheEntry {
  const now = clock.now();
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from('{"id":1}'),
    etag: '"v1"',
    tags: [],
    storedAt: now,
    expiresAt: now + TTL,
    staleUntil: now + TTL + SWR,
    ...fields,
  };
}

function expectSameEntry(actual: CacheEntry | undefined, expected: CacheEntry): void {
  expect(actual, 'entry').to.not.equal(undefined);
  const got = actual!;
  expect(got.status, 'status').to.equal(expected.status);
  expect(got.headers, 'headers').to.deep.equal(expected.headers);
  expect(hex(got.body), 'body bytes').to.equal(hex(expected.body));
  expect(got.etag, 'etag').to.equal(expected.etag);
  expect(got.tags, 'tags').to.deep.equal(expected.tags);
  expect(got.storedAt, 'storedAt').to.equal(expected.storedAt);
  expect(got.expiresAt, 'expiresAt').to.equal(expected.expiresAt);
  expect(got.staleUntil, 'staleUntil').to.equal(expected.staleUntil);
}

function hex(bytes: Buffer | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('hex');
}

/** Every byte value, so that a store that passes bodies through text would fail. */
function allBytes(): Buffer {
  const bytes = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  return bytes;
}

function getSetRules(t: Ctx, storesEncodings: boolean): void {
  describe('#get() and #set()', () => {
    it('returns undefined for a key never stored', async () => {
      expect(await t.store.get('GET /nothing\0/nothing?')).to.equal(undefined);
    });

    it('returns the stored entry with identical bytes, headers and etag', async () => {
      const entry = makeEntry(t.clock, {
        status: 203,
        headers: {
          'content-type': 'application/octet-stream',
          'cache-control': 'public, max-age=60',
          link: ['</a>; rel="next"', '</b>; rel="prev"'],
        },
        body: allBytes(),
        etag: '"q1w2e3r4t5y6u7i8o9p0-_"',
        tags: ['city:1', 'cities'],
      });
      await t.store.set('k', entry);

      expectSameEntry(await t.store.get('k'), entry);
    });

    it('returns an empty body as an empty body', async () => {
      const entry = makeEntry(t.clock, { status: 204, body: Buffer.alloc(0) });
      await t.store.set('k', entry);

      expectSameEntry(await t.store.get('k'), entry);
    });

    if (storesEncodings) {
      it('returns the compressed forms given at set with identical bytes', async () => {
        const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff]);
        const br = Buffer.from([0x0b, 0x03, 0x80, 0x00]);
        await t.store.set('k', makeEntry(t.clock, { encodings: { gzip, br } }));

        const got = await t.store.get('k');
        expect(hex(got?.encodings?.gzip), 'gzip').to.equal(hex(gzip));
        expect(hex(got?.encodings?.br), 'br').to.equal(hex(br));
      });
    }

    it('keeps keys apart that differ only in special characters', async () => {
      const keys = ['a', 'A', 'a ', 'a*', 'a?', '[a]', 'a\0b', 'a\nb', 'é', 'a'.repeat(2000)];
      for (const key of keys) {
        await t.store.set(key, makeEntry(t.clock, { body: Buffer.from(key) }));
      }

      for (const key of keys) {
        const got = await t.store.get(key);
        expect(got?.body.toString(), `key ${JSON.stringify(key.slice(0, 10))}`).to.equal(key);
      }
    });

    it('replaces the entry under a key', async () => {
      await t.store.set('k', makeEntry(t.clock, { body: Buffer.from('old'), etag: '"1"' }));
      const next = makeEntry(t.clock, { body: Buffer.from('new'), etag: '"2"' });
      await t.store.set('k', next);

      expectSameEntry(await t.store.get('k'), next);
    });

    it('drops the tags of a replaced entry', async () => {
      await t.store.set('k', makeEntry(t.clock, { tags: ['old', 'both'] }));
      await t.store.set('k', makeEntry(t.clock, { tags: ['new', 'both'] }));

      expect(await t.store.invalidateTags(['old']), 'old tag').to.equal(0);
      expect(await t.store.get('k'), 'after old tag').to.not.equal(undefined);
      expect(await t.store.invalidateTags(['both']), 'shared tag').to.equal(1);
      expect(await t.store.get('k'), 'after shared tag').to.equal(undefined);
    });

    it('does not store an entry already past staleUntil, and drops the old one', async () => {
      await t.store.set('k', makeEntry(t.clock));
      const now = t.clock.now();
      await t.store.set('k', makeEntry(t.clock, { expiresAt: now - 2, staleUntil: now }));

      expect(await t.store.get('k')).to.equal(undefined);
    });
  });
}

function expiryRules(t: Ctx): void {
  describe('expiry', () => {
    it('returns the entry while fresh', async () => {
      await t.store.set('k', makeEntry(t.clock));
      t.clock.advance(TTL - 1);

      expect(await t.store.get('k')).to.not.equal(undefined);
    });

    it('returns the entry from expiresAt until just before staleUntil', async () => {
      const entry = makeEntry(t.clock);
      await t.store.set('k', entry);

      t.clock.advance(TTL);
      expectSameEntry(await t.store.get('k'), entry);
      t.clock.advance(SWR - 1);
      expectSameEntry(await t.store.get('k'), entry);
    });

    it('returns undefined from staleUntil on', async () => {
      await t.store.set('k', makeEntry(t.clock));
      t.clock.advance(TTL + SWR);

      expect(await t.store.get('k'), 'at staleUntil').to.equal(undefined);
      t.clock.advance(3_600_000);
      expect(await t.store.get('k'), 'an hour later').to.equal(undefined);
    });

    it('returns undefined from expiresAt when there is no stale window', async () => {
      const now = t.clock.now();
      await t.store.set('k', makeEntry(t.clock, { expiresAt: now + TTL, staleUntil: now + TTL }));
      t.clock.advance(TTL);

      expect(await t.store.get('k')).to.equal(undefined);
    });

    it('stores a new entry under a key whose entry expired', async () => {
      await t.store.set('k', makeEntry(t.clock, { etag: '"1"' }));
      t.clock.advance(TTL + SWR);
      expect(await t.store.get('k'), 'expired').to.equal(undefined);

      const next = makeEntry(t.clock, { etag: '"2"' });
      await t.store.set('k', next);
      expectSameEntry(await t.store.get('k'), next);
    });

    it('gives each entry its own lifetime', async () => {
      await t.store.set('early', makeEntry(t.clock));
      t.clock.advance(10_000);
      await t.store.set('late', makeEntry(t.clock));
      t.clock.advance(TTL + SWR - 10_000);

      expect(await t.store.get('early'), 'early').to.equal(undefined);
      expect(await t.store.get('late'), 'late').to.not.equal(undefined);
    });
  });
}

function deleteRules(t: Ctx): void {
  describe('#delete()', () => {
    it('removes the entry and says it was there', async () => {
      await t.store.set('k', makeEntry(t.clock));

      expect(await t.store.delete('k'), 'first delete').to.equal(true);
      expect(await t.store.get('k'), 'get').to.equal(undefined);
      expect(await t.store.delete('k'), 'second delete').to.equal(false);
    });

    it('returns false for a key never stored', async () => {
      expect(await t.store.delete('never')).to.equal(false);
    });

    it('leaves other keys alone', async () => {
      await t.store.set('a', makeEntry(t.clock));
      await t.store.set('b', makeEntry(t.clock));
      await t.store.delete('a');

      expect(await t.store.get('b')).to.not.equal(undefined);
    });

    it('takes the entry out of its tags', async () => {
      await t.store.set('k', makeEntry(t.clock, { tags: ['t'] }));
      await t.store.delete('k');

      expect(await t.store.invalidateTags(['t'])).to.equal(0);
    });
  });
}

function invalidateRules(t: Ctx): void {
  describe('#invalidateTags()', () => {
    beforeEach(async () => {
      await t.store.set('k1', makeEntry(t.clock, { tags: ['city:1', 'cities'] }));
      await t.store.set('k2', makeEntry(t.clock, { tags: ['city:2', 'cities'] }));
      await t.store.set('k3', makeEntry(t.clock, { tags: ['city:1'] }));
      await t.store.set('k4', makeEntry(t.clock, { tags: [] }));
    });

    async function present(): Promise<string[]> {
      const found: string[] = [];
      for (const key of ['k1', 'k2', 'k3', 'k4']) {
        if ((await t.store.get(key)) !== undefined) found.push(key);
      }
      return found;
    }

    it('removes exactly the entries that carry the tag and counts them', async () => {
      expect(await t.store.invalidateTags(['city:1']), 'count').to.equal(2);
      expect(await present()).to.deep.equal(['k2', 'k4']);
    });

    it('removes entries carrying any of several tags, counting each once', async () => {
      expect(await t.store.invalidateTags(['city:1', 'cities']), 'count').to.equal(3);
      expect(await present()).to.deep.equal(['k4']);
    });

    it('returns 0 for a tag no entry carries, or for no tags', async () => {
      expect(await t.store.invalidateTags(['city:3']), 'unknown tag').to.equal(0);
      expect(await t.store.invalidateTags([]), 'no tags').to.equal(0);
      expect(await present()).to.deep.equal(['k1', 'k2', 'k3', 'k4']);
    });

    it('returns 0 when the same tag is invalidated again', async () => {
      await t.store.invalidateTags(['cities']);
      expect(await t.store.invalidateTags(['cities'])).to.equal(0);
    });

    it('compares tags case-sensitively', async () => {
      expect(await t.store.invalidateTags(['CITY:1', 'Cities'])).to.equal(0);
    });

    it('keeps entries stored with the tag after the invalidation', async () => {
      await t.store.invalidateTags(['cities']);
      await t.store.set('k1', makeEntry(t.clock, { tags: ['cities'] }));

      expect(await t.store.get('k1')).to.not.equal(undefined);
    });

    it('matches glob and pattern characters literally', async () => {
      const tags = ['a', 'ab', 'a*', 'a?', 'a[b]', 'a\\*', '*', 'a%', 'a_', 'a.b', 'a+'];
      for (const tag of tags) await t.store.set(`tag ${tag}`, makeEntry(t.clock, { tags: [tag] }));

      for (const tag of tags) {
        expect(await t.store.invalidateTags([tag]), `invalidate ${tag}`).to.equal(1);
        for (const other of tags) {
          const kept = (await t.store.get(`tag ${other}`)) !== undefined;
          const expected = tags.indexOf(other) > tags.indexOf(tag);
          expect(kept, `${other} after invalidating ${tag}`).to.equal(expected);
        }
      }
    });

    it('matches tags holding separators and non-ASCII characters', async () => {
      const tags = ['user:1:posts', 'a b', 'a,b', 'a\nb', 'ville:Zürich', ''];
      for (const tag of tags) await t.store.set(`tag ${tag}`, makeEntry(t.clock, { tags: [tag] }));

      for (const tag of tags) {
        const removed = await t.store.invalidateTags([tag]);
        expect(removed, `invalidate ${JSON.stringify(tag)}`).to.equal(1);
      }
    });
  });
}

function encodingRules(t: Ctx, storesEncodings: boolean): void {
  describe('#addEncoding()', () => {
    const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]);
    const br = Buffer.from([0x0b, 0x03, 0x80, 0x7b]);

    if (storesEncodings) {
      it('records compressed forms of the entry with that etag', async () => {
        const entry = makeEntry(t.clock, { etag: '"e1"' });
        await t.store.set('k', entry);

        expect(await t.store.addEncoding('k', '"e1"', 'gzip', gzip), 'gzip').to.equal(true);
        expect(await t.store.addEncoding('k', '"e1"', 'br', br), 'br').to.equal(true);

        const got = await t.store.get('k');
        expectSameEntry(got, entry);
        expect(hex(got!.encodings?.gzip), 'gzip bytes').to.equal(hex(gzip));
        expect(hex(got!.encodings?.br), 'br bytes').to.equal(hex(br));
      });

      it('keeps the lifetime of the entry', async () => {
        await t.store.set('k', makeEntry(t.clock, { etag: '"e1"' }));
        t.clock.advance(TTL);
        await t.store.addEncoding('k', '"e1"', 'gzip', gzip);
        t.clock.advance(SWR);

        expect(await t.store.get('k')).to.equal(undefined);
      });
    }

    it('declines for another etag and leaves the entry as it was', async () => {
      await t.store.set('k', makeEntry(t.clock, { etag: '"e2"' }));

      expect(await t.store.addEncoding('k', '"e1"', 'gzip', gzip)).to.equal(false);
      expect((await t.store.get('k'))?.encodings?.gzip).to.equal(undefined);
    });

    it('declines for a key that holds nothing, and stores nothing', async () => {
      expect(await t.store.addEncoding('k', '"e1"', 'gzip', gzip)).to.equal(false);
      expect(await t.store.get('k')).to.equal(undefined);
    });

    it('does not bring back an invalidated entry', async () => {
      await t.store.set('k', makeEntry(t.clock, { etag: '"e1"', tags: ['t'] }));
      await t.store.invalidateTags(['t']);

      expect(await t.store.addEncoding('k', '"e1"', 'gzip', gzip)).to.equal(false);
      expect(await t.store.get('k')).to.equal(undefined);
    });

    it('does not bring back an expired entry', async () => {
      await t.store.set('k', makeEntry(t.clock, { etag: '"e1"' }));
      t.clock.advance(TTL + SWR);
      await t.store.addEncoding('k', '"e1"', 'gzip', gzip);

      expect(await t.store.get('k')).to.equal(undefined);
    });
  });
}

function clearAndStatsRules(t: Ctx, exactStats: boolean): void {
  describe('#clear()', () => {
    it('removes every entry and every tag', async () => {
      await t.store.set('a', makeEntry(t.clock, { tags: ['t'] }));
      await t.store.set('b', makeEntry(t.clock, { tags: ['t', 'u'] }));
      await t.store.clear();

      expect(await t.store.get('a'), 'a').to.equal(undefined);
      expect(await t.store.get('b'), 'b').to.equal(undefined);
      expect(await t.store.invalidateTags(['t', 'u']), 'tags').to.equal(0);
    });

    it('leaves the store usable', async () => {
      await t.store.set('a', makeEntry(t.clock));
      await t.store.clear();
      await t.store.set('a', makeEntry(t.clock, { tags: ['t'] }));

      expect(await t.store.get('a'), 'get').to.not.equal(undefined);
      expect(await t.store.invalidateTags(['t']), 'tag').to.equal(1);
    });
  });

  describe('#stats()', () => {
    it('has a name and reports non-negative whole numbers', async () => {
      await t.store.set('a', makeEntry(t.clock));
      const stats = t.store.stats();

      expect(t.store.name, 'name').to.be.a('string').and.not.equal('');
      for (const field of ['entries', 'bytes', 'evictions', 'maxBytes', 'maxEntries'] as const) {
        const value = stats[field];
        if (value === undefined && field.startsWith('max')) continue;
        expect(Number.isSafeInteger(value) && value! >= 0, `${field}: ${value}`).to.equal(true);
      }
    });

    it('does not count deletes, invalidations, replacements or expiry as evictions', async () => {
      await t.store.set('a', makeEntry(t.clock, { tags: ['t'] }));
      await t.store.set('b', makeEntry(t.clock));
      await t.store.set('b', makeEntry(t.clock, { etag: '"2"' }));
      await t.store.set('c', makeEntry(t.clock));
      await t.store.delete('b');
      await t.store.invalidateTags(['t']);
      t.clock.advance(TTL + SWR);
      await t.store.get('c');

      expect(t.store.stats().evictions).to.equal(0);
    });

    if (exactStats) {
      it('counts entries and bytes as they come and go', async () => {
        expect(t.store.stats(), 'empty').to.include({ entries: 0, bytes: 0 });

        await t.store.set('a', makeEntry(t.clock));
        await t.store.set('b', makeEntry(t.clock));
        const two = t.store.stats();
        expect(two.entries, 'entries after two sets').to.equal(2);
        expect(two.bytes, 'bytes after two sets').to.be.greaterThan(0);

        await t.store.delete('a');
        expect(t.store.stats().entries, 'entries after a delete').to.equal(1);
        await t.store.clear();
        expect(t.store.stats(), 'after clear').to.include({ entries: 0, bytes: 0 });
      });
    }
  });
}
