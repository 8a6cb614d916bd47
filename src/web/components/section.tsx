import { type ReactNode, useId } from 'react';
import styles from './section.module.css';

export interface SectionProps {
  title: string;
  description?: ReactNode;
  /** A button or link beside the heading (e.g. "Créer une communauté"). */
  action?: ReactNode;
  children: ReactNode;
  /** An anchor target, for links such as "/#my-circles". */
  id?: string;
}

/** A titled region of a page (h2), exposed as a landmark named by its heading. */
export function Section({ title, description, action, children, id }: SectionProps) {
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId} id={id}>
      <div className={styles.head}>
        <div className={styles.titles}>
          <h2 id={headingId}>{title}</h2>
          {description ? <p className={styles.description}>{description}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}
