import type { ColumnType } from 'kysely';
import type { Timestamp } from '../../db/schema.ts';

/** Nullable, and optional on insert: circles created elsewhere (imports, seeds) leave them out. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;

/** Two related circles of a community ("lien avec le cercle sur les sciences comportementales"). */
export interface CircleLinksTable {
  id: string;
  /** The pair is unordered and stored once: firstCircleId < secondCircleId. */
  firstCircleId: string;
  secondCircleId: string;
  note: string;
  createdBy: string | null;
  createdAt: Timestamp;
}

declare module '../../db/schema.ts' {
  interface DB {
    circleLinks: CircleLinksTable;
  }
  /** Circles over time (2026-12-05-0058). */
  interface CirclesTable {
    /** Planned first and last day of the cycle ("2027-01-12"); endsOn ≥ startsOn. */
    startsOn: Optional<string>;
    endsOn: Optional<string>;
    /** Sessions planned in the cycle: "séance 3 sur 4". */
    plannedSessions: Optional<number>;
    /** The circle this one continues (its previous cycle); one next cycle per circle. */
    previousCircleId: Optional<string>;
  }
}
