import { Cached, Controller, Get, HttpError, Param, Query } from '@fastjson-api/core';
import { GeoRepository } from '../data/index.js';
import { City, CityPage, Country, CountryCitiesQuery, CountryCode, CountryListQuery, CountryPage } from './schemas.js';
import { countryCitiesTag, countryTag } from './tags.js';

@Controller('/countries')
export class CountriesController {
  constructor(private readonly geo: GeoRepository) {}

  @Get('/', { query: CountryListQuery, response: { 200: CountryPage }, summary: 'List countries' })
  @Cached({ ttl: '1h', tags: ['countries'] })
  list(@Query() query: CountryListQuery) {
    return this.geo.listCountries(query);
  }

  @Get('/:code', { params: CountryCode, response: { 200: Country }, summary: 'One country by cca2 or cca3' })
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
  @Cached({ ttl: '10m', tags: (_page: CityPage, req) => [countryCitiesTag(String(req.params.code).toUpperCase())] })
  cities(@Param('code') code: string, @Query() query: CountryCitiesQuery) {
    const country = this.geo.getCountry(code);
    if (!country) throw HttpError.notFound(`No country has the code '${code}'.`);
    return this.geo.citiesOfCountry(country.code, query)!;
  }
}

type City = typeof City.static;
type CityPage = typeof CityPage.static;
type Country = typeof Country.static;
