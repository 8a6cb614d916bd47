import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AccessibilityStatement,
  ConformityLevel,
  InstanceSettings,
} from '../../../contract/instance.ts';
import { Button } from '../../components/button.tsx';
import { FormStatus, type FormStatusMessage } from '../../components/form-status.tsx';
import { ErrorState, LoadingState } from '../../components/query-state.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { ApiError } from '../../lib/api-client.ts';
import { useAdminSettings, useSaveSettings } from './admin-api.ts';
import styles from './admin-console.module.css';

type TextKey = Exclude<keyof AccessibilityStatement, 'conformity' | 'complianceRate' | 'establishedOn'>;
const longTexts: TextKey[] = [
  'nonConformities',
  'derogations',
  'exemptContent',
  'technologies',
  'testEnvironment',
  'feedbackContact',
];

function SettingsForm({ initial }: { initial: InstanceSettings }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(initial);
  const [rate, setRate] = useState(
    initial.accessibility.complianceRate === null ? '' : String(initial.accessibility.complianceRate),
  );
  const [status, setStatus] = useState<FormStatusMessage | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveSettings();
  const set = <K extends keyof InstanceSettings>(key: K, value: InstanceSettings[K]) =>
    setSettings((current) => ({ ...current, [key]: value }));
  const setA11y = <K extends keyof AccessibilityStatement>(key: K, value: AccessibilityStatement[K]) =>
    setSettings((current) => ({ ...current, accessibility: { ...current.accessibility, [key]: value } }));
  const errorOf = (...path: string[]) => errors[path.join('.')];

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsedRate = rate.trim() === '' ? null : Number(rate.replace(',', '.'));
    const body = { ...settings, accessibility: { ...settings.accessibility, complianceRate: parsedRate } };
    save.mutate(body, {
      onSuccess: () => {
        setErrors({});
        setStatus({ tone: 'success', text: t('adminConsole.settings.saved') });
      },
      onError: (error) => {
        const issues = error instanceof ApiError ? error.fieldIssues : [];
        setErrors(Object.fromEntries(issues.map((issue) => [issue.path.slice(1).join('.'), issue.message])));
        setStatus({
          tone: 'danger',
          text: issues.length ? t('adminConsole.settings.invalid') : t('adminConsole.failed'),
        });
      },
    });
  }

  const conformityOptions: { value: ConformityLevel; label: string }[] = [
    { value: 'none', label: t('adminConsole.settings.conformityNone') },
    { value: 'partial', label: t('adminConsole.settings.conformityPartial') },
    { value: 'full', label: t('adminConsole.settings.conformityFull') },
  ];

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <fieldset className={styles.fieldset}>
        <legend>{t('adminConsole.settings.legend')}</legend>
        <TextField
          label={t('adminConsole.settings.name')}
          value={settings.name}
          onChange={(v) => set('name', v)}
          errorMessage={errorOf('name')}
        />
        <TextField
          label={t('adminConsole.settings.contactEmail')}
          type="email"
          isOptional
          value={settings.contactEmail}
          onChange={(v) => set('contactEmail', v)}
          errorMessage={errorOf('contactEmail')}
        />
        <TextField
          label={t('adminConsole.settings.legalNotice')}
          description={t('adminConsole.settings.legalNoticeHint')}
          multiline
          rows={6}
          isOptional
          value={settings.legalNotice}
          onChange={(v) => set('legalNotice', v)}
          errorMessage={errorOf('legalNotice')}
        />
        <TextField
          label={t('adminConsole.settings.privacyText')}
          description={t('adminConsole.settings.privacyTextHint')}
          multiline
          rows={6}
          isOptional
          value={settings.privacyText}
          onChange={(v) => set('privacyText', v)}
          errorMessage={errorOf('privacyText')}
        />
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>{t('adminConsole.settings.accessibility')}</legend>
        <SelectField
          label={t('adminConsole.settings.conformity')}
          options={conformityOptions}
          value={settings.accessibility.conformity}
          onChange={(v) => setA11y('conformity', v)}
        />
        <TextField
          label={t('adminConsole.settings.complianceRate')}
          inputMode="decimal"
          isOptional
          value={rate}
          onChange={setRate}
          errorMessage={errorOf('accessibility', 'complianceRate')}
        />
        <TextField
          label={t('adminConsole.settings.auditedBy')}
          isOptional
          value={settings.accessibility.auditedBy}
          onChange={(v) => setA11y('auditedBy', v)}
        />
        <TextField
          label={t('adminConsole.settings.establishedOn')}
          isOptional
          value={settings.accessibility.establishedOn}
          onChange={(v) => setA11y('establishedOn', v)}
          errorMessage={errorOf('accessibility', 'establishedOn')}
        />
        {longTexts.map((key) => (
          <TextField
            key={key}
            label={t(`adminConsole.settings.${key}`)}
            description={t('adminConsole.settings.emptyUsesDefault')}
            multiline
            rows={4}
            isOptional
            value={settings.accessibility[key]}
            onChange={(v) => setA11y(key, v)}
            errorMessage={errorOf('accessibility', key)}
          />
        ))}
      </fieldset>
      <FormStatus message={status} />
      <div>
        <Button type="submit" isPending={save.isPending}>
          {t('adminConsole.settings.save')}
        </Button>
      </div>
    </form>
  );
}

/** The instance's name, contact and the texts of its legal, privacy and accessibility pages. */
export function SettingsPanel() {
  const settings = useAdminSettings();
  if (settings.isPending) return <LoadingState />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SettingsForm initial={settings.data} />;
}
