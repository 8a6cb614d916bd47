import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AbilitiesDto } from '../../../contract/abilities.ts';
import type { ChallengeDto } from '../../../contract/challenge.ts';
import { Card } from '../../components/card.tsx';
import { Section } from '../../components/section.tsx';
import { useMe } from '../auth/auth-api.ts';
import { Carriers, ChallengeBody, DeleteChallengeButton } from './challenge-body.tsx';
import { NewChallengeForm } from './challenge-forms.tsx';
import styles from './challenges.module.css';

export interface EventChallengesProps {
  eventId: string;
  challenges: ChallengeDto[];
  /** The event's abilities: organisers (steer) propose and delete challenges. */
  abilities: AbilitiesDto;
  /** The event's community, to choose carriers among its members when proposing a challenge. */
  communitySlug?: string;
}

/** The challenges of an event, for its page: each with its teams and outcome, and a form for organisers. */
export function EventChallenges({ eventId, challenges, abilities, communitySlug }: EventChallengesProps) {
  const { t } = useTranslation();
  const me = useMe();
  if (challenges.length === 0 && !abilities.steer) return null;
  return (
    <Section title={t('challenges.title')} description={t('challenges.intro')}>
      {challenges.length === 0 ? (
        <p className={styles.muted}>{t('challenges.none')}</p>
      ) : (
        <ul className={styles.list}>
          {challenges.map((challenge) => (
            <Card as="li" key={challenge.id} className={styles.card}>
              <div className={styles.cardHead}>
                <h3 className={styles.cardTitle}>
                  <Link to={`/challenges/${encodeURIComponent(challenge.id)}`}>{challenge.question}</Link>
                </h3>
                {abilities.steer ? <DeleteChallengeButton challenge={challenge} /> : null}
              </div>
              <Carriers challenge={challenge} />
              <ChallengeBody challenge={challenge} isSignedIn={Boolean(me.data)} />
            </Card>
          ))}
        </ul>
      )}
      {abilities.steer ? (
        <Card>
          <NewChallengeForm eventId={eventId} {...(communitySlug && { communitySlug })} />
        </Card>
      ) : null}
    </Section>
  );
}
