import { useTranslation } from 'react-i18next';
import type { InstanceInfo } from '../../contract/instance.ts';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { useInstanceInfo } from '../features/legal/instance-api.ts';
import styles from '../features/legal/legal-page.module.css';
import { PlainText } from '../features/legal/plain-text.tsx';

/** Loads the instance's settings, then draws the page from them. */
function WithInstance({ children }: { children: (info: InstanceInfo) => React.ReactNode }) {
  const info = useInstanceInfo();
  if (info.isPending) return <LoadingState />;
  if (info.isError) return <ErrorState error={info.error} onRetry={() => void info.refetch()} />;
  return <div className={styles.page}>{children(info.data)}</div>;
}

/** Mentions légales: the admin's text, or what is still to be filled in. */
export function LegalNoticePage() {
  const { t } = useTranslation();
  return (
    <WithInstance>
      {({ settings }) => (
        <>
          <PageHeader title={t('legal.notice.title')} />
          {settings.legalNotice ? (
            <PlainText text={settings.legalNotice} />
          ) : (
            <p>{t('legal.notice.missing')}</p>
          )}
          <h2>{t('legal.contact')}</h2>
          <p>
            {settings.contactEmail ? (
              <a href={`mailto:${settings.contactEmail}`}>{settings.contactEmail}</a>
            ) : (
              t('legal.noContact')
            )}
          </p>
          <h2>{t('legal.notice.software')}</h2>
          <p>{t('legal.notice.softwareText', { name: settings.name })}</p>
        </>
      )}
    </WithInstance>
  );
}

/** Politique de confidentialité: what is kept, why and how long, then the admin's own text. */
export function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <WithInstance>
      {({ settings, retention }) => (
        <>
          <PageHeader
            title={t('legal.privacy.title')}
            description={t('legal.privacy.intro', { name: settings.name })}
          />
          <h2>{t('legal.privacy.keptTitle')}</h2>
          <ul className={styles.facts}>
            <li>
              <strong>{t('legal.privacy.account')}</strong>
              {t('legal.privacy.accountText', {
                months: retention.inactiveMonths,
                days: retention.inactiveWarningDays,
              })}
            </li>
            <li>
              <strong>{t('legal.privacy.sessions')}</strong>
              {t('legal.privacy.sessionsText', { days: retention.sessionDays })}
            </li>
            <li>
              <strong>{t('legal.privacy.contributions')}</strong>
              {t('legal.privacy.contributionsText')}
            </li>
            <li>
              <strong>{t('legal.privacy.notes')}</strong>
              {t('legal.privacy.notesText')}
            </li>
            <li>
              <strong>{t('legal.privacy.audit')}</strong>
              {t('legal.privacy.auditText', { days: retention.auditRetentionDays })}
            </li>
            <li>
              <strong>{t('legal.privacy.mail')}</strong>
              {t('legal.privacy.mailText', { days: retention.finishedJobsDays })}
            </li>
            <li>
              <strong>{t('legal.privacy.outbox')}</strong>
              {t('legal.privacy.outboxText')}
            </li>
            <li>
              <strong>{t('legal.privacy.idempotency')}</strong>
              {t('legal.privacy.idempotencyText', { hours: retention.idempotencyHours })}
            </li>
            <li>
              <strong>{t('legal.privacy.guests')}</strong>
              {t('legal.privacy.guestsText')}
            </li>
          </ul>
          <h2>{t('legal.privacy.rightsTitle')}</h2>
          <p>{t('legal.privacy.rightsText')}</p>
          <h2>{t('legal.privacy.noTracking')}</h2>
          <p>{t('legal.privacy.noTrackingText')}</p>
          {settings.privacyText ? (
            <>
              <h2>{t('legal.privacy.instanceText', { name: settings.name })}</h2>
              <PlainText text={settings.privacyText} />
            </>
          ) : null}
          <h2>{t('legal.contact')}</h2>
          <p>
            {settings.contactEmail ? (
              <a href={`mailto:${settings.contactEmail}`}>{settings.contactEmail}</a>
            ) : (
              t('legal.noContact')
            )}
          </p>
        </>
      )}
    </WithInstance>
  );
}

/** Déclaration d'accessibilité in the RGAA form, from the settings with defaults. */
export function AccessibilityPage() {
  const { t } = useTranslation();
  return (
    <WithInstance>
      {({ settings }) => {
        const a11y = settings.accessibility;
        const text = (value: string, fallback: string) => <PlainText text={value || fallback} />;
        return (
          <>
            <PageHeader title={t('legal.a11y.title')} />
            <p>{t('legal.a11y.commitment', { name: settings.name })}</p>
            <p>{t('legal.a11y.scope', { name: settings.name })}</p>
            <h2>{t('legal.a11y.statusTitle')}</h2>
            <p>{t(`legal.a11y.status.${a11y.conformity}`, { name: settings.name })}</p>
            <h2>{t('legal.a11y.resultsTitle')}</h2>
            <p>
              {a11y.complianceRate !== null
                ? t('legal.a11y.results', {
                    rate: a11y.complianceRate,
                    auditor: a11y.auditedBy || t('legal.a11y.unknownAuditor'),
                  })
                : t('legal.a11y.noAudit')}
            </p>
            <h2>{t('legal.a11y.inaccessibleTitle')}</h2>
            <h3>{t('legal.a11y.nonConformities')}</h3>
            {text(a11y.nonConformities, t('legal.a11y.nonConformitiesDefault'))}
            <h3>{t('legal.a11y.derogations')}</h3>
            {text(a11y.derogations, t('legal.a11y.none'))}
            <h3>{t('legal.a11y.exempt')}</h3>
            {text(a11y.exemptContent, t('legal.a11y.none'))}
            <h2>{t('legal.a11y.establishmentTitle')}</h2>
            <p>
              {a11y.establishedOn
                ? t('legal.a11y.establishedOn', { date: a11y.establishedOn })
                : t('legal.a11y.notEstablished')}
            </p>
            <h3>{t('legal.a11y.technologies')}</h3>
            {text(a11y.technologies, t('legal.a11y.technologiesDefault'))}
            <h3>{t('legal.a11y.testEnvironment')}</h3>
            {text(a11y.testEnvironment, t('legal.a11y.testEnvironmentDefault'))}
            <h2>{t('legal.a11y.feedbackTitle')}</h2>
            {text(a11y.feedbackContact, t('legal.a11y.feedbackDefault'))}
            {settings.contactEmail ? (
              <p>
                <a href={`mailto:${settings.contactEmail}`}>{settings.contactEmail}</a>
              </p>
            ) : null}
            <h2>{t('legal.a11y.remediesTitle')}</h2>
            <p>{t('legal.a11y.remedies')}</p>
            <ul className={styles.facts}>
              <li>{t('legal.a11y.remedyForm')}</li>
              <li>{t('legal.a11y.remedyDelegate')}</li>
              <li>{t('legal.a11y.remedyPost')}</li>
            </ul>
          </>
        );
      }}
    </WithInstance>
  );
}
