/** Serving an emulator on the loopback interface: listen, learn the port, close for good. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackService {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0: any free one) and resolves once the port is open. */
export async function serveOnLoopback(server: Server, port = 0): Promise<LoopbackService> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep sockets alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}
