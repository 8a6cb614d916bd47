import type { CircleDecisionOutcome } from '../../../domain/review.ts';
import type { Timestamp } from '../../db/schema.ts';

/** What the last REX decided for a circle: one row per circle, replaced by the next decision. */
export interface CircleDecisionsTable {
  circleId: string;
  outcome: CircleDecisionOutcome;
  note: string;
  decidedBy: string | null;
  decidedAt: Timestamp;
}

declare module '../../db/schema.ts' {
  interface DB {
    circleDecisions: CircleDecisionsTable;
  }
}
