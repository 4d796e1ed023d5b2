import type { ServerResponse } from 'node:http';
import type { Reply } from '@fastjson-api/core';

/**
 * Writes a reply straight to the socket: one writeHead, one end. HEAD gets
 * the headers a GET would get, Content-Length included, and no body.
 */
export function writeReply(res: ServerResponse, reply: Reply, head: boolean): void {
  // A flat [name, value, ...] list: no copy of the (possibly shared) reply headers.
  const headers: Array<string | string[]> = [];
  for (const name in reply.headers) headers.push(name, reply.headers[name]!);
  if (reply.body !== undefined) headers.push('content-length', String(reply.body.length));

  res.writeHead(reply.status, headers as string[]);
  res.end(head ? undefined : reply.body);
}
