import { expect } from 'chai';
import { Validator } from '@seriousme/openapi-schema-validator';
import { useGeoApi } from './geo-api-client.js';
import { sharedRepository } from './shared-repository.js';

describe('GET /openapi.json', () => {
  const api = useGeoApi(sharedRepository);

  it('is a valid OpenAPI 3.1 document of every route', async () => {
    const res = await api.get('/openapi.json');

    expect(res.status).to.equal(200);
    expect((await new Validator().validate(res.json)).valid).to.equal(true);
    expect(Object.keys(res.json.paths)).to.have.members([
      '/health',
      '/countries',
      '/countries/{code}',
      '/countries/{code}/cities',
      '/cities/search',
      '/cities/nearby',
      '/cities/{id}',
    ]);
    expect(res.json.paths['/cities/{id}']).to.have.all.keys('get', 'patch');
  });

  it('says which routes are cached and for how long', async () => {
    const { json } = await api.get('/openapi.json');

    const byId = json.paths['/cities/{id}'].get;
    expect(byId['x-fastjson-cache'])
      .to.include({ scope: 'shared' })
      .and.have.property('ttl')
      .that.is.above(0);
    expect(byId.responses['200'].headers).to.have.all.keys(
      'ETag',
      'X-Cache',
      'Cache-Control',
      'Age',
    );
    expect(byId.responses).to.have.property('304');
    expect(json.paths['/health'].get).to.not.have.property('x-fastjson-cache');
    expect(json.paths['/cities/{id}'].patch).to.not.have.property('x-fastjson-cache');
  });

  it('lists the query parameters with the bounds the route checks', async () => {
    const { json } = await api.get('/openapi.json');

    const nearby = json.paths['/cities/nearby'].get.parameters;
    const lat = nearby.find((p: { name: string }) => p.name === 'lat');
    expect(lat).to.deep.include({ in: 'query', required: true });
    expect(lat.schema).to.include({ minimum: -90, maximum: 90 });
  });
});
