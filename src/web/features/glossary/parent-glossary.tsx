import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Community } from '../../../contract/community.ts';
import { Button } from '../../components/button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { Section } from '../../components/section.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCopyParentGlossary } from './glossary-api.ts';

/**
 * In a territorial branch's abécédaire: its parent's, to read, and for the branch's animators the
 * parent's selected and published words to take in one press (again: nothing copied twice).
 */
export function ParentGlossary({
  slug,
  parent,
  canCopy,
}: {
  slug: string;
  parent: NonNullable<Community['parent']>;
  canCopy: boolean;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const copy = useCopyParentGlossary(slug);
  const [message, setMessage] = useState<FormStatusMessage | null>(null);
  const onCopy = () => {
    setMessage(null);
    copy.mutate(undefined, {
      onSuccess: ({ copied, skipped }) =>
        setMessage({ tone: 'success', text: t('glossary.parent.copied', { count: copied, skipped }) }),
      onError: (error) => setMessage({ tone: 'danger', text: errorMessage(error) }),
    });
  };
  return (
    <Section
      title={t('glossary.parent.title', { name: parent.name })}
      description={t('glossary.parent.intro')}
    >
      <p>
        <Link to={`/c/${encodeURIComponent(parent.slug)}/glossary`}>
          {t('glossary.parent.read', { name: parent.name })}
        </Link>
      </p>
      {canCopy ? (
        <>
          <div>
            <Button variant="secondary" onClick={onCopy} isPending={copy.isPending}>
              {t('glossary.parent.copy')}
            </Button>
          </div>
          <FormStatus message={message} />
        </>
      ) : null}
    </Section>
  );
}
