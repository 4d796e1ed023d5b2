import validate from 'validate-npm-package-name';

/**
 * Why npm would refuse `name` for a new package, as one sentence, or
 * `undefined` when npm accepts it.
 */
export function nameProblem(name: string): string | undefined {
  const result = validate(name);
  if (result.validForNewPackages) return undefined;
  const reasons = [...(result.errors ?? []), ...(result.warnings ?? [])];
  return `'${name}' cannot be an npm package name: ${reasons.join('; ')}.`;
}
