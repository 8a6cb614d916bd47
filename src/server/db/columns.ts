import { sql } from 'kysely';
import type { DialectName } from './database.ts';

/** Column types that differ between the two dialects; every migration asks here. */
export function columnTypes(dialect: DialectName) {
  return {
    timestamp: dialect === 'postgres' ? 'timestamptz' : 'text',
    flag: dialect === 'postgres' ? 'boolean' : 'integer',
  } as const;
}

/** Reads a timestamp column the same way on both dialects. */
export function toIso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function toBool(value: boolean | number): boolean {
  return value === true || value === 1;
}

/** The select list of an EXISTS subquery: SQLite, unlike PostgreSQL, refuses an empty one. */
export const one = sql<number>`1`.as('one');
