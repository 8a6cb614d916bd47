import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { LearningDesign } from '../../../contract/learning-design.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { useCommunityCircles } from '../circles/circle-api.ts';
import { useCommunity } from '../communities/community-api.ts';
import styles from './rex.module.css';
import { usePlanSession } from './rex-api.ts';

/** The wall-clock end of a start ("14:00") plus minutes: "15:30" (the next day's hour past midnight). */
function wallClockEnd(time: string, minutes: number): string {
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  const end = (hours * 60 + mins + minutes) % (24 * 60);
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

/**
 * "Planifier une séance à partir de ce scénario": a circle the viewer steers, a date and a start
 * time; the server lays the sequences end to end and the page opens the new session.
 */
export function PlanSessionForm({
  design,
  communitySlug = design.communitySlug,
}: {
  design: LearningDesign;
  /** Whose circles to plan in: the design's community, or a branch of it reusing the design. */
  communitySlug?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const circles = useCommunityCircles(communitySlug);
  // Wall-clock times in the community's zone, as its reminders and digests are (the domain's
  // DEFAULT_TIME_ZONE until the community is read; not imported: its module draws in @date-fns/tz).
  const timeZone = useCommunity(communitySlug).data?.timeZone ?? 'Europe/Paris';
  const steered = (circles.data ?? []).filter((circle) => circle.abilities.steer);
  const [circleId, setCircleId] = useState('');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('14:00');
  const [title, setTitle] = useState(design.title);
  const [problem, setProblem] = useState<string | null>(null);
  const plan = usePlanSession(design.id);

  if (circles.isSuccess && steered.length === 0)
    return <p className={styles.muted}>{t('rex.plan.noCircle')}</p>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!circleId || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
      setProblem(t('rex.plan.needAll'));
      return;
    }
    setProblem(null);
    plan.mutate(
      {
        circleId,
        startsAt: `${date}T${time}`,
        timeZone,
        ...(title.trim() && { title: title.trim() }),
      },
      { onSuccess: (session) => void navigate(`/sessions/${session.id}`) },
    );
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <SelectField
        label={t('rex.plan.circle')}
        value={circleId}
        onChange={setCircleId}
        options={[
          { value: '', label: t('rex.plan.pickCircle') },
          ...steered.map((circle) => ({ value: circle.id, label: circle.name })),
        ]}
      />
      <div className={styles.row}>
        <TextField label={t('rex.plan.date')} type="date" value={date} onChange={setDate} isRequired />
        <TextField label={t('rex.plan.time')} type="time" value={time} onChange={setTime} isRequired />
      </div>
      <p className={styles.muted}>{t('rex.plan.timeZone', { zone: timeZone })}</p>
      <TextField label={t('rex.plan.sessionTitle')} value={title} onChange={setTitle} maxLength={200} />
      {/^\d{2}:\d{2}$/.test(time) ? (
        <p className={styles.muted}>
          {t('rex.plan.ends', { time: wallClockEnd(time, design.totalMinutes) })}
        </p>
      ) : null}
      {problem ? <Alert tone="warning">{problem}</Alert> : null}
      {plan.error ? <Alert tone="danger">{errorMessage(plan.error)}</Alert> : null}
      <div className={styles.buttons}>
        <Button type="submit" isPending={plan.isPending}>
          {t('rex.plan.submit')}
        </Button>
      </div>
    </form>
  );
}
