import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Newsletter } from '../../../contract/newsletters.ts';
import { ConfirmButton } from '../../components/confirm-button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { MarkdownText } from '../../components/markdown-text.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { NewsletterForm } from './newsletter-form.tsx';
import styles from './newsletters.module.css';
import {
  useNewsletterSettings,
  usePatchNewsletter,
  usePreview,
  useSendNewsletter,
} from './newsletters-api.ts';

/** The body and the chosen items, as readers (and the mail's formatted part) show them. */
export function LetterContent({ letter }: { letter: Newsletter }) {
  const { t } = useTranslation();
  return (
    <>
      {letter.body ? <MarkdownText source={letter.body} topLevel={2} /> : null}
      {letter.items.length > 0 ? (
        <section aria-labelledby="letter-items">
          <h2 id="letter-items" className={styles.itemsHeading}>
            {t('newsletters.letter.items')}
          </h2>
          <ul className={styles.letterItems}>
            {letter.items.map((item, index) => (
              // Items are copies without an id of their own; their order is their identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: a sent letter's items never move.
              <li key={index}>
                {item.text}{' '}
                <span className={styles.muted}>
                  (
                  {t('newsletters.letter.itemSource', {
                    circle: item.circleName,
                    session: item.sessionTitle,
                  })}
                  )
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/** The mail's plain text part, exactly as the server will send it. */
function MailPreview({ id }: { id: string }) {
  const { t } = useTranslation();
  const preview = usePreview(id, true);
  return (
    <Section title={t('newsletters.letter.preview')} description={t('newsletters.letter.previewIntro')}>
      {preview.isPending ? <LoadingState /> : null}
      {preview.isError ? <ErrorState error={preview.error} onRetry={() => void preview.refetch()} /> : null}
      {preview.data ? (
        <>
          <h3>{t('newsletters.letter.previewText')}</h3>
          <pre className={styles.mailText}>{preview.data.text}</pre>
        </>
      ) : null}
    </Section>
  );
}

/** A draft for its animators: edit it, look at the mail, send it once. */
export function DraftTools({ letter }: { letter: Newsletter }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const patch = usePatchNewsletter(letter.id);
  const send = useSendNewsletter(letter.id);
  const settings = useNewsletterSettings(letter.communitySlug);
  const [saved, setSaved] = useState<FormStatusMessage | null>(null);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const initial = {
    subject: letter.subject,
    body: letter.body,
    itemIds: letter.items.flatMap((item) => (item.announcementId ? [item.announcementId] : [])),
  };
  return (
    <>
      <Section title={t('newsletters.letter.edit')}>
        <NewsletterForm
          // A save gives the letter a new `updatedAt`: the form starts again from what was saved,
          // so it is no longer "unsaved", while this section keeps its message.
          key={letter.updatedAt}
          slug={letter.communitySlug}
          initial={initial}
          isPublic={settings.data?.publicArchive ?? false}
          submitLabel={t('newsletters.form.save')}
          isPending={patch.isPending}
          error={patch.error}
          onSubmit={(input) =>
            patch.mutate(input, {
              onSuccess: () => setSaved({ tone: 'success', text: t('newsletters.form.saved') }),
            })
          }
        />
        <FormStatus message={saved} />
      </Section>
      <MailPreview id={letter.id} />
      <FormStatus message={message} />
      <div className={styles.actions}>
        <ConfirmButton
          variant="primary"
          title={t('newsletters.letter.sendTitle')}
          message={t('newsletters.letter.sendMessage')}
          confirmLabel={t('newsletters.letter.sendConfirm')}
          isPending={send.isPending}
          onConfirm={() =>
            send.mutate(undefined, {
              onSuccess: () => setMessage({ tone: 'success', text: t('newsletters.letter.sentNow') }),
              onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
            })
          }
        >
          {t('newsletters.letter.send')}
        </ConfirmButton>
      </div>
    </>
  );
}
