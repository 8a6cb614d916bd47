import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PollCreateInput } from '../../../contract/poll.ts';
import { type PollKind, pollKinds } from '../../../domain/poll.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormStatus } from '../../components/form-status.tsx';
import { useErrorMessage } from '../../lib/error-message.ts';
import { type PollScope, useCreatePoll, useScopeSessions } from './poll-api.ts';
import styles from './polls.module.css';

interface SectionDraft {
  key: number;
  title: string;
  options: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function NumberField({
  label,
  value,
  onChange,
  min = 1,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  min?: number;
}) {
  const id = useId();
  return (
    <div className={fieldStyles.field}>
      <label htmlFor={id} className={fieldStyles.label}>
        {label} <span className={fieldStyles.optional}>{useTranslation().t('form.optional')}</span>
      </label>
      <input
        id={id}
        className={fieldStyles.input}
        type="number"
        min={min}
        max={200}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

/** Create a poll: kind, options (or sections of options), quotas, anonymity, hidden results, closing date. */
export function CreatePollDialog({ scope, onClose }: { scope: PollScope; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const create = useCreatePoll(scope);
  const ids = { title: useId(), kind: useId(), options: useId(), closes: useId(), description: useId() };
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<PollKind>('single');
  const [options, setOptions] = useState('');
  const [sections, setSections] = useState<SectionDraft[]>([{ key: 0, title: 'A', options: '' }]);
  const [maxPerSection, setMaxPerSection] = useState('3');
  const [minChoices, setMinChoices] = useState('');
  const [maxChoices, setMaxChoices] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [hideResults, setHideResults] = useState(false);
  const [proposals, setProposals] = useState(false);
  const [closesAt, setClosesAt] = useState('');
  const [sessionId, setSessionId] = useState('');
  const sessionFieldId = useId();
  const sessions = useScopeSessions(scope);

  const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
  function submit(event: FormEvent) {
    event.preventDefault();
    const input: PollCreateInput = {
      title,
      ...(description.trim() && { description }),
      kind,
      anonymous,
      hideResultsUntilClose: hideResults,
      proposals,
      ...(kind === 'sections'
        ? {
            sections: sections.map((s) => ({ title: s.title, options: lines(s.options) })),
            maxPerSection: number(maxPerSection),
          }
        : { options: lines(options) }),
      ...(kind === 'multiple' || kind === 'sections'
        ? { minChoices: number(minChoices), maxChoices: number(maxChoices) }
        : {}),
      ...(closesAt && { closesAt: new Date(closesAt).toISOString() }),
      ...(sessionId && { sessionId }),
    };
    create.mutate(input, { onSuccess: (poll) => navigate(`/polls/${encodeURIComponent(poll.id)}`) });
  }
  const updateSection = (key: number, patch: Partial<SectionDraft>) =>
    setSections((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));

  return (
    <Dialog title={t('polls.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} onSubmit={submit} noValidate>
          <div className={fieldStyles.field}>
            <label htmlFor={ids.title} className={fieldStyles.label}>
              {t('polls.create.pollTitle')}
            </label>
            <input
              id={ids.title}
              className={fieldStyles.input}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              required
              maxLength={200}
            />
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor={ids.description} className={fieldStyles.label}>
              {t('polls.create.description')}{' '}
              <span className={fieldStyles.optional}>{t('form.optional')}</span>
            </label>
            <textarea
              id={ids.description}
              className={fieldStyles.input}
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor={ids.kind} className={fieldStyles.label}>
              {t('polls.create.kind')}
            </label>
            <select
              id={ids.kind}
              className={`${fieldStyles.input} ${fieldStyles.select}`}
              value={kind}
              onChange={(e) => setKind(pollKinds.find((k) => k === e.target.value) ?? 'single')}
            >
              {pollKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`polls.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          {kind === 'sections' ? (
            <fieldset className={styles.fieldset}>
              <legend className={fieldStyles.label}>{t('polls.create.sections')}</legend>
              {sections.map((section, index) => (
                <div key={section.key} className={styles.sectionDraft}>
                  <div className={fieldStyles.field}>
                    <label htmlFor={`section-title-${section.key}`} className={fieldStyles.label}>
                      {t('polls.create.sectionTitle', { number: index + 1 })}
                    </label>
                    <input
                      id={`section-title-${section.key}`}
                      className={fieldStyles.input}
                      value={section.title}
                      onChange={(e) => updateSection(section.key, { title: e.target.value })}
                    />
                  </div>
                  <div className={fieldStyles.field}>
                    <label htmlFor={`section-options-${section.key}`} className={fieldStyles.label}>
                      {t('polls.create.sectionOptions', { title: section.title || index + 1 })}
                    </label>
                    <span className={fieldStyles.description}>{t('polls.create.onePerLine')}</span>
                    <textarea
                      id={`section-options-${section.key}`}
                      className={fieldStyles.input}
                      rows={3}
                      value={section.options}
                      onChange={(e) => updateSection(section.key, { options: e.target.value })}
                    />
                  </div>
                  {sections.length > 1 ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setSections((all) => all.filter((s) => s.key !== section.key))}
                    >
                      {t('polls.create.removeSection', { title: section.title || index + 1 })}
                    </Button>
                  ) : null}
                </div>
              ))}
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setSections((all) => [...all, { key: Date.now(), title: '', options: '' }])}
              >
                {t('polls.create.addSection')}
              </Button>
              <NumberField
                label={t('polls.create.maxPerSection')}
                value={maxPerSection}
                onChange={setMaxPerSection}
              />
            </fieldset>
          ) : (
            <div className={fieldStyles.field}>
              <label htmlFor={ids.options} className={fieldStyles.label}>
                {t('polls.create.options')}
              </label>
              <span className={fieldStyles.description}>{t('polls.create.onePerLine')}</span>
              <textarea
                id={ids.options}
                className={fieldStyles.input}
                rows={4}
                value={options}
                onChange={(e) => setOptions(e.target.value)}
              />
            </div>
          )}
          {kind === 'multiple' || kind === 'sections' ? (
            <div className={styles.row}>
              <NumberField
                label={t('polls.create.minChoices')}
                value={minChoices}
                onChange={setMinChoices}
                min={0}
              />
              <NumberField label={t('polls.create.maxChoices')} value={maxChoices} onChange={setMaxChoices} />
            </div>
          ) : null}
          <div className={styles.checks}>
            <label className={styles.check}>
              <input type="checkbox" checked={proposals} onChange={(e) => setProposals(e.target.checked)} />
              {t('polls.create.proposals')}
            </label>
            <label className={styles.check}>
              <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
              {t('polls.create.anonymous')}
            </label>
            <label className={styles.check}>
              <input
                type="checkbox"
                checked={hideResults || anonymous}
                disabled={anonymous}
                onChange={(e) => setHideResults(e.target.checked)}
              />
              {anonymous ? t('polls.create.hideResultsAnonymous') : t('polls.create.hideResults')}
            </label>
          </div>
          <div className={fieldStyles.field}>
            <label htmlFor={ids.closes} className={fieldStyles.label}>
              {t('polls.create.closesAt')} <span className={fieldStyles.optional}>{t('form.optional')}</span>
            </label>
            <input
              id={ids.closes}
              className={fieldStyles.input}
              type="datetime-local"
              value={closesAt}
              onChange={(e) => setClosesAt(e.target.value)}
            />
          </div>
          {sessions.data?.length ? (
            <div className={fieldStyles.field}>
              <label htmlFor={sessionFieldId} className={fieldStyles.label}>
                {t('polls.create.session')} <span className={fieldStyles.optional}>{t('form.optional')}</span>
              </label>
              <select
                id={sessionFieldId}
                className={`${fieldStyles.input} ${fieldStyles.select}`}
                value={sessionId}
                onChange={(e) => setSessionId(e.target.value)}
              >
                <option value="">{t('polls.create.noSession')}</option>
                {sessions.data.map((session) => (
                  <option key={session.id} value={session.id}>
                    {session.title} ({new Date(session.startsAt).toLocaleDateString()})
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <FormStatus message={create.error ? { tone: 'danger', text: errorMessage(create.error) } : null} />
          <div className={formStyles.actions}>
            <Button type="submit" isPending={create.isPending}>
              {t('polls.create.submit')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
