import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedActivitiesDemo } from '../src/modules/activities/activities.demo.js';
import { readFile } from '../src/platform/files.js';
import { buildTestApp, TEST_DATABASES, type TestApp, type TestSession } from './build-test-app.js';
import { computeFact, demoContext, factRecords } from './demo-context.js';
import { importFile, multipart, readXlsx, xlsx } from './excel-upload.js';

const ROSTER_HEADERS = ['类型', '姓名或单位名称', '性别', '所在单位', '人员类别', '联系电话'];
// Photos are stored under the data directory: a temporary one for this file's app.
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'jinguo-activities-test-'));
process.env.JINGUO_DATA_DIR = DATA_DIR;
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2b5d6e20000000049454e44ae426082',
  'hex',
);

/** True when a JPEG's EXIF block points to a GPS directory (tag 0x8825, either byte order). */
function hasGpsIfd(jpeg: Buffer): boolean {
  const at = jpeg.indexOf('Exif\0\0');
  if (at < 0) return false;
  const exif = jpeg.subarray(at + 6, at + 6 + jpeg.readUInt16BE(at - 2));
  return exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));
}

describe.each(TEST_DATABASES)('activities: events, rosters, training, publicity on %s', (kind) => {
  let t: TestApp;
  let programme: TestSession;
  let niufo: TestSession;
  let dongcheng: TestSession;
  const ids: Record<string, string> = {};

  const unitId = async (name: string) =>
    (await t.handle.db.selectFrom('orgUnits').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const event = (over: Record<string, unknown> = {}) => ({
    type: 'childrens_day',
    title: '六一慰问',
    startDate: '2026-06-01',
    ownerOrgId: ids.niufo,
    participantCount: 40,
    unitsVisited: 2,
    goodDeeds: 1,
    performances: 1,
    resources: [
      { category: 'gift', item: '书包', quantity: 30, valueFen: 60000 },
      { category: 'book', item: '绘本', quantity: 20, valueFen: 24050 },
      { category: 'cash', item: '慰问金', quantity: 1, valueFen: 100000 },
    ],
    ...over,
  });

  beforeAll(async () => {
    t = await buildTestApp(kind);
    programme = await t.login('programme');
    niufo = await t.login('niufo');
    dongcheng = await t.login('dongcheng');
    ids.root = (await t.handle.db.selectFrom('orgUnits').select('id').where('parentId', 'is', null).executeTakeFirstOrThrow()).id;
    ids.niufo = await unitId('牛佛镇');
    ids.dongcheng = await unitId('东城街道');
    ids.education = await unitId('区教育局');
  });
  afterAll(() => t.close());

  describe('events', () => {
    it('POST /api/activities/events: 401, 400, 403, then 201 with resource lines and totals', async () => {
      expect((await t.app.inject({ method: 'POST', url: '/api/activities/events', payload: event() })).statusCode).toBe(401);
      const bad = await niufo.inject({
        method: 'POST',
        url: '/api/activities/events',
        payload: event({ title: ' ', resources: [{ category: 'gift', item: '书包', quantity: -1, valueFen: 1 }] }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['title', 'resources.0.quantity']));
      const finance = await t.login('finance');
      expect((await finance.inject({ method: 'POST', url: '/api/activities/events', payload: event() })).statusCode).toBe(403);
      const res = await niufo.inject({ method: 'POST', url: '/api/activities/events', payload: event() });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      ids.event = body.id;
      expect(body).toMatchObject({
        ownerOrgName: '牛佛镇',
        participantMode: 'count',
        participantCount: 40,
        resourceQuantity: 51,
        resourceValueFen: 184050,
        canEdit: true,
      });
      expect(body.resources.map((r: { item: string }) => r.item)).toEqual(['书包', '绘本', '慰问金']);
      const audit = await t.handle.db.selectFrom('auditLog').select(['action', 'entityId']).where('entityId', '=', body.id).execute();
      expect(audit).toEqual([{ action: 'create', entityId: body.id }]);
    });

    it('refuses figures that do not agree, naming the field', async () => {
      const groups = await niufo.inject({
        method: 'POST',
        url: '/api/activities/events',
        payload: event({ participantCount: 320, groupCounts: { cadres: 80, village_doctors: 60, women: 170 } }),
      });
      expect(groups.statusCode).toBe(400);
      expect(groups.json().fields).toEqual([{ path: 'groupCounts', message: '各类人数之和（310）与参加人数（320）不一致' }]);
      const dates = await niufo.inject({
        method: 'POST',
        url: '/api/activities/events',
        payload: event({ startDate: '2026-06-02', endDate: '2026-06-01' }),
      });
      expect(dates.json().fields[0]).toEqual({ path: 'endDate', message: '结束日期不能早于开始日期' });
      const badDate = await niufo.inject({ method: 'POST', url: '/api/activities/events', payload: event({ startDate: '2026-02-30' }) });
      expect(badDate.statusCode).toBe(400);
      // A township chair cannot record an event for another township.
      const other = await niufo.inject({ method: 'POST', url: '/api/activities/events', payload: event({ ownerOrgId: ids.dongcheng }) });
      expect(other.statusCode).toBe(400);
      expect(other.json().fields).toEqual([{ path: 'ownerOrgId', message: '主办单位不存在或不在您的工作范围内' }]);
    });

    it('keeps each unit to its own events: lists, totals and 404 outside the scope', async () => {
      const d = await dongcheng.inject({
        method: 'POST',
        url: '/api/activities/events',
        payload: event({
          ownerOrgId: ids.dongcheng,
          participantCount: 25,
          resources: [{ category: 'gift', item: '文具', quantity: 10, valueFen: 5000 }],
        }),
      });
      expect(d.statusCode).toBe(201);
      ids.dongchengEvent = d.json().id;
      expect((await dongcheng.inject({ url: `/api/activities/events/${ids.event}` })).statusCode).toBe(404);
      expect((await dongcheng.inject({ method: 'PUT', url: `/api/activities/events/${ids.event}`, payload: event() })).statusCode).toBe(
        404,
      );
      expect((await niufo.inject({ url: '/api/activities/events/not-an-id' })).statusCode).toBe(400);
      const niufoList = (await niufo.inject({ url: '/api/activities/events?type=childrens_day' })).json();
      expect(niufoList.items.map((e: { id: string }) => e.id)).toEqual([ids.event]);
      const all = (await programme.inject({ url: '/api/activities/events?type=childrens_day' })).json();
      expect(all.total).toBe(2);
      // A search for a wildcard character means that character (no title has one), on both databases.
      expect((await programme.inject({ url: `/api/activities/events?q=${encodeURIComponent('%')}` })).json().total).toBe(0);
      expect((await programme.inject({ url: `/api/activities/events?q=${encodeURIComponent('六一_')}` })).json().total).toBe(0);
      expect((await programme.inject({ url: `/api/activities/events?q=${encodeURIComponent('六一')}` })).json().total).toBe(2);
      const totals = (await programme.inject({ url: '/api/activities/events/totals?type=childrens_day' })).json();
      expect(totals).toMatchObject({ events: 2, participants: 65, unitsVisited: 4, goodDeeds: 2, performances: 2, organisers: 2 });
      expect(totals.resources).toEqual(
        expect.arrayContaining([
          { category: 'gift', quantity: 40, valueFen: 65000 },
          { category: 'book', quantity: 20, valueFen: 24050 },
        ]),
      );
    });

    it('imports a roster from Excel: the participant count becomes the roster size, errors name row and column', async () => {
      const url = `/api/activities/events/${ids.event}/participants/import`;
      const badFile = await xlsx(ROSTER_HEADERS, [
        ['个人', '张秀英', '女', '牛佛镇中心学校', '家长', '13800138000'],
        ['团体', '', '女', '', '老师', '电话abc'],
      ]);
      const bad = await importFile(niufo, url, badFile);
      expect(bad.job!.status).toBe('failed');
      expect(bad.job!.result.errors!.map((e) => e.text)).toEqual([
        '第3行「类型」：应为以下之一：个人、单位',
        '第3行「姓名或单位名称」：不能为空',
        '第3行「人员类别」：应为以下之一：妇联干部、乡村医生、妇女群众、儿童、家长、女企业家、其他',
        '第3行「联系电话」：不是有效的电话号码',
      ]);
      expect((await niufo.inject({ url: `/api/activities/events/${ids.event}` })).json().rosterCount).toBe(0);

      const good = await xlsx(ROSTER_HEADERS, [
        ['个人', '张秀英', '女', '牛佛镇中心学校', '家长', '13800138000'],
        ['', '李桂兰', '女', '', '妇女群众', ''],
        ['单位', '牛佛镇中心学校', '', '', '', ''],
      ]);
      const ok = await importFile(niufo, url, good, '名单.xlsx');
      expect(ok.job!.status).toBe('succeeded');
      expect(ok.job!.result).toMatchObject({ rows: 3, created: 3 });
      const e = (await niufo.inject({ url: `/api/activities/events/${ids.event}` })).json();
      expect(e).toMatchObject({ participantMode: 'roster', participantCount: 3, rosterCount: 3, groupCounts: { parents: 1, women: 1 } });
      // The same file again: nothing new, and the job says so.
      const again = await importFile(niufo, url, good, '名单.xlsx');
      expect(again.job!.result).toMatchObject({ duplicate: true, created: 0 });
      expect((await niufo.inject({ url: `/api/activities/events/${ids.event}` })).json().participantCount).toBe(3);
      // Someone outside the event's scope cannot import into it.
      expect((await dongcheng.inject({ method: 'POST', url, ...multipart(good) })).statusCode).toBe(404);
      expect((await niufo.inject({ method: 'POST', url, payload: {} })).statusCode).toBe(400);
      // The list shows masked phones only.
      const list = (await niufo.inject({ url: `/api/activities/events/${ids.event}/participants` })).json();
      expect(list.total).toBe(3);
      expect(list.items.find((p: { name: string }) => p.name === '张秀英').phoneMasked).toBe('138****8000');
      // Back to a typed count is refused while a roster exists.
      const back = await niufo.inject({
        method: 'PUT',
        url: `/api/activities/events/${ids.event}`,
        payload: event({ participantMode: 'count' }),
      });
      expect(back.statusCode).toBe(400);
      expect(back.json().fields[0].path).toBe('participantMode');
    });

    it('exports the roster masked, and in full only for a role that may reveal (audited either way)', async () => {
      const masked = await programme.inject({ url: `/api/activities/events/${ids.event}/participants/export` });
      expect(masked.statusCode).toBe(200);
      expect(masked.headers['content-type']).toContain('spreadsheetml');
      const rows = await readXlsx(masked);
      expect(rows[0]).toEqual(['类型', '姓名或单位名称', '性别', '所在单位', '人员类别', '联系电话']);
      expect(rows.find((r) => r[1] === '张秀英')).toEqual(['个人', '张秀英', '女', '牛佛镇中心学校', '家长', '138****8000']);
      const chair = await t.login('chair'); // holds people.reveal
      const full = await readXlsx(await chair.inject({ url: `/api/activities/events/${ids.event}/participants/export` }));
      expect(full.find((r) => r[1] === '张秀英')![5]).toBe('13800138000');
      const audits = await t.handle.db.selectFrom('auditLog').select(['actorName', 'detail']).where('action', '=', 'export').execute();
      expect(audits.map((a) => [a.actorName, JSON.parse(a.detail!).revealed, JSON.parse(a.detail!).rows])).toEqual([
        ['programme', false, 3],
        ['chair', true, 3],
      ]);
    });

    it('keeps photos: JPG/PNG/WebP only (checked by content), served to the scope, deleted with audit', async () => {
      const url = `/api/activities/events/${ids.event}/photos`;
      const fake = await niufo.inject({ method: 'POST', url, ...multipart(Buffer.from('not an image'), 'a.png', 'file', 'image/png') });
      expect(fake.statusCode).toBe(400);
      expect(fake.json().fields[0]).toEqual({ path: 'file', message: '请上传 JPG、PNG 或 WebP 格式的照片' });
      expect((await dongcheng.inject({ method: 'POST', url, ...multipart(PNG, 'a.png', 'file', 'image/png') })).statusCode).toBe(404);
      const ok = await niufo.inject({
        method: 'POST',
        url: `${url}?caption=${encodeURIComponent('慰问现场')}`,
        ...multipart(PNG, '现场.png', 'file', 'image/png'),
      });
      expect(ok.statusCode).toBe(200);
      const photo = ok.json().photos[0];
      const got = await programme.inject({ url: `${url}/${photo.id}` });
      expect(got.headers['content-type']).toBe('image/png');
      // Re-encoded on upload (metadata stripped): the same 1×1 PNG, not the same bytes; the size is what is stored.
      expect(photo).toMatchObject({ caption: '慰问现场', size: got.rawPayload.length });
      expect(await sharp(got.rawPayload).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
      expect((await dongcheng.inject({ url: `${url}/${photo.id}` })).statusCode).toBe(404);
      const eventFiles = () =>
        t.handle.db.selectFrom('storedFiles').select('ownerId').where('ownerKind', '=', 'activity_event_photo').execute();
      expect(await eventFiles()).toEqual([{ ownerId: photo.id }]);
      await niufo.inject({ method: 'DELETE', url: `${url}/${photo.id}` });
      expect(await eventFiles()).toEqual([]);
      const actions = await t.handle.db
        .selectFrom('auditLog')
        .select('action')
        .where('entityId', '=', ids.event)
        .where('action', 'like', 'photo.%')
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual(['photo.add', 'photo.delete']);
    });

    it('strips EXIF (GPS, camera) from an uploaded photo and keeps it the right way up', async () => {
      // A phone photo: 40×20 pixels stored sideways (EXIF orientation 6 = turn 90° clockwise), with a GPS position.
      const jpeg = await sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 30, b: 60 } } })
        .jpeg()
        .withExif({
          IFD0: { Make: 'JinguoCam' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 21/1 3000/100', GPSLongitudeRef: 'E', GPSLongitude: '104/1 46/1 0/1' },
        })
        .withMetadata({ orientation: 6 })
        .toBuffer();
      expect(hasGpsIfd(jpeg)).toBe(true);
      expect(jpeg.includes('JinguoCam')).toBe(true);
      const url = `/api/activities/events/${ids.event}/photos`;
      const ok = await niufo.inject({ method: 'POST', url, ...multipart(jpeg, 'IMG_0001.jpg', 'file', 'image/jpeg') });
      expect(ok.statusCode).toBe(200);
      const photo = ok.json().photos.at(-1);
      // Kept in the database (platform/files.ts), where every app server reads it.
      const row = await t.handle.db
        .selectFrom('activityEventPhotos')
        .select('storedName')
        .where('id', '=', photo.id)
        .executeTakeFirstOrThrow();
      const stored = (await readFile(t.handle.db, row.storedName))!.bytes;
      const served = (await programme.inject({ url: `${url}/${photo.id}` })).rawPayload;
      for (const file of [stored, served]) {
        expect(file.equals(jpeg)).toBe(false);
        expect(hasGpsIfd(file)).toBe(false);
        expect(file.includes('Exif\0\0')).toBe(false);
        expect(file.includes('JinguoCam')).toBe(false);
        const meta = await sharp(file).metadata();
        expect(meta.exif).toBeUndefined();
        // The orientation went into the pixels: 20 wide, 40 high, no orientation tag left to apply.
        expect({ format: meta.format, width: meta.width, height: meta.height, orientation: meta.orientation }).toEqual({
          format: 'jpeg',
          width: 20,
          height: 40,
          orientation: undefined,
        });
      }
      // Nothing on this server's disk.
      expect(fs.existsSync(path.join(DATA_DIR, 'files', 'activities', ids.event))).toBe(false);
      const storedFiles = async () =>
        Number(
          (
            await t.handle.db
              .selectFrom('storedFiles')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const filesBefore = await storedFiles();
      // A file that looks like a JPEG but does not decode is refused, and nothing is stored.
      const broken = Buffer.concat([jpeg.subarray(0, 40), Buffer.alloc(30)]);
      const bad = await niufo.inject({ method: 'POST', url, ...multipart(broken, 'b.jpg', 'file', 'image/jpeg') });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].path).toBe('file');
      expect(await storedFiles()).toBe(filesBefore);
      // Deleting the photo deletes its file, chunks and all.
      await niufo.inject({ method: 'DELETE', url: `${url}/${photo.id}` });
      expect(await storedFiles()).toBe(filesBefore - 1);
      expect(await readFile(t.handle.db, row.storedName)).toBeNull();
      expect(await t.handle.db.selectFrom('storedFileChunks').select('seq').where('fileId', '=', row.storedName).execute()).toEqual([]);
    });

    it('exports the events list with the filters applied', async () => {
      const res = await programme.inject({ url: `/api/activities/events/export?ownerOrgId=${ids.dongcheng}` });
      const rows = await readXlsx(res);
      expect(rows).toHaveLength(2);
      expect(rows[1].slice(0, 5)).toEqual(['六一节活动', '六一慰问', '2026-06-01', undefined, '东城街道']);
    });

    it('imports events from the 活动登记表 template, one row per unit, with their resource lines', async () => {
      const tpl = await programme.inject({ url: '/api/activities/events/template' });
      expect(tpl.statusCode).toBe(200);
      const headers = (await readXlsx(tpl))[0] as string[];
      const row = (over: Record<string, unknown>) => headers.map((h) => over[h] ?? '');
      const file = await xlsx(headers, [
        row({
          活动类型: '六一节活动',
          活动名称: '教育局六一慰问',
          开始日期: '2026-05-29',
          主办单位: '区教育局',
          参加人数: '12',
          教具件数: '5',
          '教具价值（元）': '450',
          '慰问金（元）': '300',
        }),
        row({
          活动类型: '六一节活动',
          活动名称: '永安镇六一慰问',
          开始日期: '2026/6/1',
          主办单位: '510399101',
          走访学校幼儿园数: '3',
          慰问品件数: '12',
          '慰问品价值（元）': '240.5',
        }),
      ]);
      const { job } = await importFile(programme, '/api/activities/events/import', file);
      expect(job!.status).toBe('succeeded');
      expect(job!.result).toMatchObject({ created: 2 });
      const list = (await programme.inject({ url: `/api/activities/events?ownerOrgId=${ids.education}` })).json();
      expect(list.items[0]).toMatchObject({ title: '教育局六一慰问', participantCount: 12, resourceQuantity: 6, resourceValueFen: 75000 });
      // A unit outside the caller's scope or an unknown name is refused with its row.
      const bad = await importFile(
        niufo,
        '/api/activities/events/import',
        await xlsx(headers, [
          row({ 活动类型: '六一节活动', 活动名称: 'x', 开始日期: '2026-06-01', 主办单位: '东城街道', '慰问品价值（元）': '10' }),
        ]),
      );
      expect(bad.job!.result.errors!.map((e) => e.text)).toEqual(['第2行「主办单位」：单位不存在或不在您的工作范围内']);
    });
  });

  describe('training', () => {
    it('runs a course with a roster session: attendance, outcomes, linking to the people registry', async () => {
      const c = await programme.inject({
        method: 'POST',
        url: '/api/activities/courses',
        payload: {
          title: '家政服务培训班',
          category: 'skills',
          ownerOrgId: ids.root,
          startDate: '2026-04-01',
          endDate: '2026-04-30',
          partner: '商贸服务分校',
        },
      });
      expect(c.statusCode).toBe(201);
      ids.course = c.json().id;
      const outside = await programme.inject({
        method: 'POST',
        url: `/api/activities/courses/${ids.course}/sessions`,
        payload: { topic: '月嫂', sessionDate: '2026-05-02', hours: 16 },
      });
      expect(outside.json().fields[0]).toEqual({ path: 'sessionDate', message: '日期须在培训班起止日期之内' });
      const s = await programme.inject({
        method: 'POST',
        url: `/api/activities/courses/${ids.course}/sessions`,
        payload: { topic: '月嫂', sessionDate: '2026-04-02', hours: 16, attendeeMode: 'roster' },
      });
      expect(s.statusCode).toBe(201);
      // The answer is the created session (issue 13: it was the whole course).
      expect(s.json()).toMatchObject({ topic: '月嫂', sessionDate: '2026-04-02', hours: 16, attendeeMode: 'roster' });
      expect(s.json().sessionList).toBeUndefined();
      ids.session = s.json().id;
      expect(
        (await t.handle.db.selectFrom('trainingSessions').select('id').where('courseId', '=', ids.course).execute()).map((r) => r.id),
      ).toEqual([ids.session]);

      const badId = await programme.inject({
        method: 'POST',
        url: `/api/activities/sessions/${ids.session}/trainees`,
        payload: { name: '王芳', gender: 'female', idNumber: '110105194912310021' },
      });
      expect(badId.json().fields[0]).toEqual({ path: 'idNumber', message: '身份证号校验位错误' });
      const wrongSex = await programme.inject({
        method: 'POST',
        url: `/api/activities/sessions/${ids.session}/trainees`,
        payload: { name: '王芳', gender: 'male', idNumber: '11010519491231002X' },
      });
      expect(wrongSex.json().fields[0].path).toBe('gender');
      const ok = await programme.inject({
        method: 'POST',
        url: `/api/activities/sessions/${ids.session}/trainees`,
        payload: { name: '王芳', gender: 'female', idNumber: '11010519491231002X', phone: '13900001111' },
      });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ idNumberMasked: '110105********002X', phoneMasked: '139****1111', attended: true });
      expect(ok.json().personId).toBeTruthy();
      const dup = await programme.inject({
        method: 'POST',
        url: `/api/activities/sessions/${ids.session}/trainees`,
        payload: { name: '王芳', gender: 'female', idNumber: '11010519491231002x' },
      });
      expect(dup.json().fields[0]).toEqual({ path: 'idNumber', message: '该学员已在本期名单中' });

      const file = await xlsx(
        ['姓名', '性别', '身份证号', '联系电话', '是否参训', '跟踪结果', '结果日期'],
        [
          ['刘桂兰', '女', '', '', '是', '实现再就业', '2026-05-20'],
          ['陈秀英', '女', '', '', '否', '', ''],
        ],
      );
      const imp = await importFile(programme, `/api/activities/sessions/${ids.session}/trainees/import`, file);
      expect(imp.job!.status).toBe('succeeded');
      const course = (await programme.inject({ url: `/api/activities/courses/${ids.course}` })).json();
      expect(course.sessionList[0]).toMatchObject({ attendeeMode: 'roster', attendeeCount: 2, trainees: 3 });
      expect(course).toMatchObject({ sessions: 1, attendees: 2, trainees: 3, reemployed: 1 });

      const wang = ok.json().id;
      const noDate = await programme.inject({
        method: 'PUT',
        url: `/api/activities/trainees/${wang}/outcome`,
        payload: { outcome: 'started_business' },
      });
      expect(noDate.json().fields[0]).toEqual({ path: 'outcomeDate', message: '就业或创业须填写日期' });
      const done = await programme.inject({
        method: 'PUT',
        url: `/api/activities/trainees/${wang}/outcome`,
        payload: { outcome: 'started_business', outcomeDate: '2026-06-01' },
      });
      expect(done.json()).toMatchObject({ outcome: 'started_business', outcomeDate: '2026-06-01' });
      expect(
        (await niufo.inject({ method: 'PUT', url: `/api/activities/trainees/${wang}/outcome`, payload: { outcome: 'none' } })).statusCode,
      ).toBe(404);

      expect((await computeFact(t, 'activities.training.sessions', { category: 'skills' })).value).toBe(1);
      expect((await computeFact(t, 'activities.training.trainees', { category: 'skills' })).value).toBe(2);
      expect((await computeFact(t, 'activities.training.outcome', { outcome: 'reemployed' })).value).toBe(1);
      expect((await computeFact(t, 'activities.training.outcome', { outcome: 'started_business' })).value).toBe(1);
      // Outside the period the outcome is not counted.
      expect(
        (
          await computeFact(
            t,
            'activities.training.outcome',
            { outcome: 'reemployed' },
            { period: { year: 2025, from: '2025-01-01', to: '2025-12-31' } },
          )
        ).value,
      ).toBe(0);

      // Trainee export: ID numbers masked for the programme officer.
      const rows = await readXlsx(await programme.inject({ url: `/api/activities/sessions/${ids.session}/trainees/export` }));
      expect(rows.find((r) => r[0] === '王芳')!.slice(0, 4)).toEqual(['王芳', '女', '110105********002X', '139****1111']);
    });
  });

  describe('publicity', () => {
    it('records a report (401 → 400 → 201) and counts it by publication date', async () => {
      const report = {
        outlet: '四川妇女',
        medium: 'magazine',
        level: 'province',
        title: '报道',
        publishedOn: '2026-03-10',
        ownerOrgId: ids.root,
      };
      expect((await t.app.inject({ method: 'POST', url: '/api/activities/publicity', payload: report })).statusCode).toBe(401);
      const bad = await programme.inject({
        method: 'POST',
        url: '/api/activities/publicity',
        payload: {
          outlet: '四川妇女',
          medium: 'magazine',
          level: 'province',
          title: '报道',
          publishedOn: '2026-03-10',
          ownerOrgId: ids.root,
          link: 'ftp://x',
        },
      });
      expect(bad.json().fields[0]).toEqual({ path: 'link', message: '链接须以 http:// 或 https:// 开头' });
      const ok = await programme.inject({
        method: 'POST',
        url: '/api/activities/publicity',
        payload: {
          outlet: '四川妇女',
          medium: 'magazine',
          level: 'province',
          title: '报道',
          publishedOn: '2026-03-10',
          ownerOrgId: ids.root,
        },
      });
      expect(ok.statusCode).toBe(201);
      expect((await computeFact(t, 'activities.publicity')).value).toBe(1);
    });
  });
});

describe.each(TEST_DATABASES)('activities: the demo district 2026 states the reference figures on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(kind);
    const ctx = await demoContext(t);
    const { seedAssociationsDemo } = await import('../src/modules/associations/associations.demo.js');
    await seedAssociationsDemo(ctx);
    await seedActivitiesDemo(ctx);
  });
  afterAll(() => t.close());

  const f = async (name: string, params: Record<string, string> = {}) => (await computeFact(t, name, params)).value;

  it('六一: 12 townships, 4 streets, 45 departments; schools, gifts, deeds, shows, books, aids, cash add up', async () => {
    const cd = { type: 'childrens_day' };
    expect(await f('activities.organisers', { ...cd, kind: 'township' })).toBe(12);
    expect(await f('activities.organisers', { ...cd, kind: 'street' })).toBe(4);
    expect(await f('activities.organisers', { ...cd, kind: 'department' })).toBe(45);
    expect(await f('activities.events', cd)).toBe(61);
    expect(await f('activities.unitsVisited', cd)).toBe(32);
    expect(await f('activities.resources.quantity', { ...cd, category: 'gift' })).toBe(380);
    expect(await f('activities.resources.value', { ...cd, category: 'gift' })).toBe(700000);
    expect(await f('activities.goodDeeds', cd)).toBe(25);
    expect(await f('activities.performances', cd)).toBe(30);
    expect(await f('activities.resources.quantity', { ...cd, category: 'book' })).toBe(280);
    expect(await f('activities.resources.value', { ...cd, category: 'book' })).toBe(320000);
    expect(await f('activities.resources.quantity', { ...cd, category: 'teaching_aid' })).toBe(35);
    expect(await f('activities.resources.value', { ...cd, category: 'teaching_aid' })).toBe(300000);
    expect(await f('activities.resources.value', { ...cd, category: 'cash' })).toBeGreaterThan(1300000);
    // The drill-down lists the rows counted, and they add up to the figure.
    const gifts = await factRecords(t, 'activities.resources.quantity', { ...cd, category: 'gift' });
    expect(gifts.total).toBe(61);
    expect(gifts.rows.reduce((a, r) => a + Number(r.quantity), 0)).toBe(380);
  });

  it('三八, training, health and publicity figures', async () => {
    expect(await f('activities.resources.quantity', { type: 'womens_day', category: 'letter' })).toBe(50);
    expect(await f('activities.participants', { type: 'outing' })).toBeGreaterThan(40);
    expect(await f('activities.training.sessions', { category: 'skills' })).toBe(6);
    expect(await f('activities.training.outcome', { outcome: 'reemployed' })).toBe(80);
    expect(await f('activities.training.sessions', { category: 'management' })).toBe(12);
    expect(await f('activities.training.sessions', { category: 'family_education' })).toBe(3);
    expect(await f('activities.training.trainees', { category: 'family_education' })).toBeGreaterThan(500);
    expect(await f('activities.training.sessions', { category: 'health' })).toBe(2);
    expect(await f('activities.training.trainees', { category: 'health' })).toBe(320);
    expect(await f('activities.screened', { type: 'health_screening' })).toBe(3220);
    expect(await f('activities.publicity')).toBeGreaterThanOrEqual(3);
  });

  it('refuses an unknown parameter value instead of counting nothing', async () => {
    await expect(computeFact(t, 'activities.events', { type: 'party' })).rejects.toMatchObject({ statusCode: 400 });
  });

  it('answers the event facts from the type/date index (query plan on both databases)', async () => {
    const query = `SELECT sum(participant_count) FROM activity_events e WHERE e.type = 'childrens_day' AND e.start_date BETWEEN '2026-01-01' AND '2026-12-31'`;
    let plan: string;
    if (kind === 'sqlite') plan = JSON.stringify(t.handle.sqlite!.prepare(`EXPLAIN QUERY PLAN ${query}`).all());
    else {
      // A small table is cheaper to scan; with scans priced out the planner shows which index serves the query.
      await sql`ANALYZE activity_events`.execute(t.handle.db);
      plan = await t.handle.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        return JSON.stringify((await sql.raw(`EXPLAIN ${query}`).execute(trx)).rows);
      });
    }
    expect(plan).toContain('activity_events_type_date_idx');
  });
});
