import { pino, type Logger, type LoggerOptions } from 'pino';

/** `false` silences the app; options build a pino logger; a logger is used as given. */
export type LoggerSetting = Logger | LoggerOptions | false | undefined;

export function createLogger(setting: LoggerSetting): Logger {
  if (setting === false) return pino({ level: 'silent' });
  if (
    setting &&
    typeof (setting as Logger).info === 'function' &&
    typeof (setting as Logger).child === 'function'
  ) {
    return setting as Logger;
  }
  const options = (setting ?? {}) as LoggerOptions;
  return pino({ level: process.env.LOG_LEVEL ?? 'info', ...options });
}
