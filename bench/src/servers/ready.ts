import type { AddressInfo } from 'node:net';

/** Tells the benchmark runner (our parent process) that the server listens. */
export function ready(server: { address(): AddressInfo | string | null }): void {
  const address = server.address() as AddressInfo;
  process.send?.({ ready: true, port: address.port });
}
