// The records the role × route matrix points its requests at: for each kind, every row with the unit path(s) that
// decide who may see it. Test code only.
import { sql } from 'kysely';
import type { TestApp } from './build-test-app.js';

/** A candidate record: its id, the paths of the units that place it in a scope, and what a route may need of it. */
export type Row = { id: string; paths: string[]; [extra: string]: unknown };

export type KindSpec = {
  rows: (t: TestApp) => Promise<Row[]>;
  /** Who may see it (default: one of its paths lies inside the caller's unit subtree). */
  visible?: (row: Row, rolePath: string) => boolean;
  /** Which visible row to use (lower first), e.g. the caller's own unit. */
  prefer?: (row: Row, self: { userId: string; unitId: string; path: string }) => number;
};

const within = (path: string, rolePath: string) => path.startsWith(rolePath);

/** Rows of a table owned through `unitColumn`, with extra columns. */
function owned(table: string, unitColumn = 'owner_org_id', extra = '', where = 'true'): KindSpec['rows'] {
  return async (t) =>
    (
      await sql<Row & { path: string }>`SELECT x.id AS id, ou.path AS path ${sql.raw(extra)} FROM ${sql.table(table)} x
        JOIN org_units ou ON ou.id = x.${sql.raw(unitColumn)} WHERE ${sql.raw(where)} ORDER BY x.id`.execute(t.handle.db)
    ).rows.map((r) => ({ ...r, paths: [r.path] }));
}

/** Records placed by their owner unit and by the units of their child rows (a task's answers, a notice's receipts). */
async function withPaths(t: TestApp, table: string, children: string, parentColumn: string): Promise<Row[]> {
  const rows = (
    await sql<{
      id: string;
      path: string;
    }>`SELECT x.id AS id, ou.path AS path FROM ${sql.table(table)} x JOIN org_units ou ON ou.id = x.owner_org_id
      UNION ALL SELECT c.${sql.raw(parentColumn)} AS id, ou.path AS path FROM ${sql.table(children)} c JOIN org_units ou ON ou.id = c.org_unit_id`.execute(
      t.handle.db,
    )
  ).rows;
  const byId = new Map<string, string[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r.path]);
  return [...byId].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, paths]) => ({ id, paths }));
}

export const KINDS = {
  /** An org unit; inside, the caller's own unit. */
  unit: {
    rows: async (t) =>
      (await sql<Row & { path: string }>`SELECT id, path, kind FROM org_units ORDER BY path`.execute(t.handle.db)).rows.map((r) => ({
        ...r,
        paths: [r.path],
      })),
    prefer: (r, self) => (r.id === self.unitId ? 0 : 1),
  },
  /** A federation (district, township, street): the units that own cases. */
  federation: {
    rows: async (t) =>
      (
        await sql<
          Row & { path: string }
        >`SELECT id, path, kind FROM org_units WHERE kind IN ('federation', 'township', 'street') ORDER BY path`.execute(t.handle.db)
      ).rows.map((r) => ({ ...r, paths: [r.path] })),
    prefer: (r, self) => (r.id === self.unitId ? 0 : 1),
  },
  /** A village or community: where people live. */
  residence: {
    rows: async (t) =>
      (
        await sql<Row & { path: string }>`SELECT id, path FROM org_units WHERE kind IN ('village', 'community') ORDER BY path`.execute(
          t.handle.db,
        )
      ).rows.map((r) => ({ ...r, paths: [r.path] })),
  },
  /** An account (placed by its home unit); inside, the caller's own account. */
  user: {
    rows: owned('users', 'org_unit_id'),
    prefer: (r, self) => (r.id === self.userId ? 0 : 1),
  },
  /** An account with one of its role assignments. */
  assignment: {
    rows: async (t) =>
      (
        await sql<Row & { path: string }>`SELECT u.id AS id, ra.id AS "assignmentId", ou.path AS path FROM users u
          JOIN role_assignments ra ON ra.user_id = u.id JOIN org_units ou ON ou.id = u.org_unit_id ORDER BY u.id, ra.id`.execute(
          t.handle.db,
        )
      ).rows.map((r) => ({ ...r, paths: [r.path] })),
    prefer: (r, self) => (r.id === self.userId ? 0 : 1),
  },
  /** A registry person: seen where she is owned or where she lives. */
  person: {
    rows: async (t) =>
      (
        await sql<
          Row & { path: string; rpath: string | null }
        >`SELECT p.id AS id, o.path AS path, r.path AS rpath, p.gender AS gender FROM persons p
          JOIN org_units o ON o.id = p.owner_org_id LEFT JOIN org_units r ON r.id = p.residence_org_id
          WHERE p.merged_into_id IS NULL ORDER BY p.id`.execute(t.handle.db)
      ).rows.map((r) => ({ ...r, paths: r.rpath ? [r.path, r.rpath] : [r.path] })),
    visible: (r, rolePath) => r.paths.some((p) => within(p, rolePath)),
    // Owned and living inside: every people route (merge included) then treats her as the caller's.
    prefer: (r, self) => (r.paths.every((p) => within(p, self.path)) ? 0 : 1),
  },
  case: { rows: owned('cases') },
  /** A referral, seen by the federation that owns the case. */
  referral: { rows: owned('case_referrals') },
  /** A referral, seen by the agency it is addressed to (and still open to it). */
  agencyReferral: {
    rows: owned(
      'case_referrals',
      'agency_org_id',
      ', x.status AS status',
      "x.status <> 'revoked' AND (x.consent_id IS NULL OR x.consent_id NOT IN (SELECT id FROM case_consents WHERE withdrawn_at IS NOT NULL))",
    ),
    // An answered one: every answer is then refused after the scope check.
    prefer: (r) => (r.status === 'done' ? 0 : 1),
  },
  /** A relief programme, read by its unit and the units below (a township uses the district's programmes). */
  programme: {
    rows: owned('relief_programmes'),
    visible: (r, rolePath) => within(r.paths[0], rolePath) || within(rolePath, r.paths[0]),
  },
  /** A relief programme as its owner manages it. */
  ownProgramme: { rows: owned('relief_programmes') },
  /** A relief application; a paid one first (no step or edit is open to it). */
  application: { rows: owned('relief_applications', 'owner_org_id', ', x.status AS status'), prefer: (r) => (r.status === 'paid' ? 0 : 1) },
  /** An application not paid (its payment cannot be reversed). */
  unpaidApplication: {
    rows: owned('relief_applications', 'owner_org_id', ', x.status AS status', "x.status IN ('submitted', 'verified')"),
  },
  submission: { rows: owned('relief_submissions') },
  student: { rows: owned('sponsorship_students') },
  sponsor: { rows: owned('sponsorship_sponsors') },
  /** A pairing; an ended one first (the fixture ends one): ending or paying it again is refused. */
  pairing: { rows: owned('sponsorship_pairings', 'owner_org_id', ', x.status AS status'), prefer: (r) => (r.status === 'ended' ? 0 : 1) },
  /** A 春蕾 payment; a reversed one first (the fixture reverses one). */
  sponsorshipPayment: {
    rows: owned('sponsorship_payments', 'owner_org_id', ', x.reversed AS reversed'),
    prefer: (r) => (Number(r.reversed) === 1 ? 0 : 1),
  },
  account: { rows: owned('fund_accounts') },
  donation: { rows: owned('fund_donations') },
  disbursement: { rows: owned('fund_disbursements') },
  association: { rows: owned('associations', 'owner_org_id', ', x.name AS name'), prefer: (r) => (r.name === '女企业家协会' ? 0 : 1) },
  /** Another association of the same unit than `association` picks. */
  otherAssociation: { rows: owned('associations', 'owner_org_id', ', x.name AS name'), prefer: (r) => (r.name === '女企业家协会' ? 1 : 0) },
  event: { rows: owned('activity_events') },
  course: { rows: owned('training_courses') },
  session: { rows: owned('training_sessions') },
  trainee: { rows: owned('training_trainees') },
  publicity: { rows: owned('activity_publicity') },
  /** A nomination; a withdrawn one first (the fixture withdraws one), then an awarded one: no step is open to them. */
  nomination: {
    rows: owned('honour_nominations', 'owner_org_id', ', x.status AS status'),
    prefer: (r) => (r.status === 'withdrawn' ? 0 : r.status === 'awarded' ? 1 : 2),
  },
  /** An award; a revoked one first. */
  award: { rows: owned('honour_awards', 'owner_org_id', ', x.status AS status'), prefer: (r) => (r.status === 'revoked' ? 0 : 1) },
  cadre: { rows: owned('cadres', 'owner_org_id', ', x.name AS name, x.unit_name AS "unitName"') },
  rotation: { rows: owned('cadre_rotations') },
  recommendation: { rows: owned('party_recommendations') },
  /** A 两纲 indicator: read from its federation's catalogue by the units in and below it. */
  indicator: {
    rows: owned('indicators'),
    visible: (r, rolePath) => within(r.paths[0], rolePath) || within(rolePath, r.paths[0]),
  },
  /** A reported value: seen where its region or its reporting unit lies in the scope; an approved one first. */
  indicatorValue: {
    rows: async (t) =>
      (
        await sql<Row & { rpath: string; resp: string }>`SELECT v.id AS id, r.path AS rpath, resp.path AS resp, v.status AS status
          FROM indicator_values v JOIN org_units r ON r.id = v.region_org_id JOIN indicators i ON i.id = v.indicator_id
          JOIN org_units resp ON resp.id = i.responsible_org_id ORDER BY v.id`.execute(t.handle.db)
      ).rows.map((r) => ({ ...r, paths: [r.rpath, r.resp] })),
    prefer: (r) => (r.status === 'approved' ? 0 : 1),
  },
  /** A value not approved (only an approved value can be reopened). */
  openIndicatorValue: {
    rows: async (t) =>
      (
        await sql<Row & { rpath: string; resp: string }>`SELECT v.id AS id, r.path AS rpath, resp.path AS resp, v.status AS status
          FROM indicator_values v JOIN org_units r ON r.id = v.region_org_id JOIN indicators i ON i.id = v.indicator_id
          JOIN org_units resp ON resp.id = i.responsible_org_id WHERE v.status <> 'approved' ORDER BY v.id`.execute(t.handle.db)
      ).rows.map((r) => ({ ...r, paths: [r.rpath, r.resp] })),
  },
  /**
   * A statistical region (district, township, street): seen inside the caller's subtree, or by a member unit
   * (a department) under the catalogue of a federation above it.
   */
  region: {
    rows: async (t) => {
      const owners = (
        await sql<{ path: string }>`SELECT DISTINCT o.path FROM indicators i JOIN org_units o ON o.id = i.owner_org_id`.execute(t.handle.db)
      ).rows.map((r) => r.path);
      return (
        await sql<
          Row & { path: string }
        >`SELECT id, path FROM org_units WHERE kind IN ('federation', 'township', 'street') ORDER BY path`.execute(t.handle.db)
      ).rows.map((r) => ({ ...r, paths: [r.path], owners }));
    },
    visible: (r, rolePath) =>
      within(r.paths[0], rolePath) || (r.owners as string[]).some((o) => within(rolePath, o) && within(r.paths[0], o) && rolePath !== o),
    prefer: (r, self) => (r.id === self.unitId ? 0 : 1),
  },
  /** A report template, read by its unit and the units below. */
  template: {
    rows: owned('report_templates'),
    visible: (r, rolePath) => within(r.paths[0], rolePath) || within(rolePath, r.paths[0]),
  },
  ownTemplate: { rows: owned('report_templates') },
  summary: { rows: owned('report_summaries', 'owner_org_id', ', x.version AS version') },

  // ---------------------------------------------------------------- parentschools, budget, children (modules-b)
  /** A school of the org tree (where a child studies, where a parent school is held). */
  school: {
    rows: async (t) =>
      (await sql<Row & { path: string }>`SELECT id, path FROM org_units WHERE kind = 'school' ORDER BY path`.execute(t.handle.db)).rows.map(
        (r) => ({ ...r, paths: [r.path] }),
      ),
  },
  /** A 家长学校 (parent school) site. */
  parentSchoolSite: { rows: owned('parent_school_sites') },
  parentSchoolTeacher: { rows: owned('parent_school_teachers') },
  parentSchoolClass: { rows: owned('parent_school_classes') },
  /** A 教材征订 order line. */
  parentSchoolOrder: { rows: owned('parent_school_orders') },
  /** A title of the textbook catalogue: one list for the whole install, every account reads it. */
  textbook: { rows: owned('parent_school_textbooks', 'owner_org_id', ', x.title AS title'), visible: () => true },
  /** A budget line; an approved one first (commitments and spending are open to it, submitting is not). */
  budgetLine: {
    rows: owned('budget_lines', 'owner_org_id', ', x.status AS status'),
    prefer: (r) => (r.status === 'approved' ? 0 : 1),
  },
  /** A left-behind child (placed by her township); one still on the register first (care is open to her). */
  child: {
    rows: owned('left_behind_children', 'owner_org_id', ', x.status AS status'),
    prefer: (r) => (r.status === 'active' ? 0 : 1),
  },
  proxyMother: { rows: owned('child_proxy_mothers') },

  // ---------------------------------------------------------------- placement, staffdev, cadres (analysis)
  /** An employer, with its unit, its credit code and the code of another employer of the same unit. */
  employer: {
    rows: owned(
      'placement_employers',
      'owner_org_id',
      `, x.owner_org_id AS "ownerOrgId", x.credit_code AS "creditCode",
        (SELECT MIN(e2.credit_code) FROM placement_employers e2 WHERE e2.owner_org_id = x.owner_org_id AND e2.id <> x.id) AS "otherCode"`,
    ),
  },
  vacancy: { rows: owned('placement_vacancies') },
  seeker: { rows: owned('placement_seekers') },
  /** A job referral; one with an outcome first (no outcome can be recorded again). */
  jobReferral: {
    rows: owned('placement_referrals', 'owner_org_id', ', x.status AS status'),
    prefer: (r) => (r.status === 'referred' ? 1 : 0),
  },
  exportBatch: { rows: owned('placement_export_batches') },
  /** A member of a 劳务输出 batch: the batch's id (the path's id), the member's, placed by the batch's unit. */
  exportMember: {
    rows: async (t) =>
      (
        await sql<Row & { path: string }>`SELECT m.batch_id AS id, m.id AS "memberId", ou.path AS path FROM placement_export_members m
          JOIN placement_export_batches b ON b.id = m.batch_id JOIN org_units ou ON ou.id = b.owner_org_id ORDER BY m.id`.execute(
          t.handle.db,
        )
      ).rows.map((r) => ({ ...r, paths: [r.path] })),
  },
  staff: { rows: owned('staff_members', 'owner_org_id', ', x.name AS name') },
  /** A degree study: the staff member's id (the path's id) and the record's, with its start date. */
  staffDegree: {
    rows: async (t) =>
      (
        await sql<Row & { path: string }>`SELECT d.staff_id AS id, d.id AS "degreeId", ou.path AS path FROM staff_degrees d
          JOIN staff_members s ON s.id = d.staff_id JOIN org_units ou ON ou.id = s.owner_org_id ORDER BY d.id`.execute(t.handle.db)
      ).rows.map((r) => ({ ...r, paths: [r.path] })),
  },
  cadreTarget: { rows: owned('cadre_targets') },

  // ---------------------------------------------------------------- approvals
  /** An approval request (the fixture's case extensions, decided), placed by the subject's unit. */
  approvalRequest: { rows: owned('approval_requests') },
  /** A task: seen by the sender's units and by every target unit (its paths: the sender's and each answer's). */
  task: { rows: (t) => withPaths(t, 'tasks', 'task_answers', 'task_id') },
  /** One target unit's answer to a task: the task's id beside it; preferably the caller's own unit's. */
  taskAnswer: {
    rows: async (t) =>
      (
        await sql<Row & { path: string }>`SELECT a.id AS id, a.task_id AS "taskId", a.org_unit_id AS "unitId", ou.path AS path
          FROM task_answers a JOIN org_units ou ON ou.id = a.org_unit_id ORDER BY a.id`.execute(t.handle.db)
      ).rows.map((r) => ({ ...r, paths: [r.path] })),
    prefer: (r, self) => (r.unitId === self.unitId ? 0 : 1),
  },
  /** A notice: seen by the sender's units and by every recipient unit. */
  notice: { rows: (t) => withPaths(t, 'notices', 'notice_receipts', 'notice_id') },
} satisfies Record<string, KindSpec>;

export type Kind = keyof typeof KINDS;
