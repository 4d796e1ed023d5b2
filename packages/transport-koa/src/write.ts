import type { ServerResponse } from 'node:http';
import type { Reply } from '@fastjson-api/core';

/**
 * Writes a reply straight to the socket: one writeHead, one end. HEAD gets
 * the headers a GET would get, Content-Length included, and no body.
 */
export function writeReply(res: ServerResponse, reply: Reply, head: boolean): void {
  const headers: Record<string, string | string[] | number> = { ...reply.headers };
  if (reply.body !== undefined) headers['content-length'] = reply.body.length;

  res.writeHead(reply.status, headers);
  res.end(head ? undefined : reply.body);
}
