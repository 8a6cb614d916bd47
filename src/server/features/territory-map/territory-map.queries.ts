import type { Kysely } from 'kysely';
import type { CommunityMap, TerritoryMapEntry } from '../../../contract/territory.ts';
import { findTerritory, territories } from '../../../domain/territories.ts';
import type { DB } from '../../db/schema.ts';
import type { Viewer } from '../../http/viewer.ts';
import { circleVisibleTo } from '../../policy/visibility.ts';
import { parseTerritoryCodes } from '../territories/territories.public.ts';

/** The community as getCommunity found it (so already visible to the viewer). */
interface MapCommunity {
  id: string;
  myStatus: string | null;
  territoryCodes: string | null;
}

type Links = { code: string; subjectId: string }[];

/** Circles of the community that the viewer may see, with their territories. */
function circleLinks(db: Kysely<DB>, communityId: string, viewer: Viewer | undefined): Promise<Links> {
  return db
    .selectFrom('territoryLinks as tl')
    .innerJoin('circles as ci', 'ci.id', 'tl.subjectId')
    .select(['tl.code', 'tl.subjectId'])
    .where('tl.subjectKind', '=', 'circle')
    .where('ci.communityId', '=', communityId)
    .where((eb) => circleVisibleTo(eb, viewer))
    .execute();
}

/** The community's territorial branches (communities are seen by all), with their territories. */
function branchesOf(db: Kysely<DB>, communityId: string) {
  return db
    .selectFrom('communities as b')
    .leftJoin('territoryLinks as tl', (join) =>
      join.onRef('tl.subjectId', '=', 'b.id').on('tl.subjectKind', '=', 'community'),
    )
    .select(['b.id', 'b.slug', 'b.name', 'tl.code'])
    .where('b.parentId', '=', communityId)
    .orderBy('b.name')
    .execute();
}

/** Active members of the community with their profile's territories. */
function memberLinks(db: Kysely<DB>, communityId: string): Promise<Links> {
  return db
    .selectFrom('territoryLinks as tl')
    .innerJoin('communityMembers as cm', 'cm.userId', 'tl.subjectId')
    .select(['tl.code', 'tl.subjectId'])
    .where('tl.subjectKind', '=', 'user')
    .where('cm.communityId', '=', communityId)
    .where('cm.status', '=', 'active')
    .execute();
}

/**
 * Who is where: a département gathers what is linked to it; a région what is linked to it or to
 * one of its départements, each subject once (a circle on R75 and on 33 counts once for R75).
 */
function gather(links: Links) {
  const own = new Map<string, Set<string>>();
  const total = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, code: string, id: string) => {
    const set = map.get(code) ?? new Set<string>();
    set.add(id);
    map.set(code, set);
  };
  for (const { code, subjectId } of links) {
    const territory = findTerritory(code);
    if (!territory) continue;
    add(own, code, subjectId);
    add(total, code, subjectId);
    if (territory.parentCode) add(total, territory.parentCode, subjectId);
  }
  return {
    own: (code: string) => own.get(code)?.size ?? 0,
    total: (code: string) => total.get(code)?.size ?? 0,
  };
}

/**
 * A community's map as the viewer may see it: circles counted only when the viewer may see them,
 * members only for the community's active members (and instance admins).
 */
export async function communityMap(
  db: Kysely<DB>,
  community: MapCommunity,
  viewer: Viewer | undefined,
): Promise<CommunityMap> {
  const showsMembers = community.myStatus === 'active' || viewer?.isAdmin === true;
  const [circles, members, branchRows] = await Promise.all([
    circleLinks(db, community.id, viewer).then(gather),
    showsMembers ? memberLinks(db, community.id).then(gather) : undefined,
    branchesOf(db, community.id),
  ]);
  const branches = gather(
    branchRows.flatMap((row) => (row.code ? [{ code: row.code, subjectId: row.id }] : [])),
  );
  const items: TerritoryMapEntry[] = [];
  for (const { code, kind } of territories) {
    const entry: TerritoryMapEntry = {
      code,
      circles: circles.total(code),
      members: members ? members.total(code) : null,
      branches: branches.total(code),
    };
    if (kind === 'region') {
      entry.ownCircles = circles.own(code);
      entry.ownMembers = members ? members.own(code) : null;
    }
    if (entry.circles > 0 || (entry.members ?? 0) > 0 || entry.branches > 0) items.push(entry);
  }
  const byBranch = new Map<string, { slug: string; name: string; territoryCodes: string[] }>();
  for (const row of branchRows) {
    const branch = byBranch.get(row.id) ?? { slug: row.slug, name: row.name, territoryCodes: [] };
    if (row.code) branch.territoryCodes.push(row.code);
    byBranch.set(row.id, branch);
  }
  return {
    communityCodes: parseTerritoryCodes(community.territoryCodes),
    showsMembers,
    items,
    branches: [...byBranch.values()],
  };
}
