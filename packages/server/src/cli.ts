import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@jinguo/domain';
import { buildApp, runDailyJobs } from './app.js';
import { loadConfig, parseTopUnit, type Config } from './config.js';
import { DEMO_SECOND_FACTOR_ROLES, demoLogins, initializeDatabase, type CreatedAdmin } from './db/bootstrap.js';
import { migrateToLatest } from './db/migrator.js';
import { verifyAuditChain, appendAudit } from './platform/audit.js';
import { systemClock } from './platform/clock.js';
import { BackupError, restoreEncryptedBackup, writeEncryptedBackup } from './platform/backup.js';
import { loadOrCreateKeyFile, rotateKeyFile } from './platform/crypto.js';
import { newId } from './platform/ids.js';
import { keyUsage, reencryptAll, retireKey } from './platform/keys.js';
import { clearTotp, deleteSessionsOfUser, findUserByUsername } from './platform/auth.repository.js';
import { generatePassword, hashPassword } from './platform/passwords.js';
import { MODULES } from './modules/index.js';
import { openRuntime } from './runtime.js';

const USAGE = `jinguo — 巾帼 区妇联工作平台

用法 / usage:
  jinguo serve [--demo]          start the server (web app + API); --demo fills the demo district on a new database
  jinguo init --level city --name 示例市妇联 --code 510300
                                 create a new database with its top unit at this level (province, city, district,
                                 township) and the three administrators; JINGUO_TOP_LEVEL/NAME/CODE do the same on first start
  jinguo migrate                 apply database migrations
  jinguo seed-demo               add the demo district (once)
  jinguo create-user --username U --name 姓名 --role ROLE --org CODE_OR_NAME
                                 create an account (prints a one-time password to change at first login)
  jinguo reset-second-factor --username U
                                 clear a user's lost second factor (TOTP) and end their sessions; they enrol again
  jinguo audit verify            check the audit trail's hash chain
  jinguo backup FILE             encrypted, verified backup of the SQLite database and the uploaded files (PostgreSQL: use pg_dump)
  jinguo restore FILE            replace the SQLite database and the uploaded files with a backup (stop the server first)
  jinguo keys rotate             add a new field-encryption key and make it active
  jinguo keys status             count the encrypted values under each key
  jinguo keys reencrypt          re-encrypt every value under an older key with the active one
  jinguo keys retire KEY_ID      remove a key no value uses any more
${MODULES.flatMap((m) => m.commands ?? [])
  .map((c) => `  jinguo ${c.usage}`)
  .join('\n')}
Configuration is read from the environment: see README.md.`;

/** Prints the three administrators created on first start: generated passwords once, given ones by their variable. */
function printAdmins(admins: CreatedAdmin[]): void {
  if (admins.length === 0) return;
  console.log('\nThe three administrators (三员分立) were created — each must change the password at first sign-in,');
  console.log('then bind an authenticator app (TOTP) on the account page:');
  for (const a of admins) console.log(`  ${a.username.padEnd(10)} ${a.password ?? `(password from ${a.env})`}   ${a.displayName}`);
  if (admins.some((a) => a.password)) console.log('(generated passwords are shown once: note them now)');
}

function initOptions(config: Config) {
  if (process.env.JINGUO_ADMIN_PASSWORD)
    console.warn(
      'JINGUO_ADMIN_PASSWORD is no longer read: a new database gets sysadmin, secadmin and auditor (JINGUO_SYSADMIN_PASSWORD, JINGUO_SECADMIN_PASSWORD, JINGUO_AUDITOR_PASSWORD).',
    );
  return { clock: systemClock, adminPasswords: config.adminPasswords };
}

const LEVEL_WORDS: Record<string, string> = { PROVINCE: 'province', CITY: 'city', DISTRICT: 'district', TOWNSHIP: 'township' };

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({ args: rest, options: { demo: { type: 'boolean' } } });
      const { handle, cipher } = openRuntime(config);
      const init = await initializeDatabase(handle, {
        ...initOptions(config),
        demo: !!values.demo,
        top: values.demo ? null : config.top,
        cipher,
      });
      const app = await buildApp({
        database: handle,
        cipher,
        logger: { level: config.logLevel },
        // The demo runs in someone's terminal: requests at debug (JINGUO_LOG_LEVEL=debug shows them), warnings and errors stay.
        requestLogLevel: values.demo ? 'debug' : 'info',
        cookieSecure: config.cookieSecure,
        trustProxy: config.trustProxy,
        rateLimits: config.rateLimits,
        webDist: config.webDist,
        publicUrl: config.publicUrl,
        metricsToken: config.metricsToken,
        replicaUrls: config.replicaUrls,
        replicaMaxLagSeconds: config.replicaMaxLagSeconds,
      });
      const close = async () => {
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      // Daily jobs (purge of ended sessions, idempotency keys, deadline reminders, escalations): tried at start, then
      // every hour; each runs once per business day across all app servers (platform/job-runs.ts), so an hourly tick
      // costs a few claims and a job whose server died is taken over within the hour after its lease. The banner comes
      // last, after everything start-up prints (the first daily run too): the passwords in it are shown only once.
      await runDailyJobs(app);
      const dailyTimer = setInterval(() => void runDailyJobs(app), 3600 * 1000);
      dailyTimer.unref();
      const address = app.server.address();
      const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}`;
      console.log(
        `\n巾帼 Jinguo is running at ${url}  (database: ${handle.dialect}${handle.dialect === 'sqlite' ? `, ${config.sqlitePath}` : ''})`,
      );
      console.log(`API docs: ${url}/api/docs`);
      printAdmins(init.admins);
      if (values.demo) {
        console.log('\nDemo logins (示例区妇联):');
        for (const u of demoLogins()) console.log(`  ${u.username.padEnd(14)} ${u.password}   ${u.displayName}`);
      }
      const secondFactorRoles = (await app.jinguo.deps.settings.get()).secondFactorRoles;
      if (values.demo && secondFactorRoles.length === DEMO_SECOND_FACTOR_ROLES.length)
        console.log(
          '\nDEMO: only the three administrators must use a second factor here; the business roles (the chairs included)\n' +
            'sign in with the password alone. A real installation also requires it of the chairs (安全设置 → 双因素认证).',
        );
      if (!fs.existsSync(path.join(config.webDist, 'index.html')))
        console.log(`\n(web app not built: run "npm run build:web" — the API is served)`);
      if (!config.publicUrl)
        console.log(
          `\nWarning: JINGUO_PUBLIC_URL is not set, so the QR code and link on a printed 转介函 point at the address the browser used (here ${url}), which an agency cannot open. Set it to the address others reach this server at.`,
        );
      return await new Promise<number>(() => {});
    }
    case 'init': {
      const { values } = parseArgs({
        args: rest,
        options: { level: { type: 'string' }, name: { type: 'string' }, code: { type: 'string' } },
      });
      // The flags, or the same three settings from the environment (as the first `serve` reads them).
      const top =
        parseTopUnit({ level: values.level, name: values.name, code: values.code }, { level: '--level', name: '--name', code: '--code' }) ??
        config.top;
      if (!top) throw new Error('init needs --level province|city|district|township, --name and --code (or JINGUO_TOP_LEVEL/NAME/CODE)');
      const { handle } = openRuntime(config);
      try {
        await migrateToLatest(handle.db);
        const existing = await handle.db.selectFrom('orgUnits').select(['name', 'level', 'code']).where('parentId', 'is', null).execute();
        if (existing.length) {
          const same =
            existing.length === 1 && existing[0].level === top.level && existing[0].code === top.code && existing[0].name === top.name;
          const tops = existing.map((u) => `${u.name} (${u.level ? (LEVEL_WORDS[u.level] ?? u.level) : '-'}, ${u.code ?? '-'})`).join(', ');
          if (same) {
            console.log(`already initialised with ${tops}; nothing changed`);
            return 0;
          }
          console.error(
            `the database is already initialised: its top unit is ${tops}. init only creates a new database; to put a unit above the top, use "jinguo org join".`,
          );
          return 2;
        }
        const init = await initializeDatabase(handle, { ...initOptions(config), top });
        console.log(`created ${top.name} (${LEVEL_WORDS[top.level]}, ${top.code}) as the top unit`);
        printAdmins(init.admins);
        return 0;
      } finally {
        await handle.close();
      }
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
      const init = await initializeDatabase(handle, { ...initOptions(config), demo: true, cipher });
      console.log(init.demoSeeded ? 'demo district added' : 'demo district was already there');
      printAdmins(init.admins);
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
      if (!/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/.test(values.username))
        throw new Error('--username: 3–32 letters, digits, _ . -, starting with a letter');
      // One name whatever its case, as in the web app.
      if (await findUserByUsername(handle.db, values.username)) throw new Error(`user ${values.username} exists (names ignore case)`);
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
    case 'reset-second-factor': {
      const { values } = parseArgs({ args: rest, options: { username: { type: 'string' } } });
      if (!values.username) throw new Error('reset-second-factor needs --username');
      const { handle } = openRuntime(config);
      await migrateToLatest(handle.db);
      const user = await findUserByUsername(handle.db, values.username);
      if (!user) throw new Error(`no user ${values.username}`);
      // The way back in when the only security admin has lost her phone and her recovery codes.
      await handle.db.transaction().execute(async (trx) => {
        const at = new Date().toISOString();
        await clearTotp(trx, user.id, at);
        await deleteSessionsOfUser(trx, user.id);
        await appendAudit(
          trx,
          systemClock,
          { actorId: null, actorName: 'cli', ip: null },
          {
            action: 'totp.reset',
            entityType: 'user',
            entityId: user.id,
            orgUnitId: user.orgUnitId,
            detail: { hadSecondFactor: !!user.totpEnabledAt },
          },
        );
      });
      console.log(`second factor of ${user.username} cleared; they enrol again at their next sign-in`);
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
      // Every problem, one line each (the first line names the first, as before): one broken entry hides nothing.
      console.error(`audit trail BROKEN at entry ${result.firstBrokenSeq}: ${result.problemCount} problem(s) in ${result.entries} entries`);
      for (const p of result.problems)
        console.error(`  ${p.toSeq ? `entries ${p.seq}-${p.toSeq}` : `entry ${p.seq}`} [${p.kind}] ${p.reason}`);
      if (result.problemCount > result.problems.length) console.error(`  … and ${result.problemCount - result.problems.length} more`);
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
      try {
        const r = await writeEncryptedBackup({
          sqlite: handle.sqlite!,
          dataDir: config.dataDir,
          keys: loadOrCreateKeyFile(config.keyFile),
          out: file,
        });
        console.log(
          `backup written to ${r.file} (${r.bytes} bytes, encrypted; the database and ${r.files} uploaded files), read back and verified`,
        );
        console.log(`keep the key file ${config.keyFile} separately: without it the backup cannot be restored`);
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        console.error(`备份失败 / backup failed: ${err.message}`);
        return 2;
      } finally {
        await handle.close();
      }
    }
    case 'restore': {
      const file = rest[0];
      if (!file) throw new Error('usage: jinguo restore FILE');
      if (config.databaseUrl) {
        console.error('PostgreSQL: use pg_restore.');
        return 2;
      }
      if (!fs.existsSync(config.keyFile)) {
        console.error(
          `密钥文件 ${config.keyFile} 不存在：请先放回备份时使用的密钥文件 / key file not found: put back the key file the backup was made with`,
        );
        return 2;
      }
      try {
        const r = await restoreEncryptedBackup({
          file,
          keys: loadOrCreateKeyFile(config.keyFile),
          dataDir: config.dataDir,
          sqlitePath: config.sqlitePath,
        });
        console.log(`restored ${config.sqlitePath} and ${r.files} uploaded files from ${path.resolve(file)} (authenticated and checked)`);
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        console.error(`恢复被拒绝，未做任何改动 / restore refused, nothing was changed: ${err.message}`);
        return 2;
      }
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
