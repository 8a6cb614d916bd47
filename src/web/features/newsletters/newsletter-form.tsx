import { useTranslation } from 'react-i18next';
import type { Communication } from '../../../contract/newsletters.ts';
import { formatDate } from '../../../domain/date-format.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { ShowMore } from '../../components/show-more.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useUnsavedChanges } from '../../components/unsaved-changes.tsx';
import { useContractForm } from '../../lib/use-contract-form.ts';
import styles from './newsletters.module.css';
import { type NewsletterInput, useCommunications } from './newsletters-api.ts';

const loadSchema = () => import('../../../contract/newsletters.ts').then((m) => m.newsletterCreateSchema);

type Values = { subject: string; body: string; itemIds: string[] };

export interface NewsletterFormProps {
  slug: string;
  initial?: Values;
  /** Whether the archive is public: the notice then says the items are published too. */
  isPublic: boolean;
  submitLabel: string;
  isPending: boolean;
  error: unknown;
  onSubmit: (input: Required<NewsletterInput>) => void;
  onCancel?: () => void;
}

function ItemChoice({
  item,
  isChecked,
  onToggle,
}: {
  item: Communication;
  isChecked: boolean;
  onToggle: () => void;
}) {
  const { t, i18n } = useTranslation();
  const date = formatDate(new Date(item.sessionStartsAt), i18n.language, { dateStyle: 'medium' });
  return (
    <label className={styles.itemChoice}>
      <input type="checkbox" checked={isChecked} onChange={onToggle} />
      <span className={styles.itemText}>
        <span>{item.text}</span>
        <span className={styles.muted}>
          {t('newsletters.form.itemMeta', { circle: item.circleName, session: item.sessionTitle, date })}
          {item.author ? ` · ${t('newsletters.form.itemBy', { name: item.author.name })}` : ''}
          {item.usedInNewsletter ? ` · ${t('newsletters.form.used')}` : ''}
        </span>
      </span>
    </label>
  );
}

/**
 * Subject, Markdown text and the flagged items to carry. The notice beside the items says, at the
 * moment of choosing, that their text goes to every recipient whatever circle it came from.
 */
export function NewsletterForm(props: NewsletterFormProps) {
  const { t } = useTranslation();
  const communications = useCommunications(props.slug);
  const form = useContractForm({
    schema: loadSchema,
    initialValues: props.initial ?? { subject: '', body: '', itemIds: [] },
    serverError: props.error,
    onValid: (data) => props.onSubmit(data),
  });
  useUnsavedChanges(form.isDirty && !props.isPending);
  const chosen = form.values.itemIds;
  const toggle = (id: string) =>
    form.setValue('itemIds', chosen.includes(id) ? chosen.filter((other) => other !== id) : [...chosen, id]);
  const items = communications.data ?? [];
  const archive = props.isPublic ? t('newsletters.form.itemsPublic') : '';

  return (
    <form className={formStyles.form} {...form.formProps}>
      <TextField label={t('newsletters.form.subject')} {...form.text('subject')} />
      <TextField
        label={t('newsletters.form.body')}
        description={t('newsletters.form.bodyHint')}
        multiline
        rows={10}
        isOptional
        {...form.text('body')}
      />
      <fieldset className={styles.items}>
        <legend className={styles.itemsLegend}>{t('newsletters.form.items')}</legend>
        <p className={formStyles.hint}>{t('newsletters.form.itemsHint', { archive })}</p>
        {communications.isSuccess && items.length === 0 ? (
          <p className={styles.muted}>{t('newsletters.form.noItems')}</p>
        ) : null}
        {items.map((item) => (
          <ItemChoice
            key={item.id}
            item={item}
            isChecked={chosen.includes(item.id)}
            onToggle={() => toggle(item.id)}
          />
        ))}
        <ShowMore list={communications} />
        {form.error('itemIds') ? <FormProblem text={form.error('itemIds')} /> : null}
      </fieldset>
      <FormProblem text={form.formMessage} />
      <div className={formStyles.actions}>
        <Button type="submit" isPending={props.isPending}>
          {props.submitLabel}
        </Button>
        {props.onCancel ? (
          <Button variant="secondary" onClick={props.onCancel}>
            {t('newsletters.form.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
