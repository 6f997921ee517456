/**
 * Rights casework at district scale, over HTTP, the real app beside a raw-SQL twin of its lists:
 *
 *   1. fills a database with the demo district, 50,000 persons (ID number and phone encrypted, keyed hashes,
 *      masked forms), 100,000 cases spread over 2017–2026 (≈10,000 a year, the way a district's file grows) and
 *      8,000 referrals to the district's 8 partner agencies, in one transaction with multi-row inserts;
 *   2. starts the real app (buildApp: the same routes, session checks, zod schemas) and the raw twin
 *      (bench/lib/raw-lists.ts: node:http + prepared statements, the same statements, byte-identical JSON — checked
 *      before anything is measured) on random ports, and loads three lists from 10 keep-alive connections in a
 *      separate process, app and raw in alternation (A B, B A …, several rounds), so the machine's other work
 *      weighs on both alike:
 *        - the case list as the district's rights officer: 牛佛镇's closed cases, newest first, 50 a page;
 *        - the people list (GET /api/people) as the same officer: the whole district, by name, 50 a page;
 *        - the agency inbox (GET /api/agency/referrals) as the police station's account: its 待处理 tab;
 *      and prints requests/s, p95 and the server's CPU per request of each, and app ÷ raw;
 *   3. times the district's year figures (every cases.* fact for 2026) through the fact definitions.
 *
 * Targets: the case list on SQLite ≥ 0.85 × raw with p95 < 25 ms; on PostgreSQL at least the SQLite app's
 * requests/s (when both run); figures < 50 ms.
 * Run: node --import tsx bench/cases.ts [--quick] [--seconds 5] [--rounds 4] [--fill-only (keep the filled database, measure nothing)]
 * SQLite always; PostgreSQL too when JINGUO_BENCH_PG_URL is set (a scratch database, dropped afterwards).
 * Full size: 50,000 persons, 100,000 cases, 8,000 referrals, 4 rounds of 5 s per side and list;
 * --quick: 10,000 / 20,000 / 1,600, 2 rounds of 2 s.
 */
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import {
  addDays,
  CASE_CHANNELS,
  daysBetween,
  DEFAULT_CASE_CATEGORIES,
  maskIdNumber,
  maskPhone,
  RISK_RANK,
  type CaseStatus,
  type ReferralStatus,
} from '@jinguo/domain';
import { buildApp } from '../packages/server/src/app.js';
import type { DialectName } from '../packages/server/src/db/database.js';
import { bulkInsert } from '../packages/server/src/db/bulk.js';
import { initializeDatabase, seedDemo } from '../packages/server/src/db/bootstrap.js';
import { createFieldCipher, generateKeyFile } from '../packages/server/src/platform/crypto.js';
import { systemClock } from '../packages/server/src/platform/clock.js';
import { newId } from '../packages/server/src/platform/ids.js';
import { makeIdNumber } from '../packages/server/src/platform/demo.js';
import { ID_NUMBER_BIDX, PHONE_BIDX } from '../packages/server/src/modules/people/people.registry.js';
import { casesFacts } from '../packages/server/src/modules/cases/cases.facts.js';
import { compareInterleaved, machineLoad } from './lib/http-load.js';
import { startRawServer } from './lib/raw-lists.js';
import { QUICK, reportFigures, size, timeRuns, type Figure } from './lib/report.js';
import { benchDialects, scratchDatabase } from './lib/scratch.js';

const { values: args } = parseArgs({
  options: { quick: { type: 'boolean' }, seconds: { type: 'string' }, rounds: { type: 'string' }, 'fill-only': { type: 'boolean' } },
  allowPositionals: true,
});
const PERSONS = size(50_000, 10_000);
const CASES = size(100_000, 20_000);
const REFERRALS = size(8_000, 1_600);
const SECONDS = Number(args.seconds ?? size(5, 2));
const ROUNDS = Number(args.rounds ?? size(4, 2));
const CONNECTIONS = 10;
const PASSWORD = 'Jinguo-Demo-2026';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SUMMARIES = [
  '丈夫酒后殴打，要求制止家暴',
  '离婚后抚养费拒不支付',
  '外嫁女土地补偿款纠纷',
  '怀孕后被辞退',
  '邻里纠纷致伤',
  '孩子在校受欺凌',
];

type Unit = { id: string; name: string; kind: string; parentId: string | null };

/** Persons, cases and referrals of a district, in one transaction (db/bulk.ts multi-row inserts). */
async function fill(handle: Awaited<ReturnType<typeof scratchDatabase>>['handle'], cipher: ReturnType<typeof createFieldCipher>) {
  const units: Unit[] = await handle.db.selectFrom('orgUnits').select(['id', 'name', 'kind', 'parentId']).execute();
  const district = units.find((u) => u.parentId === null)!;
  const towns = units.filter((u) => u.kind === 'township' || u.kind === 'street');
  const residences = units.filter((u) => u.kind === 'village' || u.kind === 'community');
  const agencies = units.filter((u) => u.kind === 'agency');
  const users = await handle.db.selectFrom('users').select(['id', 'username']).execute();
  const rightsId = users.find((u) => u.username === 'rights')!.id;
  const rand = rng(2026);
  const at = new Date().toISOString();
  const personRows: Record<string, unknown>[] = [];
  const personIds: { id: string; residence: string }[] = [];
  for (let i = 0; i < PERSONS; i++) {
    const id = newId();
    const residence = residences[Math.floor(rand() * residences.length)];
    // 500 women's sequence numbers per birth date, 100 birth dates 73 days apart: every ID number distinct and valid.
    const birth = addDays('1960-01-01', Math.floor(i / 500) * 73);
    const idNumber = makeIdNumber('510399', birth, (i % 500) * 2, true);
    const phone = `13${String(100000000 + i).slice(-9)}`;
    personRows.push({
      id,
      ownerOrgId: towns.find((t) => t.id === residence.parentId)!.id,
      residenceOrgId: residence.id,
      householdId: null,
      name: `测试${i}`,
      gender: 'female',
      birthDate: birth,
      ethnicity: '汉族',
      idNumberEnc: cipher.encrypt(idNumber),
      idNumberBidx: cipher.blindIndex(ID_NUMBER_BIDX, idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      phoneEnc: cipher.encrypt(phone),
      phoneBidx: cipher.blindIndex(PHONE_BIDX, phone),
      phoneMasked: maskPhone(phone),
      addressEnc: null,
      addressMasked: null,
      tags: i % 7 === 0 ? '["低保户"]' : '[]',
      mergedIntoId: null,
      createdAt: at,
      updatedAt: at,
      createdBy: null,
    });
    personIds.push({ id, residence: residence.id });
  }
  const caseRows: Record<string, unknown>[] = [];
  const referralRows: Record<string, unknown>[] = [];
  const counters = new Map<string, number>();
  const categories = DEFAULT_CASE_CATEGORIES.map((c) => c.code);
  const referEvery = CASES / REFERRALS;
  for (let i = 0; i < CASES; i++) {
    const person = personIds[Math.floor(rand() * personIds.length)];
    const residence = residences.find((r) => r.id === person.residence)!;
    // Most matters are worked where she lives; a quarter by the district.
    const owner = rand() < 0.75 ? residence.parentId! : district.id;
    const year = 2017 + Math.floor((i * 10) / CASES);
    const received = addDays(`${year}-01-01`, Math.floor(rand() * (year === 2026 ? 332 : 364)));
    const key = `${owner}:${year}`;
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    const category = categories[Math.floor(rand() * categories.length)];
    const risk = category === 'domestic_violence' ? (['low', 'medium', 'high'] as const)[Math.floor(rand() * 3)] : null;
    const recent = received >= '2026-09-01';
    const status: CaseStatus = recent
      ? (['registered', 'accepted', 'in_progress', 'in_progress', 'closed'] as const)[Math.floor(rand() * 5)]
      : rand() < 0.03
        ? 'not_accepted'
        : 'closed';
    const accepted = status === 'registered' || status === 'not_accepted' ? null : addDays(received, Math.floor(rand() * 5));
    const closed = status === 'closed' ? addDays(accepted!, 5 + Math.floor(rand() * 50)) : null;
    const open = status === 'registered' || status === 'accepted' || status === 'in_progress';
    const due = status === 'registered' ? addDays(received, 15) : open ? addDays(accepted!, 60) : null;
    const caseId = newId();
    caseRows.push({
      id: caseId,
      ownerOrgId: owner,
      year,
      seq,
      caseNo: `${year}-${String(seq).padStart(4, '0')}`,
      channel: CASE_CHANNELS[Math.floor(rand() * 3)],
      receivedDate: received,
      category,
      matterType: 'appeal_request',
      summary: SUMMARIES[i % SUMMARIES.length],
      narrativeEnc: null,
      applicantPersonId: person.id,
      assigneeUserId: rightsId,
      status,
      priority: open ? RISK_RANK[risk ?? 'none'] : 0,
      riskLevel: risk,
      riskAnswers: null,
      riskAssessedDate: null,
      nextFollowUpDate: null,
      nextDueDate: due,
      acceptedDate: accepted,
      acceptNotice: null,
      notAcceptedReason: null,
      divertedDate: null,
      divertedTo: null,
      divertedReason: null,
      extensionDays: null,
      extensionReason: null,
      closedDate: closed,
      outcome: closed ? 'supported' : null,
      reply: null,
      satisfaction: closed ? 'satisfied' : null,
      daysToClose: closed ? daysBetween(accepted!, closed) : null,
      closedOnTime: closed ? 1 : null,
      reviewRequestedDate: null,
      reviewDecidedDate: null,
      reviewResult: null,
      rereviewRequestedDate: null,
      rereviewDecidedDate: null,
      rereviewResult: null,
      createdBy: rightsId,
      createdAt: at,
      updatedAt: at,
    });
    if (accepted && Math.floor(i / referEvery) !== Math.floor((i + 1) / referEvery)) {
      // A referral of an accepted case to one of the partner agencies; the older ones answered long ago.
      const agency = agencies[referralRows.length % agencies.length];
      const rs: ReferralStatus = open
        ? (['sent', 'accepted'] as const)[Math.floor(rand() * 2)]
        : (['done', 'done', 'done', 'declined'] as const)[Math.floor(rand() * 4)];
      const answered = rs === 'sent' ? null : addDays(accepted, 1 + Math.floor(rand() * 5));
      referralRows.push({
        id: newId(),
        caseId,
        ownerOrgId: owner,
        agencyOrgId: agency.id,
        kind: 'service',
        serviceRequested: '请依法处置并反馈结果',
        noteForAgency: rand() < 0.5 ? '当事人白天不便接听电话' : null,
        shareNarrative: 0,
        consentId: null,
        withoutConsentReason: '紧急情况',
        sentDate: accepted,
        dueDate: addDays(accepted, 15),
        status: rs,
        sentBy: rightsId,
        answeredDate: answered,
        daysToAnswer: answered ? daysBetween(accepted, answered) : null,
        receiptNote: answered ? '已接收' : null,
        declineReason: rs === 'declined' ? '不属于本机构职责' : null,
        outcome: rs === 'done' ? '已出警处置，训诫施暴人' : null,
        doneDate: rs === 'done' ? addDays(answered!, 3) : null,
        handlerName: null,
        filedDate: null,
        courtCaseNo: null,
        courtResult: null,
        revokedReason: null,
        escalatedAt: null,
        linkTokenHash: null,
        linkIssuedAt: null,
        linkExpiresAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  const counterRows = [...counters].map(([key, last]) => {
    const [owner, year] = key.split(':');
    return { ownerOrgId: owner, year: Number(year), lastNo: last };
  });
  const t0 = performance.now();
  await handle.db.transaction().execute(async (trx) => {
    await bulkInsert(trx, 'persons', personRows);
    await bulkInsert(trx, 'cases', caseRows);
    await bulkInsert(trx, 'case_counters', counterRows);
    await bulkInsert(trx, 'case_referrals', referralRows);
  });
  // After a bulk load PostgreSQL's visibility map is empty until autovacuum passes, and index-only scans (the
  // list's count) fall back to the heap (21 ms instead of 2): vacuum as autovacuum would on a live database.
  if (handle.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(handle.db);
  return { ms: performance.now() - t0, referrals: referralRows.length, district, niufo: towns.find((u) => u.name === '牛佛镇')! };
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

/** The two servers must give the very same bytes, or the comparison means nothing. */
async function sameAnswer(appBase: string, rawBase: string, path: string, cookie: string): Promise<{ total: number; items: number }> {
  const [a, r] = await Promise.all([
    fetch(`${appBase}${path}`, { headers: { cookie } }),
    fetch(`${rawBase}${path}`, { headers: { cookie } }),
  ]);
  const [at, rt] = [await a.text(), await r.text()];
  if (a.status !== 200 || r.status !== 200)
    throw new Error(`${path}: app ${a.status}, raw ${r.status}: ${at.slice(0, 200)} ${rt.slice(0, 200)}`);
  if (at !== rt) {
    const i = [...at].findIndex((ch, k) => ch !== rt[k]);
    throw new Error(
      `${path}: app and raw differ at ${i}:\n app ${at.slice(Math.max(0, i - 80), i + 80)}\n raw ${rt.slice(Math.max(0, i - 80), i + 80)}`,
    );
  }
  const body = JSON.parse(at) as { total: number; items: unknown[] };
  return { total: body.total, items: body.items.length };
}

const figures: Figure[] = [];
const appRps: Partial<Record<DialectName, number>> = {};

async function run(kind: DialectName) {
  const scratch = await scratchDatabase(kind, 'cases');
  const { handle } = scratch;
  try {
    const cipher = createFieldCipher(generateKeyFile());
    await initializeDatabase(handle, {
      clock: systemClock,
      demo: false,
      orgName: '示例区妇联',
      orgCode: '510399',
    });
    await seedDemo(handle, systemClock, cipher, { orgOnly: true });
    const filled = await fill(handle, cipher);
    console.log(
      `\n== ${kind}: ${PERSONS.toLocaleString('en-US')} persons, ${CASES.toLocaleString('en-US')} cases, ${filled.referrals.toLocaleString('en-US')} referrals filled in ${(filled.ms / 1000).toFixed(1)} s (one transaction, multi-row inserts) ==`,
    );

    if (args['fill-only']) {
      // For looking at plans by hand: keep the filled database and stop here.
      process.env.BENCH_KEEP = '1';
      return;
    }

    const app = await buildApp({ database: handle, cipher, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    let rawSqlite: SqliteDatabase.Database | null = null;
    if (scratch.file) {
      // Its own connection to the same file, with the app's page cache.
      rawSqlite = new SqliteDatabase(scratch.file);
      rawSqlite.pragma('cache_size = -65536');
    }
    const raw = await startRawServer(rawSqlite ? { sqlite: rawSqlite } : { pgUrl: scratch.url! });
    try {
      const rights = await login(base, 'rights');
      const police = await login(base, 'police');
      const lists: { key: string; label: string; path: string; cookie: string; also: string[] }[] = [
        {
          key: 'case list',
          label: '牛佛镇 closed cases, newest first',
          path: `/api/cases?status=closed&orgUnitId=${filled.niufo.id}&sort=received_desc&page=1&pageSize=50`,
          cookie: rights,
          also: [`/api/cases?orgUnitId=${filled.district.id}&sort=received_asc&page=3&pageSize=20`],
        },
        {
          key: 'people list',
          label: 'the district, by name',
          path: '/api/people?page=1&pageSize=50',
          cookie: rights,
          also: ['/api/people?page=40&pageSize=50'],
        },
        {
          key: 'agency inbox',
          label: '东城派出所, the open tab',
          path: '/api/agency/referrals?status=open&page=1&pageSize=50',
          cookie: police,
          also: ['/api/agency/referrals?page=1&pageSize=50', '/api/agency/referrals?status=closed&page=2&pageSize=50'],
        },
      ];
      for (const list of lists) {
        let answer = { total: 0, items: 0 };
        for (const p of [list.path, ...list.also]) {
          const a = await sameAnswer(base, raw.url, p, list.cookie);
          if (p === list.path) answer = a;
        }
        const { results, roundRatios } = await compareInterleaved(
          [
            { name: 'app', url: `${base}${list.path}`, headers: { cookie: list.cookie } },
            { name: 'raw', url: `${raw.url}${list.path}`, headers: { cookie: list.cookie } },
          ],
          { rounds: ROUNDS, seconds: SECONDS, connections: CONNECTIONS },
        );
        const [a, r] = results;
        const ratio = a.rps / r.rps;
        console.log(
          `${list.key} (${list.label}; ${answer.total.toLocaleString('en-US')} matching, ${answer.items} a page; app and raw byte-identical), ${ROUNDS} × ${SECONDS} s each, interleaved:`,
        );
        for (const s of results)
          console.log(
            `  ${s.name}  ${s.rps.toFixed(0).padStart(5)} req/s  p50 ${s.p50.toFixed(1).padStart(5)} ms  p95 ${s.p95.toFixed(1).padStart(5)} ms  p99 ${s.p99.toFixed(1).padStart(5)} ms  CPU ${s.cpuMsPerRequest.toFixed(2)} ms/request  errors ${s.errors}`,
          );
        console.log(
          `  app ÷ raw ${ratio.toFixed(2)} (rounds: ${roundRatios[0].map((x) => x.toFixed(2)).join(', ')}); CPU ${(a.cpuMsPerRequest / r.cpuMsPerRequest).toFixed(2)}×; ${machineLoad()}`,
        );
        if (a.errors || r.errors) throw new Error(`${list.key}: errors under load`);
        const name = `${kind}: ${list.key}`;
        if (list.key === 'case list') {
          appRps[kind] = a.rps;
          figures.push(
            { name: `${name}, app ÷ raw`, value: ratio, unit: '×', target: kind === 'sqlite' ? { op: '>=', value: 0.85 } : undefined },
            { name: `${name}, app p95`, value: a.p95, unit: 'ms', target: kind === 'sqlite' ? { op: '<', value: 25 } : undefined },
            {
              name: `${name}, app req/s`,
              value: a.rps,
              unit: 'req/s',
              target: kind === 'postgres' && appRps.sqlite ? { op: '>=', value: Math.round(appRps.sqlite) } : undefined,
            },
          );
        } else
          figures.push({ name: `${name}, app ÷ raw`, value: ratio, unit: '×' }, { name: `${name}, app p95`, value: a.p95, unit: 'ms' });
      }
    } finally {
      await raw.close();
      await app.close();
    }

    // ---------------------------------------------------------------- the year's figures
    const facts = casesFacts();
    const districtPath = (
      await handle.db.selectFrom('orgUnits').select('path').where('id', '=', filled.district.id).executeTakeFirstOrThrow()
    ).path;
    const ctx = {
      db: handle.db,
      dialect: handle.dialect,
      scope: { permission: 'cases.read' as const, paths: [districtPath] },
      period: { year: 2026, from: '2026-01-01', to: '2026-12-31' },
    };
    const refs: [string, Record<string, string>][] = [
      ...facts.map((f) => [f.name, {}] as [string, Record<string, string>]),
      ['cases.received.byChannel', { channel: 'visit' }],
      ['cases.received.byChannel', { channel: 'letter' }],
    ];
    let values: Record<string, number | null> = {};
    const runOnce = async () => {
      const out: Record<string, number | null> = {};
      for (const [name, params] of refs)
        out[`${name}${Object.keys(params).length ? `?${new URLSearchParams(params)}` : ''}`] = (
          await facts.find((f) => f.name === name)!.compute(ctx, params)
        ).value;
      values = out;
    };
    const t = await timeRuns(10, runOnce);
    console.log(
      `district 2026 figures (${refs.length} facts, SQL aggregates): median ${t.median.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`,
    );
    console.log(
      `  received ${values['cases.received']}, visits ${values['cases.received.byChannel?channel=visit']}, accepted ${values['cases.accepted']}, closed ${values['cases.closed']}, 办结率 ${values['cases.closureRate']}%, mean days ${values['cases.meanDaysToClose']}`,
    );
    figures.push({ name: `${kind}: district year figures`, value: t.median, unit: 'ms', target: { op: '<', value: 50 } });
  } finally {
    await scratch.drop();
  }
}

if (QUICK) console.log('quick mode: smaller data and shorter rounds');
for (const kind of benchDialects()) await run(kind);
reportFigures('cases', figures);
