import { useTranslation } from 'react-i18next';
import type { ChallengeDto } from '../../../contract/challenge.ts';
import { Badge } from '../../components/badge.tsx';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormStatus } from '../../components/form-status.tsx';
import { MarkdownText } from '../../components/markdown-text.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useDeleteChallenge } from './challenge-api.ts';
import { AddTeamForm, OutcomeForm } from './challenge-forms.tsx';
import { ChallengeTeams } from './challenge-teams.tsx';
import styles from './challenges.module.css';

/** "Porté par Florent et Sandrine", or a count for readers who are not told the names. */
export function Carriers({ challenge }: { challenge: ChallengeDto }) {
  const { t, i18n } = useTranslation();
  if (challenge.carrierCount === 0) return null;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  return (
    <p className={styles.carriers}>
      {challenge.carriers.length > 0
        ? t('challenges.carriedBy', { names: list.format(challenge.carriers.map((person) => person.name)) })
        : t('challenges.carriedByCount', { count: challenge.carrierCount })}
      {challenge.iCarry ? (
        <>
          {' '}
          <Badge tone="primary">{t('challenges.youCarry')}</Badge>
        </>
      ) : null}
    </p>
  );
}

export function DeleteChallengeButton({
  challenge,
  onDeleted,
}: {
  challenge: ChallengeDto;
  onDeleted?: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const remove = useDeleteChallenge(challenge.eventId, challenge.id);
  return (
    <div>
      <ConfirmButton
        size="sm"
        title={t('challenges.delete.title')}
        message={t('challenges.delete.message')}
        confirmLabel={t('challenges.delete.confirm')}
        isPending={remove.isPending}
        onConfirm={() => remove.mutate(undefined, { ...(onDeleted && { onSuccess: onDeleted }) })}
      >
        {t('challenges.delete.button')}
      </ConfirmButton>
      <FormStatus message={remove.error ? { tone: 'danger', text: errorMessage(remove.error) } : null} />
    </div>
  );
}

/** A challenge's presentation, teams and outcome: on the event page and on its own page. */
export function ChallengeBody({ challenge, isSignedIn }: { challenge: ChallengeDto; isSignedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {challenge.description ? <MarkdownText source={challenge.description} topLevel={5} /> : null}
      <ChallengeTeams challenge={challenge} isSignedIn={isSignedIn} />
      {challenge.abilities.steer ? <AddTeamForm challenge={challenge} /> : null}
      <div className={styles.block}>
        <h4 className={styles.blockTitle}>{t('challenges.outcome.title')}</h4>
        {challenge.outcome ? (
          <MarkdownText source={challenge.outcome} topLevel={5} />
        ) : challenge.abilities.steer ? null : (
          <p className={styles.muted}>{t('challenges.outcome.none')}</p>
        )}
        {challenge.abilities.steer ? <OutcomeForm challenge={challenge} /> : null}
      </div>
    </>
  );
}
