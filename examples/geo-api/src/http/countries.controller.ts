import {
  Cached,
  Controller,
  Ctx,
  Get,
  HttpError,
  Param,
  Query,
  type RequestContext,
} from '@fastjson-api/core';
import { GeoRepository } from '../data/index.js';
import {
  City,
  CityPage,
  Country,
  CountryCitiesQuery,
  CountryCode,
  CountryListQuery,
  CountryPage,
  NoQuery,
} from './schemas.js';
import { countryCitiesTag, countryTag } from './tags.js';

/**
 * Where the cities handler leaves the country's alpha-2 code for its cache
 * tag: the path may name the country by alpha-3 (`/countries/bra/cities`),
 * while a city write invalidates `country:<alpha-2>:cities`.
 */
const COUNTRY_CODE = Symbol('country-code');

@Controller('/countries')
export class CountriesController {
  constructor(private readonly geo: GeoRepository) {}

  @Get('/', { query: CountryListQuery, response: { 200: CountryPage }, summary: 'List countries' })
  @Cached({ ttl: '1h', tags: ['countries'] })
  list(@Query() query: CountryListQuery) {
    return this.geo.listCountries(query);
  }

  @Get('/:code', {
    params: CountryCode,
    query: NoQuery,
    response: { 200: Country },
    summary: 'One country by cca2 or cca3',
  })
  @Cached({ ttl: '1h', tags: (country: Country) => [countryTag(country.code)] })
  byCode(@Param('code') code: string) {
    const country = this.geo.getCountry(code);
    if (!country) throw HttpError.notFound(`No country has the code '${code}'.`);
    return country;
  }

  @Get('/:code/cities', {
    params: CountryCode,
    query: CountryCitiesQuery,
    response: { 200: CityPage },
    summary: "A country's cities, largest first",
  })
  @Cached({
    ttl: '10m',
    tags: (_page: CityPage, req) => [countryCitiesTag(req.state.get(COUNTRY_CODE) as string)],
  })
  cities(
    @Param('code') code: string,
    @Query() query: CountryCitiesQuery,
    @Ctx() ctx: RequestContext,
  ) {
    const country = this.geo.getCountry(code);
    if (!country) throw HttpError.notFound(`No country has the code '${code}'.`);
    ctx.state.set(COUNTRY_CODE, country.code);
    return this.geo.citiesOfCountry(country.code, query)!;
  }
}

type City = typeof City.static;
type CityPage = typeof CityPage.static;
type Country = typeof Country.static;
