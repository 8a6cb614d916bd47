import { useTranslation } from 'react-i18next';
import type { QuestionResultDto, SurveyDto, SurveyResultsDto } from '../../../contract/survey.ts';
import { Alert } from '../../components/alert.tsx';
import { BarChart } from '../../components/bar-chart.tsx';
import { bySection } from './survey-form.tsx';
import styles from './surveys.module.css';

/** Numbers as the reader writes them ("3,5" in French). */
export function useNumberFormat() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 });
  return (n: number) => format.format(n);
}

function Figures({ result }: { result: QuestionResultDto }) {
  const { t } = useTranslation();
  const number = useNumberFormat();
  const parts = [t('surveys.results.answers', { count: result.count })];
  if (result.mean !== undefined && result.mean !== null)
    parts.push(t('surveys.results.mean', { value: number(result.mean) }));
  if (result.median !== undefined && result.median !== null) {
    parts.push(t('surveys.results.median', { value: number(result.median) }));
  }
  return (
    <p className={styles.figures}>
      {parts.join(' · ')}
      {result.nps !== undefined && result.nps !== null ? (
        <>
          {' · '}
          <strong>{t('surveys.results.nps', { value: `${result.nps > 0 ? '+' : ''}${result.nps}` })}</strong>{' '}
          <span className={styles.muted}>{t('surveys.results.npsHelp')}</span>
        </>
      ) : null}
    </p>
  );
}

function QuestionResult({
  question,
  result,
  anonymous,
  titleLevel,
}: {
  question: SurveyDto['questions'][number];
  result: QuestionResultDto;
  anonymous: boolean;
  titleLevel: 'h3' | 'h5';
}) {
  const Title = titleLevel;
  const { t } = useTranslation();
  const number = useNumberFormat();
  const common = {
    title: question.text,
    tableCaption: t('surveys.results.tableCaption', { question: question.text }),
    valueHeader: t('surveys.results.count'),
    valueFormat: number,
  };
  let chart = null;
  if (result.distribution) {
    const min = question.min ?? 0;
    const max = question.max ?? 0;
    const median = result.median;
    const medianIndex =
      median !== null && median !== undefined && Number.isInteger(median)
        ? result.distribution.findIndex((d) => d.value === median)
        : -1;
    chart = (
      <BarChart
        {...common}
        orientation="vertical"
        labelHeader={t('surveys.results.value')}
        description={t('surveys.results.scaleDescription', {
          min,
          max,
          minLabel: question.minLabel ?? String(min),
          maxLabel: question.maxLabel ?? String(max),
        })}
        bars={result.distribution.map((d, i) => ({
          label: String(d.value),
          value: d.count,
          ...(i === medianIndex && { note: t('surveys.results.medianNote') }),
        }))}
        {...(medianIndex >= 0 && { highlight: medianIndex })}
      />
    );
  } else if (result.options) {
    chart = (
      <BarChart
        {...common}
        labelHeader={t('surveys.results.option')}
        {...(question.kind === 'multiple' && { description: t('surveys.results.severalDescription') })}
        bars={result.options.map((o) => ({ label: o.text, value: o.count }))}
      />
    );
  }
  return (
    <article className={styles.result}>
      {result.texts ? <Title className={styles.resultTitle}>{question.text}</Title> : null}
      {chart}
      <Figures result={result} />
      {result.texts ? (
        result.texts.length > 0 ? (
          <>
            {anonymous ? <p className={styles.muted}>{t('surveys.results.randomOrder')}</p> : null}
            <ul className={styles.texts}>
              {result.texts.map((text, i) => (
                // Texts have no id; their order is fixed for this reading.
                // biome-ignore lint/suspicious/noArrayIndexKey: a list read once, never reordered in place
                <li key={i}>{text}</li>
              ))}
            </ul>
          </>
        ) : (
          <p className={styles.muted}>{t('surveys.results.noText')}</p>
        )
      ) : null}
    </article>
  );
}

/** Every question's results under its section, or why they are not shown yet. */
export function SurveyResults({
  survey,
  results,
  headingLevel = 2,
}: {
  survey: Pick<SurveyDto, 'questions' | 'anonymous'>;
  results: SurveyResultsDto;
  /** The level of section headings (2 on the results page, deeper inside a review). */
  headingLevel?: 2 | 4;
}) {
  const SectionHeading = headingLevel === 2 ? 'h2' : 'h4';
  const { t } = useTranslation();
  if (results.withheld) {
    return (
      <Alert tone="info">
        {t('surveys.results.respondents', { count: results.respondents })}{' '}
        {results.withheld === 'open'
          ? t('surveys.results.withheldOpen', { min: results.minRespondents })
          : t('surveys.results.withheldThreshold', { min: results.minRespondents })}
      </Alert>
    );
  }
  const byId = new Map(results.questions.map((r) => [r.id, r]));
  return (
    <div className={styles.results}>
      <p className={styles.lead}>{t('surveys.results.respondents', { count: results.respondents })}</p>
      {bySection(survey.questions).map((group) => (
        <section
          key={group.questions[0]?.id}
          className={styles.group}
          aria-label={group.section ?? undefined}
        >
          {group.section ? (
            <SectionHeading className={styles.sectionTitle}>{group.section}</SectionHeading>
          ) : null}
          {group.questions.map((question) => {
            const result = byId.get(question.id);
            return result ? (
              <QuestionResult
                key={question.id}
                question={question}
                result={result}
                anonymous={survey.anonymous}
                titleLevel={headingLevel === 2 ? 'h3' : 'h5'}
              />
            ) : null;
          })}
        </section>
      ))}
    </div>
  );
}
