import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses API answers above 1 KiB (brotli or gzip, as the client accepts). Static assets are
 * compressed once at build time and sent as they are (`preCompressed` in the web app), which this
 * plugin leaves alone because they already carry `Content-Encoding`.
 *
 * Levels are chosen for answers made per request on a 2-core machine: brotli 4 and gzip 5 compress
 * JSON nearly as well as the maximum levels at a small fraction of the CPU.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 5 },
  });
}
