import type { Kysely } from 'kysely';
import type { AuditItem } from '../../../contract/admin.ts';
import type { AuditKind } from '../../../domain/audit.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, type PageRequest, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import './audit.tables.ts';

export interface AuditFilter {
  kind?: AuditKind | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

interface AuditRow {
  id: string;
  at: string | Date;
  kind: AuditKind;
  actorId: string | null;
  actorName: string | null;
  subjectKind: string | null;
  subjectId: string | null;
  ip: string | null;
  detail: string | null;
}

/** Newest first; the id breaks ties between entries of one millisecond. */
const auditOrder: Keyset<AuditRow> = {
  list: 'audit',
  keys: [{ expr: 'e.at', kind: 'time', direction: 'desc' }],
  id: 'e.id',
  of: (row) => ({ keys: [row.at], id: row.id }),
};

/**
 * The entries matching the filter, each with its actor's current name joined while the account
 * exists: a deleted person's entries keep only the opaque id (the log itself never held a name).
 */
function filtered(db: Kysely<DB>, filter: AuditFilter) {
  let query = db
    .selectFrom('auditEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .select([
      'e.id',
      'e.at',
      'e.kind',
      'e.actorId',
      'u.name as actorName',
      'e.subjectKind',
      'e.subjectId',
      'e.ip',
      'e.detail',
    ]);
  if (filter.kind) query = query.where('e.kind', '=', filter.kind);
  if (filter.actor) query = query.where('e.actorId', '=', filter.actor);
  if (filter.from) query = query.where('e.at', '>=', new Date(filter.from).toISOString());
  if (filter.to) query = query.where('e.at', '<', new Date(filter.to).toISOString());
  return query;
}

export function toAuditItem(row: AuditRow): AuditItem {
  return {
    id: row.id,
    at: toIso(row.at),
    kind: row.kind,
    ...(row.actorId !== null && { actor: { id: row.actorId, name: row.actorName } }),
    ...(row.subjectKind !== null &&
      row.subjectId !== null && { subject: { kind: row.subjectKind, id: row.subjectId } }),
    ...(row.ip !== null && { ip: row.ip }),
    ...(row.detail !== null && { detail: row.detail }),
  };
}

/** The scope a cursor is bound to: a cursor of one filter is refused under another. */
export function auditScope(filter: AuditFilter): string {
  return JSON.stringify([filter.kind ?? '', filter.actor ?? '', filter.from ?? '', filter.to ?? '']);
}

export async function listAuditEvents(db: Kysely<DB>, filter: AuditFilter, page: PageRequest) {
  const rows = await pageQuery(filtered(db, filter), auditOrder, page).execute();
  const { items, nextCursor } = toPage(rows, auditOrder, page);
  return { items: items.map(toAuditItem), nextCursor };
}

/** Every matching entry, newest first, read a page at a time so an export never holds them all. */
export async function* allAuditEvents(db: Kysely<DB>, filter: AuditFilter): AsyncGenerator<AuditItem> {
  const scope = auditScope(filter);
  let cursor: string | undefined;
  do {
    const page = { scope, limit: 500, ...(cursor !== undefined && { cursor }) };
    const result = await listAuditEvents(db, filter, page);
    yield* result.items;
    cursor = result.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** Deletes the entries older than the retention period (run by the once-a-minute tick). */
export async function pruneAuditLog(db: Kysely<DB>, now: Date, retentionDays: number): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
  const result = await db.deleteFrom('auditEvents').where('at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
