import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Community } from '../../contract/community.ts';
import type { Me } from '../../contract/user.ts';
import { Alert } from '../components/alert.tsx';
import { Badge } from '../components/badge.tsx';
import { Button } from '../components/button.tsx';
import { EmptyState } from '../components/empty-state.tsx';
import { FormStatus } from '../components/form-status.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PersonItem, PersonList } from '../components/person-list.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { SelectField } from '../components/select-field.tsx';
import { TextField } from '../components/text-field.tsx';
import { RequireAuth } from '../features/auth/require-auth.tsx';
import { useCommunities } from '../features/communities/community-api.ts';
import { useCommunityMembers } from '../features/communities/community-members-api.ts';
import styles from '../features/placeholders/placeholders.module.css';
import { useAccountSearch, useAppointAnimator } from '../features/stewards/steward-api.ts';
import { runReported, useActionStatus } from '../lib/action-status.ts';

function Animators({ community, me }: { community: Community; me: Me }) {
  const { t } = useTranslation();
  const members = useCommunityMembers(community.slug, true);
  const appoint = useAppointAnimator(community.slug);
  const { message, report } = useActionStatus();
  const [text, setText] = useState('');
  const accounts = useAccountSearch(text, true);
  const animatorIds = new Set(members.data?.filter((m) => m.role === 'animator').map((m) => m.id));
  const animators = members.data?.filter((m) => m.role === 'animator' && m.status === 'active');

  return (
    <>
      <Section
        title={t('stewards.admin.current', { community: community.name })}
        description={t('stewards.admin.currentHint')}
      >
        {members.isPending ? <LoadingState /> : null}
        {members.isError ? <ErrorState error={members.error} onRetry={() => void members.refetch()} /> : null}
        {animators?.length === 0 ? <EmptyState title={t('stewards.admin.none')} isCompact /> : null}
        {animators?.length ? (
          <PersonList>
            {animators.map((person) => (
              <PersonItem
                key={person.id}
                name={person.name}
                badges={person.id === me.id ? <Badge>{t('common.you')}</Badge> : null}
              />
            ))}
          </PersonList>
        ) : null}
      </Section>
      <Section title={t('stewards.admin.choose')} description={t('stewards.admin.chooseHint')}>
        <div className={styles.search}>
          <TextField
            label={t('stewards.admin.search')}
            description={t('stewards.admin.searchHint')}
            type="search"
            value={text}
            onChange={setText}
          />
          <FormStatus message={message} />
        </div>
        <div className={styles.results}>
          {accounts.isError ? (
            <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />
          ) : null}
          {accounts.data?.length === 0 ? <EmptyState title={t('stewards.admin.noMatch')} isCompact /> : null}
          {accounts.data?.length ? (
            <PersonList>
              {accounts.data.map((account) => (
                <PersonItem
                  key={account.id}
                  name={account.name}
                  details={account.email}
                  badges={account.id === me.id ? <Badge>{t('common.you')}</Badge> : null}
                  actions={
                    animatorIds.has(account.id) ? (
                      <Badge tone="primary">{t('community.role.animator')}</Badge>
                    ) : (
                      <Button
                        variant="secondary"
                        size="sm"
                        isPending={appoint.isPending && appoint.variables === account.id}
                        onClick={() =>
                          runReported(
                            appoint.mutateAsync,
                            account.id,
                            report(
                              t('stewards.admin.named', { name: account.name, community: community.name }),
                            ),
                          )
                        }
                      >
                        {t('stewards.admin.appoint')}
                        <span className="visually-hidden"> {account.name}</span>
                      </Button>
                    )
                  }
                />
              ))}
            </PersonList>
          ) : null}
        </div>
      </Section>
    </>
  );
}

function AdminAnimators({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const communities = useCommunities({ enabled: me.isAdmin });
  const header = <PageHeader title={t('stewards.admin.title')} description={t('stewards.admin.intro')} />;
  if (!me.isAdmin) {
    return (
      <>
        {header}
        <Alert tone="warning" title={t('admin.forbiddenTitle')}>
          <p>{t('admin.forbidden')}</p>
        </Alert>
      </>
    );
  }
  const list = communities.data ?? [];
  const selected = list.find((c) => c.slug === params.get('community')) ?? list[0];
  return (
    <>
      {header}
      {communities.isPending ? <LoadingState /> : null}
      {communities.isError ? (
        <ErrorState error={communities.error} onRetry={() => void communities.refetch()} />
      ) : null}
      {communities.data?.length === 0 ? <EmptyState title={t('stewards.admin.noCommunity')} /> : null}
      {selected ? (
        <>
          <div className={styles.search}>
            <SelectField
              label={t('stewards.admin.community')}
              options={list.map((c) => ({ value: c.slug, label: c.name }))}
              value={selected.slug}
              onChange={(slug) => setParams({ community: slug }, { replace: true })}
            />
          </div>
          <Animators key={selected.slug} community={selected} me={me} />
        </>
      ) : null}
    </>
  );
}

export function AdminAnimatorsPage() {
  return <RequireAuth>{(me) => <AdminAnimators me={me} />}</RequireAuth>;
}
