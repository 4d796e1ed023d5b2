/** Error codes of create-fastjson-api, stable across versions. */
export const CreateErrorCodes = {
  BAD_ARGUMENTS: 'FJA_ERR_CREATE_BAD_ARGUMENTS',
  BAD_NAME: 'FJA_ERR_CREATE_BAD_NAME',
  NOT_EMPTY: 'FJA_ERR_CREATE_NOT_EMPTY',
  BAD_KIT: 'FJA_ERR_CREATE_BAD_KIT',
  NO_TEMPLATE: 'FJA_ERR_CREATE_NO_TEMPLATE',
  INSTALL_FAILED: 'FJA_ERR_CREATE_INSTALL_FAILED',
  INTERRUPTED: 'FJA_ERR_CREATE_INTERRUPTED',
} as const;

export type CreateErrorCode = (typeof CreateErrorCodes)[keyof typeof CreateErrorCodes];

/**
 * A reason to stop that the user can act on. The CLI prints the message
 * (what went wrong, the value received, how to fix it) and exits with
 * `exitCode`; no stack trace.
 */
export class CliError extends Error {
  readonly code: CreateErrorCode;
  readonly exitCode: number;

  constructor(code: CreateErrorCode, message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    this.exitCode = exitCode;
  }
}
