import { sql, type Kysely } from 'kysely';

/**
 * Sign-in hardening: usernames unique whatever their case, the second factor (TOTP) with its recovery codes,
 * the password history, and the per-address request counters of the rate limiter.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // `Rights` beside `rights` is one account name: a unique index on the folded name. Usernames are ASCII
  // (usernameSchema), so lower() folds them the same way on SQLite and PostgreSQL. Existing case-twins cannot
  // be merged by a machine: the migration stops and names them, to be renamed by hand first.
  const twins = await sql<{ folded: string; names: string }>`
    SELECT lower(username) AS folded, count(*) AS names FROM users GROUP BY lower(username) HAVING count(*) > 1`.execute(db);
  if (twins.rows.length > 0) {
    throw new Error(
      `用户名仅大小写不同的账户须先改名（usernames that differ only by case must be renamed first）: ${twins.rows.map((r) => r.folded).join(', ')}`,
    );
  }
  await db.schema
    .createIndex('users_username_folded_idx')
    .on('users')
    .unique()
    .expression(sql`lower(username)`)
    .execute();

  // The TOTP secret (and the one being set up) encrypted with the field cipher; the last time step accepted,
  // so a code is never accepted twice.
  await db.schema.alterTable('users').addColumn('totp_secret_enc', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_pending_enc', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_enabled_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('totp_last_step', 'bigint').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // HMAC-SHA-256 (the field cipher's index key) of the normalised code: never the code itself.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').columns(['user_id', 'code_hash']).execute();

  await db.schema
    .createTable('password_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('password_history_user_idx').on('password_history').columns(['user_id', 'created_at']).execute();

  // Kept in the database so that several app servers share one count per address.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_reset_idx').on('rate_limits').columns(['reset_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
