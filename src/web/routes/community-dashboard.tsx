import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CommunityDashboard, DashboardPeople } from '../../contract/hub.ts';
import { Alert } from '../components/alert.tsx';
import { Button } from '../components/button.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { ErrorState, LoadingState } from '../components/query-state.tsx';
import { Section } from '../components/section.tsx';
import { ShowMore } from '../components/show-more.tsx';
import { TextField } from '../components/text-field.tsx';
import { DashboardCharts } from '../features/hub/dashboard-charts.tsx';
import { DashboardTable } from '../features/hub/dashboard-table.tsx';
import styles from '../features/hub/hub.module.css';
import { dashboardCsvPath, useDashboard, useDashboardPeople } from '../features/hub/hub-api.ts';
import { errorCode, isNotFound } from '../lib/error-message.ts';
import { NotFoundPage } from './not-found.tsx';

const isDay = (value: string | null): value is string => value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The period picker: two days, applied to the address (so a period can be shared and reloaded). */
function PeriodForm({ data }: { data: CommunityDashboard }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const [from, setFrom] = useState(data.from);
  const [to, setTo] = useState(data.to);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (isDay(from)) next.set('from', from);
    if (isDay(to)) next.set('to', to);
    setParams(next);
  };
  return (
    <form className={styles.period} onSubmit={apply} aria-label={t('hub.dashboard.period')}>
      <TextField label={t('hub.dashboard.from')} type="date" value={from} onChange={setFrom} />
      <TextField label={t('hub.dashboard.to')} type="date" value={to} onChange={setTo} />
      <div>
        <Button type="submit" variant="secondary">
          {t('hub.dashboard.apply')}
        </Button>
      </div>
    </form>
  );
}

/** The people active of the total and territories, once their own request has answered. */
function withPeople(data: CommunityDashboard, people: DashboardPeople | undefined): CommunityDashboard {
  if (!people || people.from !== data.from || people.to !== data.to) return data;
  const byCode = new Map(people.territories.map((line) => [line.code, line.peopleActive]));
  return {
    ...data,
    total: { ...data.total, peopleActive: people.total.peopleActive },
    territories: data.territories.map((line) => ({ ...line, peopleActive: byCode.get(line.code) ?? null })),
  };
}

function DashboardBody({
  data,
  slug,
  from,
  to,
  more,
}: {
  data: CommunityDashboard;
  slug: string;
  from: string;
  to: string;
  more: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useTranslation();
  const total = { key: 'total', label: t('hub.dashboard.total'), ...data.total };
  return (
    <>
      {data.pendingCircles > 0 ? (
        <Alert tone="info" role="status">
          {t('hub.dashboard.pending', { count: data.pendingCircles })}
        </Alert>
      ) : null}
      <PeriodForm key={`${data.from}/${data.to}`} data={data} />
      <p className={styles.downloads}>
        <a href={dashboardCsvPath(slug, from, to, false)} download>
          {t('hub.dashboard.csv')}
        </a>
        <a href={dashboardCsvPath(slug, from, to, true)} download>
          {t('hub.dashboard.csvSemicolon')}
        </a>
      </p>
      <Section title={t('hub.dashboard.circles')}>
        {data.circles.length === 0 ? <p className={styles.muted}>{t('hub.dashboard.noCircles')}</p> : null}
        <DashboardCharts dashboard={data} />
        <DashboardTable
          caption={t('hub.dashboard.figures')}
          header={t('hub.dashboard.circle')}
          lines={[
            ...data.circles.map((row) => ({ key: row.circle.id, label: row.circle.name, ...row })),
            total,
          ]}
        />
        <ShowMore list={more} />
      </Section>
      {data.territories.length > 0 ? (
        <Section title={t('hub.dashboard.territories')}>
          <DashboardTable
            caption={t('hub.dashboard.territories')}
            header={t('hub.dashboard.territory')}
            lines={data.territories.map((row) => ({ key: row.code, label: row.code, ...row }))}
          />
        </Section>
      ) : null}
      <details>
        <summary>{t('hub.dashboard.definitions')}</summary>
        <p>{t('hub.dashboard.definitionsText')}</p>
      </details>
    </>
  );
}

/** The animators' dashboard: per circle and territory over a period, charts with their tables, CSV. */
export function CommunityDashboardPage() {
  const { t, i18n } = useTranslation();
  const { slug = '' } = useParams();
  const [params] = useSearchParams();
  const from = isDay(params.get('from')) ? (params.get('from') ?? '') : '';
  const to = isDay(params.get('to')) ? (params.get('to') ?? '') : '';
  const dashboard = useDashboard(slug, from, to);
  const people = useDashboardPeople(slug, from, to, dashboard.isSuccess);

  if (dashboard.isPending) return <LoadingState />;
  if (dashboard.isError) {
    if (isNotFound(dashboard.error)) return <NotFoundPage />;
    if (errorCode(dashboard.error) === 'FORBIDDEN') {
      return (
        <Alert tone="warning" role="alert" title={t('hub.dashboard.title')}>
          {t('hub.dashboard.forbidden')}
        </Alert>
      );
    }
    return <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />;
  }
  const data = withPeople(dashboard.data, people.data);
  const day = (value: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${value}T12:00:00Z`),
    );
  return (
    <div className={styles.home}>
      <PageHeader
        eyebrow={<Link to={`/c/${encodeURIComponent(data.community.slug)}`}>{data.community.name}</Link>}
        title={t('hub.dashboard.title')}
        documentTitle={t('hub.dashboard.documentTitle', { community: data.community.name })}
        description={<p>{t('hub.dashboard.periodText', { from: day(data.from), to: day(data.to) })}</p>}
      />
      <DashboardBody data={data} slug={slug} from={from} to={to} more={dashboard} />
    </div>
  );
}
