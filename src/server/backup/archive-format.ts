import { z } from 'zod';

/**
 * The archive: a gzip stream of JSON lines. A header, then per table a `table` line, its rows (one
 * JSON array of cells per row, in the table line's column order) and a `table-end` line with the
 * row count and the SHA-256 of the row lines; last, a trailer with the SHA-256 of every line before
 * it. A file cut short has no trailer; an altered byte breaks gzip's CRC or a checksum.
 */
export const ARCHIVE_FORMAT = 'archipel-backup';
export const ARCHIVE_FORMAT_VERSION = 1;

/**
 * A column's kind as the source knew it. SQLite has no boolean or timestamp type: its flags are
 * 0/1 integers and its instants ISO text, so an archive from SQLite says `integer` and `text` for
 * them; the restore converts by the target column's own type.
 */
export const columnKinds = ['text', 'integer', 'real', 'boolean', 'timestamp', 'binary'] as const;
export type ColumnKind = (typeof columnKinds)[number];

export const headerLineSchema = z.object({
  type: z.literal('header'),
  format: z.literal(ARCHIVE_FORMAT),
  formatVersion: z.number().int(),
  appVersion: z.string(),
  sourceDialect: z.enum(['sqlite', 'postgres']),
  createdAt: z.string(),
  /** The migrations applied to the source, in the order they ran. */
  migrations: z.array(z.string()),
  /** The tables that follow, in load order (a table after those its foreign keys point to). */
  tables: z.array(z.string()),
});
export type HeaderLine = z.infer<typeof headerLineSchema>;

export const tableLineSchema = z.object({
  type: z.literal('table'),
  name: z.string(),
  columns: z.array(z.object({ name: z.string(), kind: z.enum(columnKinds) })).min(1),
});
export type TableLine = z.infer<typeof tableLineSchema>;

export const tableEndLineSchema = z.object({
  type: z.literal('table-end'),
  name: z.string(),
  rows: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const trailerLineSchema = z.object({
  type: z.literal('trailer'),
  tables: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  /** Over every line before the trailer, newlines included. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** A binary cell: the only JSON object a row holds (no column stores JSON as an object). */
export const binaryCellSchema = z.object({ $base64: z.string() });

export type Cell = string | number | boolean | null | { $base64: string };

const cellSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), binaryCellSchema]);
export const rowLineSchema = z.array(cellSchema);

/** A value read from either database, as an archive cell. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') };
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      throw new RangeError(`integer ${value} is beyond what an archive keeps exactly`);
    return Number(value);
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new TypeError(`cannot archive a value of type ${typeof value}`);
}

/** Thrown for any archive that is not whole and intact: the message says what is wrong. */
export class ArchiveError extends Error {}
