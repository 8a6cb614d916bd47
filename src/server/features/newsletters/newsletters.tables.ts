import type { ColumnType } from 'kysely';
import type { Flag, Timestamp } from '../../db/schema.ts';

export type NewsletterStatus = 'draft' | 'sent';

/** A community's letter: a draft its animators edit, then sent once to the members who accept it. */
export interface NewslettersTable {
  id: string;
  communityId: string;
  subject: string;
  /** Markdown, rendered by domain/markdown.ts (never as raw HTML). */
  body: string;
  status: NewsletterStatus;
  createdBy: string | null;
  /** How many mails were queued when it was sent. */
  recipientCount: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  sentAt: Timestamp | null;
}

/** The "À communiquer" items a letter carries, copied when chosen (a later edit of the session's list leaves the letter as composed). */
export interface NewsletterItemsTable {
  newsletterId: string;
  position: number;
  /** The flagged item it came from; null once that item is deleted. */
  announcementId: string | null;
  text: string;
  sessionTitle: string;
  circleName: string;
}

/** Whether a community's sent letters are readable by anyone (archive page and Atom feed). */
export interface NewsletterSettingsTable {
  communityId: string;
  publicArchive: Flag;
  updatedAt: Timestamp;
}

declare module '../../db/schema.ts' {
  interface DB {
    newsletters: NewslettersTable;
    newsletterItems: NewsletterItemsTable;
    newsletterSettings: NewsletterSettingsTable;
  }
  interface AnnouncementsTable {
    /** Who flagged it through POST /sessions/{id}/communications or the session's list (null before 0029). */
    authorId: ColumnType<string | null, string | null | undefined, string | null>;
    createdAt: ColumnType<Date | string | null, string | null | undefined, string | null>;
  }
  interface UsersMailColumns {
    /** Accepts the newsletters of the communities they belong to (on by default). */
    newsletters: ColumnType<boolean | number, boolean | undefined, boolean>;
  }
}
