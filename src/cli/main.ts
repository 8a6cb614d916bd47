import { EnvError, parseEnv } from '../server/env.ts';
import { migrate, serve } from '../server/main.ts';

const usage = `Usage: archipel <command>

Commands:
  serve     apply migrations, create demo data on an empty database, start the server
  migrate   apply pending database migrations and exit
  help      show this message

Configuration comes from the environment (see README.md): PORT, DATA_DIR, DATABASE_URL,
PUBLIC_URL, SMTP_URL, ARCHIPEL_DEMO, AUTH_SECRET, AUTH_RATE_LIMIT, TRUST_PROXY, REDIS_URL,
REDIS_KEY_PREFIX, HTTP_REQUEST_TIMEOUT_SECONDS.`;

async function run(argv: string[]): Promise<number> {
  const [command = 'help'] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return 0;
  }
  if (command !== 'serve' && command !== 'migrate') {
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
  if (command === 'migrate') {
    const applied = await migrate(env);
    console.log(applied.length > 0 ? applied.join('\n') : 'The database is up to date.');
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
