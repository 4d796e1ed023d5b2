// The kit with one cached route whose every id is its own entry, on a memory
// store of MAX_BYTES. Started with --expose-gc; on { measure: true } over IPC
// it collects garbage and answers with its memory use and the cache's stats.
import { Cached, Controller, Get, Param, Type, createApp } from '@fastjson-api/core';
import { koaTransport } from '@fastjson-api/transport-koa';
import { CacheService, memoryCache } from '@fastjson-api/cache';
import { schemaSerializer } from '@fastjson-api/serializer';
import { ready } from './ready.js';

const Record = Type.Object({ id: Type.Integer(), name: Type.String(), notes: Type.String() });
const Params = Type.Object({ id: Type.Integer({ minimum: 0 }) });
/** About 1 KB of body per entry, so that a few hundred thousand keys would be hundreds of MB unbounded. */
const NOTES = 'x'.repeat(1000);

@Controller()
class RecordController {
  @Get('/records/:id', { params: Params, response: { 200: Record } })
  @Cached({ ttl: '1h', tags: (record) => [`record:${record.id}`, 'records'] })
  one(@Param('id') id: number) {
    return { id, name: `record ${id}`, notes: NOTES };
  }
}

const app = createApp({
  controllers: [RecordController],
  plugins: [
    koaTransport(),
    memoryCache({ maxBytes: process.env.MAX_BYTES ?? '16mb' }),
    schemaSerializer(),
  ],
  logger: { level: 'silent' },
});
await app.listen(Number(process.env.PORT), '127.0.0.1');
const cache = app.container.resolve(CacheService);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-kit needs node --expose-gc');
process.on('message', (message: { measure?: boolean }) => {
  if (!message.measure) return;
  gc();
  gc();
  const { heapUsed, external, arrayBuffers, rss } = process.memoryUsage();
  const { store } = cache.stats();
  process.send?.({ memory: { heapUsed, external, arrayBuffers, rss }, store });
});
ready({ address: () => app.address! });
