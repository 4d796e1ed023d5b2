import {
  HttpError,
  problemReply,
  type FieldError,
  type Plugin,
  type Reply,
} from '@fastjson-api/core';

/**
 * A plugin that answers the kit's validation failures the way the RealWorld
 * spec asks: `422 Unprocessable Content` instead of `400`, with the spec's
 * `errors: { body: ["/body/user/email is required", ...] }`. The kit's own
 * list of failing fields moves to the `fields` member, so that nothing is
 * lost. It stays a problem document.
 *
 * The kit has no option for the status or the shape of a validation error,
 * so this rewrites the reply on its way out. Route interceptors see only
 * what reaches a route: a body that is not JSON at all is refused by the
 * transport before that, and stays a `400` without `errors`.
 */
export function validationProblems(): Plugin {
  return {
    name: 'realworld-validation-problems',
    kind: 'other',
    intercept: () => async (_ctx, next) => rewrite(await next()),
  };
}

function rewrite(reply: Reply): Reply {
  if (reply.status !== 400 || !reply.body) return reply;

  const problem = JSON.parse(reply.body.toString()) as {
    detail?: string;
    instance?: string;
    errors?: unknown;
    errorsOmitted?: number;
  };
  if (!Array.isArray(problem.errors)) return reply;

  const fields = problem.errors as FieldError[];
  const extensions: Record<string, unknown> = {
    errors: { body: fields.map((field) => `${field.pointer} ${field.reason}`) },
    fields,
  };
  if (problem.errorsOmitted !== undefined) extensions.errorsOmitted = problem.errorsOmitted;

  const error = new HttpError(422, problem.detail, { extensions });
  const rewritten = problemReply(error, problem.instance ?? '');
  // Keep what other plugins said about the reply, such as X-Cache.
  return { ...rewritten, headers: { ...reply.headers, ...rewritten.headers } };
}
