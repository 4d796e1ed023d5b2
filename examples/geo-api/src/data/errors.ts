import { HttpError } from '@fastjson-api/core';

const SHOWN_CHARS = 64;

/**
 * A `cursor` that no page of this API produced (edited, truncated, or from
 * another API). It is a 400 HttpError, so a handler can let it through and
 * the client gets a problem document; catch it to word the answer otherwise.
 */
export class InvalidCursorError extends HttpError {
  /** The token received. */
  readonly cursor: string;

  constructor(cursor: string) {
    const shown = cursor.length > SHOWN_CHARS ? `${cursor.slice(0, SHOWN_CHARS)}…` : cursor;
    super(
      400,
      `The cursor '${shown}' is not one this API issued: ` +
        'pass back nextCursor exactly as received, or leave cursor out for the first page',
    );
    this.cursor = cursor;
  }
}
