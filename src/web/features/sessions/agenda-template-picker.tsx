import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../contract/session.ts';
import {
  type AgendaTemplateId,
  agendaTemplateIds,
  buildAgendaFromTemplate,
} from '../../../domain/agenda-templates.ts';
import type { AgendaItemKind } from '../../../domain/session.ts';
import { Button } from '../../components/button.tsx';
import fieldStyles from '../../components/field.module.css';
import type { FormStatusMessage } from '../../components/form-status.tsx';
import styles from './agenda-editor.module.css';

/** One step of a method template, laid out from the session's start. */
export interface TemplateDraft {
  title: string;
  kind: AgendaItemKind;
  startsAt: string;
  endsAt: string;
}

export interface AgendaTemplatePickerProps {
  session: Session;
  /** Fills the editor with the template's items; the notice says that nothing is saved yet. */
  onPreview: (items: TemplateDraft[], notice: FormStatusMessage) => void;
}

/**
 * "Partir d'un modèle de méthode": the template's items are put in the editor for review, with
 * the session's times. Saving stays the editor's own "Enregistrer"; "Annuler" leaves the agenda
 * as it was. (Applying straight to the server replaced the agenda before anyone saw the result.)
 */
export function AgendaTemplatePicker({ session, onPreview }: AgendaTemplatePickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [template, setTemplate] = useState<AgendaTemplateId>('plain');

  function preview() {
    const locale = i18n.language.startsWith('en') ? 'en' : 'fr';
    const steps = buildAgendaFromTemplate(template, Date.parse(session.startsAt), locale);
    const sessionEnd = Date.parse(session.endsAt);
    const name = t(`agenda.templates.${template}`);
    const isTooLong = steps.some((step) => step.endsAt > sessionEnd);
    onPreview(
      steps.map((step) => ({
        title: step.title,
        kind: step.kind,
        startsAt: new Date(step.startsAt).toISOString(),
        endsAt: new Date(step.endsAt).toISOString(),
      })),
      isTooLong
        ? {
            tone: 'warning',
            text: `${t('agenda.templates.previewed', { name })} ${t('agenda.templates.tooLong')}`,
          }
        : { tone: 'info', text: t('agenda.templates.previewed', { name }) },
    );
  }

  return (
    <div className={styles.templates}>
      <div className={fieldStyles.field}>
        <label className={fieldStyles.label} htmlFor={id}>
          {t('agenda.templates.label')}
        </label>
        <select
          id={id}
          className={`${fieldStyles.input} ${fieldStyles.select}`}
          value={template}
          onChange={(e) => setTemplate(agendaTemplateIds.find((v) => v === e.target.value) ?? 'plain')}
        >
          {agendaTemplateIds.map((value) => (
            <option key={value} value={value}>
              {t(`agenda.templates.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" onClick={preview}>
        {t('agenda.templates.apply')}
      </Button>
    </div>
  );
}
