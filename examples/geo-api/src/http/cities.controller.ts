import {
  Body,
  Cached,
  Controller,
  Ctx,
  Get,
  HttpError,
  Invalidates,
  Param,
  Patch,
  Query,
  type RequestContext,
} from '@fastjson-api/core';
import {
  GeoRepository,
  normalizeName,
  type City as CityRecord,
  type CityChange,
} from '../data/index.js';
import {
  City,
  CityId,
  CityList,
  CityPatch,
  NearbyList,
  NearbyQuery,
  NoQuery,
  SearchQuery,
} from './schemas.js';
import { cityTag, cityTags, searchTag, tagsOfChange } from './tags.js';

/** Where the PATCH handler leaves what changed, for its @Invalidates. */
const CHANGE = Symbol('city-change');

@Controller('/cities')
export class CitiesController {
  constructor(private readonly geo: GeoRepository) {}

  @Get('/search', {
    query: SearchQuery,
    response: { 200: CityList },
    summary: 'Cities whose name starts with q',
  })
  @Cached({
    ttl: '10m',
    tags: (list: { items: CityRecord[] }, req) => [
      searchTag(normalizeName(String(req.query.q))),
      ...cityTags(list.items),
    ],
  })
  search(@Query() query: SearchQuery) {
    return { items: this.geo.searchCities(query.q, query.limit) };
  }

  @Get('/nearby', {
    query: NearbyQuery,
    response: { 200: NearbyList },
    summary: 'Nearest cities, nearest first',
  })
  @Cached({ ttl: '10m', tags: (list: { items: CityRecord[] }) => cityTags(list.items) })
  nearby(@Query() query: NearbyQuery) {
    const items = this.geo.nearby(query.lat, query.lon, query.radiusKm, query.limit);
    return {
      items: items.map((city) => ({
        ...city,
        distanceKm: Math.round(city.distanceKm * 1000) / 1000,
      })),
    };
  }

  @Get('/:id', { params: CityId, query: NoQuery, response: { 200: City }, summary: 'One city' })
  @Cached({ ttl: '10m', tags: (city: CityRecord) => [cityTag(city.id)] })
  byId(@Param('id') id: number) {
    const city = this.geo.getCity(id);
    if (!city) throw HttpError.notFound(`No city has the id ${id}.`);
    return city;
  }

  @Patch('/:id', {
    params: CityId,
    body: CityPatch,
    response: { 200: City },
    summary: 'Change a city',
  })
  @Invalidates((req) => {
    const change = req.state.get(CHANGE) as CityChange | undefined;
    return change ? tagsOfChange(change) : [];
  })
  update(@Param('id') id: number, @Body() patch: CityPatch, @Ctx() ctx: RequestContext) {
    const previous = this.geo.getCity(id);
    if (!previous) throw HttpError.notFound(`No city has the id ${id}.`);

    let change: CityChange | undefined;
    const stop = this.geo.onCityChange((c) => (change = c));
    try {
      this.geo.updateCity(id, patch);
    } finally {
      stop();
    }
    if (!change) return previous; // nothing changed: nothing to invalidate
    ctx.state.set(CHANGE, change);
    return change.city;
  }
}
