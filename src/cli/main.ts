import { archiveCommand } from '../server/backup/backup-commands.ts';
import { EnvError, parseEnv } from '../server/env.ts';
import { migrate, reindex, serve } from '../server/main.ts';
import { seedScaleCommand } from '../server/seed-scale/seed-scale-command.ts';
import { createSignInLink, SignInLinkError } from '../server/sign-in-link.ts';

const usage = `Usage: archipel <command>

Commands:
  serve                      apply migrations, create demo data on an empty database, start the server
  migrate                    apply pending database migrations and exit
  reindex                    read every searchable object again into the search index and exit
                             (in place: running servers keep answering searches meanwhile)
  sign-in-link <address>     print a one-time sign-in link for that account (valid 15 minutes):
                             how people sign in when no SMTP server is configured. Whoever opens
                             it is signed in as that person: hand it over by a channel you trust
  backup <file>              write the whole instance to a checksummed archive (.gz), while it
                             runs: one consistent snapshot of the database
  verify <file>              check an archive (format, version, every checksum) without loading it
  restore <file>             load an archive into an EMPTY database (SQLite or PostgreSQL, as
                             DATABASE_URL says): moves an instance from SQLite to PostgreSQL
  seed-scale [options]       fill an EMPTY database with a large community (benchmarks): 100,000
                             members, 10,000 circles, 100,000 sessions, 1,000,000 post-its…
                             --scale <n>          multiply every count (0.01 for a quick look)
                             --members <n>        members, whatever the scale
                             --index-per-kind <n> index at most n objects of each kind for
                             search (default 40,000; 0: all of them)
                             --database-url <url> PostgreSQL instead of SQLite in DATA_DIR
  help                       show this message

Configuration comes from the environment (see README.md): PORT, DATA_DIR, DATABASE_URL,
PUBLIC_URL, SMTP_URL, ARCHIPEL_DEMO, AUTH_SECRET, AUTH_RATE_LIMIT, TRUST_PROXY, REDIS_URL,
REDIS_KEY_PREFIX, HTTP_REQUEST_TIMEOUT_SECONDS.`;

async function run(argv: string[]): Promise<number> {
  const [command = 'help'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return 0;
  }
  if (
    !['serve', 'migrate', 'reindex', 'sign-in-link', 'backup', 'verify', 'restore', 'seed-scale'].includes(
      command,
    )
  ) {
    console.error(`Unknown command "${command}".\n\n${usage}`);
    return 2;
  }
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (command === 'seed-scale') return seedScaleCommand(env, argv.slice(1));
  if (command === 'backup' || command === 'verify' || command === 'restore') {
    const [, file] = argv;
    if (!file) {
      console.error(`Which file? archipel ${command} <file>\n\n${usage}`);
      return 2;
    }
    return archiveCommand(command, env, file, console);
  }
  if (command === 'sign-in-link') {
    const [, address] = argv;
    if (!address) {
      console.error(`Which account? archipel sign-in-link <address>\n\n${usage}`);
      return 2;
    }
    try {
      console.log(await createSignInLink(env, address));
      console.error(`Valid 15 minutes, once. Whoever opens it is signed in as ${address}.`);
    } catch (error) {
      if (error instanceof SignInLinkError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
    return 0;
  }
  if (command === 'migrate') {
    const applied = await migrate(env);
    console.log(applied.length > 0 ? applied.join('\n') : 'The database is up to date.');
    return 0;
  }
  if (command === 'reindex') {
    const started = Date.now();
    const indexed = await reindex(env);
    console.log(
      `Search index rebuilt: ${indexed} objects read in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  }
  await serve(env);
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exit(code);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
