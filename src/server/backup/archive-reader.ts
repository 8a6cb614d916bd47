import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  ArchiveError,
  type Cell,
  type HeaderLine,
  headerLineSchema,
  rowLineSchema,
  type TableLine,
  tableEndLineSchema,
  tableLineSchema,
  trailerLineSchema,
} from './archive-format.ts';

/** What reading an archive yields, in file order; `end` only once the trailer has matched. */
export type ArchiveEvent =
  | { type: 'header'; header: HeaderLine }
  | { type: 'table'; table: TableLine }
  | { type: 'rows'; table: TableLine; rows: Cell[][] }
  | { type: 'table-end'; table: TableLine; rows: number }
  | { type: 'end'; tables: number; rows: number };

const ROW_BATCH = 200;
/** Far above any row (a notes document is at most 2 MiB, 2.7 MiB in base64). */
const MAX_LINE = 64 * 1024 * 1024;

/** The decompressed lines of a file; a damaged gzip stream (cut, altered) becomes an ArchiveError. */
async function* lines(file: string): AsyncGenerator<string> {
  if (!existsSync(file)) throw new ArchiveError(`No file at ${file}.`);
  const gunzip = createGunzip();
  const reading = pipeline(createReadStream(file), gunzip);
  reading.catch(() => {});
  const decoder = new StringDecoder('utf8');
  let carry = '';
  try {
    for await (const chunk of gunzip) {
      carry += decoder.write(chunk as Buffer);
      let newline = carry.indexOf('\n');
      while (newline >= 0) {
        yield carry.slice(0, newline);
        carry = carry.slice(newline + 1);
        newline = carry.indexOf('\n');
      }
      if (carry.length > MAX_LINE)
        throw new ArchiveError('The archive holds a line too long to be one of ours.');
    }
    await reading;
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArchiveError(`The archive is damaged (cut short or altered): ${reason}.`);
  }
  carry += decoder.end();
  if (carry.length > 0) yield carry;
}

function parse<T>(schema: z.ZodType<T>, line: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ArchiveError(`The archive is damaged: ${what} is not valid JSON.`);
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ArchiveError(`The archive is damaged: ${what} is not as expected.`);
  return result.data;
}

/** The archive's lines one by one, each counted in the overall checksum as it is taken. */
class LineSource {
  readonly whole = createHash('sha256');
  readonly #lines: AsyncGenerator<string>;
  constructor(file: string) {
    this.#lines = lines(file);
  }
  async next(expecting: string): Promise<string> {
    const { value, done } = await this.#lines.next();
    if (done) throw new ArchiveError(`The archive is cut short: it ends where ${expecting} was due.`);
    this.whole.update(`${value}\n`);
    return value;
  }
  async isAtEnd(): Promise<boolean> {
    return (await this.#lines.next()).done === true;
  }
}

/** One table's rows in batches, then its end line checked against their count and checksum. */
async function* readTable(source: LineSource, name: string): AsyncGenerator<ArchiveEvent, number> {
  const table = parse(tableLineSchema, await source.next(`table ${name}`), `the start of table ${name}`);
  if (table.name !== name)
    throw new ArchiveError(`The archive is damaged: table ${name} expected, ${table.name} found.`);
  yield { type: 'table', table };
  const hash = createHash('sha256');
  let count = 0;
  let batch: Cell[][] = [];
  for (;;) {
    const line = await source.next(`the end of table ${name}`);
    if (!line.startsWith('[')) {
      const end = parse(tableEndLineSchema, line, `the end of table ${name}`);
      if (end.name !== name || end.rows !== count || end.sha256 !== hash.digest('hex'))
        throw new ArchiveError(`The archive is damaged: table ${name} does not match its checksum.`);
      break;
    }
    const row = parse(rowLineSchema, line, `a row of table ${name}`);
    if (row.length !== table.columns.length)
      throw new ArchiveError(`The archive is damaged: a row of table ${name} has the wrong number of cells.`);
    hash.update(`${line}\n`);
    count += 1;
    batch.push(row);
    if (batch.length === ROW_BATCH) {
      yield { type: 'rows', table, rows: batch };
      batch = [];
    }
  }
  if (batch.length > 0) yield { type: 'rows', table, rows: batch };
  yield { type: 'table-end', table, rows: count };
  return count;
}

/**
 * Reads an archive and checks it as it goes: format and version, every table's row count and
 * SHA-256, the trailer's over the whole. A consumer that acts on rows (the restore) must undo
 * what it did when this throws: the last check is only made at the trailer.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEvent> {
  const source = new LineSource(file);
  const header = readHeader(await source.next('the header'));
  yield { type: 'header', header };
  let total = 0;
  for (const name of header.tables) total += yield* readTable(source, name);
  const expected = source.whole.copy().digest('hex');
  const trailer = parse(trailerLineSchema, await source.next('the trailer'), 'the trailer');
  if (trailer.tables !== header.tables.length || trailer.rows !== total || trailer.sha256 !== expected)
    throw new ArchiveError('The archive is damaged: it does not match its overall checksum.');
  if (!(await source.isAtEnd()))
    throw new ArchiveError('The archive is damaged: something follows its trailer.');
  yield { type: 'end', tables: header.tables.length, rows: total };
}

/** What any version of the format begins with: enough to refuse a newer one by name. */
const preambleSchema = z.object({ format: z.literal(ARCHIVE_FORMAT), formatVersion: z.number().int() });

function readHeader(line: string): HeaderLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ArchiveError('This is not an Archipel archive (no header).');
  }
  const preamble = preambleSchema.safeParse(value);
  if (!preamble.success) throw new ArchiveError('This is not an Archipel archive (no header).');
  if (preamble.data.formatVersion > ARCHIVE_FORMAT_VERSION)
    throw new ArchiveError(
      `The archive uses format ${preamble.data.formatVersion}, newer than this Archipel reads (${ARCHIVE_FORMAT_VERSION}): upgrade Archipel first.`,
    );
  return parse(headerLineSchema, line, 'the header');
}

/** Reads the whole archive without loading it (`archipel verify`). */
export async function verifyArchive(
  file: string,
): Promise<{ header: HeaderLine; tables: number; rows: number }> {
  let header: HeaderLine | undefined;
  for await (const event of readArchive(file)) {
    if (event.type === 'header') header = event.header;
    if (event.type === 'end' && header) return { header, tables: event.tables, rows: event.rows };
  }
  throw new ArchiveError('The archive is cut short.');
}
