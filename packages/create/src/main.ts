import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseCliArgs, USAGE, type CliArgs } from './args.js';
import { resolveAnswers, type Answers } from './answers.js';
import { createProject, interrupted, type Plan } from './create.js';
import { CliError, CreateErrorCodes } from './errors.js';
import { isKitPackage, kitFolder, kitSpec, type KitSource } from './kit.js';
import { nameProblem } from './names.js';
import { targetProblem } from './target.js';
import { findTemplate, ownVersion } from './template.js';
import { plainUi, terminalUi, type Ui } from './ui.js';

/**
 * Runs the command with `argv` (the arguments after the script) and returns
 * the exit code: 0 when the project is there, 1 when it was refused or
 * failed, 130 when interrupted. Nothing is left on disk unless it returns 0.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const ui = process.stdout.isTTY ? terminalUi() : plainUi();
  const controller = new AbortController();
  let writing = false;
  const onSignal = () => {
    // Before the first write there is nothing to undo.
    if (!writing) process.exit(130);
    controller.abort(interrupted());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const args = parseCliArgs(argv);
    if (args.help) return print(USAGE);
    if (args.version) return print(ownVersion());

    ui.intro(`create-fastjson-api ${ownVersion()}`);
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY) && !args.yes;
    const plan = makePlan(args, await resolveAnswers(args, interactive));
    writing = true;
    const untrap = trapExit(onSignal);
    try {
      await createProject(plan, ui, controller.signal);
    } finally {
      untrap();
    }
    ui.outro(`${plan.packageName} is ready.`, nextSteps(plan));
    return 0;
  } catch (error) {
    return report(error, ui);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/**
 * While the spinner runs, @clack/prompts reads the terminal in raw mode and
 * answers Ctrl-C with `process.exit(0)` (bombshell-dev/clack#573): that would
 * skip the cleanup, leave npm running and report success. Until `create`
 * returns, an exit call becomes an interruption instead. Remove this once
 * the spinner hands Ctrl-C to its `onCancel` (bombshell-dev/clack#581).
 */
function trapExit(onInterrupt: () => void): () => void {
  const exit = process.exit;
  process.exit = (() => onInterrupt()) as typeof process.exit;
  return () => {
    process.exit = exit;
  };
}

/** Checks every answer against the disk and the kit; throws a CliError before anything is written. */
function makePlan(args: CliArgs, answers: Answers): Plan {
  const directory = resolve(answers.directory);
  const packageName = basename(directory);
  const badName = nameProblem(packageName);
  if (badName) {
    throw new CliError(
      CreateErrorCodes.BAD_NAME,
      `${badName}\nThe folder name becomes the package name: use lowercase letters, digits, '-', '.' and '_'.`,
    );
  }
  const notEmpty = targetProblem(directory, answers.directory);
  if (notEmpty) throw new CliError(CreateErrorCodes.NOT_EMPTY, notEmpty);

  const kit = kitSource(args);
  const template = findTemplate();
  checkKit(template, kit);
  return {
    directory,
    shown: answers.directory,
    packageName,
    cache: answers.cache,
    kit,
    template,
    install: args.install,
    git: args.git,
  };
}

function kitSource(args: CliArgs): KitSource {
  if (args.kitPath !== undefined)
    return { kind: 'checkout', root: kitFolder('--kit-path', args.kitPath) };
  if (args.kitTarballs !== undefined)
    return { kind: 'tarballs', folder: kitFolder('--kit-tarballs', args.kitTarballs) };
  return { kind: 'registry', version: ownVersion() };
}

/** Resolves every kit dependency of the template now, so a bad --kit-* folder fails before any write. */
function checkKit(template: string, kit: KitSource): void {
  const manifest = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (isKitPackage(name)) kitSpec(name, kit);
  }
}

function nextSteps(plan: Plan): string[] {
  const folder = relative(process.cwd(), plan.directory) || '.';
  const steps =
    folder === '.' ? [] : [`cd ${folder.includes(' ') ? JSON.stringify(folder) : folder}`];
  if (!plan.install) steps.push('npm install');
  steps.push(
    'npm start                               # http://localhost:3000/health',
    'npm test',
    'npm run generate -- controller orders   # add a resource',
  );
  if (plan.cache === 'redis')
    steps.push('', 'CACHE=redis needs a Redis at REDIS_URL (default redis://127.0.0.1:6379).');
  return steps;
}

function report(error: unknown, ui: Ui): number {
  if (error instanceof CliError) {
    ui.error(error.message);
    return error.exitCode;
  }
  ui.error(
    `Unexpected failure; please report it with this output.\n${(error as Error)?.stack ?? String(error)}`,
  );
  return 1;
}

function print(text: string): number {
  process.stdout.write(`${text}\n`);
  return 0;
}
