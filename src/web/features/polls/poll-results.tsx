import { useTranslation } from 'react-i18next';
import type { OptionResult, Poll, PollResults as Results } from '../../../contract/poll.ts';
import styles from './polls.module.css';

function Bars({ options, voters, kind }: { options: OptionResult[]; voters: number; kind: Results['kind'] }) {
  const { t } = useTranslation();
  const top = Math.max(1, ...options.map((o) => (kind === 'ranking' ? (o.borda ?? 0) : o.count)));
  return (
    <ul className={styles.bars}>
      {options.map((option) => {
        const value = kind === 'ranking' ? (option.borda ?? 0) : option.count;
        const percent = voters === 0 ? 0 : Math.round((option.count / voters) * 100);
        return (
          <li key={option.id} className={styles.bar}>
            <span className={styles.barText}>{option.text}</span>
            <span className={styles.barFigure}>
              {kind === 'ranking'
                ? t('polls.results.borda', { count: option.borda ?? 0, first: option.count })
                : kind === 'score'
                  ? t('polls.results.score', { average: option.average ?? '–', count: option.count })
                  : t('polls.results.count', { count: option.count, percent })}
            </span>
            <span className={styles.barTrack} aria-hidden="true">
              <span className={styles.barFill} style={{ width: `${(value / top) * 100}%` }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** Live results: bars with their figures in words (the bar is decoration, the text carries it). */
export function PollResultsView({ poll, results }: { poll: Poll; results: Results }) {
  const { t } = useTranslation();
  const textOf = (id: string | null) => poll.options.find((o) => o.id === id)?.text ?? '';
  return (
    <div className={styles.results}>
      <p className={styles.resultsMeta}>
        {t('polls.voters', { count: results.voters })}
        {results.final ? ` · ${t('polls.results.final')}` : ` · ${t('polls.results.live')}`}
      </p>
      {results.sections?.map((section) => (
        <section key={section.id} aria-label={section.title} className={styles.resultSection}>
          <h3>{section.title}</h3>
          <Bars options={section.options} voters={results.voters} kind={results.kind} />
        </section>
      ))}
      {results.options ? (
        <Bars options={results.options} voters={results.voters} kind={results.kind} />
      ) : null}
      {results.runoff ? (
        <div className={styles.runoff}>
          <p>
            <strong>{t('polls.results.runoffWinner')}</strong>{' '}
            {results.runoff.winner ? textOf(results.runoff.winner) : t('polls.results.noWinner')}
          </p>
          <ol>
            {results.runoff.rounds.map((round, index) => (
              <li key={round.eliminated ?? 'last'}>
                {t('polls.results.round', { number: index + 1 })}{' '}
                {Object.entries(round.counts)
                  .map(([id, count]) => `${textOf(id)} ${count}`)
                  .join(', ')}
                {round.eliminated
                  ? ` — ${t('polls.results.eliminated', { text: textOf(round.eliminated) })}`
                  : ''}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
