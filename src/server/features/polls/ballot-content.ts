import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { BallotContent } from '../../../domain/poll.ts';

const storedBallotSchema = z.union([
  z.object({ choices: z.array(z.string()) }),
  z.object({ ranking: z.array(z.string()) }),
  z.object({ scores: z.record(z.string(), z.number()) }),
]);

/** Ballots are stored as JSON; parsed back through zod like any outside data. */
export function parseBallot(content: string): BallotContent {
  return storedBallotSchema.parse(JSON.parse(content));
}

export function serialiseBallot(ballot: BallotContent): string {
  if ('choices' in ballot) return JSON.stringify({ choices: ballot.choices });
  if ('ranking' in ballot) return JSON.stringify({ ranking: ballot.ranking });
  return JSON.stringify({ scores: ballot.scores });
}

/** A fresh receipt: 192 random bits, so a hash without salt cannot be reversed by guessing. */
export function newReceipt(): string {
  return randomBytes(24).toString('base64url');
}

export function hashReceipt(receipt: string): string {
  return createHash('sha256').update(receipt).digest('base64url');
}
