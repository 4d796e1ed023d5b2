import { intro, log, note, outro, spinner } from '@clack/prompts';

/** How the command reports progress: a spinner on a terminal, plain lines elsewhere. */
export interface Ui {
  intro(title: string): void;
  /** Starts (or moves on to) a step that takes time. */
  step(message: string): void;
  /** Ends the current step as done. */
  done(message: string): void;
  /** Ends the current step as failed; the error itself is reported by `error`. */
  failed(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  outro(title: string, lines: readonly string[]): void;
}

/** Spinner and boxes from @clack/prompts, for a terminal. */
export function terminalUi(): Ui {
  let spinning = false;
  // On SIGINT the spinner stops itself (printing "Canceled"); our handler does the rest.
  const spin = spinner({ onCancel: () => (spinning = false) });
  return {
    intro: (title) => intro(title),
    step(message) {
      if (spinning) spin.message(message);
      else spin.start(message);
      spinning = true;
    },
    done(message) {
      if (spinning) spin.stop(message);
      else log.success(message);
      spinning = false;
    },
    failed(message) {
      if (spinning) spin.error(message);
      spinning = false;
    },
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
    outro(title, lines) {
      note(lines.join('\n'), 'Next steps');
      outro(title);
    },
  };
}

/** One line per event, no escape codes: for pipes, CI logs and tests. */
export function plainUi(): Ui {
  const line = (text: string) => process.stdout.write(`${text}\n`);
  return {
    intro: (title) => line(title),
    step: (message) => line(`- ${message}...`),
    done: (message) => line(`✔ ${message}`),
    failed: (message) => line(`✖ ${message}`),
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
    error: (message) => process.stderr.write(`error: ${message}\n`),
    outro(title, lines) {
      line(`\n${title}\n\nNext steps:`);
      for (const text of lines) line(`  ${text}`);
    },
  };
}
