/**
 * The thread that reads imported pad notes (see pad-parser.ts): the parse is pure but its cost
 * grows with what a facilitator pastes, so it never runs on the thread that answers requests.
 * Node 24 runs this TypeScript file as the server's own modules, by stripping the types.
 */
import { parentPort } from 'node:worker_threads';
import { maxReportedUnplaced } from '../../../contract/session.ts';
import { parsePadNotes } from '../../../domain/pad-import/parse-pad-notes.ts';
import type { ParseReply, ParseRequest } from './pad-parser.ts';

if (!parentPort) throw new Error('pad-parse-worker.ts runs as a worker thread');
const port = parentPort;

port.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    const session = parsePadNotes(request.text);
    // Only the first unplaced lines cross to the thread that answers requests: copying and
    // serialising half a million of them there would hold up everyone else (they stay in the notes).
    reply = {
      id: request.id,
      session: { ...session, unplaced: session.unplaced.slice(0, maxReportedUnplaced) },
      unplacedCount: session.unplaced.length,
    };
  } catch (error) {
    reply = {
      id: request.id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  port.postMessage(reply);
});
port.postMessage('ready' satisfies ParseReply);
