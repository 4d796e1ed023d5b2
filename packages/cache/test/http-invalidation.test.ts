import { expect } from 'chai';
import {
  Body,
  Cached,
  Controller,
  Delete,
  Get,
  HttpError,
  Invalidates,
  Param,
  Patch,
  Post,
  Put,
  type Clock,
} from '@fastjson-api/core';
import { MemoryStore, responseCache } from '../src/index.js';
import { PATHS, recordingLogger, settle, signal, until, useCachedApps } from './support/http.js';

interface City {
  id: string;
  name: string;
}

/** Cities with a cached list and cached items; writes invalidate by tag. */
function citiesController() {
  const cities = new Map<string, City>([
    ['1', { id: '1', name: 'Bern' }],
    ['2', { id: '2', name: 'Basel' }],
  ]);
  const calls = { list: 0, item: 0 };

  @Controller('/cities')
  class CityController {
    @Get()
    @Cached({ ttl: 60, tags: ['cities'] })
    list() {
      calls.list++;
      return [...cities.values()];
    }

    @Get('/:id')
    @Cached({ ttl: 60, tags: (city: City) => [`city:${city.id}`] })
    byId(@Param('id') id: string) {
      calls.item++;
      const city = cities.get(id);
      if (!city) throw HttpError.notFound(`no city ${id}`);
      return city;
    }

    @Patch('/:id')
    @Invalidates((req, result: City) => [`city:${result.id}`, 'cities'])
    rename(@Param('id') id: string, @Body() body: { name: string }) {
      const city = cities.get(id);
      if (!city) throw HttpError.notFound(`no city ${id}`);
      if (body.name === '') throw HttpError.conflict('a city needs a name');
      city.name = body.name;
      return city;
    }

    @Post()
    @Invalidates(['cities'])
    add(@Body() body: City) {
      if (cities.has(body.id)) throw HttpError.conflict(`city ${body.id} exists`);
      cities.set(body.id, body);
      return body;
    }

    @Delete('/:id')
    @Invalidates((req) => [`city:${req.params.id}`, 'cities'])
    remove(@Param('id') id: string) {
      cities.delete(id);
    }
  }
  return { controller: CityController, calls, cities };
}

const rename = (id: string, name: string) => ({
  method: 'PATCH',
  path: `/cities/${id}`,
  json: { name },
});

describe('@Invalidates (HTTP)', () => {
  for (const { name, frontDoor } of PATHS) {
    describe(name, () => {
      const start = useCachedApps();
      const memory = { frontDoor };

      it('removes the entries of a listed tag after a 2xx write: the next read is fresh', async () => {
        const { controller, calls } = citiesController();
        const { request } = await start({ controllers: [controller], memory });

        await request('/cities');
        const created = await request({
          method: 'POST',
          path: '/cities',
          json: { id: '3', name: 'Chur' },
        });
        const after = await request('/cities');

        expect(created.status).to.equal(200);
        expect(after.headers['x-cache']).to.equal('MISS');
        expect(after.json.map((c: City) => c.name)).to.deep.equal(['Bern', 'Basel', 'Chur']);
        expect(calls.list).to.equal(2);
      });

      it('takes tags from a function of the request and the result, and leaves other tags alone', async () => {
        const { controller } = citiesController();
        const { request } = await start({ controllers: [controller], memory });

        await request('/cities/1');
        await request('/cities/2');
        await request(rename('1', 'Berne'));
        const renamed = await request('/cities/1');
        const other = await request('/cities/2');

        expect(renamed.headers['x-cache']).to.equal('MISS');
        expect(renamed.json).to.deep.equal({ id: '1', name: 'Berne' });
        expect(other.headers['x-cache']).to.equal('HIT');
      });

      it('removes every entry that carries the tag', async () => {
        const { controller } = citiesController();
        const { request } = await start({ controllers: [controller], memory });

        await request('/cities');
        await request('/cities/2');
        await request({ method: 'DELETE', path: '/cities/2' });
        const list = await request('/cities');
        const item = await request('/cities/2');

        expect(list.headers['x-cache']).to.equal('MISS');
        expect(list.json).to.deep.equal([{ id: '1', name: 'Bern' }]);
        expect(item.status).to.equal(404);
      });

      it('invalidates nothing when the write answers with an error', async () => {
        const { controller } = citiesController();
        const { request } = await start({ controllers: [controller], memory });

        await request('/cities');
        await request('/cities/1');
        const conflict = await request(rename('1', ''));
        const duplicate = await request({
          method: 'POST',
          path: '/cities',
          json: { id: '1', name: 'Bern' },
        });

        expect(conflict.status).to.equal(409);
        expect(duplicate.status).to.equal(409);
        expect((await request('/cities')).headers['x-cache']).to.equal('HIT');
        expect((await request('/cities/1')).headers['x-cache']).to.equal('HIT');
      });

      it('finishes invalidating before it answers the write, even with a slow store', async () => {
        const { controller } = citiesController();
        const gate = signal();
        const reached = signal();
        const cache = responseCache(
          (clock: Clock) => {
            const store = new MemoryStore({ clock });
            const invalidate = store.invalidateTags.bind(store);
            return Object.assign(store, {
              invalidateTags: async (tags: readonly string[]) => {
                reached.resolve();
                await gate.promise;
                return invalidate(tags);
              },
            });
          },
          { frontDoor },
        );
        const { request } = await start({ controllers: [controller], cache });

        await request('/cities/1');
        let answered = false;
        const write = request(rename('1', 'Berne')).then((res) => {
          answered = true;
          return res;
        });
        await reached.promise;
        await settle();
        const answeredBeforeInvalidation = answered;
        gate.resolve();
        await write;
        const read = await request('/cities/1');

        expect(
          answeredBeforeInvalidation,
          'write answered before its invalidation finished',
        ).to.equal(false);
        expect(read.headers['x-cache']).to.equal('MISS');
        expect(read.json).to.deep.equal({ id: '1', name: 'Berne' });
      });

      it('gives a client that writes during another client’s miss the new data on its next read', async () => {
        const state = { text: 'first', hold: Promise.resolve() };
        @Controller('/doc')
        class DocumentController {
          @Get()
          @Cached({ ttl: 60, tags: ['doc'] })
          async read() {
            const text = state.text;
            await state.hold;
            return { text };
          }

          @Put()
          @Invalidates(['doc'])
          write(@Body() body: { text: string }) {
            state.text = body.text;
            return { text: state.text };
          }
        }
        const { request, cache } = await start({ controllers: [DocumentController], memory });

        const gate = signal();
        state.hold = gate.promise;
        const slowRead = request('/doc');
        await until(() => cache.stats().total.misses === 1);
        const write = await request({ method: 'PUT', path: '/doc', json: { text: 'second' } });
        const readAfterWrite = request('/doc');
        await settle();
        gate.resolve();
        const [before, after] = await Promise.all([slowRead, readAfterWrite]);
        const later = await request('/doc');

        expect(write.status).to.equal(200);
        expect(before.json, 'the read that began before the write').to.deep.equal({
          text: 'first',
        });
        expect(after.json, 'the writer’s read').to.deep.equal({ text: 'second' });
        expect(later.json, 'a later read').to.deep.equal({ text: 'second' });
      });

      it('does not keep what a background refresh read before a write invalidated its tag', async () => {
        const state = { text: 'first', hold: Promise.resolve() };
        @Controller('/doc')
        class DocumentController {
          @Get()
          @Cached({ ttl: 60, swr: 60, tags: ['doc'] })
          async read() {
            const text = state.text;
            await state.hold;
            return { text };
          }

          @Put()
          @Invalidates(['doc'])
          write(@Body() body: { text: string }) {
            state.text = body.text;
            return { text: state.text };
          }
        }
        const { request, clock } = await start({ controllers: [DocumentController], memory });

        await request('/doc');
        clock.advance(61_000);
        const gate = signal();
        state.hold = gate.promise;
        const stale = await request('/doc'); // starts a refresh that reads 'first', then waits
        state.hold = Promise.resolve();
        await request({ method: 'PUT', path: '/doc', json: { text: 'second' } });
        const afterWrite = await request('/doc');
        gate.resolve(); // the refresh now answers 'first'
        await settle();
        const later = await request('/doc');

        expect(stale.headers['x-cache']).to.equal('STALE');
        expect(afterWrite.json).to.deep.equal({ text: 'second' });
        expect(later.headers['x-cache']).to.equal('HIT');
        expect(later.json).to.deep.equal({ text: 'second' });
      });

      it('logs a failing tag function and still answers the write', async () => {
        @Controller('/notes')
        class NoteController {
          @Post()
          @Invalidates(() => {
            throw new Error('bad tags');
          })
          add() {
            return { ok: true };
          }
        }
        const { logger, lines } = recordingLogger();
        const { request } = await start({ controllers: [NoteController], memory, logger });

        const res = await request({ method: 'POST', path: '/notes', json: {} });

        expect(res.status).to.equal(200);
        expect(res.json).to.deep.equal({ ok: true });
        const error = lines.find((line) => line.level === 'error')!;
        expect(error.message).to.match(/invalidation failed/);
        expect((error.fields.err as Error).message).to.equal('bad tags');
      });
    });
  }
});
