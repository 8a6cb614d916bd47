import { Worker } from 'node:worker_threads';
import type { ImportedSession } from '../../../domain/pad-import/imported-session.ts';
import { AppError } from '../../http/errors.ts';

/** What the importing thread sends to the parsing thread. */
export interface ParseRequest {
  id: number;
  text: string;
}

/** Notes read into a session; `session.unplaced` holds only the first of `unplacedCount` lines. */
export interface ParsedPad {
  session: ImportedSession;
  unplacedCount: number;
}

/** What the parsing thread answers: that it is ready, then one reply per request. */
export type ParseReply = 'ready' | ({ id: number } & ParsedPad) | { id: number; error: string };

export interface PadParser {
  /** The notes read into a session; INVALID_INPUT when reading them outlasts the time limit. */
  parse(text: string): Promise<ParsedPad>;
  /** Starts the worker ahead of the first import, which would otherwise wait for its modules to load. */
  warm(): void;
  close(): Promise<void>;
}

interface Job {
  id: number;
  text: string;
  resolve: (parsed: ParsedPad) => void;
  reject: (error: Error) => void;
}

const workerUrl = new URL('./pad-parse-worker.ts', import.meta.url);
// Imports are rare (facilitators, a few a day): a short queue is plenty, and its bound keeps one
// account from piling up minutes of parsing.
const maxWaiting = 16;
// A megabyte of notes needs a few tens of MB; the cap turns a runaway into a refusal, not a crash.
const maxHeapMb = 256;

/**
 * Reads pad notes on one worker thread, one import at a time, so that no text, however shaped,
 * holds up the requests of everyone else. A parse that outlasts `timeLimitMs` (counted from the
 * moment the worker starts on it) is stopped by terminating the worker, which the next import
 * replaces; its request gets a clear 400 rather than a wait.
 */
export function createPadParser(options: { timeLimitMs: number }): PadParser {
  const waiting: Job[] = [];
  let worker: Worker | null = null;
  let isReady = false;
  let running: { job: Job; timer: NodeJS.Timeout } | null = null;
  let lastId = 0;
  let isClosed = false;

  function start(): void {
    const started = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    // Idle, it must not keep a stopping server alive; close() ends it anyway.
    started.unref();
    started.on('message', (reply: ParseReply) => onReply(started, reply));
    started.on('error', (error) => onStop(started, error));
    started.on('exit', (code) => onStop(started, new Error(`pad parser exited with code ${code}`)));
    worker = started;
    isReady = false;
  }

  function pump(): void {
    if (isClosed || running || waiting.length === 0) return;
    if (!worker) {
      start();
      return;
    }
    if (!isReady) return;
    const job = waiting.shift();
    if (!job) return;
    const timer = setTimeout(() => onTimeout(job), options.timeLimitMs);
    running = { job, timer };
    worker.postMessage({ id: job.id, text: job.text } satisfies ParseRequest);
  }

  function onReply(from: Worker, reply: ParseReply): void {
    if (from !== worker) return;
    if (reply === 'ready') {
      isReady = true;
      pump();
      return;
    }
    if (!running || running.job.id !== reply.id) return;
    const { job, timer } = running;
    clearTimeout(timer);
    running = null;
    if ('session' in reply) job.resolve({ session: reply.session, unplacedCount: reply.unplacedCount });
    else job.reject(new Error(`pad parser failed: ${reply.error}`));
    pump();
  }

  function onTimeout(job: Job): void {
    if (running?.job !== job) return;
    running = null;
    job.reject(tooComplex(`took longer than ${options.timeLimitMs} ms to read`));
    discardWorker();
    pump();
  }

  /** The worker died: out of memory on this text, or it could not even start. */
  function onStop(from: Worker, error: Error): void {
    if (from !== worker) return;
    const wasReady = isReady;
    worker = null;
    isReady = false;
    void from.terminate();
    if (running) {
      clearTimeout(running.timer);
      const { job } = running;
      running = null;
      const isOutOfMemory = 'code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.reject(isOutOfMemory ? tooComplex('needed too much memory to read') : error);
    }
    // A worker that never became ready would fail again at once: refuse rather than loop. One
    // that died on a text is replaced now, so that the next import does not wait for it.
    if (!wasReady) for (const job of waiting.splice(0)) job.reject(error);
    else if (!isClosed) start();
    pump();
  }

  /** Ends the worker and starts its replacement at once: loading its modules takes a while. */
  function discardWorker(): void {
    const stopped = worker;
    worker = null;
    isReady = false;
    void stopped?.terminate();
    if (!isClosed) start();
  }

  return {
    parse(text) {
      if (isClosed) return Promise.reject(new Error('pad parser closed'));
      if (waiting.length >= maxWaiting) {
        return Promise.reject(
          new AppError('RATE_LIMITED', 'Too many imports are being read: try again in a moment'),
        );
      }
      return new Promise((resolve, reject) => {
        waiting.push({ id: ++lastId, text, resolve, reject });
        pump();
      });
    },
    warm() {
      if (!isClosed && !worker) start();
    },
    async close() {
      isClosed = true;
      const closing = new Error('pad parser closed');
      for (const job of waiting.splice(0)) job.reject(closing);
      if (running) {
        clearTimeout(running.timer);
        running.job.reject(closing);
        running = null;
      }
      const stopped = worker;
      worker = null;
      await stopped?.terminate();
    },
  };
}

function tooComplex(what: string): AppError {
  return new AppError(
    'INVALID_INPUT',
    `These notes are too complex to import: they ${what}. Import them in several parts.`,
    [{ path: ['body'], message: 'too complex' }],
  );
}
