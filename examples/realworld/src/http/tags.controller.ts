import { Cached, Controller, Get } from '@fastjson-api/core';
import { ArticleService } from '../services/article.service.js';
import { TAGS } from './cache-tags.js';
import { NoQuery, TagListResponse } from './schemas.js';

/** The tags in use. */
@Controller('/api/tags')
export class TagsController {
  constructor(private readonly articles: ArticleService) {}

  /** The same for everyone; a request with a token bypasses the cache all the same. */
  @Get('/', {
    query: NoQuery,
    response: { 200: TagListResponse },
    summary: 'Tags, most used first',
  })
  @Cached({ ttl: '10m', tags: [TAGS] })
  list(): { tags: string[] } {
    return { tags: this.articles.tags() };
  }
}
