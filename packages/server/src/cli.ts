import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { ROLES, type Role } from '@jinguo/domain';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { demoLogins, initializeDatabase } from './db/bootstrap.js';
import { migrateToLatest } from './db/migrator.js';
import { verifyAuditChain, appendAudit } from './platform/audit.js';
import { systemClock } from './platform/clock.js';
import { rotateKeyFile } from './platform/crypto.js';
import { newId } from './platform/ids.js';
import { keyUsage, reencryptAll, retireKey } from './platform/keys.js';
import { generatePassword, hashPassword } from './platform/passwords.js';
import { MODULES } from './modules/index.js';
import { openRuntime } from './runtime.js';

const USAGE = `jinguo — 巾帼 区妇联工作平台

用法 / usage:
  jinguo serve [--demo]          start the server (web app + API); --demo fills the demo district on a new database
  jinguo migrate                 apply database migrations
  jinguo seed-demo               add the demo district (once)
  jinguo create-user --username U --name 姓名 --role ROLE --org CODE_OR_NAME
                                 create an account (prints a one-time password to change at first login)
  jinguo audit verify            check the audit trail's hash chain
  jinguo backup FILE             online backup of the SQLite database, uploaded files to FILE.files (PostgreSQL: use pg_dump)
  jinguo restore FILE            replace the SQLite database (and FILE.files) with a backup (stop the server first)
  jinguo keys rotate             add a new field-encryption key and make it active
  jinguo keys status             count the encrypted values under each key
  jinguo keys reencrypt          re-encrypt every value under an older key with the active one
  jinguo keys retire KEY_ID      remove a key no value uses any more
${MODULES.flatMap((m) => m.commands ?? [])
  .map((c) => `  jinguo ${c.usage}`)
  .join('\n')}
Configuration is read from the environment: see README.md.`;

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      const { handle, cipher } = openRuntime(config);
      const init = await initializeDatabase(handle, {
        clock: systemClock,
        adminPassword: config.adminPassword,
        demo: !!values.demo,
        cipher,
      });
      const app = await buildApp({
        database: handle,
        cipher,
        logger: { level: config.logLevel },
        // The demo runs in someone's terminal: requests at debug (JINGUO_LOG_LEVEL=debug shows them), warnings and errors stay.
        requestLogLevel: values.demo ? 'debug' : 'info',
        cookieSecure: config.cookieSecure,
        webDist: config.webDist,
        publicUrl: config.publicUrl,
      });
      const close = async () => {
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      // Daily jobs (deadline reminders, escalations): once at start, then every 24 hours; each is idempotent per day.
      const runDaily = () =>
        Promise.all(
          MODULES.map((m) => m.daily?.(app.jinguo.deps).catch((err) => app.log.error({ err, module: m.name }, 'daily job failed'))),
        );
      // The banner comes last, after everything start-up prints (the first daily run too): the admin password in it is
      // shown only once, and must not scroll away.
      await runDaily();
      const dailyTimer = setInterval(runDaily, 24 * 3600 * 1000);
      dailyTimer.unref();
      const address = app.server.address();
      const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
      console.log(
        `\n巾帼 Jinguo is running at ${url}  (database: ${handle.dialect}${handle.dialect === 'sqlite' ? `, ${config.sqlitePath}` : ''})`,
      );
      console.log(`API docs: ${url}/api/docs`);
      if (init.adminPassword)
        console.log(
          `\nThe admin account was created. Username: admin  Password: ${init.adminPassword}\n(shown once; you must change it at first login)`,
        );
      if (values.demo) {
        console.log('\nDemo logins (示例区妇联):');
        for (const u of demoLogins()) console.log(`  ${u.username.padEnd(14)} ${u.password}   ${u.displayName}`);
      }
      if (!fs.existsSync(path.join(config.webDist, 'index.html')))
        console.log(`\n(web app not built: run "npm run build:web" — the API is served)`);
      if (!config.publicUrl)
        console.log(
          `\nWarning: JINGUO_PUBLIC_URL is not set, so the QR code and link on a printed 转介函 point at the address the browser used (here ${url}), which an agency cannot open. Set it to the address others reach this server at.`,
        );
      return await new Promise<number>(() => {});
    }
    case 'migrate': {
      const { handle } = openRuntime(config);
      const applied = await migrateToLatest(handle.db);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      await handle.close();
      return 0;
    }
    case 'seed-demo': {
      const { handle, cipher } = openRuntime(config);
      // A new database gets the demo district as its top unit (as `serve --demo` does), so the modules' demo records find it.
      const init = await initializeDatabase(handle, { clock: systemClock, adminPassword: config.adminPassword, demo: true, cipher });
      console.log(init.demoSeeded ? 'demo district added' : 'demo district was already there');
      if (init.adminPassword) console.log(`admin account created; one-time password: ${init.adminPassword}`);
      await handle.close();
      return 0;
    }
    case 'create-user': {
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' } },
      });
      if (!values.username || !values.name || !values.role || !values.org)
        throw new Error('create-user needs --username, --name, --role and --org');
      if (!ROLES.includes(values.role as Role)) throw new Error(`--role must be one of: ${ROLES.join(', ')}`);
      const { handle } = openRuntime(config);
      await migrateToLatest(handle.db);
      const unit = await handle.db
        .selectFrom('orgUnits')
        .select(['id'])
        .where((eb) => eb.or([eb('code', '=', values.org!), eb('name', '=', values.org!)]))
        .executeTakeFirst();
      if (!unit) throw new Error(`no org unit with code or name ${values.org}`);
      if (await handle.db.selectFrom('users').select('id').where('username', '=', values.username).executeTakeFirst())
        throw new Error(`user ${values.username} exists`);
      const password = generatePassword();
      const at = new Date().toISOString();
      const id = newId();
      const passwordHash = await hashPassword(password);
      await handle.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id,
            username: values.username!,
            displayName: values.name!,
            passwordHash,
            mustChangePassword: 1,
            failedLogins: 0,
            lockedUntil: null,
            active: 1,
            orgUnitId: unit.id,
            passwordChangedAt: null,
            lastLoginAt: null,
            createdAt: at,
            updatedAt: at,
          })
          .execute();
        await trx
          .insertInto('roleAssignments')
          .values({ id: newId(), userId: id, role: values.role as Role, orgUnitId: unit.id, createdAt: at, createdBy: null })
          .execute();
        await appendAudit(
          trx,
          systemClock,
          { actorId: null, actorName: 'cli', ip: null },
          {
            action: 'create',
            entityType: 'user',
            entityId: id,
            orgUnitId: unit.id,
            detail: { after: { username: values.username, role: values.role } },
          },
        );
      });
      console.log(`created ${values.username}; one-time password: ${password}`);
      await handle.close();
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') throw new Error('usage: jinguo audit verify');
      const { handle } = openRuntime(config);
      const result = await verifyAuditChain(handle.db);
      await handle.close();
      if (result.ok) {
        console.log(`audit trail intact: ${result.entries} entries`);
        return 0;
      }
      console.error(
        `audit trail BROKEN at entry ${result.firstBrokenSeq}: ${result.reason} (${result.entries} entries verified before it)`,
      );
      return 2;
    }
    case 'backup': {
      const file = rest[0];
      if (!file) throw new Error('usage: jinguo backup FILE');
      if (config.databaseUrl) {
        console.error(
          'PostgreSQL: use pg_dump (e.g. pg_dump --format=custom "$DATABASE_URL" > jinguo.dump) and pg_restore; copy the data directory\'s files/ folder (uploaded photos) with it.',
        );
        return 2;
      }
      const { handle } = openRuntime(config);
      await handle.sqlite!.backup(path.resolve(file));
      await handle.close();
      console.log(`backup written to ${path.resolve(file)}`);
      // Uploaded files (event photos …) live beside the database, under data/files: copied beside the backup.
      const files = path.join(config.dataDir, 'files');
      if (fs.existsSync(files)) {
        fs.rmSync(`${path.resolve(file)}.files`, { recursive: true, force: true });
        fs.cpSync(files, `${path.resolve(file)}.files`, { recursive: true });
        console.log(`uploaded files copied to ${path.resolve(file)}.files`);
      }
      return 0;
    }
    case 'restore': {
      const file = rest[0];
      if (!file) throw new Error('usage: jinguo restore FILE');
      if (config.databaseUrl) {
        console.error('PostgreSQL: use pg_restore.');
        return 2;
      }
      const source = new SqliteDatabase(path.resolve(file), { readonly: true, fileMustExist: true });
      const check = source.pragma('integrity_check', { simple: true });
      const hasAudit = source.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'audit_log'").get() as { n: number };
      if (check !== 'ok' || hasAudit.n !== 1) throw new Error(`${file} is not a healthy Jinguo database (${check})`);
      await source.backup(config.sqlitePath);
      source.close();
      console.log(`restored ${config.sqlitePath} from ${file}`);
      const savedFiles = `${path.resolve(file)}.files`;
      if (fs.existsSync(savedFiles)) {
        // Copied aside first, then swapped in: a failed copy leaves the current files as they were.
        const files = path.join(config.dataDir, 'files');
        const incoming = `${files}.restoring`;
        fs.rmSync(incoming, { recursive: true, force: true });
        fs.cpSync(savedFiles, incoming, { recursive: true });
        fs.rmSync(files, { recursive: true, force: true });
        fs.renameSync(incoming, files);
        console.log(`restored uploaded files from ${savedFiles}`);
      }
      return 0;
    }
    case 'keys': {
      const sub = rest[0];
      if (sub === 'rotate') {
        const id = rotateKeyFile(config.keyFile);
        console.log(`new active key ${id}; values under older keys still decrypt: run "jinguo keys reencrypt" to move them to it`);
        return 0;
      }
      if (sub !== 'status' && sub !== 'reencrypt' && sub !== 'retire')
        throw new Error('usage: jinguo keys rotate | status | reencrypt | retire KEY_ID');
      const { handle, cipher } = openRuntime(config);
      try {
        await migrateToLatest(handle.db);
        if (sub === 'status') {
          const usage = await keyUsage(handle.db, handle.dialect);
          console.log(`active key ${cipher.activeKeyId}`);
          for (const c of usage.byColumn)
            console.log(`  ${c.table}.${c.column}: ${c.values} under ${c.keyId}${c.keyId === cipher.activeKeyId ? '' : '  (older key)'}`);
          for (const [keyId, n] of Object.entries(usage.byKey))
            console.log(`${keyId}: ${n} values${keyId === cipher.activeKeyId ? ' (active)' : ''}`);
          return 0;
        }
        if (sub === 'reencrypt') {
          const r = await reencryptAll(handle.db, cipher, systemClock, {
            onProgress: (c, n) => process.stdout.write(`\r  ${c.table}.${c.column}: ${n}`),
          });
          console.log(`\nre-encrypted ${r.values} values in ${r.columns} columns with key ${cipher.activeKeyId}`);
          return 0;
        }
        if (!rest[1]) throw new Error('usage: jinguo keys retire KEY_ID');
        await retireKey(handle.db, handle.dialect, systemClock, config.keyFile, rest[1]);
        console.log(`key ${rest[1]} removed from ${config.keyFile}`);
        return 0;
      } finally {
        await handle.close();
      }
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default: {
      const words = [command, ...rest];
      const cmd = MODULES.flatMap((m) => m.commands ?? []).find((c) => words.slice(0, c.name.split(' ').length).join(' ') === c.name);
      if (!cmd) {
        console.error(USAGE);
        return 1;
      }
      const { handle, cipher } = openRuntime(config);
      await migrateToLatest(handle.db);
      const app = await buildApp({ database: handle, cipher });
      try {
        return await cmd.run(words.slice(cmd.name.split(' ').length), {
          db: handle.db,
          dialect: handle.dialect,
          cipher,
          clock: systemClock,
          deps: app.jinguo.deps,
        });
      } finally {
        await app.close();
        await handle.close();
      }
    }
  }
}
