import type { SiteKind } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import { DEMO_DISTRICT_CODE } from '../org/index.js';
import * as repo from './parentschools.repository.js';
import type { ParentSchoolClassesTable, ParentSchoolOrdersTable, ParentSchoolSitesTable } from './parentschools.tables.js';

/**
 * The demo district's parent schools in 2026: 12 open sites (schools, a kindergarten, communities, villages) and
 * one closed at the end of 2025; the three sessions of the “北京专家与家长手拉手” family-education course (区会堂,
 * 永嘉小学, 区实验小学 — recorded by the activities demo) are classes of the sites where they were held, so their
 * 500-odd parents are counted once; two classes of their own at each site; the year's textbook order, where
 * parents paid for only part of the books (the reference's 教材征订 “极大困难”).
 */
const SITES: { name: string; kind: SiteKind; owner: string; host: string; hostIsUnit?: boolean; since: string; principal: string }[] = [
  { name: '区家长学校（区会堂）', kind: 'other', owner: DEMO_DISTRICT_CODE, host: '区会堂', since: '2015-03-01', principal: '王丽华' },
  {
    name: '永嘉小学家长学校',
    kind: 'school',
    owner: DEMO_DISTRICT_CODE,
    host: '永嘉小学',
    hostIsUnit: true,
    since: '2012-09-01',
    principal: '罗明',
  },
  {
    name: '区实验小学家长学校',
    kind: 'school',
    owner: DEMO_DISTRICT_CODE,
    host: '区实验小学',
    hostIsUnit: true,
    since: '2010-09-01',
    principal: '黄静',
  },
  {
    name: '牛佛镇中心学校家长学校',
    kind: 'school',
    owner: '牛佛镇',
    host: '牛佛镇中心学校',
    hostIsUnit: true,
    since: '2014-03-01',
    principal: '赵秀英',
  },
  {
    name: '东城幼儿园家长学校',
    kind: 'kindergarten',
    owner: '东城街道',
    host: '东城幼儿园',
    hostIsUnit: true,
    since: '2016-09-01',
    principal: '孙红梅',
  },
  {
    name: '春华社区家长学校',
    kind: 'community',
    owner: '东城街道',
    host: '春华社区',
    hostIsUnit: true,
    since: '2018-05-01',
    principal: '刘桂兰',
  },
  {
    name: '东兴社区家长学校',
    kind: 'community',
    owner: '东城街道',
    host: '东兴社区',
    hostIsUnit: true,
    since: '2019-05-01',
    principal: '陈春梅',
  },
  {
    name: '锦绣社区家长学校',
    kind: 'community',
    owner: '西城街道',
    host: '锦绣社区',
    hostIsUnit: true,
    since: '2020-03-01',
    principal: '杨雪梅',
  },
  {
    name: '南湖社区家长学校',
    kind: 'community',
    owner: '南湖街道',
    host: '南湖社区',
    hostIsUnit: true,
    since: '2021-03-01',
    principal: '周海燕',
  },
  { name: '大山村家长学校', kind: 'village', owner: '牛佛镇', host: '大山村', hostIsUnit: true, since: '2017-03-01', principal: '吴淑芬' },
  { name: '永红村家长学校', kind: 'village', owner: '永安镇', host: '永红村', hostIsUnit: true, since: '2019-09-01', principal: '徐红梅' },
  { name: '仙滩村家长学校', kind: 'village', owner: '仙市镇', host: '仙滩村', hostIsUnit: true, since: '2022-03-01', principal: '何晓燕' },
];
/** Where each family-education session of the activities demo was held → the site that takes it as a class. */
const SESSION_VENUES: Record<string, string> = {
  区会堂: '区家长学校（区会堂）',
  永嘉小学: '永嘉小学家长学校',
  区实验小学: '区实验小学家长学校',
};
const TOPICS = [
  '如何与孩子有效沟通',
  '好习惯成就孩子一生',
  '隔代教育的误区',
  '青春期心理与亲子关系',
  '家庭安全与防溺水',
  '培养孩子的阅读兴趣',
];
const TEACHERS = ['刘淑芬', '郭晓红', '梁春燕', '宋丽'];
const BOOKS = [
  { title: '家庭教育读本（幼儿版）', publisher: '四川教育出版社', gradeBand: '幼儿园', price: 1200 },
  { title: '家庭教育读本（小学版）', publisher: '四川教育出版社', gradeBand: '小学', price: 1500 },
  { title: '家庭教育读本（初中版）', publisher: '四川教育出版社', gradeBand: '初中', price: 1600 },
  { title: '新时代家长必读', publisher: '中国妇女出版社', gradeBand: '通用', price: 2000 },
];

export async function seedParentSchoolsDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const at = clock.now().toISOString();
  const y = ctx.year;
  const root = ctx.org(DEMO_DISTRICT_CODE);
  const programme = ctx.user('programme').id;
  const sites: ParentSchoolSitesTable[] = SITES.map((s) => ({
    id: newId(),
    ownerOrgId: ctx.org(s.owner).id,
    name: s.name,
    kind: s.kind,
    hostOrgId: s.hostIsUnit ? ctx.org(s.host).id : null,
    hostName: s.hostIsUnit ? null : s.host,
    establishedOn: s.since,
    closedOn: null,
    principal: s.principal,
    note: null,
    createdBy: programme,
    createdAt: at,
    updatedAt: at,
  }));
  // A village school merged into the township's: its parent school closed at the end of last year and no longer counts.
  const closed: ParentSchoolSitesTable = {
    ...sites[sites.length - 1],
    id: newId(),
    name: '金花村家长学校',
    hostOrgId: ctx.org('金花村').id,
    establishedOn: '2016-03-01',
    closedOn: `${y - 1}-12-31`,
    principal: '何晓燕',
    note: '村小并入镇中心校，家长学校停办',
  };
  const byName = new Map(sites.map((s) => [s.name, s]));
  const sessions = await repo.listLinkableSessions(db, { permission: 'parentschools.write', paths: [root.path] }, y);
  const classes: ParentSchoolClassesTable[] = [];
  const cls = (site: ParentSchoolSitesTable, fields: Partial<ParentSchoolClassesTable>): ParentSchoolClassesTable => ({
    id: newId(),
    siteId: site.id,
    ownerOrgId: site.ownerOrgId,
    heldOn: null,
    topic: null,
    teacherId: null,
    teacherName: null,
    hours: null,
    attendance: null,
    trainingSessionId: null,
    note: null,
    createdBy: programme,
    createdAt: at,
    updatedAt: at,
    ...fields,
  });
  for (const s of sessions) {
    const site = s.venue ? byName.get(SESSION_VENUES[s.venue] ?? '') : undefined;
    if (site) classes.push(cls(site, { trainingSessionId: s.id }));
  }
  sites.forEach((site, i) => {
    for (const [term, month] of [
      [0, 5],
      [1, 10],
    ] as const)
      classes.push(
        cls(site, {
          heldOn: `${y}-${String(month).padStart(2, '0')}-${String(10 + (i % 15)).padStart(2, '0')}`,
          topic: TOPICS[(i + term * 3) % TOPICS.length],
          teacherName: TEACHERS[(i + term) % TEACHERS.length],
          hours: 1.5,
          attendance: 28 + ((i * 7 + term * 11) % 30),
        }),
      );
  });
  const orders: ParentSchoolOrdersTable[] = [];
  const bookIds = BOOKS.map(() => newId());
  sites.forEach((site, i) => {
    const titles = site.kind === 'kindergarten' ? [0, 3] : site.kind === 'school' ? [1, 2] : [1, 3];
    for (const [k, b] of titles.entries()) {
      const quantity = 40 + ((i * 13 + k * 17) % 80);
      const due = quantity * BOOKS[b].price;
      // 一费制: schools may not charge parents, so only part of the books is paid for; the supplier is paid what came in.
      const collected = Math.round((due * (40 + ((i * 11) % 45))) / 100 / 100) * 100;
      orders.push({
        id: newId(),
        ownerOrgId: site.ownerOrgId,
        year: y,
        siteId: site.id,
        textbookId: bookIds[b],
        quantity,
        unitPriceFen: BOOKS[b].price,
        collectedFen: collected,
        paidFen: collected,
        orderedOn: `${y}-03-${String(5 + (i % 10)).padStart(2, '0')}`,
        deliveredQty: i % 4 === 3 ? Math.floor(quantity / 2) : quantity,
        deliveredOn: `${y}-04-${String(10 + (i % 10)).padStart(2, '0')}`,
        note: null,
        createdBy: programme,
        createdAt: at,
        updatedAt: at,
      });
    }
  });

  await db.transaction().execute(async (trx) => {
    await repo.insertSites(trx, [...sites, closed]);
    await repo.insertTeachers(trx, [
      {
        id: newId(),
        ownerOrgId: root.id,
        siteId: null,
        name: '高桂云',
        title: '家庭教育专家',
        unitName: '北京才人堂教育研究中心',
        phoneEnc: null,
        phoneMasked: null,
        note: '“北京专家与家长手拉手”家庭教育培训班主讲',
        createdBy: programme,
        createdAt: at,
        updatedAt: at,
      },
      ...TEACHERS.map((name, i) => ({
        id: newId(),
        ownerOrgId: root.id,
        siteId: sites[i + 1].id,
        name,
        title: i % 2 ? '心理健康教师' : '家庭教育讲师',
        unitName: i % 2 ? '区实验小学' : '区家庭教育讲师团',
        phoneEnc: null,
        phoneMasked: null,
        note: null,
        createdBy: programme,
        createdAt: at,
        updatedAt: at,
      })),
    ]);
    await repo.insertClasses(trx, classes);
    await repo.insertTextbooks(
      trx,
      BOOKS.map((b, i) => ({
        id: bookIds[i],
        ownerOrgId: root.id,
        title: b.title,
        publisher: b.publisher,
        gradeBand: b.gradeBand,
        unitPriceFen: b.price,
        note: null,
        createdBy: programme,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await repo.insertOrders(trx, orders);
  });
}
