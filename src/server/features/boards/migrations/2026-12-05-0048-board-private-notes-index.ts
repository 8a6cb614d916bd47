import type { Kysely, Migration } from 'kysely';

/**
 * Every post-it write counts the board's private post-its for its live event (board-events.ts):
 * through the (board_id, y) index that read every post-it row of the board, so a write cost more as
 * the board grew (half the CPU of a write on a board of 8,000 post-its, bench:http). With
 * (board_id, private) the count reads the index alone, and only the private entries (decision 045).
 */
export function boardPrivateNotesIndex(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('board_notes_private_idx')
        .on('board_notes')
        .columns(['board_id', 'private'])
        .execute();
    },
  };
}
