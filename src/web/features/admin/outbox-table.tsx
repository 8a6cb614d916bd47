import { useTranslation } from 'react-i18next';
import type { OutboxMessage } from '../../../contract/admin.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { LinkifiedText } from './linkified-text.tsx';
import styles from './outbox-table.module.css';

function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function OutboxTable({ messages }: { messages: OutboxMessage[] }) {
  const { t } = useTranslation();
  return (
    // A keyboard-focusable region so that people without a mouse can scroll a wide table.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrollable regions must be reachable by keyboard (WCAG 2.1.1).
    <section className={styles.scroller} tabIndex={0} aria-label={t('admin.outbox.tableLabel')}>
      <table className={styles.table}>
        <caption>{t('admin.outbox.caption', { count: messages.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.outbox.date')}</th>
            <th scope="col">{t('admin.outbox.to')}</th>
            <th scope="col">{t('admin.outbox.subject')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td className={styles.date}>
                <time dateTime={message.createdAt}>{formatDate(message.createdAt)}</time>
              </td>
              <td>{message.to}</td>
              <td>
                {message.withheld ? (
                  <>
                    <p className={styles.subject}>{message.subject}</p>
                    <p className={styles.withheld}>{t('admin.outbox.withheld')}</p>
                  </>
                ) : (
                  <details className={styles.details}>
                    <summary>{message.subject}</summary>
                    <p className={styles.text}>
                      <LinkifiedText text={message.text} />
                    </p>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
