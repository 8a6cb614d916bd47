import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerDto, SurveyQuestionDto } from '../../../contract/survey.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import { ApiError } from '../../lib/api-client.ts';
import { useErrorMessage } from '../../lib/error-message.ts';
import styles from './surveys.module.css';

type Value = AnswerDto['value'];

/** The questions grouped under their sections, in order (consecutive questions share a section). */
export function bySection(questions: SurveyQuestionDto[]) {
  const groups: { section: string | null; questions: SurveyQuestionDto[] }[] = [];
  for (const question of questions) {
    const last = groups.at(-1);
    if (last && last.section === question.section) last.questions.push(question);
    else groups.push({ section: question.section, questions: [question] });
  }
  return groups;
}

/** A scale or NPS question: one radio per value in a row, the end labels beneath its ends. */
function ScaleInput({
  question,
  value,
  onChange,
  describedBy,
}: {
  question: SurveyQuestionDto;
  value: Value | undefined;
  onChange: (value: number) => void;
  describedBy: string | undefined;
}) {
  const name = useId();
  const min = question.min ?? 1;
  const max = question.max ?? 5;
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <div className={styles.scale} aria-describedby={describedBy}>
      <div
        className={question.kind === 'nps' ? `${styles.scaleValues} ${styles.npsValues}` : styles.scaleValues}
      >
        {values.map((n) => (
          <label key={n} className={styles.scaleValue}>
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              aria-label={
                n === min && question.minLabel
                  ? `${n} : ${question.minLabel}`
                  : n === max && question.maxLabel
                    ? `${n} : ${question.maxLabel}`
                    : String(n)
              }
            />
            <span aria-hidden="true">{n}</span>
          </label>
        ))}
      </div>
      {question.minLabel || question.maxLabel ? (
        <div className={styles.scaleEnds} aria-hidden="true">
          <span>{question.minLabel}</span>
          <span>{question.maxLabel}</span>
        </div>
      ) : null}
    </div>
  );
}

function QuestionField({
  question,
  value,
  onChange,
  error,
}: {
  question: SurveyQuestionDto;
  value: Value | undefined;
  onChange: (value: Value | undefined) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const legend = (
    <legend className={fieldStyles.label}>
      {question.text}
      {question.required ? <span className={styles.required}> {t('surveys.answer.required')}</span> : null}
    </legend>
  );
  const errorText = error ? (
    <p id={errorId} className={fieldStyles.error}>
      {error}
    </p>
  ) : null;
  if (question.kind === 'text') {
    return (
      <div className={styles.question}>
        <label htmlFor={id} className={fieldStyles.label}>
          {question.text}
          {question.required ? (
            <span className={styles.required}> {t('surveys.answer.required')}</span>
          ) : null}
        </label>
        <textarea
          id={id}
          className={`${fieldStyles.input} ${styles.textAnswer}`}
          rows={3}
          maxLength={5000}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={errorId}
          aria-invalid={error ? true : undefined}
          aria-required={question.required || undefined}
        />
        {errorText}
      </div>
    );
  }
  if (question.kind === 'scale' || question.kind === 'nps') {
    return (
      <fieldset className={styles.question} aria-describedby={errorId}>
        {legend}
        <ScaleInput question={question} value={value} onChange={onChange} describedBy={undefined} />
        {errorText}
      </fieldset>
    );
  }
  const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const multiple = question.kind === 'multiple';
  return (
    <fieldset className={styles.question} aria-describedby={errorId}>
      {legend}
      {multiple ? <p className={fieldStyles.description}>{t('surveys.answer.several')}</p> : null}
      <div className={styles.choices}>
        {question.options.map((option) => (
          <label key={option.id} className={styles.choice}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={id}
              checked={chosen.includes(option.id)}
              onChange={(event) =>
                onChange(
                  multiple
                    ? event.target.checked
                      ? [...chosen, option.id]
                      : chosen.filter((c) => c !== option.id)
                    : option.id,
                )
              }
            />{' '}
            {option.text}
          </label>
        ))}
      </div>
      {errorText}
    </fieldset>
  );
}

const isEmpty = (value: Value | undefined) =>
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** Which question each refusal of the server names: its message starts with `<questionId>:`. */
function problemsOf(error: unknown): Map<string, string> {
  const problems = new Map<string, string>();
  if (!(error instanceof ApiError) || error.code !== 'INVALID_INPUT' || !Array.isArray(error.details)) {
    return problems;
  }
  for (const issue of error.details as { message?: unknown }[]) {
    const match = typeof issue.message === 'string' ? /^([^:\s]+):\s*(.*)$/.exec(issue.message) : null;
    if (match?.[1]) problems.set(match[1], match[2] ?? '');
  }
  return problems;
}

/**
 * The answering form, for members and guests alike: every question of the questionnaire under its
 * section, required ones checked before sending, the server's refusals shown at their question.
 */
export function SurveyForm({
  questions,
  initial,
  submitLabel,
  isPending,
  error,
  onSubmit,
  before,
}: {
  questions: SurveyQuestionDto[];
  initial: AnswerDto[];
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (answers: AnswerDto[]) => void;
  /** Fields shown before the questions (a guest's name). */
  before?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<Record<string, Value | undefined>>(() =>
    Object.fromEntries(initial.map((a) => [a.questionId, a.value])),
  );
  const [missing, setMissing] = useState<string[]>([]);
  const answers: AnswerDto[] = questions.flatMap((q) => {
    const value = values[q.id];
    return isEmpty(value) ? [] : [{ questionId: q.id, value: value as Value }];
  });
  const serverProblems = problemsOf(error);
  /** The server's words for a refused answer, in the reader's language. */
  const explain = (problem: string | undefined) => {
    if (problem === undefined) return undefined;
    if (problem === 'an answer is required') return t('surveys.answer.missing');
    const range = /^between (\d+) and (\d+)$/.exec(problem);
    if (range) return t('surveys.answer.range', { min: range[1], max: range[2] });
    return t('surveys.answer.invalid');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const left = questions.filter((q) => q.required && isEmpty(values[q.id])).map((q) => q.id);
    setMissing(left);
    if (left.length > 0) {
      document.getElementById(`q-${left[0]}`)?.querySelector<HTMLElement>('input, textarea')?.focus();
      return;
    }
    onSubmit(answers);
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {before}
      {bySection(questions).map((group) => (
        <div key={group.questions[0]?.id} className={styles.group}>
          {group.section ? <h2 className={styles.sectionTitle}>{group.section}</h2> : null}
          {group.questions.map((question) => (
            <div key={question.id} id={`q-${question.id}`}>
              <QuestionField
                question={question}
                value={values[question.id]}
                onChange={(value) => {
                  setValues((current) => ({ ...current, [question.id]: value }));
                  setMissing((current) => current.filter((id) => id !== question.id));
                }}
                error={
                  missing.includes(question.id)
                    ? t('surveys.answer.missing')
                    : explain(serverProblems.get(question.id))
                }
              />
            </div>
          ))}
        </div>
      ))}
      <div role="alert" className={styles.formProblem}>
        {missing.length > 0 ? (
          <Alert tone="danger">{t('surveys.answer.missingSome', { count: missing.length })}</Alert>
        ) : null}
        {error && serverProblems.size === 0 ? <Alert tone="danger">{errorMessage(error)}</Alert> : null}
      </div>
      <div className={styles.formActions}>
        <Button type="submit" isPending={isPending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
