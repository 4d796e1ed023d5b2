import { HttpError } from './errors.js';
import { PROBLEM_CONTENT_TYPE, type Reply } from './reply.js';

/** An RFC 9457 problem document. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/**
 * Turns anything thrown into a problem reply. An `HttpError` keeps its status
 * and (when exposed) its detail; anything else is a 500 that says nothing of
 * its cause: the stack and message belong in the log, not in the body.
 */
export function problemReply(error: unknown, instance: string): Reply {
  const problem = toProblem(error, instance);
  const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE };
  if (error instanceof HttpError) Object.assign(headers, error.headers);
  return { status: problem.status, headers, body: Buffer.from(JSON.stringify(problem)) };
}

export function toProblem(error: unknown, instance: string): ProblemDocument {
  if (!(error instanceof HttpError)) {
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server could not complete the request.',
      instance,
    };
  }
  const problem: ProblemDocument = { type: error.type, title: error.title, status: error.status };
  if (error.expose && error.detail !== undefined) problem.detail = error.detail;
  problem.instance = instance;
  for (const [name, value] of Object.entries(error.extensions)) {
    if (!(name in problem)) problem[name] = value;
  }
  return problem;
}

/** Whether an error is unexpected (a bug or an outage) and must be logged with its stack. */
export function isUnexpected(error: unknown): boolean {
  return !(error instanceof HttpError) || error.status >= 500;
}
