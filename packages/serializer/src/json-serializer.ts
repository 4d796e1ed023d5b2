import { stringifyJson } from '@fastjson-api/core';
import type { SerializerPlugin } from '@fastjson-api/core';

/**
 * A serializer that writes every body with `stringifyJson` from core:
 * JSON.stringify, plus BigInts written as JSON numbers with all their digits.
 * Nothing is filtered: every enumerable property of the result is sent.
 *
 * @example
 * const app = createApp({ plugins: [koaTransport(), jsonSerializer()] });
 */
export function jsonSerializer(): SerializerPlugin {
  return {
    name: 'json-serializer',
    kind: 'serializer',
    compile: () => stringifyJson,
  };
}
