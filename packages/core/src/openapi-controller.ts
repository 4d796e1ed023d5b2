import { Controller } from './decorators/controller.js';
import { Get } from './decorators/route.js';
import type { Constructor } from './metadata.js';
import type { CompiledRoute } from './route.js';
import { openApiDocument, type OpenApiOptions } from './openapi.js';

/**
 * The controller `createApp({ openapi })` adds: one GET route answering the
 * document of every other route. The document is built on the first request,
 * once every route is compiled, and kept.
 */
export function openApiController(
  options: OpenApiOptions,
  routes: () => readonly CompiledRoute[],
): Constructor {
  const path = options.path ?? '/openapi.json';
  let document: unknown;

  @Controller(path)
  class OpenApiDocumentController {
    @Get('', { summary: 'This OpenAPI document' })
    document() {
      document ??= openApiDocument(
        routes().filter((route) => route.controller !== OpenApiDocumentController),
        options,
      );
      return document;
    }
  }
  return OpenApiDocumentController;
}
