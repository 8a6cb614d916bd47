import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Community } from '../../contract/community.ts';
import type { SurveyTemplateDto } from '../../contract/survey.ts';
import { Alert } from '../components/alert.tsx';
import { Badge } from '../components/badge.tsx';
import { ConfirmButton } from '../components/confirm-button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { useCommunity } from '../features/communities/community-api.ts';
import { useDeleteTemplate, useSurveyTemplates } from '../features/surveys/survey-api.ts';
import { SurveysSection } from '../features/surveys/survey-list.tsx';
import styles from '../features/surveys/surveys.module.css';
import { isNotFound, useErrorMessage } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

/** A branch also lists its parent's templates (decision 035): usable here, deleted only there. */
function Templates({ community }: { community: Community }) {
  const { slug } = community;
  const canDelete = community.abilities.steer;
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const templates = useSurveyTemplates(slug);
  const remove = useDeleteTemplate();
  const fromParent = (template: SurveyTemplateDto) =>
    template.communityId !== null && template.communityId !== community.id;
  return (
    <Section title={t('surveys.templates.title')} description={t('surveys.templates.intro')}>
      {templates.isPending ? <LoadingState /> : null}
      {templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : null}
      <ul className={styles.list}>
        {templates.data?.map((template) => (
          <li key={template.id} className={styles.listItem}>
            <span>
              <strong>{template.title}</strong>{' '}
              {template.builtIn ? <Badge>{t('surveys.templates.builtIn')}</Badge> : null}
              {fromParent(template) ? (
                <Badge>{t('surveys.templates.fromParent', { name: community.parent?.name })}</Badge>
              ) : null}
            </span>
            <span className={styles.actions}>
              <Link
                to={`/c/${encodeURIComponent(slug)}/survey-templates/${encodeURIComponent(template.id)}/compare`}
              >
                {t('surveys.templates.compare')}
              </Link>
              {canDelete && !template.builtIn && !fromParent(template) ? (
                <ConfirmButton
                  size="sm"
                  title={t('surveys.templates.deleteTitle', { title: template.title })}
                  message={t('surveys.templates.deleteMessage')}
                  confirmLabel={t('surveys.templates.delete')}
                  onConfirm={() => remove.mutate(template.id)}
                  isPending={remove.isPending && remove.variables === template.id}
                >
                  {t('surveys.templates.delete')}
                </ConfirmButton>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      {remove.error ? <Alert tone="danger">{errorMessage(remove.error)}</Alert> : null}
    </Section>
  );
}

/** `/c/:slug/surveys`: the community's own questionnaires and its templates. */
export function CommunitySurveysPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  if (community.isPending) return <LoadingState />;
  if (community.isError) {
    if (isNotFound(community.error)) return <NotFoundPage />;
    return <ErrorState error={community.error} onRetry={() => void community.refetch()} />;
  }
  return (
    <div className={styles.layout}>
      <PageHeader
        title={t('surveys.community.title')}
        eyebrow={<Link to={`/c/${encodeURIComponent(slug)}`}>{community.data.name}</Link>}
        description={t('surveys.community.intro')}
      />
      {community.data.abilities.takePart ? (
        <>
          <SurveysSection
            scope={{ communitySlug: slug }}
            canCreate={community.data.abilities.steer}
            newPath={`/c/${encodeURIComponent(slug)}/surveys/new`}
          />
          <Templates community={community.data} />
        </>
      ) : (
        <p className={styles.muted}>{t('surveys.community.membersOnly')}</p>
      )}
    </div>
  );
}
