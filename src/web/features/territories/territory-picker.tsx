import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerritoryDto } from '../../../contract/territory.ts';
import { buttonClass } from '../../components/button-class.ts';
import fieldStyles from '../../components/field.module.css';
import { territoryIndex, useTerritories } from './territory-api.ts';
import styles from './territory-picker.module.css';

/** At most this many territories per subject (the server refuses more: MAX_TERRITORIES). */
const MAX = 20;

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[-'’\s]+/g, ' ')
    .trim();

interface Group {
  region: TerritoryDto;
  departments: TerritoryDto[];
}

/** Régions with their départements, keeping those that match the search (by name or number). */
function groupsOf(items: readonly TerritoryDto[], query: string): Group[] {
  const wanted = fold(query);
  const matches = (territory: TerritoryDto) =>
    !wanted || fold(territory.name).includes(wanted) || territory.inseeCode.toLowerCase().startsWith(wanted);
  const groups: Group[] = [];
  for (const region of items.filter((item) => item.kind === 'region')) {
    const departments = items.filter((item) => item.parentCode === region.code);
    // A région that matches shows all its départements: "Bretagne" lists the four.
    const shown = matches(region) ? departments : departments.filter(matches);
    if (matches(region) || shown.length > 0) groups.push({ region, departments: shown });
  }
  return groups;
}

export interface TerritoryPickerProps {
  value: readonly string[];
  onChange: (codes: string[]) => void;
  errorMessage?: string | undefined;
}

function useTerritoryLabel() {
  const { t } = useTranslation();
  return (territory: TerritoryDto) =>
    territory.kind === 'region'
      ? t('territories.picker.wholeRegion', { name: territory.name })
      : t('territories.picker.department', { code: territory.code, name: territory.name });
}

/** The chosen territories, each with its own remove button (they stay listed when filtered out). */
function ChosenTerritories({
  value,
  index,
  labelId,
  onRemove,
}: {
  value: readonly string[];
  index: ReadonlyMap<string, TerritoryDto>;
  labelId: string;
  onRemove: (code: string) => void;
}) {
  const { t } = useTranslation();
  const label = useTerritoryLabel();
  if (value.length === 0) return <p className={fieldStyles.description}>{t('territories.picker.none')}</p>;
  return (
    <ul className={styles.chosen} aria-labelledby={labelId}>
      {value.map((code) => {
        const territory = index.get(code);
        const name = territory ? label(territory) : code;
        return (
          <li key={code} className={styles.chip}>
            <span>{name}</span>
            <button
              type="button"
              className={buttonClass('ghost', 'sm')}
              aria-label={t('territories.picker.remove', { name })}
              onClick={() => onRemove(code)}
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** The régions that match, each a fieldset of its own box and its départements' boxes. */
function TerritoryOptions({
  groups,
  value,
  onToggle,
}: {
  groups: readonly Group[];
  value: readonly string[];
  onToggle: (code: string, on: boolean) => void;
}) {
  const label = useTerritoryLabel();
  const chosen = new Set(value);
  const box = (territory: TerritoryDto) => (
    <label key={territory.code} className={styles.option}>
      <input
        type="checkbox"
        checked={chosen.has(territory.code)}
        disabled={!chosen.has(territory.code) && value.length >= MAX}
        onChange={(event) => onToggle(territory.code, event.target.checked)}
      />
      {label(territory)}
    </label>
  );
  return (
    <div className={styles.options}>
      {groups.map(({ region, departments }) => (
        <fieldset key={region.code} className={styles.region}>
          <legend className={styles.regionName}>{region.name}</legend>
          {box(region)}
          {departments.map(box)}
        </fieldset>
      ))}
    </div>
  );
}

/**
 * Régions and départements as checkboxes grouped by région, filtered by a search on the name or the
 * number: native controls only (keyboard and screen readers as the platform does them, no popover
 * for the CSP to refuse). The chosen ones are listed above, each with its own remove button.
 */
export function TerritoryPicker({ value, onChange, errorMessage }: TerritoryPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const territories = useTerritories();
  const [query, setQuery] = useState('');
  const index = useMemo(() => territoryIndex(territories.data), [territories.data]);
  const groups = useMemo(() => groupsOf(territories.data ?? [], query), [territories.data, query]);
  const found = groups.reduce((n, group) => n + 1 + group.departments.length, 0);
  const toggle = (code: string, on: boolean) =>
    onChange(on ? [...value.filter((c) => c !== code), code] : value.filter((c) => c !== code));
  return (
    <fieldset className={styles.picker} aria-describedby={`${id}-hint`}>
      <legend className={fieldStyles.label}>{t('territories.picker.label')}</legend>
      <p id={`${id}-hint`} className={fieldStyles.description}>
        {t('territories.picker.hint')}
      </p>
      <p id={`${id}-chosen`} className={styles.chosenTitle}>
        {t('territories.picker.chosen')}
      </p>
      <ChosenTerritories
        value={value}
        index={index}
        labelId={`${id}-chosen`}
        onRemove={(c) => toggle(c, false)}
      />
      {value.length >= MAX ? (
        <p className={fieldStyles.description}>{t('territories.picker.tooMany', { max: MAX })}</p>
      ) : null}
      {errorMessage ? (
        <p className={styles.error} role="alert">
          {errorMessage}
        </p>
      ) : null}
      <label className={fieldStyles.label} htmlFor={`${id}-search`}>
        {t('territories.picker.search')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        className={fieldStyles.input}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        aria-describedby={`${id}-found`}
      />
      <p id={`${id}-found`} className={fieldStyles.description} aria-live="polite">
        {territories.data ? t('territories.picker.found', { count: found }) : null}
      </p>
      <TerritoryOptions groups={groups} value={value} onToggle={toggle} />
    </fieldset>
  );
}
