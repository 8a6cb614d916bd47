import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { departmentsOf, findTerritory, sortTerritoryCodes } from '../../../domain/territories.ts';
import type { DB } from '../../db/schema.ts';
import type { TerritorySubjectKind } from './territories.tables.ts';

/**
 * Replaces the territories of one subject. The codes were checked at the edge (contract's
 * territoryCodesSchema); call it in the transaction of the subject's own write.
 */
export async function writeTerritoryCodes(
  trx: Kysely<DB>,
  kind: TerritorySubjectKind,
  subjectId: string,
  codes: readonly string[],
): Promise<void> {
  await deleteTerritoryLinks(trx, kind, [subjectId]);
  const kept = sortTerritoryCodes(codes);
  if (kept.length === 0) return;
  await trx
    .insertInto('territoryLinks')
    .values(kept.map((code) => ({ subjectKind: kind, subjectId, code })))
    .execute();
}

/** Removes every territory of these subjects: the deleting commands call it (no foreign key). */
export async function deleteTerritoryLinks(
  trx: Kysely<DB>,
  kind: TerritorySubjectKind,
  subjectIds: readonly string[],
): Promise<void> {
  if (subjectIds.length === 0) return;
  await trx
    .deleteFrom('territoryLinks')
    .where('subjectKind', '=', kind)
    .where('subjectId', 'in', subjectIds)
    .execute();
}

/** The territories of many subjects at once (for DTOs of lists), in catalogue order. */
export async function territoryCodesOf(
  db: Kysely<DB>,
  kind: TerritorySubjectKind,
  subjectIds: readonly string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(subjectIds.map((id) => [id, []]));
  if (subjectIds.length === 0) return found;
  const rows = await db
    .selectFrom('territoryLinks')
    .select(['subjectId', 'code'])
    .where('subjectKind', '=', kind)
    .where('subjectId', 'in', [...new Set(subjectIds)])
    .execute();
  for (const row of rows) found.get(row.subjectId)?.push(row.code);
  for (const [id, codes] of found) found.set(id, sortTerritoryCodes(codes));
  return found;
}

/**
 * A subject's territories as one column of its own query (space-separated keys, or null), so that a
 * DTO built from one row carries them; read it with `parseTerritoryCodes`. The aggregate differs
 * by dialect: string_agg on PostgreSQL, group_concat on SQLite.
 */
export function territoryCodesColumn(db: Kysely<DB>, kind: TerritorySubjectKind, subjectIdRef: string) {
  const joined =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? sql`string_agg(tl.code, ' ')`
      : sql`group_concat(tl.code, ' ')`;
  return sql<
    string | null
  >`(select ${joined} from territory_links tl where tl.subject_kind = ${kind} and tl.subject_id = ${sql.ref(subjectIdRef)})`;
}

/** The keys of `territoryCodesColumn`, in catalogue order. */
export function parseTerritoryCodes(joined: string | null | undefined): string[] {
  return joined ? sortTerritoryCodes(joined.split(' ')) : [];
}

/**
 * The ids of subjects of a kind linked to a territory: for a région, linked to the région itself or
 * to any of its départements. A sub-query for `where('x.id', 'in', subjectsInTerritory(...))`.
 */
export function subjectsInTerritory(db: Kysely<DB>, kind: TerritorySubjectKind, code: string) {
  const territory = findTerritory(code);
  const codes = territory?.kind === 'region' ? [code, ...departmentsOf(code)] : [code];
  return db
    .selectFrom('territoryLinks')
    .select('subjectId')
    .where('subjectKind', '=', kind)
    .where('code', 'in', codes);
}
