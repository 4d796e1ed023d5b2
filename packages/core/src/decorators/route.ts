import { addRouteMeta, type HttpMethod, type RouteOptions, type Constructor } from '../metadata.js';

function route(method: HttpMethod) {
  return (path = '', options: RouteOptions = {}): MethodDecorator =>
    (target, handler) => {
      addRouteMeta(target.constructor as Constructor, {
        method,
        path,
        handler: String(handler),
        options,
      });
    };
}

/**
 * Route decorators. `path` is relative to the controller prefix and uses
 * @koa/router syntax (`/:id`). `options` carries the route's schemas and how
 * it answers; see `RouteOptions`.
 *
 * @example
 * @Get('/:id', { params: CityIdParams, response: { 200: City } })
 */
export const Get = route('GET');
export const Post = route('POST');
export const Put = route('PUT');
export const Patch = route('PATCH');
export const Delete = route('DELETE');
