import { addParamMeta, type ParamKind, type Constructor } from '../metadata.js';

function param(kind: ParamKind, name?: string): ParameterDecorator {
  return (target, handler, index) => {
    if (handler === undefined) {
      throw new TypeError(
        `@${kind} decorates a route method's parameter, not a constructor parameter`,
      );
    }
    addParamMeta(target.constructor as Constructor, String(handler), { index, kind, name });
  };
}

/** A path parameter by name, coerced to its schema type; without a name, all of them. */
export const Param = (name?: string) => param('param', name);
/** A query field by name, coerced to its schema type; without a name, the whole query. */
export const Query = (name?: string) => param('query', name);
/** The validated JSON body. */
export const Body = () => param('body');
/** A request header by (case-insensitive) name; without a name, all of them. */
export const Header = (name?: string) => param('header', name?.toLowerCase());
/** The `RequestContext` of the request: raw request, status and header setters, state. */
export const Ctx = () => param('context');
