import { useTranslation } from 'react-i18next';
import type { CommunityMap, TerritoryDto, TerritoryMapEntry } from '../../../contract/territory.ts';
import styles from './territory-map.module.css';

export interface TerritoryTableProps {
  map: CommunityMap;
  territories: readonly TerritoryDto[];
}

interface Row {
  territory: TerritoryDto;
  entry: TerritoryMapEntry;
}

/** Régions in order, each followed by its départements that have something in them. */
function rowsOf(map: CommunityMap, territories: readonly TerritoryDto[]): Row[] {
  const entries = new Map(map.items.map((entry) => [entry.code, entry]));
  const rows: Row[] = [];
  for (const region of territories.filter((territory) => territory.kind === 'region')) {
    const entry = entries.get(region.code);
    if (!entry) continue;
    rows.push({ territory: region, entry });
    for (const department of territories.filter((territory) => territory.parentCode === region.code)) {
      const own = entries.get(department.code);
      if (own) rows.push({ territory: department, entry: own });
    }
  }
  return rows;
}

/** The map's figures as a table: what a screen reader or a keyboard reads instead of the drawing. */
export function TerritoryTable({ map, territories }: TerritoryTableProps) {
  const { t } = useTranslation();
  const rows = rowsOf(map, territories);
  const figure = (total: number | null, own: number | null | undefined) =>
    own !== undefined && own !== null && own > 0 && own !== total
      ? `${total ?? ''} (${t('territories.map.ownPart', { n: own })})`
      : String(total ?? '');
  if (rows.length === 0) return <p>{t('territories.map.empty')}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption>{t('territories.map.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('territories.map.territory')}</th>
            <th scope="col">{t('territories.map.circlesHeader')}</th>
            {map.showsMembers ? <th scope="col">{t('territories.map.membersHeader')}</th> : null}
            {map.branches.length > 0 ? <th scope="col">{t('territories.map.branchesHeader')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ territory, entry }) => {
            const isRegion = territory.kind === 'region';
            return (
              <tr
                key={territory.code}
                id={`territory-${territory.code}`}
                tabIndex={-1}
                className={isRegion ? styles.regionRow : styles.departmentRow}
              >
                <th scope="row">
                  {isRegion
                    ? t('territories.map.region', { name: territory.name })
                    : `${territory.code} – ${territory.name}`}
                </th>
                <td>{figure(entry.circles, entry.ownCircles)}</td>
                {map.showsMembers ? <td>{figure(entry.members, entry.ownMembers)}</td> : null}
                {map.branches.length > 0 ? <td>{entry.branches}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={styles.note}>{t('territories.map.tableNote')}</p>
    </div>
  );
}
