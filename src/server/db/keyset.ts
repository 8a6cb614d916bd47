import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import type { PageQuery } from '../../contract/list.ts';
import { AppError } from '../http/errors.ts';
import { toIso } from './columns.ts';

/**
 * Keyset paging shared by every paged list (docs/decisions/023): the page after a cursor is the
 * rows strictly after the last row read in the list's own order, the id breaking ties, so rows
 * inserted between two reads never shift a row into a second page or out of both.
 */

export type SortKind = 'text' | 'time' | 'number';

export interface SortKey {
  /**
   * A column reference ('s.startsAt') or an expression, never NULL: SQLite sorts NULLs first and
   * PostgreSQL last, and `x > NULL` is never true, so a nullable column comes wrapped in coalesce().
   */
  expr: string | Expression<unknown>;
  kind: SortKind;
  direction?: 'asc' | 'desc';
}

export interface Keyset<Row> {
  /** Names the list; with the request's scope it refuses the cursors of other lists. */
  list: string;
  keys: SortKey[];
  /** The unique tie-breaker column, always ascending. */
  id: string;
  /** The values of `keys` and the id of a row as read from the database. */
  of(row: Row): { keys: unknown[]; id: string };
}

/** The querystring of a paged list, with the scope (circle id, filter) its cursors are bound to. */
export interface PageRequest extends PageQuery {
  scope: string;
}

interface CursorPosition {
  keys: (string | number)[];
  id: string;
}

const valueSchemas: Record<SortKind, z.ZodType<string | number>> = {
  text: z.string().max(2000),
  time: z.iso.datetime(),
  number: z.number().finite(),
};

const cursorSchema = z.object({
  l: z.string().max(300),
  k: z.array(z.union([z.string(), z.number()])).max(4),
  i: z.string().min(1).max(100),
});

const badCursor = () =>
  new AppError('INVALID_INPUT', 'The cursor is not one this list gave', [
    { path: ['cursor'], message: 'Not a cursor of this list' },
  ]);

function tagOf(keyset: Keyset<never>, page: PageRequest): string {
  return `${keyset.list}:${page.scope}`;
}

function decodeCursor<Row>(keyset: Keyset<Row>, page: PageRequest): CursorPosition | undefined {
  if (page.cursor === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const parsed = cursorSchema.safeParse(json);
  if (
    !parsed.success ||
    parsed.data.l !== tagOf(keyset, page) ||
    parsed.data.k.length !== keyset.keys.length
  ) {
    throw badCursor();
  }
  const keys: (string | number)[] = [];
  for (const [index, key] of keyset.keys.entries()) {
    const value = valueSchemas[key.kind].safeParse(parsed.data.k[index]);
    if (!value.success) throw badCursor();
    keys.push(value.data);
  }
  return { keys, id: parsed.data.i };
}

function cursorValue(kind: SortKind, value: unknown): string | number {
  if (value === null || value === undefined) throw new Error('A sort key of a paged list is NULL');
  if (kind === 'time') return toIso(value instanceof Date ? value : String(value));
  if (kind === 'number') return Number(value);
  return String(value);
}

function encodeCursor<Key>(keyset: Keyset<Key>, page: PageRequest, row: Key): string {
  const { keys, id } = keyset.of(row);
  const k = keyset.keys.map((key, index) => cursorValue(key.kind, keys[index]));
  return Buffer.from(JSON.stringify({ l: tagOf(keyset, page), k, i: id }), 'utf8').toString('base64url');
}

function toExpression(expr: string | Expression<unknown>): Expression<unknown> {
  return typeof expr === 'string' ? sql.ref(expr) : expr;
}

/** `(k1, …, id) > (v1, …, id0)` in the list's order, spelled out because directions may differ. */
function afterCondition<Row>(keyset: Keyset<Row>, position: CursorPosition) {
  const columns = [
    ...keyset.keys.map((key, index) => ({
      expr: toExpression(key.expr),
      op: key.direction === 'desc' ? '<' : '>',
      value: position.keys[index],
    })),
    { expr: sql.ref(keyset.id), op: '>', value: position.id },
  ];
  const branches = columns.map((column, index) => {
    const equal = columns.slice(0, index).map((before) => sql`${before.expr} = ${before.value}`);
    return sql`(${sql.join([...equal, sql`${column.expr} ${sql.raw(column.op)} ${column.value}`], sql` and `)})`;
  });
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

/** Orders the query by the keyset, keeps the rows after the cursor, reads one more than a page. */
export function pageQuery<DB, TB extends keyof DB, O, Row>(
  query: SelectQueryBuilder<DB, TB, O>,
  keyset: Keyset<Row>,
  page: PageRequest,
): SelectQueryBuilder<DB, TB, O> {
  const position = decodeCursor(keyset, page);
  let paged = position ? query.where(afterCondition(keyset, position)) : query;
  for (const key of keyset.keys) paged = paged.orderBy(toExpression(key.expr), key.direction ?? 'asc');
  return paged.orderBy(sql.ref(keyset.id), 'asc').limit(page.limit + 1);
}

/** The page's rows and the cursor after its last one (null when nothing follows). */
export function toPage<Key, Row extends Key>(rows: Row[], keyset: Keyset<Key>, page: PageRequest) {
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > page.limit && last !== undefined ? encodeCursor(keyset, page, last) : null;
  return { items, nextCursor };
}
