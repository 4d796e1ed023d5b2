/**
 * JSON.stringify with one added rule: a BigInt is written as a JSON number
 * with all of its digits (`12345678901234567890`), as fast-json-stringify
 * writes an integer field. JSON.stringify alone throws on a BigInt.
 *
 * The plain JSON.stringify runs first; the slower walk below runs only when
 * the value holds a BigInt, so ordinary bodies pay nothing for the rule.
 */
export function stringifyJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    if (error instanceof TypeError && /BigInt/i.test(error.message)) {
      return writeValue(value, '') ?? 'null';
    }
    throw error;
  }
}

function writeValue(value: unknown, key: string): string | undefined {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'string':
    case 'number':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value)
        ? writeArray(value)
        : writeObject(value as Record<string, unknown>);
    default:
      return undefined; // undefined, functions and symbols are skipped, as JSON.stringify does
  }
}

function writeArray(items: unknown[]): string {
  const parts = items.map((item, index) => writeValue(item, String(index)) ?? 'null');
  return `[${parts.join(',')}]`;
}

function writeObject(object: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(object)) {
    const written = writeValue(object[key], key);
    if (written !== undefined) parts.push(`${JSON.stringify(key)}:${written}`);
  }
  return `{${parts.join(',')}}`;
}
