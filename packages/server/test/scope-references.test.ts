import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { cloneNeighbourDistrict, NEIGHBOUR_MARK } from './role-matrix.fixture.js';

/**
 * A record named by id in a request body, and a programme found by its code, must belong to the caller's own
 * district: with a neighbouring district beside the demo one (same codes, its own people), nothing of it may be
 * picked, shown or paid from.
 */
describe.each(TEST_DATABASES)('references across districts on %s', (kind) => {
  let t: TestApp;
  let finance: TestSession;
  let programme: TestSession;
  let chairId: string;
  let rootPath: string;
  let neighbourPath: string;
  const one = async <T>(q: Promise<T | undefined>) => (await q)!;

  /** A row of the neighbour district (its unit path starts with the neighbour root's). */
  async function neighbours(table: 'persons' | 'households', unitColumn: 'ownerOrgId' = 'ownerOrgId') {
    return t.handle.db
      .selectFrom(`${table} as x` as 'persons as x')
      .innerJoin('orgUnits as o', 'o.id', `x.${unitColumn}` as 'x.ownerOrgId')
      .select('x.id')
      .where('o.path', 'like', `${neighbourPath}%`)
      .orderBy('x.id')
      .executeTakeFirstOrThrow();
  }

  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'full' });
    const neighbour = await cloneNeighbourDistrict(t);
    neighbourPath = neighbour.rootPath;
    rootPath = (await t.handle.db.selectFrom('orgUnits').select('path').where('code', '=', '510399').executeTakeFirstOrThrow()).path;
    // The neighbour's 春蕾 programme is the newest anywhere, and one of its programmes has a code only it uses.
    const nbProgrammes = await t.handle.db
      .selectFrom('reliefProgrammes as p')
      .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
      .select(['p.id', 'p.code'])
      .where('o.path', 'like', `${neighbourPath}%`)
      .execute();
    await t.handle.db
      .updateTable('reliefProgrammes')
      .set({ year: 2027 })
      .where(
        'id',
        'in',
        nbProgrammes.map((p) => p.id),
      )
      .execute();
    await t.handle.db
      .updateTable('reliefProgrammes')
      .set({ code: 'NB_ONLY' })
      .where('id', '=', nbProgrammes.find((p) => p.code === 'DROUGHT')?.id ?? nbProgrammes[0].id)
      .execute();
    finance = await t.login('finance');
    programme = await t.login('programme');
    chairId = (await one(t.handle.db.selectFrom('users').select('id').where('username', '=', 'chair').executeTakeFirst())).id;
  }, 300_000);
  afterAll(() => t?.close());

  it("pays a 春蕾 term from the pairing's own federation's account, though another district's 春蕾 programme is newer", async () => {
    const due = (await finance.inject({ url: '/api/sponsorship/payments/due' })).json() as { pairingId: string; term: string }[];
    expect(due.length).toBeGreaterThan(0);
    // Money for it in the district's own 春蕾 fund.
    const fund = await one(
      t.handle.db
        .selectFrom('fundAccounts as a')
        .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
        .select('a.id')
        .where('o.path', '=', rootPath)
        .where('a.programmeCode', '=', 'SPRING_BUD')
        .executeTakeFirst(),
    );
    const donated = await finance.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: {
        source: 'donation',
        donorKind: 'organisation',
        donorName: '某公司',
        accountId: fund.id,
        amountFen: 1000000,
        donatedOn: '2026-11-20',
      },
    });
    expect(donated.statusCode, donated.body).toBe(201);
    const res = await finance.inject({
      method: 'POST',
      url: `/api/sponsorship/pairings/${due[0].pairingId}/payments`,
      payload: { term: due[0].term, paidOn: '2026-11-20', approvedBy: chairId, method: 'cash' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const paid = await one(
      t.handle.db
        .selectFrom('fundDisbursements as d')
        .innerJoin('orgUnits as o', 'o.id', 'd.ownerOrgId')
        .select('o.path')
        .where('d.id', '=', res.json().disbursementId)
        .executeTakeFirst(),
    );
    expect(paid.path).toBe(rootPath);
  });

  it('names programmes on receipts and in the fund summary as its own district knows them', async () => {
    const donation = await one(
      t.handle.db
        .selectFrom('fundDonations as d')
        .innerJoin('orgUnits as o', 'o.id', 'd.ownerOrgId')
        .select('d.id')
        .where('o.path', '=', rootPath)
        .where('d.programmeCode', 'is not', null)
        .where('d.receiptNo', 'is not', null)
        .executeTakeFirst(),
    );
    const receipt = await finance.inject({ url: `/api/funds/donations/${donation.id}/receipt` });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.json().programmeName).toBeTruthy();
    expect(receipt.body).not.toContain(NEIGHBOUR_MARK);
    const summary = await finance.inject({ url: '/api/funds/reports/summary' });
    expect(summary.statusCode).toBe(200);
    expect(summary.body).not.toContain(NEIGHBOUR_MARK);
  });

  it("refuses a programme code that only another district's programme has", async () => {
    const res = await finance.inject({
      method: 'POST',
      url: '/api/funds/accounts',
      payload: { code: 'NB_TEST', name: '邻区代码测试', kind: 'cash', programmeCode: 'NB_ONLY' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].path).toBe('programmeCode');
  });

  it("refuses another district's person, household or village as a fund recipient or donor, and hides her payments", async () => {
    const person = await neighbours('persons');
    const household = await neighbours('households');
    const village = await one(
      t.handle.db
        .selectFrom('orgUnits')
        .select('id')
        .where('kind', '=', 'village')
        .where('path', 'like', `${neighbourPath}%`)
        .executeTakeFirst(),
    );
    const account = await one(
      t.handle.db
        .selectFrom('fundAccounts as a')
        .innerJoin('orgUnits as o', 'o.id', 'a.ownerOrgId')
        .select('a.id')
        .where('o.path', '=', rootPath)
        .where('a.kind', '=', 'cash')
        .executeTakeFirst(),
    );
    const pay = (recipient: Record<string, unknown>) =>
      finance.inject({
        method: 'POST',
        url: '/api/funds/disbursements',
        payload: {
          accountId: account.id,
          method: 'cash',
          amountFen: 100,
          paidOn: '2026-11-20',
          approvedBy: chairId,
          purpose: '测试',
          ...recipient,
        },
      });
    for (const [recipient, field] of [
      [{ recipientKind: 'person', recipientPersonId: person.id }, 'recipientPersonId'],
      [{ recipientKind: 'household', recipientHouseholdId: household.id }, 'recipientHouseholdId'],
      [{ recipientKind: 'village', recipientOrgId: village.id }, 'recipientOrgId'],
    ] as const) {
      const res = await pay(recipient);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().fields[0].path).toBe(field);
      expect(res.body).not.toContain(NEIGHBOUR_MARK);
    }
    const donated = await finance.inject({
      method: 'POST',
      url: '/api/funds/donations',
      payload: {
        source: 'donation',
        donorKind: 'person',
        donorPersonId: person.id,
        accountId: account.id,
        amountFen: 100,
        donatedOn: '2026-11-20',
      },
    });
    expect(donated.statusCode).toBe(400);
    expect(donated.json().fields[0].path).toBe('donorPersonId');
    const history = await finance.inject({ url: `/api/funds/beneficiaries/${person.id}` });
    expect(history.statusCode).toBe(404);
    expect(history.body).not.toContain(NEIGHBOUR_MARK);
  });

  it("refuses another district's person as a 春蕾 sponsor or as a relief applicant", async () => {
    const person = await neighbours('persons');
    const sponsor = await programme.inject({
      method: 'POST',
      url: '/api/sponsorship/sponsors',
      payload: { kind: 'person', name: '邻区资助人', personId: person.id },
    });
    expect(sponsor.statusCode).toBe(400);
    expect(sponsor.json().fields[0].path).toBe('personId');
    const own = await one(
      t.handle.db
        .selectFrom('reliefProgrammes as p')
        .innerJoin('orgUnits as o', 'o.id', 'p.ownerOrgId')
        .select('p.id')
        .where('o.path', '=', rootPath)
        .where('p.active', '=', 1)
        .executeTakeFirst(),
    );
    const village = await one(
      t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', '大山村').where('path', 'like', `${rootPath}%`).executeTakeFirst(),
    );
    const applied = await programme.inject({
      method: 'POST',
      url: '/api/relief/applications',
      payload: {
        programmeId: own.id,
        personId: person.id,
        residenceOrgId: village.id,
        householdMembers: 3,
        householdIncomeFen: 100000,
        paymentMethod: 'cash',
        appliedOn: '2026-11-20',
      },
    });
    expect(applied.statusCode).toBe(400);
    expect(applied.json().fields[0].path).toBe('personId');
    expect(applied.body).not.toContain(NEIGHBOUR_MARK);
  });
});
