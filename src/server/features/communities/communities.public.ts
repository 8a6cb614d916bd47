/** What other features may use of communities: finding one as the viewer may, and its members. */
export {
  findCommunityMembership,
  getCommunity,
  getCommunityMember,
  listCommunityMembers,
  requireAnimator,
  requireNotArchived,
} from './communities.queries.ts';
