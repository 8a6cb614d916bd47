import type { Timestamp } from '../../db/schema.ts';

/** A learning design (scénario pédagogique) in a community's library. */
export interface LearningDesignsTable {
  id: string;
  communityId: string;
  title: string;
  /** JSON: string[]. */
  objectives: string;
  audience: string;
  /** JSON: { title, minutes, method, materials, lead }[], in order. */
  sequences: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** The circles a session (a REX) reviews, in order, with the period their reviews cover. */
export interface SessionReviewedCirclesTable {
  sessionId: string;
  circleId: string;
  position: number;
  /** Calendar days (YYYY-MM-DD) in the community's zone; null: the defaults (decision 029). */
  periodFrom: string | null;
  periodTo: string | null;
}

declare module '../../db/schema.ts' {
  interface DB {
    learningDesigns: LearningDesignsTable;
    sessionReviewedCircles: SessionReviewedCirclesTable;
  }
}
