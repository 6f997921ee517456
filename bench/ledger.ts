// Ledger benchmark: 1,000,000 journal entries (donations and FIFO-allocated disbursements, consistent with
// what the service would have written), then the timings that matter: an account balance, a donor trace, a
// posting on top of the big journal, the raised/paid/remaining report.
// Run: node --import tsx bench/ledger.ts [entries] [--quick] [--keep]
// SQLite; PostgreSQL too when JINGUO_BENCH_PG_URL is set (each in a process of its own: --db sqlite|postgres).
// Full size: 1,000,000 entries; --quick: 100,000.
import { sql } from 'kysely';
import { bulkInsert } from '../packages/server/src/db/bulk.js';
import { initializeDatabase, seedDemo } from '../packages/server/src/db/bootstrap.js';
import { createFieldCipher, generateKeyFile } from '../packages/server/src/platform/crypto.js';
import { newId } from '../packages/server/src/platform/ids.js';
import { createFundsService } from '../packages/server/src/modules/funds/funds.service.js';
import { findOrCreatePersonsBulk } from '../packages/server/src/modules/people/people.bulk.js';
import { insertProgramme } from '../packages/server/src/modules/relief/relief.repository.js';
import { programmeCatalogue } from '../packages/server/src/modules/relief/index.js';
import * as fundsRepo from '../packages/server/src/modules/funds/funds.repository.js';
import type { Actor } from '../packages/server/src/platform/actor.js';
import type { Role } from '../packages/domain/src/index.js';
import type { DialectName } from '../packages/server/src/db/database.js';
import { figuresPerDatabase, reportFigures, size, type Figure } from './lib/report.js';
import { benchDialects, scratchDatabase } from './lib/scratch.js';

const ENTRIES = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? size(1_000_000, 100_000));
const dbArg = process.argv.indexOf('--db');
const KIND = dbArg > 0 ? (process.argv[dbArg + 1] as DialectName) : null;
if (!KIND) {
  // Each database in a process of its own; this one only collects their figures.
  const extra = process.argv.slice(2).filter((a) => /^\d+$/.test(a) || a === '--keep');
  reportFigures('ledger', await figuresPerDatabase(import.meta.filename, benchDialects(), extra));
  process.exit(0);
}
const figures: Figure[] = [];
const clock = { now: () => new Date('2026-11-29T02:00:00Z') };
const scratch = await scratchDatabase(KIND, 'ledger');
const handle = scratch.handle;
const cipher = createFieldCipher(generateKeyFile());
await initializeDatabase(handle, { clock, demo: false, orgName: '示例区妇联', orgCode: '510399' });
await seedDemo(handle, clock, cipher, { orgOnly: true });
const db = handle.db;
const root = await db.selectFrom('orgUnits').select(['id', 'path']).where('parentId', 'is', null).executeTakeFirstOrThrow();
const village = await db.selectFrom('orgUnits').select('id').where('name', '=', '大山村').executeTakeFirstOrThrow();
const actorOf = async (username: string): Promise<Actor> => {
  const u = await db
    .selectFrom('users')
    .select(['id', 'username', 'displayName'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const grants = await db
    .selectFrom('roleAssignments as ra')
    .innerJoin('orgUnits as o', 'o.id', 'ra.orgUnitId')
    .select(['ra.id', 'ra.role', 'ra.orgUnitId', 'o.path as orgPath', 'o.name as orgName'])
    .where('ra.userId', '=', u.id)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    sessionId: 'bench',
    csrfToken: 'bench',
    ip: null,
    mustChangePassword: false,
    grants: grants.map((g) => ({ ...g, role: g.role as Role })),
  };
};
const finance = await actorOf('finance');
const chair = await actorOf('chair');
const funds = createFundsService({ db, clock, cipher, programmes: programmeCatalogue });
const at = clock.now().toISOString();
for (const code of ['POOR_MOTHER', 'DROUGHT', 'SPRING_BUD']) {
  await insertProgramme(db, {
    id: newId(),
    ownerOrgId: root.id,
    code,
    name: code,
    kind: 'cash',
    year: 2026,
    rules: JSON.stringify({
      requiredTags: [],
      anyOfTags: [],
      requireTwoCancerDiagnosis: false,
      oncePerLifetime: false,
      transferOnly: false,
    }),
    quota: null,
    reportTo: '[]',
    fundAccountId: null,
    grantAmountFen: null,
    description: null,
    active: 1,
    createdAt: at,
    updatedAt: at,
  });
}
const cash = await funds.createAccount(finance, { code: 'RELIEF_FUND', name: '救助基金', kind: 'cash' });
// One small real posting creates the counter accounts the service uses.
await funds.recordDonation(finance, {
  source: 'donation',
  donorKind: 'anonymous',
  accountId: cash.id,
  amountFen: 100,
  donatedOn: '2019-12-31',
});
await funds.recordDisbursement(finance, {
  accountId: cash.id,
  recipientKind: 'village',
  recipientOrgId: village.id,
  method: 'cash',
  amountFen: 100,
  paidOn: '2019-12-31',
  approvedBy: chair.userId,
  purpose: '初始化',
});
const income = (await fundsRepo.findAccountByCode(db, root.id, 'INCOME_DONATIONS'))!;
const expense = (await fundsRepo.findAccountByCode(db, root.id, 'EXPENSE_DISBURSEMENTS'))!;

console.log(`${handle.dialect}: generating ${ENTRIES.toLocaleString('en-US')} journal entries …`);
const t0 = Date.now();
const persons = await db.transaction().execute(async (trx) => {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const inputs = Array.from({ length: 5000 }, (_, i) => {
    const body = `510399${1960 + (i % 40)}0${1 + (i % 9)}1${i % 10}${String((Math.floor(i / 400) % 500) * 2).padStart(3, '0')}`;
    let s = 0;
    for (let k = 0; k < 17; k++) s += Number(body[k]) * W[k];
    return {
      name: `受助人${i}`,
      gender: 'female' as const,
      birthDate: null,
      idNumber: body + '10X98765432'[s % 11],
      residenceOrgId: village.id,
      ownerOrgId: village.id,
    };
  });
  return (await findOrCreatePersonsBulk(trx, { cipher, clock, source: 'bench' }, inputs)).ids;
});

// A simulation of the ledger's own rules: each disbursement spends its programme's designated donations, then
// undesignated ones, first in first out; a payment the money cannot cover is not made.
const programmes = [null, 'POOR_MOTHER', 'DROUGHT', 'SPRING_BUD'];
type Lot = { id: string; remaining: number };
const queues = new Map<string | null, Lot[]>(programmes.map((p) => [p, []]));
const heads = new Map<string | null, number>(programmes.map((p) => [p, 0]));
const available = new Map<string | null, number>(programmes.map((p) => [p, 0]));
let seq = Number((await db.selectFrom('fundJournalHead').select('lastSeq').executeTakeFirstOrThrow()).lastSeq);
let balance = 0;
let bigDonation = '';
let typicalDonation = '';
const BATCH = 20_000;
let entries: Record<string, unknown>[] = [];
let lines: Record<string, unknown>[] = [];
let donations: Record<string, unknown>[] = [];
let disbursements: Record<string, unknown>[] = [];
let allocations: Record<string, unknown>[] = [];
const remainingUpdates = new Map<string, number>();
const donationRows = new Map<string, Record<string, unknown>>();

async function flush() {
  await db.transaction().execute(async (trx) => {
    await bulkInsert(trx, 'fund_journal_entries', entries);
    await bulkInsert(trx, 'fund_journal_lines', lines);
    await bulkInsert(trx, 'fund_donations', donations);
    await bulkInsert(trx, 'fund_disbursements', disbursements);
    await bulkInsert(trx, 'fund_allocations', allocations);
  });
  entries = [];
  lines = [];
  donations = [];
  disbursements = [];
  allocations = [];
}

const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + Math.floor((i / ENTRIES) * 2520) * 86400000).toISOString().slice(0, 10);
let written = 0;
for (let i = 0; written < ENTRIES; i++) {
  const date = day(written);
  const entryId = newId();
  seq++;
  const isDonation = i % 4 === 0 || balance < 20_000;
  if (isDonation) {
    const programme = programmes[i % programmes.length];
    // Every 100,000th entry is a large donor, whose money reaches hundreds of beneficiaries.
    const amount = i % 100_000 === 0 ? 5_000_000 : 40_000 + (i % 7) * 1000;
    const id = newId();
    if (i % 100_000 === 0 && !bigDonation) bigDonation = id;
    if (i === 40 && !typicalDonation) typicalDonation = id;
    entries.push({
      id: entryId,
      seq,
      ownerOrgId: root.id,
      entryDate: date,
      kind: 'donation',
      memo: `接收捐赠 #${i}`,
      reversesEntryId: null,
      reason: null,
      createdBy: finance.userId,
      createdAt: at,
    });
    lines.push(
      { id: newId(), entryId, accountId: cash.id, entryDate: date, amountFen: amount, quantity: 0 },
      { id: newId(), entryId, accountId: income.id, entryDate: date, amountFen: -amount, quantity: 0 },
    );
    const row = {
      id,
      ownerOrgId: root.id,
      receiptNo: `B-${i}`,
      source: 'donation',
      donorKind: 'organisation',
      donorPersonId: null,
      donorName: `捐赠单位${i % 997}`,
      donorCreditCode: null,
      accountId: cash.id,
      programmeCode: programme,
      form: 'cash',
      quantity: null,
      unitValueFen: null,
      amountFen: amount,
      remainingFen: amount,
      remainingQty: 0,
      donatedOn: date,
      memo: null,
      entryId,
      reversalEntryId: null,
      reversalReason: null,
      createdBy: finance.userId,
      createdAt: at,
    };
    donations.push(row);
    donationRows.set(id, row);
    queues.get(programme)!.push({ id, remaining: amount });
    available.set(programme, available.get(programme)! + amount);
    balance += amount;
  } else {
    const programme = programmes[(i * 7) % programmes.length];
    const amount = 8_000 + (i % 5) * 1_000;
    // What the money can cover is known before allocating: a payment it cannot cover is not made (the service answers 409).
    if ((programme ? available.get(programme)! : 0) + available.get(null)! < amount) {
      seq--;
      continue;
    }
    const pieces: { id: string; fen: number; programme: string | null }[] = [];
    let need = amount;
    for (const p of programme ? [programme, null] : [null]) {
      const q = queues.get(p)!;
      let h = heads.get(p)!;
      while (need > 0 && h < q.length) {
        const take = Math.min(q[h].remaining, need);
        pieces.push({ id: q[h].id, fen: take, programme: p });
        q[h].remaining -= take;
        need -= take;
        if (q[h].remaining === 0) h++;
      }
      heads.set(p, h);
    }
    for (const pc of pieces) available.set(pc.programme, available.get(pc.programme)! - pc.fen);
    const id = newId();
    entries.push({
      id: entryId,
      seq,
      ownerOrgId: root.id,
      entryDate: date,
      kind: 'disbursement',
      memo: `拨付 #${i}`,
      reversesEntryId: null,
      reason: null,
      createdBy: finance.userId,
      createdAt: at,
    });
    lines.push(
      { id: newId(), entryId, accountId: expense.id, entryDate: date, amountFen: amount, quantity: 0 },
      { id: newId(), entryId, accountId: cash.id, entryDate: date, amountFen: -amount, quantity: 0 },
    );
    disbursements.push({
      id,
      ownerOrgId: root.id,
      accountId: cash.id,
      programmeCode: programme,
      form: 'cash',
      method: 'cash',
      recipientKind: 'person',
      recipientPersonId: persons[i % persons.length],
      recipientHouseholdId: null,
      recipientOrgId: null,
      recipientEventName: null,
      bankCardEnc: null,
      bankCardMasked: null,
      quantity: null,
      amountFen: amount,
      paidOn: date,
      approvedBy: chair.userId,
      purpose: '救助金',
      sourceKind: null,
      sourceId: null,
      entryId,
      reversalEntryId: null,
      reversalReason: null,
      createdBy: finance.userId,
      createdAt: at,
    });
    for (const pc of pieces) {
      allocations.push({ id: newId(), disbursementId: id, donationId: pc.id, amountFen: pc.fen, quantity: 0, createdAt: at });
      remainingUpdates.set(pc.id, (remainingUpdates.get(pc.id) ?? 0) + pc.fen);
    }
    balance -= amount;
  }
  written++;
  if (entries.length >= BATCH) {
    // Donations of this batch carry their final "remaining" when the batch is flushed (they only decrease later).
    for (const d of donations) d.remainingFen = Number(d.amountFen) - (remainingUpdates.get(d.id as string) ?? 0);
    await flush();
    if (written % 100_000 < BATCH) console.log(`  ${written.toLocaleString('en-US')} entries … ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
}
for (const d of donations) d.remainingFen = Number(d.amountFen) - (remainingUpdates.get(d.id as string) ?? 0);
await flush();
// Donations flushed earlier were spent further afterwards: settle their remaining, the balances and the sequence.
await db.transaction().execute(async (trx) => {
  const ids = [...remainingUpdates.keys()];
  for (let k = 0; k < ids.length; k += 500) {
    const chunk = ids.slice(k, k + 500);
    const rows = await trx.selectFrom('fundDonations').select(['id', 'amountFen']).where('id', 'in', chunk).execute();
    for (const r of rows) {
      const remaining = Number(r.amountFen) - remainingUpdates.get(r.id)!;
      await trx.updateTable('fundDonations').set({ remainingFen: remaining }).where('id', '=', r.id).execute();
    }
  }
  for (const a of [cash.id, income.id, expense.id]) {
    const s = await fundsRepo.sumLines(trx, a);
    const kind = a === income.id ? -1 : 1;
    await trx
      .updateTable('fundAccounts')
      .set({ balanceFen: kind * s.fen })
      .where('id', '=', a)
      .execute();
  }
  await trx.updateTable('fundJournalHead').set({ lastSeq: seq }).where('id', '=', 1).execute();
});
if (handle.dialect === 'sqlite') await sql`ANALYZE`.execute(db);
else await sql`ANALYZE`.execute(db);
const loadSeconds = (Date.now() - t0) / 1000;
const counts = await sql<{
  e: number;
  l: number;
  d: number;
  b: number;
  a: number;
}>`SELECT (SELECT count(*) FROM fund_journal_entries) AS e, (SELECT count(*) FROM fund_journal_lines) AS l, (SELECT count(*) FROM fund_donations) AS d, (SELECT count(*) FROM fund_disbursements) AS b, (SELECT count(*) FROM fund_allocations) AS a`.execute(
  db,
);
const c = counts.rows[0];
console.log(
  `loaded in ${loadSeconds.toFixed(0)} s: ${Number(c.e).toLocaleString('en-US')} entries, ${Number(c.l).toLocaleString('en-US')} lines, ${Number(c.d).toLocaleString('en-US')} donations, ${Number(c.b).toLocaleString('en-US')} disbursements, ${Number(c.a).toLocaleString('en-US')} allocations`,
);

async function time(label: string, runs: number, fn: () => Promise<unknown>, target?: number, headline?: string) {
  await fn();
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  const median = ms[Math.floor(ms.length / 2)];
  console.log(
    `${label.padEnd(58)} median ${median.toFixed(2).padStart(8)} ms   p95 ${ms[Math.floor(ms.length * 0.95)].toFixed(2).padStart(8)} ms${target ? `   (target < ${target} ms)` : ''}`,
  );
  if (headline)
    figures.push({ name: `${KIND}: ${headline}`, value: median, unit: 'ms', target: target ? { op: '<', value: target } : undefined });
  return median;
}

const acc = await funds.getAccount(finance, cash.id);
const check = await fundsRepo.sumLines(db, cash.id);
console.log(`\nbalance of 救助基金: ${acc.balanceFen} fen (running balance) = ${check.fen} fen (Σ of its ${Number(c.l) / 2} lines)`);
await time('balance (GET account, running balance, scoped)', 200, () => funds.getAccount(finance, cash.id), 5, 'account balance');
await time('balance as of a date (funds.balance fact: Σ lines ≤ date)', 5, () =>
  fundsRepo.balanceAsOf(db, { permission: 'funds.read', paths: [root.path] }, 'RELIEF_FUND', '2026-12-31'),
);
const big = await funds.trace(finance, bigDonation);
await time(
  `donor trace, large donor (${big.items.length} beneficiaries)`,
  50,
  () => funds.trace(finance, bigDonation),
  100,
  'donor trace, large donor',
);
const typical = await funds.trace(finance, typicalDonation);
await time(
  `donor trace, typical donation (${typical.items.length} beneficiaries)`,
  200,
  () => funds.trace(finance, typicalDonation),
  100,
  'donor trace, typical donation',
);
const someone = persons[123];
await time('beneficiary history (one person, all programmes)', 50, () => funds.beneficiaryHistory(finance, someone));
let day0 = 0;
await time(
  'a disbursement posted on top (FIFO allocation, balanced entry)',
  50,
  () =>
    funds.recordDisbursement(finance, {
      accountId: cash.id,
      programmeCode: 'POOR_MOTHER',
      recipientKind: 'village',
      recipientOrgId: village.id,
      method: 'cash',
      amountFen: 100 + day0++,
      paidOn: '2026-11-28',
      approvedBy: chair.userId,
      purpose: '基准测试',
    }),
  undefined,
  'a disbursement posted on top',
);
await time(
  'raised vs paid vs remaining, year 2026 (SQL aggregates)',
  5,
  () => funds.summary(finance, { from: '2026-01-01', to: '2026-12-31' }),
  undefined,
  "the year's raised / paid / remaining",
);
await time('journal page (50 newest entries with lines)', 50, () => funds.listJournal(finance, { page: 1, pageSize: 50 }));
if (process.argv.includes('--keep')) process.env.BENCH_KEEP = '1';
await scratch.drop();
reportFigures('ledger', figures);
