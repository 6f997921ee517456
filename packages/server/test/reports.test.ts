import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_MISSING_TEXT, type SummaryContent, type SummaryOut, type TemplateBody } from '@jinguo/domain';
import { reportSummaryCommand } from '../src/modules/reports/reports.cli.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { createFixtureTable, insertVisit, registerFixtureFacts } from './reports-fixture.js';

const TEMPLATE: TemplateBody = {
  title: '{org}{year}年测试总结',
  preamble: [
    {
      type: 'paragraph',
      text: '全年共接待{fixture.visits}件，其中来访{fixture.visits?channel=visit}件，来信{fixture.visits?channel=letter}件，金额{fixture.amount}元，办结率{fixture.closureRate}，另有{nothere.count}件。',
    },
  ],
  sections: [
    {
      heading: '主要工作',
      blocks: [
        { type: 'table', caption: '数据表', rows: [{ label: '来访', value: '{fixture.visits?channel=visit}件' }] },
        { type: 'chart', caption: '渠道分布', fact: 'fixture.visits.byChannel', chart: 'pie' },
      ],
      sections: [{ heading: '小节', blocks: [{ type: 'prompt', text: '请总结{year}年经验（{fixture.visits}件）。' }] }],
    },
    { heading: '下一步工作', blocks: [{ type: 'narrative', text: '继续做好{nextYear}年工作。' }] },
  ],
};

function paragraphs(content: SummaryContent) {
  return [...content.preamble, ...content.sections.flatMap((s) => [...s.blocks, ...s.sections.flatMap((x) => x.blocks)])].filter(
    (b) => b.type === 'paragraph',
  );
}
const plain = (b: { segments: { t: string; text?: string; figure?: { text: string } }[] }) =>
  b.segments.map((s) => (s.t === 'text' ? s.text : s.figure!.text)).join('');

describe.each(TEST_DATABASES)('reports on %s', (kind) => {
  let t: TestApp;
  let chair: TestSession;
  let statistician: TestSession;
  let niufo: TestSession;
  let finance: TestSession;
  let rights: TestSession;
  let templateId: string;

  beforeAll(async () => {
    t = await buildTestApp(kind, { demo: 'org' });
    await createFixtureTable(t);
    registerFixtureFacts(t);
    [chair, statistician, niufo, finance, rights] = await Promise.all(
      ['chair', 'statistician', 'niufo', 'finance', 'rights'].map((u) => t.login(u)),
    );
  });
  afterAll(() => t?.close());

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const fact = (body: { facts: any[] }, ref: string) => body.facts.find((f) => f.ref === ref)!;

  describe('facts API', () => {
    it('answers 401 without a session, 400 for a bad year, 404 for a unit outside the tree', async () => {
      expect((await t.app.inject({ url: '/api/facts?year=2026' })).statusCode).toBe(401);
      const bad = await chair.inject({ url: '/api/facts?year=19' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].path).toBe('year');
      expect((await chair.inject({ url: '/api/facts?year=2026&org=999999' })).statusCode).toBe(404);
      expect((await chair.inject({ url: '/api/facts?year=2026&f=not%20a%20ref' })).statusCode).toBe(400);
    });

    it('computes each fixture fact for the district against the hand count', async () => {
      const res = await chair.inject({
        url: '/api/facts?year=2026&org=510399&f=fixture.visits&f=fixture.visits?channel=visit&f=fixture.visits?channel=letter&f=fixture.amount&f=fixture.closureRate&f=fixture.visits.byChannel',
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.org).toMatchObject({ name: '示例区妇联', code: '510399' });
      expect(fact(body, 'fixture.visits')).toMatchObject({
        status: 'ok',
        value: 7,
        text: '7',
        unit: '件',
        kind: 'count',
        label: { zh: '来访来信' },
      });
      expect(fact(body, 'fixture.visits?channel=visit')).toMatchObject({ value: 5, params: { channel: 'visit' } });
      expect(fact(body, 'fixture.visits?channel=letter')).toMatchObject({ value: 2 });
      expect(fact(body, 'fixture.amount')).toMatchObject({ value: 260050, text: '2,600.50元' });
      expect(fact(body, 'fixture.closureRate')).toMatchObject({ value: 60, numerator: 3, denominator: 5, text: '60%' });
      expect(fact(body, 'fixture.visits.byChannel').breakdown).toEqual([
        { key: 'letter', label: '来信', value: 2 },
        { key: 'visit', label: '来访', value: 5 },
      ]);
    });

    it('computes a rate over a larger scope from summed numerators and denominators, not by averaging', async () => {
      const get = async (org: string) =>
        fact((await chair.inject({ url: `/api/facts?year=2026&org=${org}&f=fixture.closureRate` })).json(), 'fixture.closureRate');
      expect(await get('510399100')).toMatchObject({ value: 33.33, numerator: 1, denominator: 3, text: '33.33%' });
      expect(await get('510399001')).toMatchObject({ value: 100, numerator: 2, denominator: 2, text: '100%' });
      // (1 + 2) / (3 + 2) = 60%, where the average of 33.33% and 100% would be 66.67%.
      expect(await get('510399')).toMatchObject({ value: 60, numerator: 3, denominator: 5 });
      // Nothing accepted at 大山村: the rate reads "—", never 0% or NaN.
      expect(await get('510399100200')).toMatchObject({ value: null, numerator: 0, denominator: 0, text: '—' });
    });

    it('formats whole yuan without decimals', async () => {
      const body = (await chair.inject({ url: '/api/facts?year=2026&org=510399001&f=fixture.amount' })).json();
      expect(fact(body, 'fixture.amount').text).toBe('200元');
    });

    it('lists every registered fact, with the ones the caller may not read marked and not computed', async () => {
      const all = (await finance.inject({ url: '/api/facts?year=2026' })).json();
      expect(all.org.code).toBe('510399');
      expect(fact(all, 'org.townships')).toMatchObject({ status: 'ok', value: 12 });
      // finance holds no cases.read: the fact is listed as not permitted, without a value.
      expect(fact(all, 'fixture.visits')).toMatchObject({ status: 'forbidden', value: null });
      const names = all.facts.map((f: { name: string }) => f.name);
      expect(names).toContain('fixture.closureRate');
    });

    it('gives the org facts the counts of the demo tree', async () => {
      const body = (
        await chair.inject({
          url: '/api/facts?year=2026&f=org.townships&f=org.streets&f=org.departments&f=org.villages&f=org.communities&f=org.agencies&f=org.schools&f=org.units.byKind',
        })
      ).json();
      expect([12, 4, 45, 24, 8, 8, 4]).toEqual(
        ['org.townships', 'org.streets', 'org.departments', 'org.villages', 'org.communities', 'org.agencies', 'org.schools'].map(
          (n) => fact(body, n).value,
        ),
      );
      const byKind = fact(body, 'org.units.byKind') as unknown as { value: number; breakdown: { key: string; value: number }[] };
      expect(byKind.value).toBe(12 + 4 + 45 + 24 + 8 + 8 + 4);
      expect(byKind.breakdown.find((b) => b.key === 'township')?.value).toBe(12);
      const niufoOrg = (await niufo.inject({ url: '/api/facts?year=2026&f=org.villages&f=org.townships' })).json();
      expect(fact(niufoOrg, 'org.villages').value).toBe(2);
    });

    it('keeps a township chair to her township: niufo sees only 牛佛镇 figures, and the district is out of reach', async () => {
      const own = (await niufo.inject({ url: '/api/facts?year=2026&f=fixture.visits&f=fixture.closureRate' })).json();
      expect(own.org.name).toBe('牛佛镇');
      expect(fact(own, 'fixture.visits').value).toBe(4);
      expect(fact(own, 'fixture.closureRate').text).toBe('33.33%');
      expect((await niufo.inject({ url: '/api/facts?year=2026&org=510399' })).statusCode).toBe(404);
      expect((await niufo.inject({ url: '/api/facts?year=2026&org=510399001' })).statusCode).toBe(404);
      expect((await niufo.inject({ url: '/api/facts/fixture.visits/records?year=2026&org=510399001' })).statusCode).toBe(404);
    });

    it('refuses a caller without reports.read', async () => {
      const police = await t.login('police');
      expect((await police.inject({ url: '/api/facts?year=2026' })).statusCode).toBe(403);
    });
  });

  describe('drill-down', () => {
    it('answers 401, 400, 404, and 403 for a fact the caller may not read', async () => {
      expect((await t.app.inject({ url: '/api/facts/fixture.visits/records?year=2026' })).statusCode).toBe(401);
      expect((await chair.inject({ url: '/api/facts/fixture.visits/records?year=2026&month=13' })).statusCode).toBe(400);
      expect((await chair.inject({ url: '/api/facts/no.such/records?year=2026' })).statusCode).toBe(404);
      expect((await finance.inject({ url: '/api/facts/fixture.visits/records?year=2026' })).statusCode).toBe(403);
    });

    it('lists exactly the rows counted: totals equal each fact, with parameters, months and pages', async () => {
      const cases: [string, number][] = [
        ['/api/facts/fixture.visits/records?year=2026', 7],
        ['/api/facts/fixture.visits/records?year=2026&channel=visit', 5],
        ['/api/facts/fixture.visits/records?year=2026&org=510399100', 4],
        ['/api/facts/fixture.visits/records?year=2026&month=3', 3],
        ['/api/facts/fixture.visits/records?year=2025', 1],
        ['/api/facts/org.townships/records?year=2026', 12],
      ];
      for (const [url, n] of cases) {
        const body = (await chair.inject({ url })).json();
        expect(body.total, url).toBe(n);
        expect(body.fact.value, url).toBe(n);
        expect(body.rows.length, url).toBe(Math.min(n, 50));
      }
      const page2 = (await chair.inject({ url: '/api/facts/fixture.visits/records?year=2026&page=2&pageSize=5' })).json();
      expect(page2.rows).toHaveLength(2);
      expect(page2.columns.map((c: { label: string }) => c.label)).toEqual(['日期', '渠道']);
      // A rate's records are its denominator's rows.
      const rateRows = (await chair.inject({ url: '/api/facts/fixture.closureRate/records?year=2026' })).json();
      expect(rateRows.total).toBe(rateRows.fact.denominator);
    });

    it('audits each read of records', async () => {
      await chair.inject({ url: '/api/facts/fixture.visits/records?year=2026&channel=letter' });
      const rows = await t.handle.db
        .selectFrom('auditLog')
        .select(['action', 'entityId', 'actorName'])
        .where('action', '=', 'read.records')
        .where('entityId', '=', 'fixture.visits?channel=letter')
        .execute();
      expect(rows.at(-1)).toMatchObject({ actorName: 'chair' });
    });
  });

  describe('dashboard', () => {
    it('gives headlines with the previous year, a monthly trend and a split by township and street', async () => {
      const res = await chair.inject({ url: '/api/reports/dashboard?year=2026&fact=fixture.visits' });
      expect(res.statusCode).toBe(200);
      const d = res.json();
      const h = d.headlines.find((x: { name: string }) => x.name === 'fixture.visits');
      expect(h).toMatchObject({ value: 7, previous: 1, change: 6 });
      expect(d.focus.months.map((m: { value: number }) => m.value)).toEqual([1, 0, 3, 0, 0, 1, 1, 0, 0, 0, 0, 1]);
      expect(d.focus.months[4].previous).toBe(1);
      expect(d.focus.units).toHaveLength(17);
      expect(d.focus.units.find((u: { org: { name: string } }) => u.org.name === '牛佛镇').value).toBe(4);
      expect(d.focus.units.find((u: { org: { name: string } }) => u.org.name === '东城街道').value).toBe(2);
      // The district's own record (v7) is in no township: it is the first bar, 示例区妇联本级, so the bars add up to 7.
      expect(d.focus.units[0]).toMatchObject({ org: { name: '示例区妇联本级' }, value: 1, text: '1', own: true });
      expect(d.focus.units.reduce((a: number, u: { value: number }) => a + u.value, 0)).toBe(7);
      // A rate does not add up: no 本级 bar.
      const rate = (await chair.inject({ url: '/api/reports/dashboard?year=2026&fact=fixture.closureRate' })).json();
      expect(rate.focus.units.filter((u: { own?: boolean }) => u.own)).toEqual([]);
      expect(rate.focus.units).toHaveLength(16);
    });

    it('answers 400 for a malformed figure and 404 for an unknown one', async () => {
      expect((await chair.inject({ url: '/api/reports/dashboard?year=2026&fact=%3F%3F' })).statusCode).toBe(400);
      expect((await chair.inject({ url: '/api/reports/dashboard?year=2026&fact=no.such' })).statusCode).toBe(404);
    });
  });

  describe('templates', () => {
    it('offers the built-in template in the reference structure', async () => {
      const list = (await chair.inject({ url: '/api/reports/templates' })).json();
      const builtin = list.find((x: { id: string }) => x.id === 'builtin');
      expect(builtin.body.sections.map((s: { heading: string }) => s.heading)).toEqual([
        '{year}年的主要工作',
        '基本经验',
        '存在问题及原因',
        '下一步工作思路和打算',
      ]);
      expect(builtin.body.sections[1].blocks[0].type).toBe('prompt');
    });

    it('saves a template (400 on a bad body, 403 without reports.write) and edits it', async () => {
      expect(
        (await rights.inject({ method: 'POST', url: '/api/reports/templates', payload: { name: 'x', body: TEMPLATE } })).statusCode,
      ).toBe(403);
      const bad = await statistician.inject({
        method: 'POST',
        url: '/api/reports/templates',
        payload: { name: 'x', body: { ...TEMPLATE, sections: [] } },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].path).toContain('sections');
      const copy = await statistician.inject({ method: 'POST', url: '/api/reports/templates', payload: { name: '内置副本' } });
      expect(copy.statusCode).toBe(201);
      expect(copy.json().body.sections[0].source).toBeUndefined();
      const created = await statistician.inject({
        method: 'POST',
        url: '/api/reports/templates',
        payload: { name: '测试模板', body: TEMPLATE },
      });
      expect(created.statusCode).toBe(201);
      templateId = created.json().id;
      const renamed = await statistician.inject({
        method: 'PATCH',
        url: `/api/reports/templates/${templateId}`,
        payload: { name: '测试模板（改）' },
      });
      expect(renamed.json().name).toBe('测试模板（改）');
      expect(
        (await statistician.inject({ method: 'PATCH', url: '/api/reports/templates/builtin', payload: { name: 'x' } })).statusCode,
      ).toBe(400);
      expect((await niufo.inject({ url: `/api/reports/templates/${templateId}` })).statusCode).toBe(200);
      expect((await niufo.inject({ method: 'DELETE', url: `/api/reports/templates/${templateId}` })).statusCode).toBe(403);
      const del = await statistician.inject({ method: 'DELETE', url: `/api/reports/templates/${copy.json().id}` });
      expect(del.statusCode).toBe(200);
      expect((await statistician.inject({ url: `/api/reports/templates/${copy.json().id}` })).statusCode).toBe(404);
    });
  });

  describe('summary', () => {
    let summary: SummaryOut;

    it('generates a draft with every placeholder filled and each figure linked to its fact', async () => {
      expect((await t.app.inject({ method: 'POST', url: '/api/reports/summaries/generate', payload: { year: 2026 } })).statusCode).toBe(
        401,
      );
      expect(
        (await statistician.inject({ method: 'POST', url: '/api/reports/summaries/generate', payload: { year: 'x' } })).statusCode,
      ).toBe(400);
      expect(
        (await rights.inject({ method: 'POST', url: '/api/reports/summaries/generate', payload: { year: 2026, templateId } })).statusCode,
      ).toBe(403);
      expect(
        (
          await statistician.inject({
            method: 'POST',
            url: '/api/reports/summaries/generate',
            payload: { year: 2026, templateId: '0190a6f0-0000-7000-8000-000000000000' },
          })
        ).statusCode,
      ).toBe(404);
      const res = await statistician.inject({
        method: 'POST',
        url: '/api/reports/summaries/generate',
        payload: { year: 2026, org: '510399', templateId },
      });
      expect(res.statusCode).toBe(200);
      summary = res.json();
      expect(summary).toMatchObject({ status: 'draft', version: 1, year: 2026, org: { code: '510399' }, can: { write: true } });
      const c = summary.content;
      expect(c.title).toBe('示例区妇联2026年测试总结');
      const [intro] = paragraphs(c);
      // The missing fact reads as not recorded (its dangling 件 dropped), never a number; money carries its own 元.
      expect(plain(intro as never)).toBe(`全年共接待7件，其中来访5件，来信2件，金额2,600.50元，办结率60%，另有${REPORT_MISSING_TEXT}。`);
      const figs = intro.type === 'paragraph' ? intro.segments.filter((s) => s.t === 'fig') : [];
      expect(figs.map((s) => (s.t === 'fig' ? [s.figure.fact, s.figure.params, s.figure.value, s.figure.status] : null))).toEqual([
        ['fixture.visits', {}, 7, 'ok'],
        ['fixture.visits', { channel: 'visit' }, 5, 'ok'],
        ['fixture.visits', { channel: 'letter' }, 2, 'ok'],
        ['fixture.amount', {}, 260050, 'ok'],
        ['fixture.closureRate', {}, 60, 'ok'],
        ['nothere.count', {}, null, 'missing'],
      ]);
      expect(c.sections.map((s) => s.heading)).toEqual(['一、主要工作', '二、下一步工作']);
      expect(c.sections[0].sections[0].heading).toBe('（一）小节');
      const table = c.sections[0].blocks[0];
      expect(table.type === 'table' && plain(table.rows[0] as never)).toBe('5件');
      const chart = c.sections[0].blocks[1];
      expect(chart.type === 'chart' && chart.breakdown.map((b) => b.value)).toEqual([2, 5]);
      const prompt = c.sections[0].sections[0].blocks[0];
      expect(prompt.type === 'paragraph' && prompt.role).toBe('prompt');
      expect(plain(c.sections[1].blocks[0] as never)).toBe('继续做好2027年工作。');
      expect(c.signature).toEqual({ organ: '示例区妇联', date: '2026年11月29日' });
    });

    it('answers two simultaneous first generations without a 500 (one may be told to refresh)', async () => {
      const both = await Promise.all(
        [1, 2].map(() =>
          statistician.inject({
            method: 'POST',
            url: '/api/reports/summaries/generate',
            payload: { year: 2024, org: '510399001', templateId },
          }),
        ),
      );
      const codes = both.map((r) => r.statusCode).sort();
      expect(codes[0]).toBe(200);
      expect([200, 409]).toContain(codes[1]);
      const list = (await statistician.inject({ url: '/api/reports/summaries?year=2024' })).json();
      expect(list).toHaveLength(1);
    });

    it('lets readers view it and keeps it from other scopes', async () => {
      expect((await rights.inject({ url: `/api/reports/summaries/${summary.id}` })).json().can.write).toBe(false);
      expect((await niufo.inject({ url: `/api/reports/summaries/${summary.id}` })).statusCode).toBe(404);
      expect((await niufo.inject({ url: '/api/reports/summaries?year=2026' })).json()).toEqual([]);
      const list = (await chair.inject({ url: '/api/reports/summaries?year=2026' })).json();
      expect(list.map((s: { id: string }) => s.id)).toEqual([summary.id]);
      expect((await chair.inject({ url: '/api/reports/summaries?year=2026&status=frozen' })).json()).toEqual([]);
      expect((await chair.inject({ url: '/api/reports/summaries?status=nope' })).statusCode).toBe(400);
    });

    it('edits a paragraph keeping its figures linked, refusing invented figures and stale versions', async () => {
      const intro = paragraphs(summary.content)[0];
      const url = `/api/reports/summaries/${summary.id}/paragraph`;
      expect((await rights.inject({ method: 'PATCH', url, payload: { blockId: intro.id, version: 1, segments: [] } })).statusCode).toBe(
        403,
      );
      const invented = await statistician.inject({
        method: 'PATCH',
        url,
        payload: { blockId: intro.id, version: 1, segments: [{ t: 'fig', index: 9 }] },
      });
      expect(invented.statusCode).toBe(400);
      expect(invented.json().fields[0].path).toBe('segments');
      expect((await statistician.inject({ method: 'PATCH', url, payload: { blockId: 'nope', version: 1, segments: [] } })).statusCode).toBe(
        400,
      );
      const res = await statistician.inject({
        method: 'PATCH',
        url,
        payload: {
          blockId: intro.id,
          version: 1,
          segments: [
            { t: 'text', text: '今年共接待群众来信来访' },
            { t: 'fig', index: 0 },
            { t: 'text', text: '件，办结率' },
            { t: 'fig', index: 4 },
            { t: 'text', text: '。' },
          ],
        },
      });
      expect(res.statusCode).toBe(200);
      summary = res.json();
      expect(summary).toMatchObject({ status: 'edited', version: 2 });
      const edited = paragraphs(summary.content)[0];
      expect(plain(edited as never)).toBe('今年共接待群众来信来访7件，办结率60%。');
      expect(
        edited.type === 'paragraph' && edited.segments.filter((s) => s.t === 'fig').map((s) => s.t === 'fig' && s.figure.fact),
      ).toEqual(['fixture.visits', 'fixture.closureRate']);
      expect(
        (await statistician.inject({ method: 'PATCH', url, payload: { blockId: intro.id, version: 1, segments: [] } })).statusCode,
      ).toBe(409);
      // Regenerating would throw the edit away: it has to be asked for.
      expect(
        (await statistician.inject({ method: 'POST', url: '/api/reports/summaries/generate', payload: { year: 2026, templateId } }))
          .statusCode,
      ).toBe(409);
    });

    it('freezes: the document keeps its figures when records change, and the page lists what moved', async () => {
      expect(
        (await statistician.inject({ method: 'POST', url: `/api/reports/summaries/${summary.id}/freeze`, payload: { version: 1 } }))
          .statusCode,
      ).toBe(409);
      // The 小节's 待撰写 prompt is still there: freezing is refused, naming the section and the paragraph.
      const prompt = summary.content.sections[0].sections[0].blocks[0];
      const refused = await statistician.inject({
        method: 'POST',
        url: `/api/reports/summaries/${summary.id}/freeze`,
        payload: { version: 2 },
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toBe('尚有1段待撰写内容（（一）小节），请撰写后再定稿');
      expect(refused.json().fields).toEqual([{ path: `blocks.${prompt.id}`, message: '（一）小节：待撰写' }]);
      expect((await statistician.inject({ url: `/api/reports/summaries/${summary.id}` })).json()).toMatchObject({
        status: 'edited',
        version: 2,
      });
      const written = await statistician.inject({
        method: 'PATCH',
        url: `/api/reports/summaries/${summary.id}/paragraph`,
        payload: { blockId: prompt.id, version: 2, segments: [{ t: 'text', text: '全年工作有三点经验。' }] },
      });
      expect(written.statusCode).toBe(200);
      const res = await statistician.inject({
        method: 'POST',
        url: `/api/reports/summaries/${summary.id}/freeze`,
        payload: { version: 3 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'frozen', version: 4, can: { write: false } });
      expect((await statistician.inject({ url: `/api/reports/summaries/${summary.id}/moved` })).json()).toEqual([]);

      const added = await insertVisit(t, '510399100', '2026-09-09', 'letter', 0, 1, 1);
      const after = (await chair.inject({ url: `/api/reports/summaries/${summary.id}` })).json();
      expect(plain(paragraphs(after.content)[0] as never)).toBe('今年共接待群众来信来访7件，办结率60%。');
      const moved = (await chair.inject({ url: `/api/reports/summaries/${summary.id}/moved` })).json();
      const byRef = Object.fromEntries(
        moved.map((m: { figure: { fact: string; params: Record<string, string> }; currentText: string }) => [
          m.figure.fact + JSON.stringify(m.figure.params),
          m.currentText,
        ]),
      );
      expect(byRef['fixture.visits{}']).toBe('8');
      expect(byRef['fixture.closureRate{}']).toBe('66.67%');
      expect(byRef['fixture.visits{"channel":"letter"}']).toBeUndefined(); // edited out of the paragraph
      expect(byRef['fixture.visits{"channel":"visit"}']).toBeUndefined(); // still 5 in the table: did not move

      expect(
        (
          await statistician.inject({
            method: 'PATCH',
            url: `/api/reports/summaries/${summary.id}/paragraph`,
            payload: { blockId: paragraphs(after.content)[0].id, version: 4, segments: [] },
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (
          await statistician.inject({
            method: 'POST',
            url: '/api/reports/summaries/generate',
            payload: { year: 2026, templateId, overwrite: true },
          })
        ).statusCode,
      ).toBe(409);
      await sql`DELETE FROM fixture_visits WHERE id = ${added}`.execute(t.handle.db);
    });

    it('keeps every version: list, view one, export one', async () => {
      const versions = (await chair.inject({ url: `/api/reports/summaries/${summary.id}/versions` })).json();
      expect(versions.map((v: { version: number; action: string; status: string }) => [v.version, v.action, v.status])).toEqual([
        [4, 'freeze', 'frozen'],
        [3, 'edit', 'edited'],
        [2, 'edit', 'edited'],
        [1, 'generate', 'draft'],
      ]);
      expect(versions[0].createdBy).toBe('杨雪（统计员）');
      const v1 = (await chair.inject({ url: `/api/reports/summaries/${summary.id}/versions/1` })).json();
      expect(plain(paragraphs(v1.content)[0] as never)).toContain('全年共接待7件');
      expect((await chair.inject({ url: `/api/reports/summaries/${summary.id}/versions/9` })).statusCode).toBe(404);
      const md = await chair.inject({ url: `/api/reports/summaries/${summary.id}/export?format=md&version=1` });
      expect(md.body).toContain('全年共接待7件');
      // Every change is in the audit trail.
      const audit = await t.handle.db.selectFrom('auditLog').select('action').where('entityId', '=', summary.id).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['report.generate', 'report.edit', 'report.edit', 'report.freeze', 'export']);
    });

    it('refreshes figures of a draft in place, keeping the edited text', async () => {
      const res = await statistician.inject({
        method: 'POST',
        url: '/api/reports/summaries/generate',
        payload: { year: 2026, org: '510399100', templateId },
      });
      const s: SummaryOut = res.json();
      expect(plain(paragraphs(s.content)[0] as never)).toContain('全年共接待4件');
      const id = await insertVisit(t, '510399100', '2026-10-10', 'visit', 0, 1, 1);
      const refreshed = (
        await statistician.inject({ method: 'POST', url: `/api/reports/summaries/${s.id}/refresh`, payload: { version: 1 } })
      ).json();
      expect(refreshed.version).toBe(2);
      expect(plain(paragraphs(refreshed.content)[0] as never)).toContain('全年共接待5件，其中来访4件');
      expect(plain(paragraphs(refreshed.content)[0] as never)).toContain('办结率50%');
      await sql`DELETE FROM fixture_visits WHERE id = ${id}`.execute(t.handle.db);
    });

    it('exports a .docx in 公文 layout: A4, margins, fonts, fixed 28.95 pt lines, page numbers "— 1 —"', async () => {
      expect((await chair.inject({ url: `/api/reports/summaries/${summary.id}/export?format=pdf` })).statusCode).toBe(400);
      const res = await chair.inject({ url: `/api/reports/summaries/${summary.id}/export?format=docx` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('wordprocessingml');
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('示例区妇联2026年工作总结.docx'));
      const zip = await JSZip.loadAsync(res.rawPayload);
      const doc = await zip.file('word/document.xml')!.async('string');
      expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      // 37, 35, 28 and 26 mm in twips.
      expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
      expect(doc).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-\d+"/);
      expect(doc).toContain('w:line="579" w:lineRule="exact"');
      expect(doc).toContain('w:eastAsia="方正小标宋简体"');
      expect(doc).toMatch(/w:eastAsia="方正小标宋简体"[\s\S]*?<w:sz w:val="44"\/>[\s\S]*?示例区妇联2026年测试总结/);
      expect(doc).toMatch(/w:eastAsia="黑体"[\s\S]*?一、主要工作/);
      expect(doc).toMatch(/w:eastAsia="楷体_GB2312"[\s\S]*?（一）小节/);
      expect(doc).toMatch(/w:eastAsia="仿宋_GB2312"[\s\S]*?<w:sz w:val="32"\/>[\s\S]*?今年共接待群众来信来访7件/);
      expect(doc).toContain('<w:ind w:firstLine="640"/>');
      expect(doc).toMatch(/<w:jc w:val="center"\/>/);
      expect(doc).toContain('2026年11月29日');
      const footers = await Promise.all(
        Object.keys(zip.files)
          .filter((f) => /^word\/footer\d+\.xml$/.test(f))
          .map((f) => zip.file(f)!.async('string')),
      );
      expect(footers).toHaveLength(2);
      for (const f of footers) {
        expect(f).toMatch(/— <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*<w:t xml:space="preserve"> —/);
        expect(f).toContain('w:eastAsia="宋体"');
        expect(f).toContain('<w:sz w:val="28"/>');
      }
      const settings = await zip.file('word/settings.xml')!.async('string');
      expect(settings).toContain('<w:evenAndOddHeaders/>');
    });

    it('exports Markdown and a print view', async () => {
      const md = (await chair.inject({ url: `/api/reports/summaries/${summary.id}/export?format=md` })).body;
      expect(md).toMatch(/^# 示例区妇联2026年测试总结\n/);
      expect(md).toContain('## 一、主要工作');
      expect(md).toContain('### （一）小节');
      expect(md).toContain('| 来访 | 5件 |');
      const html = await chair.inject({ url: `/api/reports/summaries/${summary.id}/export?format=html` });
      expect(html.headers['content-type']).toContain('text/html');
      expect(html.body).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm;');
      expect(html.body).toContain('<h2>一、主要工作</h2>');
    });

    it('writes a .docx from the CLI for the top federation by default, and Markdown to a file', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-report-'));
      const rt = { db: t.handle.db, dialect: t.dialect, cipher: t.cipher, clock: t.clock, deps: t.app.jinguo.deps };
      const out = path.join(dir, 'summary.docx');
      expect(await reportSummaryCommand.run(['--year', '2026', '--format', 'docx', '--out', out], rt)).toBe(0);
      const zip = await JSZip.loadAsync(fs.readFileSync(out));
      // The saved (frozen) district summary is what the CLI exports.
      expect(await zip.file('word/document.xml')!.async('string')).toContain('今年共接待群众来信来访7件');
      const md = path.join(dir, 'fresh.md');
      expect(await reportSummaryCommand.run(['--year', '2025', '--org', '510399100', '--format', 'md', '--out', md], rt)).toBe(0);
      const text = fs.readFileSync(md, 'utf8');
      expect(text).toContain('# 牛佛镇2025年工作总结');
      expect(text).toContain('## 一、2025年的主要工作');
      expect(text).toContain('## 四、下一步工作思路和打算');
      expect(await reportSummaryCommand.run(['--year', 'x'], rt)).toBe(2);
      expect(await reportSummaryCommand.run(['--year', '2026', '--org', '000000'], rt)).toBe(2);
      fs.rmSync(dir, { recursive: true, force: true });
    });
  });
});
