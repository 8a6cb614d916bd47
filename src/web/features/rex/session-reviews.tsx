import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReviewedCircles } from '../../../contract/review.ts';
import type { Session } from '../../../contract/session.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useMe } from '../auth/auth-api.ts';
import { useCircle, useCommunityCircles } from '../circles/circle-api.ts';
import { DecisionForm, DecisionView } from './decision-panel.tsx';
import { ReviewSummary } from './review-view.tsx';
import styles from './rex.module.css';
import { useReviewedCircles, useSetReviewedCircles } from './rex-api.ts';

/** The session's stewards choose which circles of the community it reviews, and since when. */
function ChooseCircles({
  session,
  current,
  onDone,
}: {
  session: Session;
  current: ReviewedCircles;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const circle = useCircle(session.circleId);
  const circles = useCommunityCircles(circle.data?.communitySlug ?? '', circle.isSuccess);
  const [chosen, setChosen] = useState<string[]>(current.items.map((item) => item.review.circleId));
  const [from, setFrom] = useState(current.items[0]?.review.from ?? '');
  const save = useSetReviewedCircles(session.id);
  const others = (circles.data ?? []).filter((c) => c.id !== session.circleId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ circleIds: chosen, ...(from && { from }) }, { onSuccess: onDone });
  };
  if (circle.isPending || circles.isPending) return <LoadingState />;
  return (
    <form className={styles.form} onSubmit={submit}>
      <fieldset className={styles.checkboxes}>
        <legend className={styles.total}>{t('rex.session.chooseTitle')}</legend>
        {others.length === 0 ? <p className={styles.muted}>{t('rex.session.noCircles')}</p> : null}
        {others.map((c) => (
          <label key={c.id}>
            <input
              type="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(event) =>
                setChosen((list) =>
                  event.target.checked ? [...list, c.id] : list.filter((id) => id !== c.id),
                )
              }
            />
            {c.name}
          </label>
        ))}
      </fieldset>
      <TextField
        label={t('rex.session.from')}
        description={t('rex.session.fromHelp')}
        type="date"
        value={from}
        onChange={setFrom}
        isOptional
      />
      {save.error ? <Alert tone="danger">{errorMessage(save.error)}</Alert> : null}
      <div className={styles.buttons}>
        <Button type="submit" isPending={save.isPending}>
          {t('rex.session.save')}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t('rex.session.cancel')}
        </Button>
      </div>
    </form>
  );
}

/**
 * A REX session's reviewed circles, beside its agenda: each circle's review and its decision,
 * which the circle's stewards record here. Shown when the session reviews some circle, or to its
 * stewards (who choose them).
 */
export function SessionReviews({ session }: { session: Session }) {
  const { t } = useTranslation();
  const reviewed = useReviewedCircles(session.id, Boolean(useMe().data));
  const [isChoosing, setChoosing] = useState(false);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const wasChoosing = useRef(false);
  // The form's buttons vanish when it closes: focus goes back to the button that opened it.
  useEffect(() => {
    if (wasChoosing.current && !isChoosing) chooseButton.current?.focus();
    wasChoosing.current = isChoosing;
  }, [isChoosing]);
  if (reviewed.isPending) return null;
  if (reviewed.isError) return <ErrorState error={reviewed.error} onRetry={() => void reviewed.refetch()} />;
  const data = reviewed.data;
  if (data.items.length === 0 && !data.mayEdit) return null;
  return (
    <Section
      title={t('rex.session.title')}
      description={t('rex.session.intro')}
      action={
        data.mayEdit && !isChoosing ? (
          <Button ref={chooseButton} variant="secondary" onClick={() => setChoosing(true)}>
            {t('rex.session.choose')}
          </Button>
        ) : undefined
      }
      id="reviewed-circles"
    >
      {isChoosing ? (
        <ChooseCircles session={session} current={data} onDone={() => setChoosing(false)} />
      ) : null}
      {data.items.length === 0 && !isChoosing ? (
        <p className={styles.muted}>{t('rex.session.none')}</p>
      ) : null}
      <ul className={styles.reviews}>
        {data.items.map(({ review, mayDecide }) => (
          <li key={review.circleId}>
            <Card>
              <h3>
                <Link to={`/circles/${encodeURIComponent(review.circleId)}`}>{review.circleName}</Link>
              </h3>
              <ReviewSummary review={review} />
              <p>
                <Link
                  to={`/circles/${encodeURIComponent(review.circleId)}/review?from=${review.from}&to=${review.to}`}
                >
                  {t('rex.review.full')}
                </Link>
              </p>
              <h4 className={styles.subTitle}>{t('rex.decision.title')}</h4>
              <DecisionView decision={review.decision} />
              {mayDecide ? (
                <details className={styles.noPrint}>
                  <summary>{t('rex.decision.decide')}</summary>
                  <DecisionForm
                    circleId={review.circleId}
                    circleName={review.circleName}
                    decision={review.decision}
                  />
                </details>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </Section>
  );
}
