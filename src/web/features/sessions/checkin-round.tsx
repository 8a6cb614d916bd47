import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import { type CheckinRound as Round, type Weather, weathers } from '../../../domain/session.ts';
import { Button } from '../../components/button.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import fieldStyles from '../../components/field.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { GuestBadge } from '../guests/guest-badge.tsx';
import styles from './checkin-round.module.css';
import { usePutCheckin } from './session-api.ts';
import { WeatherIcon } from './weather-icon.tsx';

export interface CheckinFormProps {
  sessionId: string;
  round: Round;
  mine: Session['checkins'][number] | undefined;
}

/** My answer: one of the seven weathers as large native radios, and a word. */
export function CheckinForm({ sessionId, round, mine }: CheckinFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const errorMessage = useErrorMessage();
  const put = usePutCheckin(sessionId);
  const [weather, setWeather] = useState<Weather | undefined>(mine?.weather);
  const [word, setWord] = useState(mine?.word ?? '');
  const [message, setMessage] = useState<FormStatusMessage | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!weather) {
      setMessage({ tone: 'danger', text: t('checkin.pickWeather') });
      return;
    }
    put.mutate(
      { weather, word: word.trim() || undefined, round },
      {
        onSuccess: () => setMessage({ tone: 'success', text: t('checkin.shared') }),
        onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
      },
    );
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <fieldset className={styles.weathers}>
        <legend className={fieldStyles.label}>{t('checkin.yourWeather')}</legend>
        <div className={styles.options}>
          {weathers.map((value) => (
            <label key={value} className={styles.option}>
              <input
                type="radio"
                className={styles.radio}
                name={`${id}-weather`}
                value={value}
                checked={weather === value}
                onChange={() => setWeather(value)}
              />
              <WeatherIcon weather={value} />
              <span className={styles.optionLabel}>{t(`checkin.weather.${value}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className={styles.wordRow}>
        <div className={fieldStyles.field}>
          <label className={fieldStyles.label} htmlFor={`${id}-word`}>
            {t('checkin.word')}
            <span className={fieldStyles.optional}> {t('form.optional')}</span>
          </label>
          <input
            id={`${id}-word`}
            className={fieldStyles.input}
            value={word}
            maxLength={60}
            onChange={(event) => setWord(event.target.value)}
          />
        </div>
        <Button type="submit" isPending={put.isPending}>
          {mine ? t('checkin.update') : t('checkin.share')}
        </Button>
      </div>
      <FormStatus message={message} />
    </form>
  );
}

export interface CheckinRoundProps {
  session: Session;
  round: Round;
  myId: string | undefined;
  canTakePart: boolean;
}

/** The tour de météo (opening) or the closing round: my answer, and everyone's in a grid. */
export function CheckinRound({ session, round, myId, canTakePart }: CheckinRoundProps) {
  const { t } = useTranslation();
  const answers = session.checkins.filter((c) => c.round === round);
  const mine = answers.find((c) => c.userId === myId);
  return (
    <Section title={t(`checkin.title.${round}`)} description={t(`checkin.intro.${round}`)}>
      {canTakePart ? <CheckinForm sessionId={session.id} round={round} mine={mine} /> : null}
      {answers.length === 0 ? (
        <EmptyState isCompact title={t('checkin.none')} />
      ) : (
        <ul className={styles.grid} aria-label={t('checkin.gridLabel', { count: answers.length })}>
          {answers.map((answer) => (
            <li key={answer.userId} className={`${styles.card} ${answer.userId === myId ? styles.mine : ''}`}>
              <WeatherIcon weather={answer.weather} size="lg" />
              <div className={styles.cardText}>
                <span className={styles.name}>
                  {answer.name} <GuestBadge sessionId={session.id} userId={answer.userId} />
                </span>
                <span className={styles.weatherName}>{t(`checkin.weather.${answer.weather}`)}</span>
                {answer.word ? <span className={styles.word}>« {answer.word} »</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
