import { connect, createServer, type Socket } from 'node:net';

/**
 * A load balancer without sticky routing, for tests: each new TCP connection goes to the next
 * backend in turn, or to the one after when that one refuses it (a killed instance). Nothing ties a
 * client to the instance it reached before.
 */
export async function startRoundRobinProxy(initialBackends: number[]) {
  let backends = [...initialBackends];
  let next = 0;
  /** The backend port each accepted connection went to, in order. */
  const routed: number[] = [];
  const open = new Set<Socket>();

  function pipeTo(client: Socket, attempt: number) {
    if (attempt >= backends.length) return client.destroy();
    const port = backends[next++ % backends.length] ?? 0;
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      routed.push(port);
      open.add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
    });
    // Refused: the next backend is tried. Cut later: the client's connection ends with it.
    upstream.on('error', () => {
      if (!connected) pipeTo(client, attempt + 1);
    });
    upstream.once('close', () => {
      open.delete(upstream);
      if (connected) client.destroy();
    });
    client.once('close', () => upstream.destroy());
  }

  const server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    pipeTo(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    routed,
    /** Replaces the backends (an instance restarted on another port). */
    setBackends(ports: number[]) {
      backends = [...ports];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
