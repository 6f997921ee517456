import type { Kysely } from 'kysely';
import { makeAppendOnly } from '../migration-helpers.js';

/** The reports module: saved templates, annual summaries and their append-only versions. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_templates_owner_idx').on('report_templates').columns(['owner_org_id', 'name']).execute();

  await db.schema
    .createTable('report_summaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('frozen_at', 'text')
    .addColumn('frozen_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_summaries_org_year_unique', ['owner_org_id', 'year'])
    .execute();
  await db.schema.createIndex('report_summaries_year_idx').on('report_summaries').columns(['year', 'owner_org_id']).execute();

  await db.schema
    .createTable('report_summary_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('summary_id', 'text', (c) => c.notNull().references('report_summaries.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('report_summary_versions_unique', ['summary_id', 'version'])
    .execute();
  await makeAppendOnly(db, 'report_summary_versions');
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
