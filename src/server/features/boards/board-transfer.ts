import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { BOARD_IMPORT_MAX_ROWS, type Board } from '../../../contract/board.ts';
import { type BoardColor, boardColors, NOTE_TEXT_MAX } from '../../../domain/board.ts';
import { WALL_LIMIT, wallPlaces, zoneOf } from '../../../domain/board-wall.ts';
import { neutraliseFormula } from '../../../domain/poll.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/errors.ts';
import { lockBoard, requireUnlocked } from './board-access.ts';
import { boardChanged } from './board-events.ts';

/**
 * The board as CSV, one row per post-it the viewer sees, in the column view's order: its text,
 * category, colour, author (empty on an anonymous board), size, place on the wall, the zone it
 * lies in, and its dots (empty while hidden). Every text cell is neutralised for spreadsheets.
 */
export function boardCsvRows(board: Board): string[][] {
  const places = wallPlaces(
    board.notes,
    board.categories.map((category) => category.id),
  );
  const categoryOf = new Map(board.categories.map((category) => [category.id, category]));
  const header = ['text', 'category', 'color', 'author', 'size', 'x', 'y', 'zone', 'dots', 'created_at'];
  const rows = board.notes.map((note) => {
    const category = note.categoryId ? categoryOf.get(note.categoryId) : undefined;
    const place = places.get(note.id);
    const zone = place ? zoneOf(place, board.zones) : undefined;
    return [
      note.text,
      category?.name ?? '',
      category?.color ?? '',
      note.author?.name ?? '',
      note.size,
      String(place?.x ?? ''),
      String(place?.y ?? ''),
      zone?.title ?? '',
      note.dots === null ? '' : String(note.dots),
      note.createdAt,
    ].map(neutraliseFormula);
  });
  return [header, ...rows];
}

// Import ---------------------------------------------------------------------------------------

/** Header names as Klaxoon, spreadsheets and our own export write them (lower case, no accents). */
const headerNames = {
  text: [
    'text',
    'content',
    'contenu',
    'texte',
    'idea',
    'idee',
    'post-it',
    'postit',
    'note',
    'message',
    'title',
    'titre',
  ],
  category: ['category', 'categorie', 'categories', 'colonne', 'column', 'label', 'etiquette', 'theme'],
  color: ['color', 'colour', 'couleur'],
  author: ['author', 'auteur', 'autrice', 'participant', 'name', 'nom', 'created by', 'cree par'],
  x: ['x', 'position x', 'pos x', 'left'],
  y: ['y', 'position y', 'pos y', 'top'],
} as const;
type Field = keyof typeof headerNames;

const colorWords: Record<string, BoardColor> = {
  blue: 'blue',
  bleu: 'blue',
  yellow: 'yellow',
  jaune: 'yellow',
  green: 'green',
  vert: 'green',
  pink: 'pink',
  rose: 'pink',
  red: 'pink',
  rouge: 'pink',
  orange: 'orange',
  purple: 'purple',
  violet: 'purple',
  grey: 'grey',
  gray: 'grey',
  gris: 'grey',
};

const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();

/** Which column holds what; the text column is the one the file must have. */
export function detectColumns(header: readonly string[]): Partial<Record<Field, number>> {
  const found: Partial<Record<Field, number>> = {};
  header.forEach((cell, index) => {
    const name = fold(cell);
    for (const field of Object.keys(headerNames) as Field[]) {
      if (found[field] === undefined && (headerNames[field] as readonly string[]).includes(name)) {
        found[field] = index;
        return;
      }
    }
  });
  return found;
}

const rowSchema = z
  .object({
    text: z.string().trim().min(1).max(NOTE_TEXT_MAX),
    category: z.string().trim().max(60),
    color: z.string().trim().max(60),
    author: z.string().trim().max(200),
    x: z.number().int().min(-WALL_LIMIT).max(WALL_LIMIT).nullable(),
    y: z.number().int().min(-WALL_LIMIT).max(WALL_LIMIT).nullable(),
  })
  .strict();
type ImportRow = z.infer<typeof rowSchema>;

const badFile = (message: string, details?: unknown) =>
  new AppError('INVALID_INPUT', message, details ?? [{ path: ['body', 'csv'], message }]);

/** Parses and checks the file: every row valid, or a 400 naming the first bad rows. */
export function parseBoardCsv(csv: string): ImportRow[] {
  let records: string[][];
  try {
    records = parse(csv, {
      bom: true,
      delimiter: [',', ';', '\t'],
      relax_column_count: true,
      skip_empty_lines: true,
      to_line: BOARD_IMPORT_MAX_ROWS + 50,
    }) as string[][];
  } catch (error) {
    throw badFile(`Not a readable CSV file: ${(error as Error).message.slice(0, 200)}`);
  }
  const [header, ...body] = records;
  if (!header) throw badFile('The file is empty');
  const columns = detectColumns(header);
  if (columns.text === undefined) {
    throw badFile('No text column: name one "text", "content" or "contenu"');
  }
  const rows = body.filter((record) => record.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) throw badFile('The file has no post-it');
  if (rows.length > BOARD_IMPORT_MAX_ROWS) {
    throw badFile(`At most ${BOARD_IMPORT_MAX_ROWS} post-its at once`);
  }
  const cell = (record: string[], field: Field) => {
    const index = columns[field];
    return index === undefined ? '' : (record[index] ?? '');
  };
  const number = (value: string) => {
    if (value.trim() === '') return null;
    const parsed = Number(value.replace(',', '.'));
    return Number.isFinite(parsed) ? Math.round(parsed) : Number.NaN;
  };
  const problems: { path: (string | number)[]; message: string }[] = [];
  const parsed: ImportRow[] = [];
  rows.forEach((record, index) => {
    const x = number(cell(record, 'x'));
    const y = number(cell(record, 'y'));
    const result = rowSchema.safeParse({
      text: cell(record, 'text'),
      category: cell(record, 'category'),
      color: cell(record, 'color'),
      author: cell(record, 'author'),
      x: x !== null && y !== null ? x : null,
      y: x !== null && y !== null ? y : null,
    });
    if (result.success) parsed.push(result.data);
    else if (problems.length < 10) {
      // Line numbers as a spreadsheet shows them (the header is line 1).
      for (const issue of result.error.issues.slice(0, 2))
        problems.push({
          path: ['body', 'csv', index + 2, ...issue.path.map(String)],
          message: issue.message,
        });
    }
  });
  if (problems.length > 0) throw badFile('Some lines are not post-its', problems);
  return parsed;
}

/**
 * Adds the file's post-its to the board in one transaction: categories matched by name (else by
 * colour), new ones created while the legend has room (12); the author's name, when the file has
 * one, is kept at the end of the text (the importer is the post-its' author here).
 */
export async function importBoardCsv(db: Kysely<DB>, boardId: string, importerId: string, rows: ImportRow[]) {
  return db.transaction().execute(async (trx) => {
    const board = await lockBoard(trx, boardId);
    requireUnlocked(board);
    const categories = await trx
      .selectFrom('boardCategories')
      .select(['id', 'name', 'color', 'position'])
      .where('boardId', '=', boardId)
      .orderBy('position')
      .execute();
    let categoriesCreated = 0;
    const categoryFor = async (row: ImportRow): Promise<string | null> => {
      const name = row.category || row.color;
      if (!name) return null;
      const byName = categories.find((category) => fold(category.name) === fold(name));
      if (byName) return byName.id;
      const color = colorWords[fold(row.color)] ?? colorWords[fold(row.category)];
      if (!row.category && color) {
        const byColor = categories.find((category) => category.color === color);
        if (byColor) return byColor.id;
      }
      if (categories.length >= 12) return null;
      const created = {
        id: randomUUID(),
        name: name.slice(0, 60),
        color: color ?? boardColors[categories.length % boardColors.length] ?? 'yellow',
        position: categories.length + 1,
      };
      await trx
        .insertInto('boardCategories')
        .values({ ...created, boardId, meaning: '' })
        .execute();
      categories.push(created);
      categoriesCreated += 1;
      return created.id;
    };
    const last = await trx
      .selectFrom('boardNotes')
      .select((e) => e.fn.max('y').as('y'))
      .where('boardId', '=', boardId)
      .executeTakeFirst();
    let y = Number(last?.y ?? 0);
    const now = Date.now();
    for (const [index, row] of rows.entries()) {
      y += 1024;
      const signed = row.author ? `${row.text}\n— ${row.author}` : row.text;
      await trx
        .insertInto('boardNotes')
        .values({
          id: randomUUID(),
          boardId,
          authorId: importerId,
          text: signed.slice(0, NOTE_TEXT_MAX),
          categoryId: await categoryFor(row),
          clusterId: null,
          x: 0,
          y,
          wallX: row.x,
          wallY: row.y,
          size: 'M',
          hidden: false,
          private: false,
          actionId: null,
          // One instant each, in the file's order.
          createdAt: new Date(now + index).toISOString(),
          updatedAt: new Date(now).toISOString(),
        })
        .execute();
    }
    return { imported: rows.length, categoriesCreated, publication: boardChanged(board) };
  });
}
