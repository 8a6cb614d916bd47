import type { ColumnType } from 'kysely';
import type { GlossaryStatus } from '../../../domain/glossary.ts';
import type { Timestamp } from '../../db/schema.ts';

/** One term of a community's abécédaire, as it stands now (revision `revision`). */
export interface GlossaryEntriesTable {
  id: string;
  communityId: string;
  term: string;
  /** foldText(term): unique per community, so "Écoute" and "ecoute" are one term. */
  termKey: string;
  letter: string;
  status: GlossaryStatus;
  definition: string;
  argument: string;
  /** JSON: string[]. */
  examples: string;
  /** JSON: { title, url }[]. */
  sources: string;
  /** JSON: entry ids. */
  relatedIds: string;
  /** foldText of the term, definition and argumentaire: what a search reads. */
  searchText: string;
  revision: number;
  /** The vote (a `sections` poll) that selected it, and the votes it got there. */
  votePollId: string | null;
  voteCount: number | null;
  /** Selected as one of the terms tied at the vote's cut. */
  voteTied: ColumnType<boolean | number, boolean | undefined, boolean>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Every saved state of an entry, revision 1 being its proposal: the history, and what restores. */
export interface GlossaryRevisionsTable {
  entryId: string;
  revision: number;
  authorId: string | null;
  term: string;
  status: GlossaryStatus;
  definition: string;
  argument: string;
  examples: string;
  sources: string;
  relatedIds: string;
  createdAt: Timestamp;
}

/** "Qui veut y travailler ?": the people who signed up to write an entry. */
export interface GlossaryWritersTable {
  entryId: string;
  userId: string;
  createdAt: Timestamp;
}

/** A vote campaign on some letters: the poll, the quota per letter, when its result was applied. */
export interface GlossaryVotesTable {
  pollId: string;
  communityId: string;
  perLetter: number;
  appliedAt: Timestamp | null;
  createdBy: string | null;
  createdAt: Timestamp;
}

/** Which entry each option of a campaign's poll stands for. */
export interface GlossaryVoteOptionsTable {
  optionId: string;
  pollId: string;
  entryId: string;
}

declare module '../../db/schema.ts' {
  interface DB {
    glossaryVotes: GlossaryVotesTable;
    glossaryVoteOptions: GlossaryVoteOptionsTable;
    glossaryEntries: GlossaryEntriesTable;
    glossaryRevisions: GlossaryRevisionsTable;
    glossaryWriters: GlossaryWritersTable;
  }
}
