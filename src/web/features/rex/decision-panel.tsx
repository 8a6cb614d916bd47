import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CircleDecision } from '../../../contract/circle.ts';
import { type CircleDecisionOutcome, circleDecisionOutcomes } from '../../../domain/review.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge, type BadgeTone } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { formatDay } from '../sessions/session-time.ts';
import styles from './rex.module.css';
import { useDecideCircle } from './rex-api.ts';

const outcomeTone: Record<CircleDecisionOutcome, BadgeTone> = {
  renew: 'success',
  spread: 'accent',
  pause: 'warning',
  end: 'neutral',
};

/** The recorded decision: its outcome, who decided and when, and its note. */
export function DecisionView({ decision }: { decision: CircleDecision | null }) {
  const { t, i18n } = useTranslation();
  if (!decision) return <p className={styles.muted}>{t('rex.decision.none')}</p>;
  const date = formatDay(decision.decidedAt, i18n.language);
  return (
    <div className={styles.decision}>
      <p>
        <Badge tone={outcomeTone[decision.outcome]}>{t(`rex.decision.outcomes.${decision.outcome}`)}</Badge>{' '}
        <span className={styles.muted}>
          {decision.decidedBy
            ? t('rex.decision.decidedBy', { date, name: decision.decidedBy.name })
            : t('rex.decision.decided', { date })}
        </span>
      </p>
      {decision.note ? <p>{decision.note}</p> : null}
    </div>
  );
}

/** Records the REX decision on a circle (its stewards): renew, spread, pause or end, with a note. */
export function DecisionForm({
  circleId,
  circleName,
  decision,
}: {
  circleId: string;
  circleName: string;
  decision: CircleDecision | null;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [outcome, setOutcome] = useState<CircleDecisionOutcome>(decision?.outcome ?? 'renew');
  const [note, setNote] = useState(decision?.note ?? '');
  const [saved, setSaved] = useState(false);
  const decide = useDecideCircle(circleId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    decide.mutate({ outcome, note: note.trim() }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form
      className={`${styles.form} ${styles.noPrint}`}
      onSubmit={submit}
      aria-label={t('rex.decision.formLabel', { circle: circleName })}
    >
      <SelectField
        label={t('rex.decision.outcome')}
        value={outcome}
        onChange={setOutcome}
        options={circleDecisionOutcomes.map((value) => ({
          value,
          label: t(`rex.decision.outcomes.${value}`),
        }))}
      />
      <TextField
        label={t('rex.decision.note')}
        value={note}
        onChange={setNote}
        multiline
        rows={2}
        maxLength={4000}
        isOptional
      />
      {decide.error ? <Alert tone="danger">{errorMessage(decide.error)}</Alert> : null}
      <div className={styles.buttons}>
        <Button type="submit" isPending={decide.isPending}>
          {t('rex.decision.save')}
        </Button>
        {saved ? <p role="status">{t('rex.decision.saved')}</p> : null}
      </div>
    </form>
  );
}
