import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SignupSheet, SignupTopic } from '../../../contract/signup.ts';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { Meter } from '../../components/meter.tsx';
import { PersonItem, PersonList } from '../../components/person-list.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useMakeWorkingGroup, useSignUp, useWithdraw } from './signup-api.ts';
import styles from './signup-topic-card.module.css';

function Places({ topic }: { topic: SignupTopic }) {
  const { t } = useTranslation();
  if (topic.capacity === null)
    return <p className={styles.muted}>{t('signups.topic.unlimited', { count: topic.confirmedCount })}</p>;
  const label = t('signups.topic.places', {
    count: topic.confirmedCount,
    places: t('signups.topic.capacity', { count: topic.capacity }),
  });
  return (
    <Meter
      label={t('signups.topic.meter')}
      value={topic.confirmedCount}
      maxValue={topic.capacity}
      valueLabel={label}
    />
  );
}

function MySignup({
  sheet,
  topic,
  myId,
}: {
  sheet: SignupSheet;
  topic: SignupTopic;
  myId: string | undefined;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const signUp = useSignUp(sheet.id);
  const withdraw = useWithdraw(sheet.id);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const onError = (error: unknown) => setMessage({ tone: 'danger', text: errorMessage(error) });
  const mine = topic.entries.find((entry) => entry.userId === myId);
  const isFull = topic.capacity !== null && topic.confirmedCount >= topic.capacity;
  if (!sheet.abilities.takePart) return null;
  return (
    <div>
      {mine ? (
        <div className={styles.mine}>
          <Badge tone={mine.status === 'confirmed' ? 'success' : 'warning'}>
            {mine.status === 'confirmed'
              ? t('signups.topic.youConfirmed')
              : t('signups.topic.youWaiting', { position: mine.waitlistPosition })}
          </Badge>
          <Button
            variant="secondary"
            size="sm"
            isPending={withdraw.isPending}
            onClick={() =>
              withdraw.mutate(topic.id, {
                onSuccess: () => setMessage({ tone: 'success', text: t('signups.topic.withdrawn') }),
                onError,
              })
            }
          >
            {t('signups.topic.withdraw')}
          </Button>
        </div>
      ) : (
        <form
          className={styles.mine}
          onSubmit={(event) => {
            event.preventDefault();
            signUp.mutate(
              { topicId: topic.id, note },
              {
                onSuccess: ({ status }) => {
                  setNote('');
                  setMessage({ tone: 'success', text: t(`signups.topic.result.${status}`) });
                },
                onError,
              },
            );
          }}
        >
          <div className={styles.note}>
            <TextField label={t('signups.topic.note')} value={note} onChange={setNote} isOptional />
          </div>
          <Button type="submit" isPending={signUp.isPending}>
            {isFull ? t('signups.topic.joinWaitlist') : t('signups.topic.signUp')}
          </Button>
        </form>
      )}
      <FormStatus message={message} />
    </div>
  );
}

function WorkingGroup({ sheet, topic }: { sheet: SignupSheet; topic: SignupTopic }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const make = useMakeWorkingGroup(sheet.id);
  if (topic.workingGroupId) {
    return (
      <Link to={`/circles/${encodeURIComponent(topic.workingGroupId)}`}>
        {t('signups.topic.workingGroupLink')}
      </Link>
    );
  }
  if (!sheet.abilities.steer || topic.confirmedCount === 0) return null;
  return (
    <div>
      <Button variant="secondary" size="sm" isPending={make.isPending} onClick={() => make.mutate(topic.id)}>
        {t('signups.topic.makeWorkingGroup')}
      </Button>
      <FormStatus message={make.error ? { tone: 'danger', text: errorMessage(make.error) } : null} />
    </div>
  );
}

/** One topic: its places, the people confirmed, the waitlist in order, and what the reader may do. */
export function SignupTopicCard({
  sheet,
  topic,
  myId,
}: {
  sheet: SignupSheet;
  topic: SignupTopic;
  myId: string | undefined;
}) {
  const { t } = useTranslation();
  const confirmed = topic.entries.filter((entry) => entry.status === 'confirmed');
  const waiting = topic.entries.filter((entry) => entry.status === 'waitlisted');
  return (
    <Card as="li" className={styles.topic}>
      <div className={styles.head}>
        <h2 className={styles.title}>{topic.title}</h2>
        <WorkingGroup sheet={sheet} topic={topic} />
      </div>
      <Places topic={topic} />
      {confirmed.length ? (
        <PersonList>
          {confirmed.map((entry) => (
            <PersonItem key={entry.userId} name={entry.name} details={entry.note || undefined} />
          ))}
        </PersonList>
      ) : (
        <p className={styles.muted}>{t('signups.topic.nobody')}</p>
      )}
      {waiting.length ? (
        <>
          <h3 className={styles.groupTitle}>{t('signups.topic.waitlist', { count: waiting.length })}</h3>
          <PersonList isOrdered>
            {waiting.map((entry) => (
              <PersonItem
                key={entry.userId}
                name={entry.name}
                details={entry.note || undefined}
                position={entry.waitlistPosition ?? undefined}
              />
            ))}
          </PersonList>
        </>
      ) : null}
      <MySignup sheet={sheet} topic={topic} myId={myId} />
    </Card>
  );
}
