import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button.tsx';
import styles from './copy-field.module.css';
import fieldStyles from './field.module.css';

/** A read-only value with a copy button; the result is announced in a live region. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus(t('copy.done'));
    } catch {
      // Clipboard access is often blocked on managed workstations (or outside HTTPS).
      setStatus(t('copy.failed'));
    }
  }

  return (
    <div className={styles.row}>
      <div className={`${fieldStyles.field} ${styles.field}`}>
        <label className={fieldStyles.label} htmlFor={inputId}>
          {label}
        </label>
        <input
          id={inputId}
          className={`${fieldStyles.input} ${styles.input}`}
          value={value}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
        />
      </div>
      <Button variant="secondary" onClick={copy}>
        {t('copy.action')}
      </Button>
      <span role="status" className={styles.status}>
        {status}
      </span>
    </div>
  );
}
