// The kit's geo example, as users run it; CACHE=off disables the response cache.
import { buildGeoApp } from '@fastjson-api/example-geo-api/app';
import { cacheOn } from '../geo-routes.js';
import { ready } from './ready.js';

const { app } = await buildGeoApp({ logger: false, cacheEnabled: cacheOn });
await app.listen(Number(process.env.PORT), '127.0.0.1');
ready({ address: () => app.address! });
