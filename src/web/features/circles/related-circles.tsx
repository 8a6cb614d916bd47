import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Circle, CircleRelations } from '../../../contract/circle.ts';
import { Button } from '../../components/button.tsx';
import formStyles from '../../components/form.module.css';
import { FormProblem } from '../../components/form-problem.tsx';
import { Section } from '../../components/section.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { TextField } from '../../components/text-field.tsx';
import { circleSchemas } from '../../lib/contract-schemas.ts';
import { useContractForm } from '../../lib/use-contract-form.ts';
import { useCommunityCircles } from './circle-api.ts';
import { useLinkCircle, useUnlinkCircle } from './circle-cycles-api.ts';
import styles from './related-circles.module.css';

const loadLinkSchema = () => circleSchemas().then((m) => m.circleLinkCreateSchema);

/** Stewards relate the circle to another circle of the community they may see, with a short note. */
function LinkCircleForm({
  circle,
  related,
  onDone,
}: {
  circle: Circle;
  related: CircleRelations['related'];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const circles = useCommunityCircles(circle.communitySlug);
  const link = useLinkCircle(circle.id);
  const taken = new Set([circle.id, ...related.map((r) => r.circle.id)]);
  const choices = (circles.data ?? []).filter((other) => !taken.has(other.id));
  const form = useContractForm({
    schema: loadLinkSchema,
    initialValues: { circleId: '', note: '' },
    serverError: link.error,
    onValid: (input) => link.mutate(input, { onSuccess: onDone }),
  });
  if (circles.isSuccess && choices.length === 0) {
    return <p className={styles.muted}>{t('circleCycles.related.noChoice')}</p>;
  }
  return (
    <form className={`${formStyles.form} ${styles.form}`} {...form.formProps}>
      <h3 className={styles.formTitle}>{t('circleCycles.related.add')}</h3>
      <SelectField
        label={t('circleCycles.related.circle')}
        value={form.values.circleId}
        onChange={(value) => form.setValue('circleId', value)}
        errorMessage={form.error('circleId')}
        options={[
          { value: '', label: t('circleCycles.related.choose') },
          ...choices.map((other) => ({ value: other.id, label: other.name })),
        ]}
      />
      <TextField
        label={t('circleCycles.related.note')}
        description={t('circleCycles.related.noteHint')}
        {...form.text('note')}
        isOptional
      />
      <FormProblem text={form.formMessage} />
      <div className={formStyles.actions}>
        <Button type="submit" variant="secondary" isPending={link.isPending}>
          {t('circleCycles.related.submit')}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t('circleCycles.related.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** The circles related to this one, as the viewer may see them; its stewards add and remove links. */
export function RelatedCircles({
  circle,
  relations,
}: {
  circle: Circle;
  relations: CircleRelations | undefined;
}) {
  const { t } = useTranslation();
  const unlink = useUnlinkCircle(circle.id);
  const [isAdding, setAdding] = useState(false);
  const related = relations?.related ?? [];
  const canManage = circle.abilities.steer;
  if (related.length === 0 && !canManage) return null;
  return (
    <Section
      title={t('circleCycles.related.title')}
      action={
        canManage && !isAdding ? (
          <Button variant="secondary" onClick={() => setAdding(true)}>
            {t('circleCycles.related.add')}
          </Button>
        ) : null
      }
    >
      {related.length > 0 ? (
        <ul className={styles.list}>
          {related.map((item) => (
            <li key={item.linkId} className={styles.item}>
              <div className={styles.text}>
                <Link to={`/circles/${encodeURIComponent(item.circle.id)}`} className={styles.name}>
                  {item.circle.name}
                </Link>
                {item.note ? <p className={styles.note}>{item.note}</p> : null}
              </div>
              {canManage ? (
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('circleCycles.related.removeLabel', { name: item.circle.name })}
                  isPending={unlink.isPending && unlink.variables === item.linkId}
                  onClick={() => unlink.mutate(item.linkId)}
                >
                  {t('circleCycles.related.remove')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>{t('circleCycles.related.none')}</p>
      )}
      {canManage && isAdding ? (
        <LinkCircleForm circle={circle} related={related} onDone={() => setAdding(false)} />
      ) : null}
    </Section>
  );
}
