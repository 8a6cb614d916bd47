import { Link } from 'react-router';
import type { Circle } from '../../../contract/circle.ts';
import { Card } from '../../components/card.tsx';
import {
  CircleKindBadges,
  CircleStatusBadge,
  MyCircleStatusBadge,
  VisibilityBadge,
} from './circle-badges.tsx';
import styles from './circle-card.module.css';
import { usePlacesLabel } from './use-places-label.ts';

export interface CircleCardProps {
  circle: Circle;
  /** On a page that lists circles of several communities, say which. */
  showCommunity?: boolean;
}

export function CircleCard({ circle, showCommunity = false }: CircleCardProps) {
  const placesLabel = usePlacesLabel();
  return (
    <Card as="li" isInteractive>
      <div className={styles.top}>
        <CircleKindBadges circle={circle} />
      </div>
      <h3 className={styles.title}>
        <Link to={`/circles/${encodeURIComponent(circle.id)}`}>{circle.name}</Link>
      </h3>
      {showCommunity ? <p className={styles.community}>{circle.communityName}</p> : null}
      {circle.intention || circle.description ? (
        <p className={styles.intention}>{circle.intention || circle.description}</p>
      ) : null}
      <div className={styles.bottom}>
        <span className={styles.places}>{placesLabel(circle)}</span>
        <CircleStatusBadge status={circle.status} />
        <VisibilityBadge visibility={circle.visibility} />
        <MyCircleStatusBadge circle={circle} />
      </div>
    </Card>
  );
}

/** A responsive grid of circle cards (one column on a phone). */
export function CircleGrid({ circles, showCommunity }: { circles: Circle[]; showCommunity?: boolean }) {
  return (
    <ul className={styles.grid}>
      {circles.map((circle) => (
        <CircleCard key={circle.id} circle={circle} showCommunity={showCommunity} />
      ))}
    </ul>
  );
}
