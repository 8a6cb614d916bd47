import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  adminCommunitiesQuerySchema,
  adminCommunityPatchSchema,
  adminCommunitySchema,
  communityTransferSchema,
} from '../../../contract/admin.ts';
import { pageOf } from '../../../contract/list.ts';
import type { AppContext } from '../../app-context.ts';
import { toIso } from '../../db/columns.ts';
import { type Keyset, pageQuery, toPage } from '../../db/keyset.ts';
import type { DB } from '../../db/schema.ts';
import { auditIp } from '../audit/audit.public.ts';
import { setCommunityArchived, transferCommunity } from './admin-communities.commands.ts';
import { adminErrors, hideFromNonAdmins } from './admin-guard.ts';

const tags = ['admin'];
const idParams = z.object({ id: z.string().min(1).max(100) });

interface CommunityListRow {
  id: string;
  slug: string;
  name: string;
  archivedAt: string | Date | null;
  createdAt: string | Date;
  memberCount: number | string | null;
}

const communityOrder: Keyset<CommunityListRow> = {
  list: 'admin-communities',
  keys: [{ expr: 'c.name', kind: 'text' }],
  id: 'c.id',
  of: (row) => ({ keys: [row.name], id: row.id }),
};

/** The page's communities with their active animators, read in one query for the page. */
async function withAnimators(db: Kysely<DB>, rows: CommunityListRow[]) {
  const ids = rows.map((row) => row.id);
  const animators =
    ids.length === 0
      ? []
      : await db
          .selectFrom('communityMembers as m')
          .innerJoin('users as u', 'u.id', 'm.userId')
          .select(['m.communityId', 'u.id', 'u.name'])
          .where('m.communityId', 'in', ids)
          .where('m.role', '=', 'animator')
          .where('m.status', '=', 'active')
          .orderBy('u.name')
          .execute();
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    memberCount: Number(row.memberCount ?? 0),
    animators: animators
      .filter((animator) => animator.communityId === row.id)
      .map(({ id, name }) => ({ id, name })),
    archived: row.archivedAt !== null,
    createdAt: toIso(row.createdAt),
  }));
}

async function readCommunity(db: Kysely<DB>, id: string) {
  const rows = await listQuery(db).where('c.id', '=', id).execute();
  return (await withAnimators(db, rows))[0];
}

function listQuery(db: Kysely<DB>) {
  return db
    .selectFrom('communities as c')
    .select(['c.id', 'c.slug', 'c.name', 'c.archivedAt', 'c.createdAt'])
    .select((eb) =>
      eb
        .selectFrom('communityMembers as m')
        .whereRef('m.communityId', '=', 'c.id')
        .where('m.status', '=', 'active')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('memberCount'),
    );
}

export function adminCommunitiesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db, env, viewers } = ctx;
  return async (app) => {
    hideFromNonAdmins(app, viewers);

    app.get(
      '/admin/communities',
      {
        schema: {
          tags,
          summary: 'Every community, archived ones included, with its animators (instance admins)',
          querystring: adminCommunitiesQuerySchema,
          response: { 200: pageOf(adminCommunitySchema), ...adminErrors },
        },
      },
      async (request) => {
        const { q, ...paging } = request.query;
        const page = { ...paging, scope: q ?? '' };
        let query = listQuery(db);
        if (q) {
          const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          query = query.where(sql<boolean>`lower(c.name) like ${pattern} escape '\\'`);
        }
        const rows = await pageQuery(query, communityOrder, page).execute();
        const { items, nextCursor } = toPage(rows, communityOrder, page);
        return { items: await withAnimators(db, items), nextCursor };
      },
    );

    app.post(
      '/admin/communities/:id/transfer',
      {
        schema: {
          tags,
          summary: 'Hand a community to another account, who becomes its animator',
          params: idParams,
          body: communityTransferSchema,
          response: { 200: adminCommunitySchema, ...adminErrors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { id } = request.params;
        await transferCommunity(db, id, request.body, { actorId: viewer.id, ip: auditIp(request, env) });
        const community = await readCommunity(db, id);
        if (!community) throw new Error('community vanished after its transfer');
        return community;
      },
    );

    app.patch(
      '/admin/communities/:id',
      {
        schema: {
          tags,
          summary: 'Archive a community (read-only, hidden from non-members) or bring it back',
          params: idParams,
          body: adminCommunityPatchSchema,
          response: { 200: adminCommunitySchema, ...adminErrors },
        },
      },
      async (request) => {
        const viewer = await viewers.require(request);
        const { id } = request.params;
        await setCommunityArchived(db, id, request.body.archived, {
          actorId: viewer.id,
          ip: auditIp(request, env),
        });
        const community = await readCommunity(db, id);
        if (!community) throw new Error('community vanished after archiving');
        return community;
      },
    );
  };
}
