import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport, Session } from '../../../../contract/session.ts';
import { Alert } from '../../../components/alert.tsx';
import { Badge } from '../../../components/badge.tsx';
import { ItemTimes } from '../agenda-view.tsx';
import type { SessionImportResult } from '../session-api.ts';
import { formatRange } from '../session-time.ts';
import styles from './import-notes.module.css';

function PreviewPart({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className={styles.part} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.partTitle}>
        {title}
      </h3>
      {children}
    </section>
  );
}

/**
 * The lines the reader must look at first: what the import could not place. The server names only
 * the first ones (a pasted list can leave hundreds of thousands) and counts the rest.
 */
function Unplaced({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { unplaced: lines, unplacedCount } = report;
  if (unplacedCount === 0) return <Alert tone="success">{t('sessionImport.allRecognized')}</Alert>;
  const hidden = unplacedCount - lines.length;
  return (
    <Alert tone="warning" title={t('sessionImport.unplacedTitle', { count: unplacedCount })}>
      <p>{t('sessionImport.unplacedIntro')}</p>
      <ul className={styles.unplaced}>
        {lines.map((line, index) => (
          // Lines may repeat (two "---"): the position keeps keys unique.
          // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity of their own
          <li key={index}>{line}</li>
        ))}
      </ul>
      {hidden > 0 && <p>{t('sessionImport.unplacedMore', { count: hidden })}</p>}
    </Alert>
  );
}

function Participants({ session }: { session: Session }) {
  const { t } = useTranslation();
  const members = session.participants.filter((p) => p.userId !== null).length;
  const guests = session.participants.length - members;
  return (
    <PreviewPart title={t('sessionImport.participants', { count: session.participants.length })}>
      {session.participants.length === 0 ? (
        <p className={styles.muted}>{t('sessionImport.noParticipants')}</p>
      ) : (
        <>
          <p className={styles.muted}>{t('sessionImport.participantsSummary', { members, guests })}</p>
          <ul className={styles.people}>
            {session.participants.map((p) => (
              <li key={p.id} className={styles.person}>
                <span>{p.name}</span>
                {p.userId !== null ? (
                  <Badge tone="success">{t('sessionImport.member')}</Badge>
                ) : (
                  <Badge>{t('sessionImport.guest')}</Badge>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </PreviewPart>
  );
}

function Agenda({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <PreviewPart title={t('sessionImport.agenda')}>
      {session.agenda.length === 0 ? (
        <p className={styles.muted}>{t('sessionImport.noAgenda')}</p>
      ) : (
        <ol className={styles.agenda}>
          {session.agenda.map((item) => (
            <li key={item.id}>
              <ItemTimes item={item} timeZone={session.timeZone} />{' '}
              <span className={styles.itemTitle}>{item.title}</span>
              {item.children.length ? (
                <ul className={styles.children}>
                  {item.children.map((child) => (
                    <li key={child.id}>
                      <ItemTimes item={child} timeZone={session.timeZone} /> {child.title}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </PreviewPart>
  );
}

function NextSteps({ session }: { session: Session }) {
  const { t } = useTranslation();
  if (session.actions.length === 0) return null;
  return (
    <PreviewPart title={t('sessionImport.actions', { count: session.actions.length })}>
      <ul className={styles.list}>
        {session.actions.map((action) => (
          <li key={action.id}>
            {action.title}
            <span className={styles.owners}>
              {action.owners.length
                ? t('sessionImport.owners', { names: action.owners.map((o) => o.name).join(', ') })
                : t('sessionImport.noOwner')}
            </span>
          </li>
        ))}
      </ul>
    </PreviewPart>
  );
}

function Extras({ session }: { session: Session }) {
  const { t } = useTranslation();
  return (
    <>
      {session.synthesis ? (
        <PreviewPart title={t('sessionImport.synthesis')}>
          <p className={styles.prose}>{session.synthesis}</p>
        </PreviewPart>
      ) : null}
      <NextSteps session={session} />
      {session.announcements.length ? (
        <PreviewPart title={t('sessionImport.announcements')}>
          <ul className={styles.list}>
            {session.announcements.map((a) => (
              <li key={a.id}>{a.text}</li>
            ))}
          </ul>
        </PreviewPart>
      ) : null}
      {session.votes.length ? (
        <PreviewPart title={t('sessionImport.votes')}>
          {session.votes.map((vote) => (
            <div key={vote.id} className={styles.vote}>
              <p className={styles.itemTitle}>{vote.title}</p>
              <dl className={styles.facts}>
                {vote.sections.map((section) => (
                  <div key={section.label} className={styles.fact}>
                    <dt>{section.label}</dt>
                    <dd>{section.options.join(', ')}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </PreviewPart>
      ) : null}
      {session.notes ? (
        <details className={styles.notes}>
          <summary>{t('sessionImport.notes')}</summary>
          <p className={styles.prose}>{session.notes}</p>
        </details>
      ) : null}
    </>
  );
}

/** What the import would create, read back from the server's dry run. */
export function ImportPreview({ result }: { result: SessionImportResult }) {
  const { t, i18n } = useTranslation();
  const { session, report } = result;
  return (
    <div className={styles.preview}>
      <div className={styles.previewHead}>
        <p className={styles.eyebrow}>{t('sessionImport.previewOf')}</p>
        <h2 className={styles.previewTitle}>{session.title}</h2>
        <p>
          {formatRange(session.startsAt, session.endsAt, i18n.language, session.timeZone)}{' '}
          <span className={styles.muted}>({session.timeZone.replace('_', ' ')})</span>
        </p>
        {session.place ? <p className={styles.muted}>{session.place}</p> : null}
      </div>
      <Unplaced report={report} />
      <Participants session={session} />
      <Agenda session={session} />
      <Extras session={session} />
    </div>
  );
}
