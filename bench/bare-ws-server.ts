/**
 * The yardstick of the live benchmark: a bare `ws` broadcast server. POST /publish makes one frame
 * (serialised once) and sends it to every connected socket; nothing else (no auth, no database).
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.env.PORT ?? 0);
let seq = 0;
const server = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/publish') {
    response.writeHead(404).end();
    return;
  }
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk;
  });
  request.on('end', () => {
    seq += 1;
    // The best a bare server does: serialised and encoded once, the same bytes to every socket.
    const frame = Buffer.from(
      JSON.stringify({ type: 'event', topic: 'bench', seq, event: JSON.parse(body || '{}') }),
    );
    for (const socket of wss.clients) socket.send(frame, { binary: false });
    response.writeHead(204).end();
  });
});
const wss = new WebSocketServer({ server, path: '/live' });
wss.on('connection', (socket) => {
  socket.on('message', () => socket.send(JSON.stringify({ type: 'subscribed', topic: 'bench', seq })));
});
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
