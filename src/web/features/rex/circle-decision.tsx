import { useTranslation } from 'react-i18next';
import type { Circle } from '../../../contract/circle.ts';
import { ButtonLink } from '../../components/button-link.tsx';
import { Section } from '../../components/section.tsx';
import { DecisionForm, DecisionView } from './decision-panel.tsx';
import styles from './rex.module.css';

/**
 * On the circle's page: the last REX decision (for those who read the circle's content) with a
 * link to the circle's review; its stewards record a decision here too.
 */
export function CircleDecisionSection({ circle }: { circle: Circle }) {
  const { t } = useTranslation();
  // The server gives the decision only to readers of the circle's content; stewards always read it.
  const readsContent = circle.decision !== null || circle.abilities.steer || circle.abilities.takePart;
  if (!readsContent) return null;
  return (
    <Section
      title={t('rex.decision.title')}
      action={
        <ButtonLink variant="secondary" to={`/circles/${encodeURIComponent(circle.id)}/review`}>
          {t('rex.review.link')}
        </ButtonLink>
      }
    >
      <DecisionView decision={circle.decision} />
      {circle.abilities.steer ? (
        <details className={styles.decide}>
          <summary>{t('rex.decision.decide')}</summary>
          <DecisionForm circleId={circle.id} circleName={circle.name} decision={circle.decision} />
        </details>
      ) : null}
    </Section>
  );
}
