import type { Kysely } from 'kysely';
import { makeAppendOnly } from '../migration-helpers.js';

/**
 * 两纲 monitoring: the indicator catalogue a federation keeps (owner = the federation), the yearly values member
 * units report per region and breakdown (draft → submitted → approved | returned), and the append-only history
 * of every step of a value.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('outline', 'text', (c) => c.notNull())
    .addColumn('area', 'text', (c) => c.notNull())
    // The area's place in the outlines (0 … 14): the catalogue is listed by area order, then code.
    .addColumn('area_order', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_label', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision')
    .addColumn('tolerance', 'double precision')
    .addColumn('target_year', 'integer', (c) => c.notNull())
    .addColumn('baseline_year', 'integer')
    .addColumn('baseline_value', 'double precision')
    .addColumn('responsible_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    // JSON array of breakdowns, e.g. ["total","female","male"].
    .addColumn('breakdowns', 'text', (c) => c.notNull())
    .addColumn('review_threshold_percent', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text')
    .addColumn('target_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicators_owner_code_key', ['owner_org_id', 'code'])
    .execute();
  // The catalogue list: owner, then area order and code.
  await db.schema.createIndex('indicators_owner_order_idx').on('indicators').columns(['owner_org_id', 'area_order', 'code']).execute();
  // A liaison's indicators (responsible unit in scope).
  await db.schema.createIndex('indicators_responsible_idx').on('indicators').columns(['responsible_org_id', 'owner_org_id']).execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id'))
    // The catalogue's owner (the county-level federation: the row's owning unit and its distribution key).
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('region_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('breakdown', 'text', (c) => c.notNull())
    .addColumn('numerator', 'integer')
    .addColumn('denominator', 'integer')
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    .addColumn('submitted_by', 'text', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_values_key', ['indicator_id', 'region_org_id', 'year', 'breakdown'])
    .execute();
  // The evaluation and roll-up: a region's (or its townships') approved rows of a year.
  await db.schema.createIndex('indicator_values_region_idx').on('indicator_values').columns(['region_org_id', 'year', 'status', 'indicator_id']).execute();
  // The review queue and the year's list: the catalogue owner (the caller's district), year, status, then region.
  await db.schema.createIndex('indicator_values_owner_year_idx').on('indicator_values').columns(['owner_org_id', 'year', 'status', 'region_org_id']).execute();

  await db.schema
    .createTable('indicator_value_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('value_id', 'text', (c) => c.notNull().references('indicator_values.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('indicator_value_events_value_idx').on('indicator_value_events').columns(['value_id', 'at', 'id']).execute();
  await makeAppendOnly(db, 'indicator_value_events');
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
