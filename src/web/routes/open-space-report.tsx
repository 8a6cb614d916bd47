import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { buttonClass } from '../components/button-class.ts';
import { MarkdownText } from '../components/markdown-text.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { openSpacePage, openSpacePath, useOpenSpaceReport } from '../features/open-spaces/open-space-api.ts';
import styles from '../features/open-spaces/open-space-pages.module.css';
import { currentLanguage } from '../i18n/i18n.ts';
import { isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

const titleLine = /^# (.*)\n/;
/** The report's first line ("# Compte rendu — …") is the page's h1; its "##" slots are h2. */
const titleOf = (markdown: string) => titleLine.exec(markdown)?.[1];
const withoutTitle = (markdown: string) => markdown.replace(titleLine, '');

/** The organisers' report: every session's notes under its title, rendered from report.md, printable. */
export function OpenSpaceReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const language = currentLanguage();
  const query = useOpenSpaceReport(id, language);
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return isNotFound(query.error) ? (
      <NotFoundPage />
    ) : (
      <ErrorState error={query.error} onRetry={() => query.refetch()} />
    );
  }
  return (
    <article className={styles.report}>
      <title>{`${t('openSpaces.reportPage.title')} · Archipel`}</title>
      <div className={styles.toolbar}>
        <Link to={openSpacePage(id)}>← {t('openSpaces.reportPage.back')}</Link>
        <div className={styles.links}>
          <button type="button" className={buttonClass('primary')} onClick={() => window.print()}>
            {t('openSpaces.reportPage.print')}
          </button>
          <a
            className={buttonClass('secondary')}
            href={`${openSpacePath(id)}/report.md?lang=${language}`}
            download="forum-ouvert.md"
          >
            {t('openSpaces.reportPage.download')}
          </a>
        </div>
      </div>
      <h1>{titleOf(query.data) ?? t('openSpaces.reportPage.title')}</h1>
      <MarkdownText source={withoutTitle(query.data)} topLevel={2} />
    </article>
  );
}
