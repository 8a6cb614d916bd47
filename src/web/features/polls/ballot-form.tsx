import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ballot, Poll, PollOption } from '../../../contract/poll.ts';
import { MAX_SCORE } from '../../../domain/poll.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { type BallotInput, useCastBallot } from './poll-api.ts';
import styles from './polls.module.css';

function Choices({
  poll,
  options,
  chosen,
  onToggle,
  limit,
}: {
  poll: Poll;
  options: PollOption[];
  chosen: string[];
  onToggle: (id: string, on: boolean) => void;
  limit: number | null;
}) {
  const isSingle = poll.kind === 'single';
  const taken = options.filter((o) => chosen.includes(o.id)).length;
  return (
    <ul className={styles.choices}>
      {options.map((option) => {
        const isChecked = chosen.includes(option.id);
        return (
          <li key={option.id}>
            <label className={styles.choice}>
              <input
                type={isSingle ? 'radio' : 'checkbox'}
                name={`poll-${poll.id}`}
                checked={isChecked}
                // A full section refuses more: the quota is visible before the server has to say no.
                disabled={!isSingle && !isChecked && limit !== null && taken >= limit}
                onChange={(e) => onToggle(option.id, e.target.checked)}
              />
              <span>{option.text}</span>
            </label>
          </li>
        );
      })}
    </ul>
  );
}

function SectionsChoices({
  poll,
  chosen,
  onToggle,
}: {
  poll: Poll;
  chosen: string[];
  onToggle: (id: string, on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={styles.sections}>
      {poll.sections.map((section) => {
        const options = poll.options.filter((o) => o.sectionId === section.id);
        const taken = options.filter((o) => chosen.includes(o.id)).length;
        const counterId = `quota-${section.id}`;
        return (
          <fieldset key={section.id} className={styles.fieldset} aria-describedby={counterId}>
            <legend className={styles.sectionLegend}>
              {section.title}
              {poll.maxPerSection !== null ? (
                <span id={counterId} className={styles.counter} aria-live="polite">
                  {t('polls.ballot.quota', { count: taken, max: poll.maxPerSection })}
                </span>
              ) : null}
            </legend>
            <Choices
              poll={poll}
              options={options}
              chosen={chosen}
              onToggle={onToggle}
              limit={poll.maxPerSection}
            />
          </fieldset>
        );
      })}
    </div>
  );
}

function Ranking({
  poll,
  order,
  onChange,
}: {
  poll: Poll;
  order: string[];
  onChange: (order: string[]) => void;
}) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const hintId = useId();
  const textOf = (id: string) => poll.options.find((o) => o.id === id)?.text ?? '';
  function move(index: number, by: number) {
    const target = index + by;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(target, 0, item);
    onChange(next);
    setAnnouncement(
      t('polls.ballot.moved', { text: textOf(item), position: target + 1, count: next.length }),
    );
    requestAnimationFrame(() => document.getElementById(`rank-${item}`)?.focus());
  }
  function onKey(event: KeyboardEvent, index: number) {
    if (event.altKey && event.key === 'ArrowUp') {
      event.preventDefault();
      move(index, -1);
    } else if (event.altKey && event.key === 'ArrowDown') {
      event.preventDefault();
      move(index, 1);
    }
  }
  return (
    <>
      <p className={styles.hint} id={hintId}>
        {t('polls.ballot.rankingHint')}
      </p>
      <ol className={styles.ranking}>
        {order.map((id, index) => (
          <li key={id} className={styles.rankItem}>
            <span className={styles.rank} aria-hidden="true">
              {index + 1}
            </span>
            <button
              type="button"
              id={`rank-${id}`}
              className={styles.rankText}
              aria-describedby={hintId}
              onKeyDown={(e) => onKey(e, index)}
            >
              {textOf(id)}
            </button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => move(index, -1)}
              disabled={index === 0}
              aria-label={t('polls.ballot.up', { text: textOf(id) })}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              size="sm"
              onClick={() => move(index, 1)}
              disabled={index === order.length - 1}
              aria-label={t('polls.ballot.down', { text: textOf(id) })}
            >
              ↓
            </Button>
          </li>
        ))}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </>
  );
}

const SCORES = Array.from({ length: MAX_SCORE + 1 }, (_, score) => score);

function Scores({
  poll,
  scores,
  onChange,
}: {
  poll: Poll;
  scores: Record<string, number>;
  onChange: (s: Record<string, number>) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={styles.sections}>
      {poll.options.map((option) => (
        <fieldset key={option.id} className={styles.scoreRow}>
          <legend className={styles.scoreLegend}>{option.text}</legend>
          {SCORES.map((score) => (
            <label key={score} className={styles.scoreChoice}>
              <input
                type="radio"
                name={`score-${option.id}`}
                checked={scores[option.id] === score}
                onChange={() => onChange({ ...scores, [option.id]: score })}
              />
              <span>{score}</span>
              <span className="visually-hidden">{t('polls.ballot.outOf', { max: MAX_SCORE })}</span>
            </label>
          ))}
        </fieldset>
      ))}
    </div>
  );
}

/** The voting form of each kind, filled with the voter's current ballot so it can be changed while open. */
export function BallotForm({ poll, current }: { poll: Poll; current: Ballot | null }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const cast = useCastBallot(poll.id);
  const [chosen, setChosen] = useState<string[]>(current?.choices ?? []);
  const [order, setOrder] = useState<string[]>(() => {
    const ranked = current?.ranking ?? [];
    return [...ranked, ...poll.options.map((o) => o.id).filter((id) => !ranked.includes(id))];
  });
  const [scores, setScores] = useState<Record<string, number>>(current?.scores ?? {});
  const [status, setStatus] = useState<FormStatusMessage | null>(null);

  function toggle(id: string, on: boolean) {
    if (poll.kind === 'single') setChosen([id]);
    else setChosen((all) => (on ? [...all, id] : all.filter((x) => x !== id)));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const ballot: BallotInput =
      poll.kind === 'ranking' ? { ranking: order } : poll.kind === 'score' ? { scores } : { choices: chosen };
    cast.mutate(ballot, {
      onSuccess: () => setStatus({ tone: 'success', text: t('polls.ballot.saved') }),
      onError: (error) => setStatus({ tone: 'danger', text: errorMessage(error) }),
    });
  }
  return (
    <form className={formStyles.form} onSubmit={submit} aria-label={t('polls.ballot.label')}>
      {poll.kind === 'sections' ? <SectionsChoices poll={poll} chosen={chosen} onToggle={toggle} /> : null}
      {poll.kind === 'single' || poll.kind === 'multiple' ? (
        <fieldset className={styles.fieldset}>
          <legend className="visually-hidden">{poll.title}</legend>
          <Choices
            poll={poll}
            options={poll.options}
            chosen={chosen}
            onToggle={toggle}
            limit={poll.maxChoices}
          />
        </fieldset>
      ) : null}
      {poll.kind === 'ranking' ? <Ranking poll={poll} order={order} onChange={setOrder} /> : null}
      {poll.kind === 'score' ? <Scores poll={poll} scores={scores} onChange={setScores} /> : null}
      <FormStatus message={status} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={cast.isPending}>
          {poll.hasVoted ? t('polls.ballot.change') : t('polls.ballot.submit')}
        </Button>
      </div>
      {poll.anonymous ? <p className={styles.hint}>{t('polls.ballot.anonymousNote')}</p> : null}
    </form>
  );
}
