import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { CircleRenewInput } from '../../../contract/circle.ts';
import { standingForNewcomer } from '../../../domain/circle.ts';
import { one } from '../../db/columns.ts';
import { lockCircle } from '../../db/locks.ts';
import type { CircleMembersTable, DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { enqueueMail } from '../../mail/mail-jobs.ts';
import { territoryCodesOf, writeTerritoryCodes } from '../territories/territories.public.ts';

/**
 * Who the next cycle carries, in the previous cycle's arrival order: its members (waitlisted
 * people and pending requests held no place and are not carried), only those still active in the
 * community (a circle's members are the community's: the join route's rule), and with `attended`
 * only those marked present at one of its sessions that was not called off.
 */
function carriedMembers(
  trx: Kysely<DB>,
  previous: { id: string; communityId: string },
  carry: 'all' | 'attended',
) {
  let query = trx
    .selectFrom('circleMembers as m')
    .innerJoin('communityMembers as cm', (join) =>
      join.onRef('cm.userId', '=', 'm.userId').on('cm.communityId', '=', previous.communityId),
    )
    .select(['m.userId', 'm.role'])
    .where('m.circleId', '=', previous.id)
    .where('m.status', '=', 'member')
    .where('cm.status', '=', 'active')
    .orderBy('m.position');
  if (carry === 'attended') {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('sessionParticipants as p')
          .innerJoin('sessions as s', 's.id', 'p.sessionId')
          .whereRef('p.userId', '=', 'm.userId')
          .where('s.circleId', '=', previous.id)
          .where('s.cancelledAt', 'is', null)
          .where('p.status', '=', 'present')
          .select(one),
      ),
    );
  }
  return query.execute();
}

/**
 * Creates the next cycle of a circle, in one transaction under the previous circle's lock: a new
 * circle linked to it (one next cycle per circle: a second renewal is a CONFLICT), with its kind,
 * method, description, intention, capacity, visibility, join policy and territories, new dates,
 * the renewer as facilitator and the members chosen. Carried facilitators stay facilitators;
 * carried participants take places in arrival order as a facilitator adding them would (the
 * join policy does not apply; past the capacity they wait). Each carried person is mailed.
 */
export async function renewCircle(
  db: Kysely<DB>,
  previousId: string,
  renewerId: string,
  input: CircleRenewInput,
): Promise<{ id: string; carried: string[] }> {
  return db.transaction().execute(async (trx) => {
    if (!(await lockCircle(trx, previousId))) throw notFound('Circle');
    const previous = await trx
      .selectFrom('circles')
      .selectAll()
      .where('id', '=', previousId)
      .executeTakeFirstOrThrow();
    const next = await trx
      .selectFrom('circles')
      .select('id')
      .where('previousCircleId', '=', previousId)
      .executeTakeFirst();
    if (next)
      throw new AppError('CONFLICT', 'This circle already has a next cycle', { nextCircleId: next.id });

    const id = randomUUID();
    const now = new Date().toISOString();
    await trx
      .insertInto('circles')
      .values({
        id,
        communityId: previous.communityId,
        name: input.name ?? previous.name,
        kind: previous.kind,
        method: previous.method,
        description: previous.description,
        intention: previous.intention,
        capacity: previous.capacity,
        visibility: previous.visibility,
        status: 'forming',
        joinPolicy: previous.joinPolicy,
        reminderHours: previous.reminderHours,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        plannedSessions:
          input.plannedSessions === undefined ? previous.plannedSessions : input.plannedSessions,
        previousCircleId: previousId,
        createdBy: renewerId,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const territories = await territoryCodesOf(trx, 'circle', [previousId]);
    await writeTerritoryCodes(trx, 'circle', id, territories.get(previousId) ?? []);

    const people = input.carry === 'none' ? [] : await carriedMembers(trx, previous, input.carry);
    const rows: Insertable<CircleMembersTable>[] = [
      { circleId: id, userId: renewerId, role: 'facilitator', status: 'member', position: 1, createdAt: now },
    ];
    let places = 0;
    for (const person of people) {
      if (person.userId === renewerId) continue;
      const status =
        person.role === 'facilitator'
          ? 'member'
          : standingForNewcomer({
              joinPolicy: previous.joinPolicy,
              capacity: previous.capacity,
              memberCount: places,
              isFacilitatorAdding: true,
            });
      if (person.role === 'member' && status === 'member') places += 1;
      rows.push({
        circleId: id,
        userId: person.userId,
        role: person.role,
        status,
        position: rows.length + 1,
        createdAt: now,
      });
    }
    await trx.insertInto('circleMembers').values(rows).execute();
    const carried = rows.slice(1).map((row) => row.userId);
    // In the same transaction: the mails exist exactly when the new cycle does.
    for (const userId of carried) {
      await enqueueMail(
        trx,
        'circleRenewal',
        { circleId: id, userId },
        { key: `circle-renewal:${id}:${userId}` },
      );
    }
    return { id, carried };
  });
}
