import type { Kysely } from 'kysely';

/**
 * Honours: the configurable campaign list (seeded with the usual titles and their rules), nominations with their
 * level-by-level reviews, 公示 objections, awards with re-reviews and revocation, and pledges (承诺书).
 */
const CAMPAIGNS: { code: string; name: string; holderKind: string; noticeDays: number; rules: Record<string, unknown> }[] = [
  // domain.md §4: ≥ 50 % women, a female post leader, the lower level's title held ≥ 2 years before applying upward; reviewed periodically.
  { code: 'WOMEN_CIVILIZED_POST', name: '巾帼文明岗', holderKind: 'unit', noticeDays: 5, rules: { lowerLevelYears: 2, minWomenPercent: 50, requireFemaleLeader: true, reviewCycleYears: 3 } },
  // National 五好家庭 candidates come from families already named 最美家庭 at provincial level or above.
  { code: 'FIVE_GOOD_FAMILY', name: '五好文明家庭', holderKind: 'family', noticeDays: 5, rules: { prerequisite: { campaign: 'MOST_BEAUTIFUL_FAMILY', minLevel: 'province', forLevels: ['national'] } } },
  { code: 'LEARNING_FAMILY', name: '学习型家庭', holderKind: 'family', noticeDays: 5, rules: {} },
  { code: 'GOOD_PARENT', name: '好家长', holderKind: 'person', noticeDays: 5, rules: {} },
  { code: 'INTEGRITY_FAMILY', name: '廉洁家庭', holderKind: 'family', noticeDays: 5, rules: {} },
  // 最美家庭: village review, then a 3-day public notice.
  { code: 'MOST_BEAUTIFUL_FAMILY', name: '最美家庭', holderKind: 'family', noticeDays: 3, rules: {} },
  { code: 'MARCH8_RED_BANNER', name: '三八红旗手', holderKind: 'person', noticeDays: 5, rules: { requireFemaleHolder: true } },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('honour_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('notice_days', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  // Fixed ids so the seeded campaigns are the same rows on every install.
  await db
    .insertInto('honour_campaigns')
    .values(CAMPAIGNS.map((c, i) => ({ id: `00000000-0000-7000-8000-0000000003${String(i + 1).padStart(2, '0')}`, code: c.code, name: c.name, holder_kind: c.holderKind, notice_days: c.noticeDays, rules: JSON.stringify(c.rules), active: 1, sort_order: i, created_at: at, updated_at: at })))
    .execute();

  await db.schema
    .createTable('honour_nominations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('honour_campaigns.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('holder_key', 'text', (c) => c.notNull())
    .addColumn('holder_gender', 'text')
    .addColumn('women_count', 'integer')
    .addColumn('member_count', 'integer')
    .addColumn('leader_female', 'integer')
    .addColumn('deeds', 'text')
    .addColumn('nominated_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('review_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('notice_start', 'text')
    .addColumn('notice_end', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('award_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_nominations_owner_idx').on('honour_nominations').columns(['owner_org_id', 'nominated_on']).execute();
  await db.schema.createIndex('honour_nominations_campaign_idx').on('honour_nominations').columns(['campaign_id', 'status', 'nominated_on']).execute();
  await db.schema.createIndex('honour_nominations_review_idx').on('honour_nominations').columns(['review_org_id', 'status']).execute();

  await db.schema
    .createTable('honour_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('honour_nominations.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('reviewer_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_reviews_nomination_idx').on('honour_reviews').columns(['nomination_id', 'reviewed_at']).execute();

  await db.schema
    .createTable('honour_objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('nomination_id', 'text', (c) => c.notNull().references('honour_nominations.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('objector', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('upheld', 'integer')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_objections_nomination_idx').on('honour_objections').columns(['nomination_id', 'received_on']).execute();

  await db.schema
    .createTable('honour_awards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('honour_campaigns.id'))
    .addColumn('nomination_id', 'text', (c) => c.references('honour_nominations.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('awarded_on', 'text', (c) => c.notNull())
    .addColumn('certificate_no', 'text')
    .addColumn('holder_kind', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_org_id', 'text', (c) => c.references('org_units.id'))
    .addColumn('holder_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revoked_on', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('next_review_due', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Standing counts (campaign, level, as of a date), this year's awards, a holder's earlier titles.
  await db.schema.createIndex('honour_awards_campaign_idx').on('honour_awards').columns(['campaign_id', 'level', 'awarded_on']).execute();
  await db.schema.createIndex('honour_awards_holder_idx').on('honour_awards').columns(['holder_key', 'campaign_id', 'level']).execute();
  await db.schema.createIndex('honour_awards_owner_idx').on('honour_awards').columns(['owner_org_id', 'awarded_on']).execute();
  await db.schema.createIndex('honour_awards_certificate_key').on('honour_awards').columns(['campaign_id', 'level', 'certificate_no']).unique().execute();

  await db.schema
    .createTable('honour_award_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('award_id', 'text', (c) => c.notNull().references('honour_awards.id'))
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('reviewed_on', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_award_reviews_award_idx').on('honour_award_reviews').columns(['award_id', 'reviewed_on']).execute();

  await db.schema
    .createTable('honour_pledges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_org_id', 'text', (c) => c.notNull().references('org_units.id'))
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('honour_campaigns.id'))
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_position', 'text')
    .addColumn('signer_unit', 'text')
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('honour_pledges_campaign_idx').on('honour_pledges').columns(['campaign_id', 'signed_on', 'owner_org_id']).execute();
  await db.schema.createIndex('honour_pledges_owner_idx').on('honour_pledges').columns(['owner_org_id', 'signed_on']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Jinguo migrations are forward-only');
}
