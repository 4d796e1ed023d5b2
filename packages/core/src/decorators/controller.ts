import { injectable } from 'tsyringe';
import { setControllerMeta, type Constructor } from '../metadata.js';
import { markInjectable } from '../di/tokens.js';

/**
 * Declares a controller: a class whose decorated methods are routes under
 * `prefix`. Controllers take constructor injection like any service.
 *
 * @example
 * @Controller('/cities')
 * class CityController {
 *   constructor(private readonly cities: CityRepository) {}
 * }
 */
export function Controller(prefix = ''): ClassDecorator {
  return (target) => {
    const ctor = target as unknown as Constructor;
    setControllerMeta(ctor, { prefix });
    markInjectable(ctor, 'singleton');
    injectable()(ctor);
  };
}
