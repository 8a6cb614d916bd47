/**
 * Preloaded into the server a benchmark starts (`node --expose-gc --import ./bench/memory-probe.ts`):
 * answers `{ memory: true, gc?: boolean }` on the IPC channel with the process's RSS and V8 heap, so
 * the benchmark reads the heap from outside. Never part of the product.
 */
declare const gc: (() => void) | undefined;

if (process.send) {
  process.on('message', (message: { memory?: boolean; gc?: boolean }) => {
    if (!message?.memory) return;
    if (message.gc && typeof gc === 'function') gc();
    const { rss, heapUsed, heapTotal } = process.memoryUsage();
    process.send?.({ rss, heapUsed, heapTotal });
  });
  // Listening must not keep a stopping server alive.
  process.channel?.unref();
}
