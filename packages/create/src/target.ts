import { readdirSync, statSync } from 'node:fs';

/** Whether `directory` is missing or an empty folder: the only places we write to. */
export function targetProblem(directory: string, shown: string): string | undefined {
  let stats;
  try {
    stats = statSync(directory);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) {
    return `'${shown}' exists and is a file. Choose another name.`;
  }
  if (readdirSync(directory).length > 0) {
    return `The folder '${shown}' already exists and is not empty. Choose another name, or move its contents away.`;
  }
  return undefined;
}
