import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Community, CommunityBranch } from '../../../contract/community.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { ButtonLink } from '../../components/button-link.tsx';
import { Card } from '../../components/card.tsx';
import { FormProblem } from '../../components/form-problem.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCommunityBranches } from './branches-api.ts';
import { useJoinCommunity } from './community-api.ts';
import { JoinPolicyBadge } from './community-badges.tsx';
import own from './community-branches.module.css';
import styles from './community-card.module.css';

/** "Rejoindre" for a member of the parent: their membership there stands for the branch's approval. */
function JoinBranchButton({ branch }: { branch: CommunityBranch }) {
  const { t } = useTranslation();
  const join = useJoinCommunity(branch.slug);
  const message = useErrorMessage();
  return (
    <>
      <Button
        variant="secondary"
        isPending={join.isPending}
        onClick={() => join.mutate(undefined)}
        aria-label={t('community.branches.joinNamed', { name: branch.name })}
      >
        {t('community.branches.join')}
      </Button>
      <FormProblem text={join.error ? message(join.error) : undefined} />
    </>
  );
}

function BranchStatus({ branch }: { branch: CommunityBranch }) {
  const { t } = useTranslation();
  if (branch.myStatus === 'active') return <Badge tone="success">{t('community.role.member')}</Badge>;
  if (branch.myStatus === 'requested')
    return <Badge tone="accent">{t('community.myStatus.requested')}</Badge>;
  return branch.joinsInOneStep ? <JoinBranchButton branch={branch} /> : null;
}

function BranchCard({ branch }: { branch: CommunityBranch }) {
  const { t } = useTranslation();
  return (
    <Card as="li">
      <h3 className={styles.title}>
        <Link to={`/c/${encodeURIComponent(branch.slug)}`}>{branch.name}</Link>
      </h3>
      {branch.description ? <p className={styles.description}>{branch.description}</p> : null}
      <div className={styles.meta}>
        <span className={styles.counts}>{t('community.counts.members', { count: branch.memberCount })}</span>
        <JoinPolicyBadge policy={branch.joinPolicy} />
        <BranchStatus branch={branch} />
      </div>
    </Card>
  );
}

/**
 * The territorial branches (antennes) of a community, on its page; its animators may found one
 * there. Nothing is shown when it has none and the reader cannot found one.
 */
export function CommunityBranches({ community }: { community: Community }) {
  const { t } = useTranslation();
  const branches = useCommunityBranches(community.slug);
  const mayFound = community.abilities.steer && community.parent === undefined;
  const items = branches.data ?? [];
  if (items.length === 0 && !mayFound) return null;
  return (
    <div className={own.branches}>
      <Section
        title={t('community.branches.title')}
        description={t('community.branches.intro')}
        action={
          mayFound ? (
            <ButtonLink
              variant="secondary"
              to={`/communities/new?parent=${encodeURIComponent(community.slug)}`}
            >
              {t('community.branches.found')}
            </ButtonLink>
          ) : undefined
        }
      >
        {items.length === 0 ? (
          <p>{t('community.branches.none')}</p>
        ) : (
          <ul className={styles.grid}>
            {items.map((branch) => (
              <BranchCard key={branch.id} branch={branch} />
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

/** "Antenne de <parent>", with a link, on a branch's page. */
export function BranchOf({ parent }: { parent: NonNullable<Community['parent']> }) {
  const { t } = useTranslation();
  return (
    <p>
      {t('community.branches.branchOf')}{' '}
      <Link to={`/c/${encodeURIComponent(parent.slug)}`}>{parent.name}</Link>
    </p>
  );
}
