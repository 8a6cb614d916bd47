import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { Env } from '../env.ts';
import { seedScale } from './seed-scale.ts';

/** Sessions, next steps and post-its beyond this are not indexed by default: see limitMarks. */
export const DEFAULT_INDEX_PER_KIND = 40_000;

const optionsSchema = z.object({
  scale: z.coerce.number().positive().max(10).default(1),
  members: z.coerce.number().int().min(200).optional(),
  'index-per-kind': z.coerce.number().int().min(0).default(DEFAULT_INDEX_PER_KIND),
  'database-url': z.string().startsWith('postgres').optional(),
});

/** `archipel seed-scale`: parses its options, seeds, prints what it wrote and how long it took. */
export async function seedScaleCommand(env: Env, argv: string[]): Promise<number> {
  let options: z.infer<typeof optionsSchema>;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        scale: { type: 'string' },
        members: { type: 'string' },
        'index-per-kind': { type: 'string' },
        'database-url': { type: 'string' },
      },
    });
    options = optionsSchema.parse(values);
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? z.prettifyError(error)
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`seed-scale: ${message}`);
    return 2;
  }
  const url = options['database-url'] ?? env.DATABASE_URL;
  const database = openDatabase({ url, dataDir: env.DATA_DIR });
  const started = performance.now();
  try {
    await migrateToLatest(database);
    console.log(`seed-scale on ${database.dialect}, scale ${options.scale}`);
    const { rows } = await seedScale(database.db, {
      scale: options.scale,
      members: options.members,
      indexPerKind: options['index-per-kind'] === 0 ? undefined : options['index-per-kind'],
      log: (line) => console.log(line),
    });
    const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
    console.log(
      `seed-scale done: ${total.toLocaleString('en')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return 0;
  } catch (error) {
    console.error(`seed-scale failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await database.close();
  }
}
