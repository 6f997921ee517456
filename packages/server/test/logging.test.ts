import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { importFile, xlsx } from './excel-upload.js';
import { unitId } from './fixtures.js';
import { listApiRoutes, routeName, routeUrl, sampleValue, schemaOptions, schemaType, type JsonSchema } from './openapi-routes.js';
import { makeIdNumber } from './relief-funds-fixtures.js';

// Sentinel personal data: values that occur nowhere else, so any trace of them in the log is a leak.
const ID_NUMBER = makeIdNumber('1985-03-07', 246);
const GIRL_ID_NUMBER = makeIdNumber('2014-05-06', 248);
const APPLICANT_ID_NUMBER = makeIdNumber('1979-08-09', 642);
const PHONE = '13987651234';
const NAME = '哨兵甲乙';
const NAME2 = '哨兵丙丁';
const LATIN_NAME = 'Sentinelia Quux';
const ADDRESS = '哨兵路八十八号';
const BANK_CARD = '6222021234567890123';
const SENTINELS = [ID_NUMBER, GIRL_ID_NUMBER, APPLICANT_ID_NUMBER, PHONE, NAME, NAME2, LATIN_NAME, ADDRESS, BANK_CARD];

/** A sentinel for a field, by its name: what a person would type there. */
function sentinelFor(field: string): string {
  if (/idNumber$/i.test(field)) return ID_NUMBER;
  if (/phone$/i.test(field)) return PHONE;
  if (/bankCard$/i.test(field)) return BANK_CARD;
  if (/address$/i.test(field)) return ADDRESS;
  if (/note|narrative|summary|comment|reason|memo/i.test(field)) return `${NAME} ${ID_NUMBER} ${PHONE}`;
  return NAME;
}

describe.each(TEST_DATABASES)('the request log on %s', (kind) => {
  let t: TestApp;
  const log: string[] = [];
  let rights: TestSession;

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, done) {
        log.push(String(chunk));
        done();
      },
    });
    t = await buildTestApp(kind, { demo: 'full', logStream: stream });
    rights = await t.login('rights');
  }, 180_000);
  afterAll(() => t?.close());

  it('carries no ID number, phone or name sent through any route, and still names the route and the request', async () => {
    // Background imports report their errors on stderr: read there too.
    const stderr = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      log.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' '));
    });
    let refusedId = '';
    try {
      const village = await unitId(t, '大山村');
      const programme = await t.login('programme');
      const finance = await t.login('finance');
      const niufo = await t.login('niufo');

      // People: registered, found again by ID number, phone and name (the web app's search), refused with NUL.
      const person = { name: NAME, gender: 'female', idNumber: ID_NUMBER, phone: PHONE, address: ADDRESS, residenceOrgId: village };
      expect((await rights.inject({ method: 'POST', url: '/api/people', payload: person })).statusCode).toBe(201);
      expect((await rights.inject({ method: 'POST', url: '/api/people', payload: person })).statusCode).toBeLessThan(500);
      for (const q of [ID_NUMBER, PHONE, NAME])
        expect((await rights.inject({ url: `/api/people?q=${encodeURIComponent(q)}&page=1` })).statusCode).toBe(200);
      const refused = await rights.inject({ url: `/api/people?q=${encodeURIComponent(NAME)}%00` });
      expect(refused.statusCode).toBe(400);
      refusedId = refused.json().requestId;
      expect((await rights.inject({ url: `/api/people/${ID_NUMBER}` })).statusCode).toBe(400);
      expect((await t.app.inject({ url: `/api/no-such/${ID_NUMBER}/${encodeURIComponent(NAME)}?phone=${PHONE}` })).statusCode).toBe(404);

      // Cases: an applicant with every personal field, a party, a narrative naming them; searched and exported by name.
      const filed = await rights.inject({
        method: 'POST',
        url: '/api/cases',
        payload: {
          channel: 'visit',
          receivedDate: '2026-11-27',
          category: 'marriage_family',
          summary: `${NAME2}反映家庭纠纷`,
          narrative: `${NAME2}（${APPLICANT_ID_NUMBER}，${PHONE}）住${ADDRESS}，与${LATIN_NAME}发生纠纷`,
          applicant: {
            name: NAME2,
            gender: 'female',
            idNumber: APPLICANT_ID_NUMBER,
            phone: PHONE,
            address: ADDRESS,
            residenceOrgId: village,
          },
          parties: [{ name: LATIN_NAME, role: 'respondent', relation: 'spouse' }],
        },
      });
      expect(filed.statusCode, filed.body).toBe(201);
      expect((await rights.inject({ url: `/api/cases?applicantName=${encodeURIComponent(NAME2)}` })).statusCode).toBe(200);
      expect((await rights.inject({ url: `/api/cases/export.xlsx?q=${encodeURIComponent(NAME2)}` })).statusCode).toBe(200);

      // Relief: an application with a bank card; sponsorship: a girl with her guardian's phone; funds: a donor by name.
      const programmeId = (await programme.inject({ url: '/api/relief/programmes' })).json()[0].id as string;
      const application = await programme.inject({
        method: 'POST',
        url: '/api/relief/applications',
        payload: {
          programmeId,
          name: NAME,
          idNumber: ID_NUMBER,
          phone: PHONE,
          residenceOrgId: village,
          householdMembers: 4,
          householdIncomeFen: 4 * 66800,
          tags: ['低保'],
          paymentMethod: 'bank',
          bankCard: BANK_CARD,
          appliedOn: '2026-03-10',
        },
      });
      expect(application.statusCode).toBeLessThan(500);
      const school = await t.handle.db.selectFrom('orgUnits').select('id').where('kind', '=', 'school').executeTakeFirstOrThrow();
      const student = await programme.inject({
        method: 'POST',
        url: '/api/sponsorship/students',
        payload: {
          name: NAME2,
          idNumber: GIRL_ID_NUMBER,
          residenceOrgId: village,
          schoolOrgId: school.id,
          stage: 'junior',
          grade: '七年级',
          guardianName: NAME,
          guardianRelation: '母亲',
          guardianPhone: PHONE,
          householdMembers: 3,
          householdIncomeFen: 1080000,
          consent: { guardianName: NAME, relation: '母亲', consentDate: '2026-08-10', method: 'written' },
        },
      });
      expect(student.statusCode).toBeLessThan(500);
      const accountId = (await finance.inject({ url: '/api/funds/accounts' })).json()[0].id as string;
      const donation = await finance.inject({
        method: 'POST',
        url: '/api/funds/donations',
        payload: { source: 'donation', donorKind: 'person', donorName: NAME, accountId, amountFen: 10000, donatedOn: '2026-03-01' },
      });
      expect(donation.statusCode).toBeLessThan(500);

      // An import: a screening list with the sentinels, one row valid and one with a broken ID number.
      const headers = [
        '乡镇（街道）',
        '村（社区）',
        '姓名',
        '身份证号',
        '联系电话',
        '家庭人口',
        '家庭年收入（元）',
        '困难情形',
        '发放方式',
        '银行卡号',
        '备注',
      ];
      const file = await xlsx(headers, [
        ['牛佛镇', '大山村', NAME, ID_NUMBER, PHONE, 4, '2,672', '低保', '银行卡', BANK_CARD, `${NAME2} ${ADDRESS}`],
        ['牛佛镇', '大山村', NAME2, `${ID_NUMBER.slice(0, 17)}0`, PHONE, 4, '2,672', '低保', '现金', '', ''],
      ]);
      const { job } = await importFile(niufo, `/api/relief/programmes/${programmeId}/screening/import`, file);
      expect(job?.status).toBe('failed');

      // Every other route that takes text: each string field and query parameter set to a sentinel, once per route.
      const routes = await listApiRoutes(t.app);
      let swept = 0;
      const fill = (s: JsonSchema, name: string): unknown => {
        const o = schemaOptions(s)[0] ?? s;
        const type = schemaType(o);
        if (type === 'object')
          return Object.fromEntries(Object.entries(o.properties ?? {}).map(([k, v]) => [k, fill(v, k)] as [string, unknown]));
        if (type === 'array') return [fill(o.items ?? {}, name.replace(/s$/, ''))];
        if (type === 'string' && !o.enum && !o.format && !o.pattern?.startsWith('^[0-9a-f]{8}')) return sentinelFor(name);
        return sampleValue(o, name, { idFor: () => '01900000-0000-7000-8000-000000000000' });
      };
      for (const route of routes) {
        if ((!route.body && !route.query.length) || route.path === '/api/auth/logout') continue;
        const params = Object.fromEntries(route.pathParams.map((p) => [p.name, sentinelFor(p.name)]));
        const query = route.query.map((q) => `${q.name}=${encodeURIComponent(String(fill(q.schema, q.name)))}`).join('&');
        const res = await rights.inject({
          method: route.method,
          url: routeUrl(route, params, query),
          ...(route.body ? { payload: fill(route.body, '(root)') as Record<string, unknown> } : {}),
        });
        expect(res.statusCode, routeName(route)).toBeLessThan(500);
        swept++;
      }
      expect(swept).toBeGreaterThan(100);
    } finally {
      stderr.mockRestore();
    }

    const text = log.join('');
    for (const s of SENTINELS) {
      expect(text.includes(s), `the log contains ${s}`).toBe(false);
      expect(text.includes(encodeURIComponent(s)), `the log contains ${s} URL-encoded`).toBe(false);
    }
    // Still useful: the route pattern with the names of the query parameters, and the request id of each request.
    const lines = log.flatMap((chunk) => chunk.split('\n')).filter(Boolean);
    const parsed = lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as { reqId?: string; req?: { url?: string } }];
      } catch {
        return [];
      }
    });
    expect(parsed.some((l) => l.req?.url === '/api/people?q=*&page=*' && !!l.reqId)).toBe(true);
    expect(parsed.some((l) => l.req?.url === '/api/people/:id')).toBe(true);
    expect(parsed.some((l) => l.req?.url === '/api/no-such/*?phone=*')).toBe(true);
    expect(parsed.filter((l) => l.reqId === refusedId).length).toBeGreaterThanOrEqual(2);
  }, 300_000);
});
