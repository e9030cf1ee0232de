/** Fake HTTP(S) servers on 127.0.0.1 for faults a real Prometheus cannot be made to produce. */
import { once } from 'node:events';
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';

/** Listens on an OS-chosen port of 127.0.0.1 and returns the base URL. */
export async function listenLocal(
  server: HttpServer | HttpsServer,
  scheme: 'http' | 'https' = 'http',
): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return `${scheme}://127.0.0.1:${address.port}`;
}

/** Stops the server and drops its open connections (a hanging request included). */
export function closeServer(server: HttpServer | HttpsServer): void {
  server.closeAllConnections();
  server.close();
}
