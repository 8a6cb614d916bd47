/**
 * The yardstick of the co-edited notes benchmark: Hocuspocus as shipped (its own `Server`, default
 * configuration), with no authentication and no persistence. Run by bench/notes-coedit.ts, which
 * pins it to the server core; it tells its parent its port once it listens.
 */
import { Server } from '@hocuspocus/server';

const server = new Server({ port: Number(process.env.PORT), address: '127.0.0.1', quiet: true });
await server.listen();
process.send?.({ port: Number(process.env.PORT) });
process.on('SIGTERM', () => {
  server.destroy().finally(() => process.exit(0));
});
