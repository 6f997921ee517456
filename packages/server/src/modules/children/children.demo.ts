import type { CarerKind, ChildNeed, LeftBehindSituation } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import { ensureAccount, receiveInTransaction } from '../funds/index.js';
import type { DemoContext } from '../module.js';
import { DEMO_DISTRICT_CODE } from '../org/index.js';
import { createCareService } from './care.service.js';
import { createChildrenService } from './children.service.js';
import { demoName, demoActor, demoIdNumber } from '../../platform/demo.js';

/**
 * 关爱留守儿童 in 2026 — the reference plans it for the next year; the demo district starts it this year, through the
 * real services (so every rule and audit entry applies): 24 children of five townships' villages registered in March
 * (a guardian's consent first for each one under 14), 8 代理妈妈 — village federation members and teachers — paired
 * with 16 of them, visits through the year, and help paid through the ledger from a fund the women entrepreneurs'
 * association gave for them. One child left the register in October when her parents came home.
 */
const VILLAGES = ['大山村', '石桥村', '永红村', '新民村', '仙滩村', '金花村', '何家村', '沿江村'];
const SCHOOLS = ['牛佛镇中心学校', '永安镇小学', '仙市镇中心小学', '何市镇小学', '沿滩镇中学'];
const WORK = ['广东省东莞市', '浙江省宁波市', '福建省晋江市', '江苏省苏州市', '新疆乌鲁木齐市', '成都市'];
const CARERS: [CarerKind, string][] = [
  ['grandparents', '祖母'],
  ['grandparents', '外祖母'],
  ['grandparents', '祖父'],
  ['relatives', '姑妈'],
  ['entrusted', '邻居'],
];
const NEEDS: ChildNeed[][] = [['study'], ['psychological'], ['study', 'psychological'], ['safety'], ['health'], ['living', 'study']];
const FINDINGS = [
  '孩子学习认真，与祖母相处融洽，希望多和父母视频通话。',
  '孩子性格内向，近期作业完成不好，已与班主任沟通。',
  '老人年纪大，接送上学不便，已联系村妇联执委帮助接送。',
  '孩子身体健康，暑期防溺水安全教育已到位。',
  '家中住房漏雨，已报村委会协调维修。',
];

export async function seedChildrenDemo(ctx: DemoContext): Promise<void> {
  const y = ctx.year;
  const deps = { db: ctx.db, clock: ctx.clock, cipher: ctx.cipher };
  const children = createChildrenService(deps);
  const care = createCareService({ ...deps, children });
  const programme = await demoActor(ctx, 'programme');
  const chairId = ctx.user('chair').id;
  const root = ctx.org(DEMO_DISTRICT_CODE);

  // The fund for them: an account of the ledger, and the association's donation into it.
  const at = ctx.clock.now().toISOString();
  const fund = await ensureAccount(ctx.db, {
    id: newId(),
    ownerOrgId: root.id,
    code: 'LEFT_BEHIND_FUND',
    name: '关爱留守儿童资金',
    kind: 'cash',
    programmeCode: null,
    item: null,
    unit: null,
    unitValueFen: null,
    balanceFen: 0,
    balanceQty: 0,
    active: 1,
    createdAt: at,
    updatedAt: at,
  });
  await ctx.db.transaction().execute((trx) =>
    receiveInTransaction(trx, ctx.clock, {
      account: { id: fund.id, ownerOrgId: fund.ownerOrgId, name: fund.name, kind: fund.kind },
      source: 'donation',
      donorKind: 'organisation',
      donorPersonId: null,
      donorName: '区女企业家协会',
      donorCreditCode: null,
      programmeCode: null,
      quantity: null,
      unitValueFen: null,
      amountFen: 800_000,
      donatedOn: `${y}-05-20`,
      memo: '“关爱留守儿童”结对帮扶',
      createdBy: ctx.user('finance').id,
    }),
  );

  const mothers: string[] = [];
  for (let i = 0; i < 8; i++) {
    const m = await children.createMother(programme, {
      name: demoName(i, 'female', 21),
      phone: `1398132${String(3000 + i).padStart(4, '0')}`,
      residenceOrgId: ctx.org(VILLAGES[i]).id,
      unitName: i % 3 === 0 ? '小学教师' : i % 3 === 1 ? '村妇联执委' : '退休干部',
    });
    mothers.push(m.id);
  }

  const ids: string[] = [];
  for (let i = 0; i < 24; i++) {
    const female = i % 2 === 0;
    // Born 2011–2019: the three eldest are 14 or 15 and consent for themselves; the others' guardians consent first.
    const birth =
      i < 3
        ? `2011-${String(6 + i * 2).padStart(2, '0')}-15`
        : `${2012 + (i % 8)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(5 + i).padStart(2, '0')}`;
    const [carerKind, carerRelation] = CARERS[i % CARERS.length];
    const situation: LeftBehindSituation = i % 5 === 4 ? 'one_away' : 'both_away';
    const registeredOn = `${y}-03-${String(10 + (i % 15)).padStart(2, '0')}`;
    const surname = demoName(i, 'male', 31).slice(0, 1);
    const c = await children.createChild(programme, {
      consent:
        i < 3
          ? null
          : {
              guardianName: `${surname}${i % 2 ? '建国' : '志强'}`,
              relation: '父亲',
              consentDate: `${y}-03-0${1 + (i % 8)}`,
              method: i % 4 ? 'written' : 'oral',
            },
      name: `${surname}${demoName(i, female ? 'female' : 'male', 41).slice(1)}`,
      idNumber: demoIdNumber(birth, 700 + i * 2 + (female ? 0 : 1)),
      residenceOrgId: ctx.org(VILLAGES[i % VILLAGES.length]).id,
      schoolName: SCHOOLS[i % SCHOOLS.length],
      grade: ['二年级', '三年级', '四年级', '五年级', '六年级', '初一', '初二'][i % 7],
      situation,
      fatherWorkPlace: WORK[i % WORK.length],
      motherWorkPlace: situation === 'both_away' ? WORK[(i + 2) % WORK.length] : null,
      carerKind,
      carerName: `${surname}${carerRelation === '祖父' ? '德明' : '秀兰'}`,
      carerRelation,
      carerPhone: `1398133${String(4000 + i).padStart(4, '0')}`,
      needs: NEEDS[i % NEEDS.length],
      registeredOn,
    });
    ids.push(c.id);
  }

  for (let i = 0; i < 16; i++)
    await care.pair(programme, ids[i], { proxyMotherId: mothers[i % 8], startDate: `${y}-04-${String(1 + (i % 20)).padStart(2, '0')}` });
  for (let i = 0; i < 16; i++)
    for (const [k, month] of [5, 8, 11].entries())
      if (k < 2 || i % 2 === 0)
        await care.addVisit(programme, ids[i], {
          visitedOn: `${y}-${String(month).padStart(2, '0')}-${String(3 + (i % 20)).padStart(2, '0')}`,
          mode: k === 1 ? 'school' : i % 4 === 3 ? 'phone' : 'home',
          visitorKind: k === 1 ? 'federation' : 'proxy_mother',
          visitorName: k === 1 ? '张晓燕' : demoName(i % 8, 'female', 21),
          findings: FINDINGS[(i + k) % FINDINGS.length],
          needs: NEEDS[(i + k) % NEEDS.length],
          followUp: k === 0 ? '下次走访时了解学习情况' : null,
        });
  // Autumn term: 300 yuan of school help to each paired child; a living allowance to two children cared for by neighbours.
  for (let i = 0; i < 16; i++)
    await care.giveHelp(programme, ids[i], {
      kind: 'study',
      description: '秋季开学助学金',
      accountId: fund.id,
      amountFen: 30_000,
      method: 'cash',
      givenOn: `${y}-08-28`,
      approvedBy: chairId,
    });
  for (const i of [4, 9])
    await care.giveHelp(programme, ids[i], {
      kind: 'living',
      description: '生活补助',
      accountId: fund.id,
      amountFen: 50_000,
      method: 'cash',
      givenOn: `${y}-10-15`,
      approvedBy: chairId,
    });
  await children.endChild(programme, ids[23], { endedOn: `${y}-10-01`, reason: '父母返乡就业，不再属于留守儿童' });
}
