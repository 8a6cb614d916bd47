import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isPostgres } from '../search/search-index.ts';

/** SQLite binds at most 32,766 parameters a statement, PostgreSQL 65,535: stay under both. */
const MAX_PARAMETERS = 30_000;
/** Rows per transaction: long enough to amortise the commit, short enough to keep memory flat. */
const ROWS_PER_TRANSACTION = 50_000;

/**
 * Writes rows into a table as fast as the engine takes them: multi-row INSERTs of up to 30,000
 * parameters, in transactions of 50,000 rows, the rows drawn lazily from a generator. Raw SQL on
 * purpose (snake_case names): building a Kysely node per value costs more than the insert itself.
 * Returns how many rows were written.
 */
export async function insertRows(
  db: Kysely<DB>,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<number> {
  const postgres = isPostgres(db);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const head = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values `;
  const tuple = (row: number) =>
    `(${columns.map((_, i) => (postgres ? `$${row * columns.length + i + 1}` : '?')).join(', ')})`;
  const statements = new Map<number, string>();
  const statementFor = (count: number) => {
    let text = statements.get(count);
    if (!text) {
      text = head + Array.from({ length: count }, (_, row) => tuple(row)).join(', ');
      statements.set(count, text);
    }
    return text;
  };

  let written = 0;
  let pending: unknown[][] = [];
  const iterator = rows[Symbol.iterator]();
  let done = false;
  while (!done) {
    await db.transaction().execute(async (trx) => {
      let inTransaction = 0;
      while (inTransaction < ROWS_PER_TRANSACTION) {
        const next = iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        if (next.value.length !== columns.length)
          throw new Error(`${table}: a row of ${next.value.length} values`);
        pending.push(next.value as unknown[]);
        inTransaction++;
        if (pending.length === perStatement) {
          await trx.executeQuery(CompiledQuery.raw(statementFor(pending.length), pending.flat()));
          written += pending.length;
          pending = [];
        }
      }
      if (pending.length > 0) {
        await trx.executeQuery(CompiledQuery.raw(statementFor(pending.length), pending.flat()));
        written += pending.length;
        pending = [];
      }
    });
  }
  return written;
}
