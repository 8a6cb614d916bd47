/** The kinds of things a territory is linked to; `subjectId` is that thing's id. */
export type TerritorySubjectKind = 'community' | 'circle' | 'event' | 'user';

/**
 * One territory (by key: "33", "R75") of a community, circle, event or person's profile. There is
 * no foreign key (the subject is one of four tables), so the deleting commands remove the links.
 */
export interface TerritoryLinksTable {
  subjectKind: TerritorySubjectKind;
  subjectId: string;
  code: string;
}

declare module '../../db/schema.ts' {
  interface DB {
    territoryLinks: TerritoryLinksTable;
  }
}
