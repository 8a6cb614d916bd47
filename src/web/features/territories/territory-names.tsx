import { useTranslation } from 'react-i18next';
import { territoryIndex, useTerritories } from './territory-api.ts';

/** "Territoires : Gironde, Grand Est", or "National" when there is none. */
export function TerritoryNames({ codes }: { codes: readonly string[] }) {
  const { t } = useTranslation();
  const territories = useTerritories(codes.length > 0);
  if (codes.length === 0) return <>{t('territories.national')}</>;
  const index = territoryIndex(territories.data);
  return (
    <>{t('territories.list', { names: codes.map((code) => index.get(code)?.name ?? code).join(', ') })}</>
  );
}
