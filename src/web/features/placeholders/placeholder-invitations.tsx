import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { Placeholder } from '../../../contract/placeholder.ts';
import { Badge } from '../../components/badge.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { LazyDialogButton } from '../../components/lazy-dialog-button.tsx';
import { PersonItem, PersonList } from '../../components/person-list.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { type Report, runReported, useActionStatus } from '../../lib/action-status.ts';
import { lazyNamed } from '../../lib/lazy-named.ts';
import { usePlaceholders, useWithdrawInvitation } from './placeholder-api.ts';
import styles from './placeholders.module.css';

const inviteDialog = lazyNamed(() => import('./invite-placeholder-dialog.tsx'), 'InvitePlaceholderDialog');

function useDetails() {
  const { t } = useTranslation();
  return (person: Placeholder) =>
    [
      // Only what there is: "0 prochain pas" says nothing.
      person.actionCount > 0 ? t('placeholders.actionCount', { count: person.actionCount }) : '',
      person.sessionCount > 0 ? t('placeholders.sessionCount', { count: person.sessionCount }) : '',
      ...person.circles.map((circle) =>
        circle.role === 'facilitator'
          ? t('placeholders.facilitatorOf', { circle: circle.name })
          : circle.name,
      ),
    ]
      .filter(Boolean)
      .join(' · ');
}

function Row({ slug, person, report }: { slug: string; person: Placeholder; report: Report }) {
  const { t } = useTranslation();
  const details = useDetails();
  const withdraw = useWithdrawInvitation(slug);
  const invitation = person.invitation;
  return (
    <>
      <PersonItem
        name={person.name}
        details={details(person)}
        badges={
          invitation ? (
            <Badge tone="primary">{t('placeholders.invited', { email: invitation.email })}</Badge>
          ) : (
            <Badge>{t('placeholders.noAccount')}</Badge>
          )
        }
        actions={
          <>
            <LazyDialogButton
              variant={invitation ? 'ghost' : 'secondary'}
              size="sm"
              label={
                <>
                  {invitation ? t('placeholders.reinvite') : t('placeholders.inviteAction')}
                  <span className="visually-hidden"> {person.name}</span>
                </>
              }
              preload={inviteDialog.preload}
            >
              {(close) => (
                <inviteDialog.Component communitySlug={slug} placeholder={person} onClose={close} />
              )}
            </LazyDialogButton>
            {invitation ? (
              <ConfirmButton
                size="sm"
                title={t('placeholders.withdrawTitle', { name: person.name })}
                message={t('placeholders.withdrawMessage', { email: invitation.email })}
                confirmLabel={t('placeholders.withdraw')}
                isPending={withdraw.isPending}
                onConfirm={() =>
                  runReported(
                    withdraw.mutateAsync,
                    person.id,
                    report(t('placeholders.withdrawn', { name: person.name })),
                  )
                }
              >
                {t('placeholders.withdraw')}
                <span className="visually-hidden"> {person.name}</span>
              </ConfirmButton>
            ) : null}
          </>
        }
      />
      {invitation ? (
        <li className={styles.link}>
          <CopyField label={t('placeholders.linkFor', { name: person.name })} value={invitation.url} />
        </li>
      ) : null}
    </>
  );
}

/**
 * Stewards: the people written into the community without an account (the demo's, imported
 * ones), each to invite by e-mail so that they take their place, next steps included.
 * `circleId` narrows the list to one circle's people (its facilitators' view).
 */
export function PlaceholderInvitations(props: { slug: string; circleId?: string }) {
  return (
    <Suspense fallback={<LoadingState />}>
      <Invitations {...props} />
    </Suspense>
  );
}

function Invitations({ slug, circleId }: { slug: string; circleId?: string }) {
  const { t } = useTranslation();
  const placeholders = usePlaceholders(slug, true);
  const { message, report } = useActionStatus();
  const people = placeholders.data?.filter(
    (person) => circleId === undefined || person.circles.some((circle) => circle.id === circleId),
  );
  if (circleId !== undefined && people?.length === 0) return null;
  return (
    <Section title={t('placeholders.title')} description={t('placeholders.description')}>
      {placeholders.isPending ? <LoadingState /> : null}
      {placeholders.isError ? (
        <ErrorState error={placeholders.error} onRetry={() => void placeholders.refetch()} />
      ) : null}
      <FormStatus message={message} />
      {people?.length === 0 ? <EmptyState title={t('placeholders.empty')} isCompact /> : null}
      {people?.length ? (
        <PersonList>
          {people.map((person) => (
            <Row key={person.id} slug={slug} person={person} report={report} />
          ))}
        </PersonList>
      ) : null}
      <ShowMore list={placeholders} />
    </Section>
  );
}
