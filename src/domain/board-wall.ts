/**
 * The wall: a board's post-its laid out freely on a canvas, with zones drawn and titled. Pure
 * rules shared by the server (CSV export, templates) and the web (the canvas, PNG/PDF export).
 * Wall coordinates are their own (`wallX`/`wallY`): a post-it's `y` stays the column view's order.
 */
import type { BoardColor } from './board.ts';

export const noteSizes = ['S', 'M', 'L'] as const;
export type NoteSize = (typeof noteSizes)[number];

/** A post-it's square side on the wall, in wall units (pixels at zoom 1). */
export const NOTE_SIDE: Record<NoteSize, number> = { S: 120, M: 170, L: 240 };

/** Where wall coordinates may go: far beyond any real wall, well inside an integer. */
export const WALL_LIMIT = 100_000;
export const ZONE_MIN = 80;
export const ZONE_MAX = 20_000;
export const ZONES_PER_BOARD = 50;

/** A post-it without a place of its own is laid out in columns by category (the column view's). */
const AUTO_LEFT = 40;
const AUTO_TOP = 40;
const AUTO_GAP = 30;

interface PlacedNote {
  id: string;
  categoryId: string | null;
  wallX: number | null;
  wallY: number | null;
  size: NoteSize;
}

export interface WallPlace {
  x: number;
  y: number;
  side: number;
}

/**
 * Every post-it's place on the wall: its own when it has one, else the next free spot of its
 * category's column, right of everything placed. Deterministic (same board, same places).
 */
export function wallPlaces(
  notes: readonly PlacedNote[],
  categoryIds: readonly string[],
): Map<string, WallPlace> {
  const places = new Map<string, WallPlace>();
  let right = 0;
  for (const note of notes) {
    if (note.wallX === null || note.wallY === null) continue;
    const side = NOTE_SIDE[note.size];
    places.set(note.id, { x: note.wallX, y: note.wallY, side });
    right = Math.max(right, note.wallX + side);
  }
  const column = NOTE_SIDE.L + AUTO_GAP;
  const left = places.size > 0 ? right + AUTO_GAP * 2 : AUTO_LEFT;
  const heights = new Map<number, number>();
  for (const note of notes) {
    if (places.has(note.id)) continue;
    const index = note.categoryId === null ? -1 : categoryIds.indexOf(note.categoryId);
    const at = index < 0 ? categoryIds.length : index;
    const top = heights.get(at) ?? AUTO_TOP;
    const side = NOTE_SIDE[note.size];
    places.set(note.id, { x: left + at * column, y: top, side });
    heights.set(at, top + side + AUTO_GAP);
  }
  return places;
}

export interface WallRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The zone a post-it's centre lies in (the last drawn wins, as it is on top), or undefined. */
export function zoneOf<Z extends WallRect>(place: WallPlace, zones: readonly Z[]): Z | undefined {
  const cx = place.x + place.side / 2;
  const cy = place.y + place.side / 2;
  let found: Z | undefined;
  for (const zone of zones) {
    if (cx >= zone.x && cx <= zone.x + zone.width && cy >= zone.y && cy <= zone.y + zone.height) found = zone;
  }
  return found;
}

/** The rectangle holding every zone and post-it (an empty wall: one screen's worth). */
export function wallBounds(places: Iterable<WallPlace>, zones: readonly WallRect[]): WallRect {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  const take = (x: number, y: number, width: number, height: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  };
  for (const place of places) take(place.x, place.y, place.side, place.side);
  for (const zone of zones) take(zone.x, zone.y, zone.width, zone.height);
  if (minX === Number.POSITIVE_INFINITY) return { x: 0, y: 0, width: 1200, height: 800 };
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

// Templates -----------------------------------------------------------------------------------

export const boardTemplateIds = ['retro', 'swot', 'next-steps', 'open-forum'] as const;
export type BoardTemplateId = (typeof boardTemplateIds)[number];

type Words = { fr: string; en: string };
interface TemplateZone extends WallRect {
  title: Words;
  color: BoardColor | null;
}
interface TemplateCategory {
  name: Words;
  color: BoardColor;
  meaning: Words;
}
export interface BoardTemplate {
  zones: TemplateZone[];
  categories: TemplateCategory[];
}

const W = 620;
const H = 520;
const GAP = 40;
const grid = (column: number, row: number) => ({
  x: column * (W + GAP),
  y: row * (H + GAP),
  width: W,
  height: H,
});

export const boardTemplates: Record<BoardTemplateId, BoardTemplate> = {
  retro: {
    zones: [
      { ...grid(0, 0), title: { fr: 'Ce qui a bien marché', en: 'What went well' }, color: 'green' },
      {
        ...grid(1, 0),
        title: { fr: 'Ce qui a moins bien marché', en: 'What went less well' },
        color: 'pink',
      },
      { ...grid(2, 0), title: { fr: 'Idées pour la suite', en: 'Ideas for next time' }, color: 'yellow' },
      { ...grid(3, 0), title: { fr: 'Actions', en: 'Actions' }, color: 'blue' },
    ],
    categories: [
      { name: { fr: 'VERT', en: 'GREEN' }, color: 'green', meaning: { fr: 'bien marché', en: 'went well' } },
      { name: { fr: 'ROSE', en: 'PINK' }, color: 'pink', meaning: { fr: 'moins bien', en: 'less well' } },
      { name: { fr: 'JAUNE', en: 'YELLOW' }, color: 'yellow', meaning: { fr: 'idées', en: 'ideas' } },
      { name: { fr: 'BLEU', en: 'BLUE' }, color: 'blue', meaning: { fr: 'actions', en: 'actions' } },
    ],
  },
  swot: {
    zones: [
      { ...grid(0, 0), title: { fr: 'Forces', en: 'Strengths' }, color: 'green' },
      { ...grid(1, 0), title: { fr: 'Faiblesses', en: 'Weaknesses' }, color: 'orange' },
      { ...grid(0, 1), title: { fr: 'Opportunités', en: 'Opportunities' }, color: 'blue' },
      { ...grid(1, 1), title: { fr: 'Menaces', en: 'Threats' }, color: 'pink' },
    ],
    categories: [],
  },
  'next-steps': {
    zones: [
      { ...grid(0, 0), title: { fr: 'À faire', en: 'To do' }, color: 'yellow' },
      { ...grid(1, 0), title: { fr: 'En cours', en: 'In progress' }, color: 'blue' },
      { ...grid(2, 0), title: { fr: 'Fait', en: 'Done' }, color: 'green' },
      { ...grid(0, 1), title: { fr: 'Questions ouvertes', en: 'Open questions' }, color: 'purple' },
    ],
    categories: [
      {
        name: { fr: 'BLEU', en: 'BLUE' },
        color: 'blue',
        meaning: { fr: 'prochains pas', en: 'next steps' },
      },
      { name: { fr: 'JAUNE', en: 'YELLOW' }, color: 'yellow', meaning: { fr: 'idées', en: 'ideas' } },
    ],
  },
  'open-forum': {
    zones: [
      { ...grid(0, 0), title: { fr: 'Sujets proposés', en: 'Proposed topics' }, color: 'yellow' },
      { ...grid(1, 0), title: { fr: 'Atelier 1', en: 'Workshop 1' }, color: 'blue' },
      { ...grid(2, 0), title: { fr: 'Atelier 2', en: 'Workshop 2' }, color: 'green' },
      { ...grid(1, 1), title: { fr: 'Atelier 3', en: 'Workshop 3' }, color: 'purple' },
      { ...grid(2, 1), title: { fr: 'Restitution', en: 'Report back' }, color: 'orange' },
    ],
    categories: [
      { name: { fr: 'JAUNE', en: 'YELLOW' }, color: 'yellow', meaning: { fr: 'sujets', en: 'topics' } },
      { name: { fr: 'VERT', en: 'GREEN' }, color: 'green', meaning: { fr: 'retours', en: 'feedback' } },
    ],
  },
};
