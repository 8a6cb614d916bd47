import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type PollKind, pollKinds } from '../../../domain/poll.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import fieldStyles from '../../components/field.module.css';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { TextField } from '../../components/text-field.tsx';
import { pollSchemas } from '../../lib/contract-schemas.ts';
import { numberFromText, useContractForm } from '../../lib/use-contract-form.ts';
import { type PollScope, useCreatePoll, useScopeSessions } from './poll-api.ts';
import styles from './polls.module.css';

const loadSchema = () => pollSchemas().then((m) => m.pollCreateSchema);

interface SectionDraft {
  key: number;
  title: string;
  options: string;
}

interface Values {
  title: string;
  description: string;
  kind: PollKind;
  options: string;
  sections: SectionDraft[];
  maxPerSection: string;
  minChoices: string;
  maxChoices: string;
  anonymous: boolean;
  hideResultsUntilClose: boolean;
  proposals: boolean;
  closesAt: string;
  sessionId: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function toInput(values: Values) {
  const counted = values.kind === 'multiple' || values.kind === 'sections';
  return {
    title: values.title,
    ...(values.description.trim() && { description: values.description }),
    kind: values.kind,
    anonymous: values.anonymous,
    hideResultsUntilClose: values.hideResultsUntilClose,
    proposals: values.proposals,
    ...(values.kind === 'sections'
      ? {
          sections: values.sections.map((s) => ({ title: s.title, options: lines(s.options) })),
          maxPerSection: numberFromText(values.maxPerSection, undefined),
        }
      : { options: lines(values.options) }),
    ...(counted
      ? {
          minChoices: numberFromText(values.minChoices, undefined),
          maxChoices: numberFromText(values.maxChoices, undefined),
        }
      : {}),
    ...(values.closesAt && { closesAt: new Date(values.closesAt).toISOString() }),
    ...(values.sessionId && { sessionId: values.sessionId }),
  };
}

/** Create a poll: kind, options (or sections of options), quotas, anonymity, hidden results, closing date. */
export function CreatePollDialog({ scope, onClose }: { scope: PollScope; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreatePoll(scope);
  const ids = { kind: useId(), session: useId() };
  const sessions = useScopeSessions(scope);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: (): Values => ({
      title: '',
      description: '',
      kind: 'single',
      options: '',
      sections: [{ key: 0, title: 'A', options: '' }],
      maxPerSection: '3',
      minChoices: '',
      maxChoices: '',
      anonymous: false,
      hideResultsUntilClose: false,
      proposals: false,
      closesAt: '',
      sessionId: '',
    }),
    toInput,
    // The contract's own rules across fields: what they mean, in the reader's words.
    messages: {
      options: 'polls.create.optionsIssue',
      sections: 'polls.create.optionsIssue',
      minChoices: 'polls.create.minChoicesIssue',
    },
    serverError: create.error,
    onValid: (input) =>
      create.mutate(input, { onSuccess: (poll) => navigate(`/polls/${encodeURIComponent(poll.id)}`) }),
  });
  const { values, setValue } = form;
  const sections = values.sections;
  const updateSection = (key: number, patch: Partial<SectionDraft>) =>
    setValue(
      'sections',
      sections.map((s) => (s.key === key ? { ...s, ...patch } : s)),
    );
  const check = (name: 'proposals' | 'anonymous', label: string) => (
    <label className={styles.check}>
      <input type="checkbox" checked={values[name]} onChange={(e) => setValue(name, e.target.checked)} />
      {label}
    </label>
  );

  return (
    <Dialog title={t('polls.create.title')} onClose={onClose}>
      {() => (
        <form className={formStyles.form} {...form.formProps}>
          <TextField label={t('polls.create.pollTitle')} {...form.text('title')} />
          <TextField
            label={t('polls.create.description')}
            {...form.text('description')}
            multiline
            rows={2}
            isOptional
          />
          <div className={fieldStyles.field}>
            <label htmlFor={ids.kind} className={fieldStyles.label}>
              {t('polls.create.kind')}
            </label>
            <select
              id={ids.kind}
              className={`${fieldStyles.input} ${fieldStyles.select}`}
              value={values.kind}
              onChange={(e) => setValue('kind', pollKinds.find((k) => k === e.target.value) ?? 'single')}
            >
              {pollKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`polls.kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          {values.kind === 'sections' ? (
            <fieldset className={styles.fieldset}>
              <legend className={fieldStyles.label}>{t('polls.create.sections')}</legend>
              {sections.map((section, index) => (
                <div key={section.key} className={styles.sectionDraft}>
                  <TextField
                    label={t('polls.create.sectionTitle', { number: index + 1 })}
                    value={section.title}
                    onChange={(title) => updateSection(section.key, { title })}
                    onBlur={() => form.revalidate('sections')}
                    errorMessage={form.error(`sections.${index}.title`)}
                  />
                  <TextField
                    label={t('polls.create.sectionOptions', { title: section.title || index + 1 })}
                    description={t('polls.create.onePerLine')}
                    value={section.options}
                    onChange={(options) => updateSection(section.key, { options })}
                    onBlur={() => form.revalidate('sections')}
                    errorMessage={form.error(`sections.${index}.options`)}
                    multiline
                    rows={3}
                  />
                  {sections.length > 1 ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() =>
                        setValue(
                          'sections',
                          sections.filter((s) => s.key !== section.key),
                        )
                      }
                    >
                      {t('polls.create.removeSection', { title: section.title || index + 1 })}
                    </Button>
                  ) : null}
                </div>
              ))}
              <Button
                variant="secondary"
                size="sm"
                onClick={() =>
                  setValue('sections', [...sections, { key: Date.now(), title: '', options: '' }])
                }
              >
                {t('polls.create.addSection')}
              </Button>
              <TextField
                label={t('polls.create.maxPerSection')}
                type="number"
                inputMode="numeric"
                {...form.text('maxPerSection')}
                isOptional
              />
            </fieldset>
          ) : (
            <TextField
              label={t('polls.create.options')}
              description={t('polls.create.onePerLine')}
              {...form.text('options')}
              multiline
              rows={4}
            />
          )}
          {values.kind === 'multiple' || values.kind === 'sections' ? (
            <div className={styles.row}>
              <TextField
                label={t('polls.create.minChoices')}
                type="number"
                inputMode="numeric"
                {...form.text('minChoices')}
                isOptional
              />
              <TextField
                label={t('polls.create.maxChoices')}
                type="number"
                inputMode="numeric"
                {...form.text('maxChoices')}
                isOptional
              />
            </div>
          ) : null}
          <div className={styles.checks}>
            {check('proposals', t('polls.create.proposals'))}
            {check('anonymous', t('polls.create.anonymous'))}
            <label className={styles.check}>
              <input
                type="checkbox"
                checked={values.hideResultsUntilClose || values.anonymous}
                disabled={values.anonymous}
                onChange={(e) => setValue('hideResultsUntilClose', e.target.checked)}
              />
              {values.anonymous ? t('polls.create.hideResultsAnonymous') : t('polls.create.hideResults')}
            </label>
          </div>
          <TextField
            label={t('polls.create.closesAt')}
            type="datetime-local"
            {...form.text('closesAt')}
            isOptional
          />
          {sessions.data?.length ? (
            <div className={fieldStyles.field}>
              <label htmlFor={ids.session} className={fieldStyles.label}>
                {t('polls.create.session')} <span className={fieldStyles.optional}>{t('form.optional')}</span>
              </label>
              <select
                id={ids.session}
                className={`${fieldStyles.input} ${fieldStyles.select}`}
                value={values.sessionId}
                onChange={(e) => setValue('sessionId', e.target.value)}
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
          {/* A sections poll has no field for the whole list of options: its count is told here. */}
          <FormProblem
            text={(values.kind === 'sections' ? form.error('options') : undefined) ?? form.formMessage}
          />
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
