import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { circleContentVisibleTo } from '../../policy/visibility.ts';
import { exportedSections, type SectionQuery } from './account-export-sections.ts';

/** One part of the export: its rows, each a flat record of what the person did or has. */
export type ExportRow = Record<string, string | number | boolean | null>;
export type ExportData = { generatedAt: string; sections: Record<string, ExportRow[]> };

/** Dates as ISO text and flags as booleans, whichever engine answered. */
function normalise(row: Record<string, unknown>): ExportRow {
  const out: ExportRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (value instanceof Date) out[key] = value.toISOString();
    else if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean'
    )
      out[key] = value;
    else out[key] = value === undefined ? null : JSON.stringify(value);
  }
  return out;
}

/**
 * The circles whose content the person may read now, and the sessions they are listed on: rows
 * of a circle outside both are left out ("nothing from circles I cannot see any more").
 */
async function visibleScope(db: Kysely<DB>, viewer: Viewer) {
  const circles = await db
    .selectFrom('circles as ci')
    .select('ci.id')
    .where((eb) => circleContentVisibleTo(eb, viewer, null))
    .execute();
  const listed = await db
    .selectFrom('sessionParticipants')
    .select('sessionId')
    .where('userId', '=', viewer.id)
    .execute();
  return {
    circles: new Set(circles.map((row) => row.id)),
    sessions: new Set(listed.map((row) => row.sessionId)),
  };
}

/**
 * Everything Archipel holds about one person, as they may see it (issue 15, decision 040). Each
 * section's query names the person columns it covers; `export-coverage.test.ts` fails when a column
 * naming a person is neither exported nor excluded with its reason.
 */
export async function collectExport(db: Kysely<DB>, viewer: Viewer, now = new Date()): Promise<ExportData> {
  const scope = await visibleScope(db, viewer);
  const sections: Record<string, ExportRow[]> = {};
  for (const section of exportedSections) {
    const rows: Record<string, unknown>[] = await (section.query as SectionQuery)(db, viewer.id);
    sections[section.name] = rows
      .filter((row) => {
        const circleId = row.circleId;
        if (typeof circleId !== 'string') return true;
        const sessionId = row.sessionId;
        return (
          scope.circles.has(circleId) || (typeof sessionId === 'string' && scope.sessions.has(sessionId))
        );
      })
      .map(normalise);
  }
  return { generatedAt: now.toISOString(), sections };
}
