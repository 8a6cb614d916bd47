import type { ReactNode } from 'react';
import styles from './form-page.module.css';

export interface FormPageProps {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  /** Links under the panel ("Pas encore de compte ?"). */
  footer?: ReactNode;
  isWide?: boolean;
}

/** A page that is one form: sign in, sign up, reset a password, create a community. */
export function FormPage({ title, intro, children, footer, isWide = false }: FormPageProps) {
  return (
    <div className={`${styles.page} ${isWide ? styles.wide : ''}`}>
      <title>{`${title} · Archipel`}</title>
      <div className={styles.head}>
        <h1>{title}</h1>
        {intro ? <div className={styles.intro}>{intro}</div> : null}
      </div>
      <div className={styles.panel}>{children}</div>
      {footer ? <div className={styles.footer}>{footer}</div> : null}
    </div>
  );
}
