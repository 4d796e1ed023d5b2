import { expect } from 'chai';
import { ManualClock } from '@fastjson-api/core';
import { MemoryStore } from '../src/store/memory-store.js';
import type { MemoryStoreOptions } from '../src/store/memory-store.js';
import { ENTRY_OVERHEAD, TAG_OVERHEAD, entrySize } from '../src/store/entry-size.js';
import { makeEntry, storeContract } from '../src/testing/store-contract.js';

storeContract('MemoryStore', (clock) => new MemoryStore({ clock }));

const START = Date.UTC(2025, 0, 1);

function storeWith(options: MemoryStoreOptions = {}): { store: MemoryStore; clock: ManualClock } {
  const clock = new ManualClock(START);
  return { store: new MemoryStore({ clock, ...options }), clock };
}

describe('MemoryStore', () => {
  describe('options', () => {
    it('defaults to 64 MB and 100,000 entries', () => {
      const stats = new MemoryStore().stats();
      expect(stats).to.include({ counts: 'all', maxBytes: 64 * 1024 * 1024, maxEntries: 100_000 });
    });

    it('takes maxBytes as a number of bytes or a size string', () => {
      const fromString = new MemoryStore({ maxBytes: '256mb' }).stats().maxBytes;
      expect(fromString, "'256mb'").to.equal(256 * 1024 ** 2);
      expect(new MemoryStore({ maxBytes: 4096 }).stats().maxBytes, '4096').to.equal(4096);
    });

    for (const maxBytes of ['lots', '', 0, -1, 1.5, '-1mb', null]) {
      it(`rejects maxBytes ${JSON.stringify(maxBytes)} with a TypeError naming it`, () => {
        const make = () => new MemoryStore({ maxBytes: maxBytes as never });
        expect(make).to.throw(TypeError, /maxBytes must be .*; got/);
      });
    }

    for (const maxEntries of [0, -5, 2.5, '10', Number.NaN]) {
      it(`rejects maxEntries ${String(maxEntries)} with a TypeError naming it`, () => {
        const make = () => new MemoryStore({ maxEntries: maxEntries as never });
        expect(make).to.throw(TypeError, /maxEntries must be a positive integer; got/);
      });
    }

    it('rejects a clock without now() with a TypeError naming it', () => {
      const make = () => new MemoryStore({ clock: {} as never });
      expect(make).to.throw(TypeError, /clock must have a now\(\) method/);
    });
  });

  describe('#get()', () => {
    it('answers synchronously with the stored object, not a copy', () => {
      const { store, clock } = storeWith();
      const entry = makeEntry(clock, { body: Buffer.alloc(16, 1) });
      store.set('k', entry);

      const got = store.get('k');
      expect(got).to.not.be.instanceOf(Promise);
      expect(got).to.equal(entry);
    });

    it('keeps the entries it reads over the ones it does not', () => {
      const { store, clock } = storeWith({ maxEntries: 2 });
      store.set('a', makeEntry(clock));
      store.set('b', makeEntry(clock));
      store.get('a');
      store.set('c', makeEntry(clock));

      expect(store.get('a'), 'a, read').to.not.equal(undefined);
      expect(store.get('b'), 'b, least recently used').to.equal(undefined);
    });

    it('removes an expired entry it reads, tags included', () => {
      const { store, clock } = storeWith();
      const entry = makeEntry(clock, { tags: ['t'] });
      store.set('k', entry);
      clock.advance(entry.staleUntil - clock.now());

      expect(store.get('k'), 'get').to.equal(undefined);
      expect(store.stats()).to.include({ entries: 0, bytes: 0, tags: 0 });
    });
  });

  describe('size accounting', () => {
    it('counts body, headers, key, etag and tags plus fixed overheads', () => {
      const { store, clock } = storeWith();
      const entry = makeEntry(clock, {
        headers: { 'content-type': 'application/json', link: ['</a>', '</b>'] },
        body: Buffer.alloc(1000),
        etag: '"abc"',
        tags: ['city:1', 'cities'],
      });
      store.set('key', entry);

      const tags = 2 * TAG_OVERHEAD + 6 + 6;
      const expected = ENTRY_OVERHEAD + 1000 + 3 + 5 + (12 + 16) + (4 + 4 + 4) + tags;
      expect(entrySize('key', entry), 'entrySize').to.equal(expected);
      expect(store.stats().bytes, 'stats').to.equal(expected);
    });

    it('grows an entry by the compressed forms added later, and shrinks to 0', () => {
      const { store, clock } = storeWith();
      store.set('k', makeEntry(clock, { etag: '"e"' }));
      const before = store.stats().bytes;

      store.addEncoding('k', '"e"', 'gzip', Buffer.alloc(300));
      store.addEncoding('k', '"e"', 'br', Buffer.alloc(200));
      expect(store.stats().bytes, 'with both').to.equal(before + 500);
      store.addEncoding('k', '"e"', 'gzip', Buffer.alloc(100));
      expect(store.stats().bytes, 'gzip replaced').to.equal(before + 300);

      store.delete('k');
      expect(store.stats().bytes, 'after delete').to.equal(0);
    });

    it('keeps 100,000 distinct keys within a 1 MB budget', () => {
      const { store, clock } = storeWith({ maxBytes: '1mb' });
      const body = Buffer.alloc(200, 7);
      let peak = 0;

      for (let i = 0; i < 100_000; i++) {
        store.set(`GET /items/:id\0/items/${i}?`, makeEntry(clock, { body, tags: [`item:${i}`] }));
        peak = Math.max(peak, store.stats().bytes);
      }

      const stats = store.stats();
      expect(peak, 'peak bytes').to.be.at.most(1024 * 1024);
      expect(stats.entries, 'entries').to.be.below(100_000).and.above(500);
      expect(stats.evictions, 'evictions').to.equal(100_000 - stats.entries);
      expect(stats.tags, 'tags indexed').to.equal(stats.entries);
    });

    it('does not store an entry larger than the budget, and drops the old one', () => {
      const { store, clock } = storeWith({ maxBytes: 4096 });
      store.set('k', makeEntry(clock));
      store.set('k', makeEntry(clock, { body: Buffer.alloc(5000), tags: ['big'] }));

      expect(store.get('k'), 'get').to.equal(undefined);
      expect(store.stats()).to.include({ entries: 0, bytes: 0, tags: 0, evictions: 0 });
    });

    it('declines a compressed form that would not fit the budget', () => {
      const { store, clock } = storeWith({ maxBytes: 4096 });
      store.set('k', makeEntry(clock, { etag: '"e"', body: Buffer.alloc(3000) }));

      const added = store.addEncoding('k', '"e"', 'gzip', Buffer.alloc(2000));
      expect(added, 'addEncoding').to.equal(false);
      expect(store.get('k')?.encodings, 'encodings').to.equal(undefined);
    });

    it('evicts others to make room for a compressed form', () => {
      const { store, clock } = storeWith({ maxBytes: 10_000 });
      store.set('a', makeEntry(clock, { body: Buffer.alloc(3000) }));
      store.set('b', makeEntry(clock, { etag: '"e"', body: Buffer.alloc(3000) }));

      const added = store.addEncoding('b', '"e"', 'gzip', Buffer.alloc(3000));
      expect(added, 'addEncoding').to.equal(true);
      expect(store.get('a'), 'a').to.equal(undefined);
      expect(store.stats().bytes, 'bytes').to.be.at.most(10_000);
      expect(store.stats().evictions, 'evictions').to.equal(1);
    });

    it('copies a body that is a view into a larger block, and keeps one that is not', () => {
      const { store, clock } = storeWith();
      const pooled = Buffer.from('x'.repeat(100));
      const slice = Buffer.alloc(10_000, 1).subarray(0, 100);
      const own = Buffer.alloc(100, 2);
      store.set('pooled', makeEntry(clock, { body: pooled }));
      store.set('slice', makeEntry(clock, { body: slice, encodings: { gzip: slice } }));
      store.set('own', makeEntry(clock, { body: own }));

      const fromPool = store.get('pooled')!.body;
      expect(fromPool.buffer.byteLength, 'pooled block').to.equal(100);
      expect(fromPool.equals(pooled), 'pooled bytes').to.equal(true);
      expect(store.get('slice')!.body.buffer.byteLength, 'slice block').to.equal(100);
      expect(store.get('slice')!.encodings!.gzip!.buffer.byteLength, 'gzip block').to.equal(100);
      expect(store.get('own')!.body, 'own').to.equal(own);
    });
  });

  describe('tag index', () => {
    it('shrinks as entries are evicted', () => {
      const { store, clock } = storeWith({ maxEntries: 10 });
      for (let i = 0; i < 1000; i++) {
        store.set(`k${i}`, makeEntry(clock, { tags: [`item:${i}`, 'items'] }));
      }

      expect(store.stats().tags, 'tags: 10 items and "items"').to.equal(11);
      expect(store.invalidateTags(['items']), 'invalidated').to.equal(10);
      expect(store.stats().tags, 'tags after').to.equal(0);
    });

    it('stays in step with the entries through any mix of operations', () => {
      const { store, clock } = storeWith({ maxEntries: 50, maxBytes: 40_000 });
      let seed = 42;
      const random = (n: number) => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed % n;
      };

      for (let step = 0; step < 20_000; step++) {
        const key = `k${random(200)}`;
        const op = random(10);
        if (op < 5) {
          const tags = ['all', `t${random(30)}`, `t${random(30)}`];
          const body = Buffer.alloc(random(2000));
          const staleUntil = clock.now() + random(5000) + 1;
          store.set(key, makeEntry(clock, { tags, body, staleUntil }));
        } else if (op < 7) store.get(key);
        else if (op === 7) store.delete(key);
        else if (op === 8) store.invalidateTags([`t${random(30)}`]);
        else clock.advance(random(1000));
      }

      const { entries } = store.stats();
      expect(store.invalidateTags(['all']), 'every entry is under "all"').to.equal(entries);
      expect(store.stats()).to.include({ entries: 0, bytes: 0, tags: 0 });
    });
  });

  describe('evictions', () => {
    it('counts entries pushed out by the entry limit, and nothing else', () => {
      const { store, clock } = storeWith({ maxEntries: 3 });
      for (const key of ['a', 'b', 'c']) store.set(key, makeEntry(clock, { tags: [key] }));
      expect(store.stats().evictions, 'full').to.equal(0);

      store.set('d', makeEntry(clock));
      expect(store.stats().evictions, 'one over').to.equal(1);

      store.set('d', makeEntry(clock, { etag: '"2"' }));
      store.delete('b');
      store.invalidateTags(['c']);
      clock.advance(1e9);
      store.get('d');
      expect(store.stats().evictions, 'after removals of other kinds').to.equal(1);
    });

    it('counts entries pushed out by the byte budget', () => {
      const { store, clock } = storeWith({ maxBytes: 10_000 });
      const entry = makeEntry(clock, { body: Buffer.alloc(1000) });
      for (let i = 0; i < 20; i++) store.set(`k${i}`, entry);

      const fit = Math.floor(10_000 / entrySize('k0', entry));
      expect(store.stats().entries, 'entries').to.equal(fit);
      expect(store.stats().evictions, 'evictions').to.equal(20 - fit);
    });
  });

  describe('#close()', () => {
    it('empties the store', () => {
      const { store, clock } = storeWith();
      store.set('k', makeEntry(clock, { tags: ['t'] }));
      store.close();

      expect(store.stats()).to.include({ entries: 0, tags: 0 });
    });
  });
});
