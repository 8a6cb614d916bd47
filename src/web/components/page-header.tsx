import type { ReactNode } from 'react';
import styles from './page-header.module.css';

export interface PageHeaderProps {
  title: string;
  /** The document title, when the heading alone would be ambiguous in a tab or history list. */
  documentTitle?: string;
  /** A line above the title: the parent (community) or a category. */
  eyebrow?: ReactNode;
  description?: ReactNode;
  /** Badges under the title. */
  meta?: ReactNode;
  actions?: ReactNode;
}

/** The page's single h1, and the document title (React 19 hoists <title> into <head>). */
export function PageHeader({ title, documentTitle, eyebrow, description, meta, actions }: PageHeaderProps) {
  return (
    <header className={styles.header}>
      <title>{`${documentTitle ?? title} · Archipel`}</title>
      <div className={styles.text}>
        {eyebrow ? <div className={styles.eyebrow}>{eyebrow}</div> : null}
        <h1 className={styles.title}>{title}</h1>
        {meta ? <div className={styles.meta}>{meta}</div> : null}
        {description ? <div className={styles.description}>{description}</div> : null}
      </div>
      {actions ? <div className={styles.actions}>{actions}</div> : null}
    </header>
  );
}
