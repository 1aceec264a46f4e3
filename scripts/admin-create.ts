// Creates a platform administrator: `npm run admin:create -- --email ops@example.cn [--name 名字]`.
// The password is the first line of stdin when piped, else prompted twice without echo. Prints the TOTP
// enrolment URI (TOTP is enrolled at creation) and the recovery codes, once. Same environment as the server
// (DATABASE_URL, or DATA_DIR for PGlite: stop the server first, PGlite allows one process).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/server/config.js';
import { systemClock } from '../src/server/kernel/clock.js';
import { openDatabase } from '../src/server/kernel/db/client.js';
import { migrate } from '../src/server/kernel/db/migrate.js';
import { AppError, localize } from '../src/server/kernel/http/errors.js';
import { installModules } from '../src/server/kernel/module.js';
import { checkAdminInput, createAdminAccount } from '../src/server/modules/identity/index.js';
import { platformModules } from '../src/server/modules/index.js';

const USAGE =
  'usage: npm run admin:create -- --email ops@example.cn [--name 名字]  (password on stdin or prompted)';

function fail(message: string, code = 1): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(code);
}

/** First line of a piped stdin. */
async function readPipedLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '').trimEnd();
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPipedLine();
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('Password again: ');
  if (first !== second) fail('the two passwords differ');
  return first;
}

const args = (() => {
  try {
    return parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }).values;
  } catch (e) {
    return fail(`${(e as Error).message}\n${USAGE}`, 2);
  }
})();
if (args.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!args.email) fail(`--email is required\n${USAGE}`, 2);

/** The operator-facing text of a refusal (English: the command's output is for operators and logs). */
function explain(e: AppError): string {
  const fields = e.code === 'VALIDATION_FAILED' ? ` ${JSON.stringify(e.details?.fields ?? [])}` : '';
  return `${localize(e.code, 'en', e.details)}${fields}`;
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) fail(e.message);
  throw e;
}
const password = await readPassword();
if (!password) fail('no password given (pipe it on stdin or type it at the prompt)');
const input = { email: args.email, password, ...(args.name ? { displayName: args.name } : {}) };
try {
  // Before opening the database: a refused password costs no migration run.
  checkAdminInput(input);
} catch (e) {
  if (e instanceof AppError) fail(explain(e));
  throw e;
}

const database = await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
let outcome: { ok: true; text: string } | { ok: false; text: string };
try {
  await migrate(database);
  // The admin role's default grants come from the modules' permissions.
  installModules(platformModules);
  const created = await createAdminAccount(database.db, { config, clock: systemClock }, input);
  outcome = {
    ok: true,
    text: [
      `Created administrator ${created.staff.email} (${created.staff.id}).`,
      '',
      'TOTP is enrolled: add this URI to an authenticator app now (it is not shown again):',
      `  ${created.otpauthUri}`,
      '',
      'Recovery codes (each works once if the authenticator is lost; keep them offline):',
      ...created.recoveryCodes.map((c) => `  ${c}`),
      '',
      `Sign in at ${config.publicUrl}/console with the email, the password and a code from the app.`,
      '',
    ].join('\n'),
  };
} catch (e) {
  if (!(e instanceof AppError)) throw e;
  outcome = { ok: false, text: explain(e) };
} finally {
  await database.close();
}
if (!outcome.ok) fail(outcome.text);
process.stdout.write(outcome.text);
