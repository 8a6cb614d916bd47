import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from 'kysely';

/** What stands for argument `i` while the query is built once; no real value looks like it. */
const placeholder = (i: number) => `\u0001prepared-argument-${i}\u0001`;
const PLACEHOLDER_MARK = '\u0001prepared-argument-';

interface Plan {
  compiled: CompiledQuery;
  /** For each compiled parameter, the argument it takes (-1: the value it was compiled with). */
  slots: number[];
}

/**
 * A hot query whose shape never changes, only its values: built and compiled once per database and
 * variant, then run with each call's arguments. Kysely builds the operation tree, runs the plugins
 * (CamelCasePlugin) and compiles SQL on every call, which for a small indexed read costs more CPU
 * than the database running it (the circle access query was a fifth of a post-it write's CPU, in
 * bench/http.ts). The query is built once with a placeholder string for each argument; each
 * compiled parameter equal to a placeholder takes the matching argument on each run. What changes
 * the query's shape (e.g. whether the viewer is an admin) needs a prepared query of its own.
 * A placeholder that lands anywhere but as a whole parameter (inside a LIKE pattern, inlined in the
 * SQL) could not be replaced: that fails loudly at the first call, never silently.
 */
export function preparedQuery<Db, Args extends string[], Row>(
  build: (db: Kysely<Db>, ...args: Args) => Compilable<Row>,
): (db: Kysely<Db>, ...args: Args) => Promise<Row[]> {
  const plans = new WeakMap<Kysely<Db>, Plan>();

  function plan(db: Kysely<Db>, arity: number): Plan {
    const known = plans.get(db);
    if (known) return known;
    const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i)) as Args;
    const compiled = build(db, ...placeholders).compile();
    const slots = compiled.parameters.map((parameter) => {
      if (typeof parameter !== 'string') return -1;
      const slot = placeholders.indexOf(parameter);
      if (slot < 0 && parameter.includes(PLACEHOLDER_MARK)) {
        throw new Error('preparedQuery: an argument is used inside another value; it cannot be prepared');
      }
      return slot;
    });
    if (compiled.sql.includes(PLACEHOLDER_MARK)) {
      throw new Error('preparedQuery: an argument is inlined in the SQL text; it cannot be prepared');
    }
    const made = { compiled, slots };
    plans.set(db, made);
    return made;
  }

  return async (db, ...args) => {
    const { compiled, slots } = plan(db, args.length);
    const parameters = compiled.parameters.map((value, k) => {
      const slot = slots[k] ?? -1;
      return slot < 0 ? value : args[slot];
    });
    const result = await db.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() });
    return result.rows;
  };
}
