// The role × route matrix's data: the full demo district, and a neighbouring district cloned from it so that
// even a district-wide role has records outside its scope. Test code only.
import { sql } from 'kysely';
import type { DialectName } from '../src/db/database.js';
import { newId } from '../src/platform/ids.js';
import type { TestApp } from './build-test-app.js';

/** Every name-like value of the neighbour starts with this: no demo account may ever see it. */
export const NEIGHBOUR_MARK = '邻区';
export const NEIGHBOUR_CODE = '510398';

/**
 * The tables copied into the neighbour district (every row, new ids, foreign keys remapped). A table that holds
 * records of a unit must be listed here or in NOT_CLONED, so a new module's table forces a decision.
 */
export const CLONED_TABLES = [
  'org_units',
  'users',
  'role_assignments',
  'households',
  'persons',
  'case_counters',
  'cases',
  'case_parties',
  'case_actions',
  'case_events',
  'case_consents',
  'case_referrals',
  'case_handovers',
  'fund_accounts',
  'fund_journal_entries',
  'fund_journal_lines',
  'fund_donations',
  'fund_disbursements',
  'fund_allocations',
  'fund_receipt_counters',
  'relief_programmes',
  'relief_applications',
  'relief_application_events',
  'relief_submissions',
  'relief_submission_items',
  'sponsorship_students',
  'sponsorship_consents',
  'sponsorship_sponsors',
  'sponsorship_pairings',
  'sponsorship_payments',
  'sponsorship_meetings',
  'sponsorship_meeting_pairings',
  'associations',
  'association_members',
  'activity_events',
  'activity_event_resources',
  'activity_event_participants',
  'activity_event_photos',
  'training_courses',
  'training_sessions',
  'training_trainees',
  'activity_publicity',
  'honour_nominations',
  'honour_reviews',
  'honour_objections',
  'honour_awards',
  'honour_award_reviews',
  'honour_pledges',
  'cadres',
  'cadre_rotations',
  'cadre_rotation_members',
  'party_recommendations',
  'report_templates',
  'report_summaries',
  'report_summary_versions',
  'indicators',
  'indicator_values',
  'indicator_value_events',
  // parentschools, budget, children (modules-b): records of a unit. A help's disbursement names the help as its
  // source (fund_disbursements.source_id), remapped with every other id; encrypted phones and visit findings are
  // copied as they are (the cipher binds no row), and no column of these tables is a blind index.
  'parent_school_sites',
  'parent_school_teachers',
  'parent_school_classes',
  'parent_school_orders',
  'budget_lines',
  'budget_commitments',
  'budget_spendings',
  'child_consents',
  'left_behind_children',
  'child_proxy_mothers',
  'child_pairings',
  'child_visits',
  'child_help',
  // placement, staffdev, cadres (analysis): every row carries owner_org_id. An employer's encrypted contact phone is
  // copied as it is (the ciphertext names its key and binds nothing to the row, so it decrypts the same); a seeker's
  // preferred places (a JSON array of unit ids) are remapped below.
  'placement_employers',
  'placement_vacancies',
  'placement_seekers',
  'placement_seeker_skills',
  'placement_seeker_trainings',
  'placement_referrals',
  'placement_export_batches',
  'placement_export_members',
  'placement_follow_ups',
  'staff_members',
  'staff_trainings',
  'staff_degrees',
  'staff_certificates',
  'cadre_targets',
  // approvals: requests and their decisions are records of the subject's unit; a request's steps (JSON) name units,
  // remapped below; step settings and deputies belong to a unit too.
  'approval_requests',
  'approval_decisions',
  'approval_settings',
  'approval_deputies',
  'tasks',
  'task_answers',
  'notices',
  'notice_receipts',
  'task_files',
];

/** Shared catalogues and the platform's own bookkeeping: one copy for the whole install. */
export const NOT_CLONED = [
  'sessions',
  'audit_log',
  'audit_head',
  'settings',
  'holidays',
  'notifications',
  'jobs',
  'people_tags',
  'case_categories',
  'file_imports',
  'fund_journal_head',
  'honour_campaigns',
  'access_denials',
  'recovery_codes',
  'password_history',
  'rate_limits',
  'idempotency_keys',
  'data_version',
  // parentschools (modules-b): the textbook catalogue is one list for the whole install (every unit orders from
  // it; its owner is only who added a title); the neighbour's cloned order lines point at the same titles.
  'parent_school_textbooks',
  // platform (issue 16): the daily jobs' runs are the install's, not a unit's; an uploaded file is reached only
  // through the record naming it (a photo, an attachment), which is cloned and names the same file.
  'job_runs',
  'stored_files',
  'stored_file_chunks',
];

const NAME_COLUMNS = new Set(['name', 'title', 'displayName', 'holderName', 'candidateName', 'donorName', 'signerName', 'topic']);

function camel(s: string) {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The install's tables (excluding the migrator's). */
export async function listTables(t: TestApp): Promise<string[]> {
  const rows =
    t.dialect === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(t.handle.db)
      : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`.execute(
          t.handle.db,
        );
  return rows.rows.map((r) => r.name).filter((n) => !n.startsWith('kysely_'));
}

/** (table, referenced table) pairs of the foreign keys, to insert parents first. */
async function foreignKeys(t: TestApp, kind: DialectName): Promise<[string, string][]> {
  if (kind === 'sqlite') {
    const r = await sql<{
      child: string;
      parent: string;
    }>`SELECT m.name AS child, p."table" AS parent FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) p WHERE m.type = 'table'`.execute(
      t.handle.db,
    );
    return r.rows.map((x) => [x.child, x.parent]);
  }
  const r = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`.execute(t.handle.db);
  return r.rows.map((x) => [x.child, x.parent]);
}

/**
 * Copies the demo district, every record of it, into a new root "邻区妇联" (code 510398): new ids everywhere,
 * foreign keys and paths remapped, names marked 邻区, usernames prefixed nb_. Returns the neighbour root's path.
 */
export async function cloneNeighbourDistrict(t: TestApp): Promise<{ rootId: string; rootPath: string }> {
  const db = t.handle.db;
  const fks = await foreignKeys(t, t.dialect);
  // Parents first (a table's self-reference is satisfied inside its one INSERT statement).
  const order: string[] = [];
  const pending = new Set(CLONED_TABLES);
  while (pending.size) {
    const ready = [...pending].filter((tb) => !fks.some(([c, p]) => c === tb && p !== tb && pending.has(p)));
    if (!ready.length) throw new Error(`foreign-key cycle among ${[...pending].join(', ')}`);
    for (const tb of ready) {
      order.push(tb);
      pending.delete(tb);
    }
  }
  const rows = new Map<string, Record<string, unknown>[]>();
  const ids = new Map<string, string>();
  for (const tb of order) {
    const all = (await db
      .selectFrom(camel(tb) as never)
      .selectAll()
      .execute()) as Record<string, unknown>[];
    rows.set(tb, all);
    for (const r of all) if (typeof r.id === 'string') ids.set(r.id, newId());
  }
  const map = (v: unknown) => (typeof v === 'string' && ids.has(v) ? ids.get(v) : v);
  const root = rows.get('org_units')!.find((u) => u.parentId == null)!;
  await db.transaction().execute(async (trx) => {
    for (const tb of order) {
      const source = rows.get(tb)!;
      if (!source.length) continue;
      const copies = source.map((r) => {
        const c: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) c[k] = map(v);
        if (tb === 'org_units') {
          c.path = String(r.path)
            .split('/')
            .map((seg) => (seg ? ids.get(seg) : seg))
            .join('/');
          c.code = typeof r.code === 'string' ? r.code.replace(/^510399/, NEIGHBOUR_CODE) : r.code;
          c.name = r.id === root.id ? `${NEIGHBOUR_MARK}妇联` : `${NEIGHBOUR_MARK}${r.name}`;
        } else {
          for (const k of Object.keys(c)) if (NAME_COLUMNS.has(k) && typeof c[k] === 'string') c[k] = `${NEIGHBOUR_MARK}${c[k]}`;
        }
        if (tb === 'users') {
          c.username = `nb_${r.username}`;
          // The copy keeps the original's second factor (the same encrypted secret): the helpers sign it in with it.
          const secret = t.totpSecrets.get(String(r.username).toLowerCase());
          if (secret) t.totpSecrets.set(`nb_${String(r.username).toLowerCase()}`, secret);
        }
        if (tb === 'persons') c.idNumberBidx = null;
        if (tb === 'training_trainees') c.idNumberBidx = null;
        if (tb === 'case_referrals') c.linkTokenHash = null;
        if (tb === 'fund_journal_entries') c.seq = Number(r.seq) + 1_000_000;
        if (tb === 'honour_awards' && r.certificateNo) c.certificateNo = `NB${r.certificateNo}`;
        if (tb === 'placement_seekers') c.placeOrgIds = JSON.stringify((JSON.parse(String(r.placeOrgIds)) as string[]).map(map));
        if (tb === 'cadre_targets') c.label = `${NEIGHBOUR_MARK}${r.label}`;
        if (tb === 'approval_requests') {
          c.link = String(r.link).replace(String(r.subjectId), String(map(r.subjectId)));
          c.steps = JSON.stringify(
            (JSON.parse(String(r.steps)) as { orgUnitId: string; orgUnitName: string }[]).map((st) => ({
              ...st,
              orgUnitId: map(st.orgUnitId),
              orgUnitName: `${NEIGHBOUR_MARK}${st.orgUnitName}`,
            })),
          );
        }
        return c;
      });
      // Multi-row inserts, one per table where a row may refer to another of the same table.
      const width = Object.keys(copies[0]).length;
      const selfRef = fks.some(([c, p]) => c === tb && p === tb);
      const chunk = selfRef ? copies.length : Math.max(1, Math.floor(30000 / width));
      for (let i = 0; i < copies.length; i += chunk)
        await trx
          .insertInto(camel(tb) as never)
          .values(copies.slice(i, i + chunk) as never)
          .execute();
    }
  });
  return { rootId: ids.get(root.id as string)!, rootPath: `/${ids.get(root.id as string)}/` };
}
