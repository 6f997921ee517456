import { HARDSHIP_STATUSES } from '@jinguo/domain';
import { dialectOf } from '../../db/database.js';
import { demoActor, demoIdNumber } from '../../platform/demo.js';
import type { DemoContext } from '../module.js';
import { programmeCatalogue } from './relief.catalogue.js';
import { createReliefService } from './relief.service.js';
import { ensureDemoAccounts, createFundsService } from '../funds/index.js';

const MOTHERS = [
  '张秀英',
  '李桂芳',
  '王淑珍',
  '刘玉兰',
  '陈桂英',
  '杨秀珍',
  '赵玉梅',
  '黄淑英',
  '周凤英',
  '吴秀兰',
  '徐玉珍',
  '孙桂兰',
  '胡秀梅',
  '朱凤兰',
  '高玉英',
  '林秀芳',
  '何桂珍',
  '郭玉华',
  '马秀云',
  '罗桂香',
  '梁淑兰',
  '宋秀华',
  '郑玉莲',
  '谢桂芝',
  '韩秀琴',
  '唐玉芬',
  '冯桂云',
  '于秀荣',
  '董玉琴',
  '萧桂英',
  '程秀英',
  '曹玉兰',
  '袁桂芳',
  '邓秀珍',
  '许玉梅',
];
const VILLAGES = [
  '大山村',
  '石桥村',
  '永红村',
  '新民村',
  '仙滩村',
  '金花村',
  '何家村',
  '桂湖村',
  '沿江村',
  '高峰村',
  '黄桷村',
  '双河村',
  '联合村',
  '团结村',
  '富民村',
  '全胜村',
];

/**
 * The 2026 relief year of the demo district (reference summary, part 一): 35 poor mothers screened, 10 reported
 * to the province and 25 to the city, households at 668 yuan a head; 14,000 yuan and 5,000 yuan of medical
 * supplies raised and all handed out; drought relief of 400 yuan to 潘会芬 of 大山村 and 500 yuan of fertiliser
 * to the village; two 两癌 applications waiting for a decision.
 */
export async function seedReliefDemo(ctx: DemoContext): Promise<void> {
  const y = ctx.year;
  const deps = { db: ctx.db, dialect: dialectOf(ctx.db), clock: ctx.clock, cipher: ctx.cipher };
  const relief = createReliefService(deps);
  const funds = createFundsService({ ...deps, programmes: programmeCatalogue });
  const accounts = await ensureDemoAccounts(ctx);
  const programme = await demoActor(ctx, 'programme');
  const niufo = await demoActor(ctx, 'niufo');
  const finance = await demoActor(ctx, 'finance');
  const chairId = ctx.user('chair').id;

  const poor = await relief.createProgramme(programme, {
    code: 'POOR_MOTHER',
    name: '贫困母亲救助',
    kind: 'cash',
    year: y,
    rules: {
      incomePerHeadMaxFen: 100000,
      requiredTags: [],
      anyOfTags: [],
      gender: 'female',
      requireTwoCancerDiagnosis: false,
      oncePerLifetime: false,
      transferOnly: false,
    },
    quota: 40,
    reportTo: ['province', 'city'],
    fundAccountId: accounts.RELIEF_FUND.id,
    grantAmountFen: 40000,
    description: '“小康路上不让一个姐妹掉队”：家庭年人均收入不高于1000元的贫困母亲，上报省、市妇联争取帮扶，并发放社会捐赠的资金和物资。',
  });
  const twoCancer = await relief.createProgramme(programme, {
    code: 'TWO_CANCER',
    name: '两癌救助',
    kind: 'cash',
    year: y,
    rules: {
      incomePerHeadMaxFen: null,
      requiredTags: [],
      anyOfTags: [...HARDSHIP_STATUSES],
      // The target age of the 两癌 work (domain.md §4: women aged 35–64).
      ageMin: 35,
      ageMax: 64,
      gender: 'female',
      requireTwoCancerDiagnosis: true,
      oncePerLifetime: true,
      lifetimeGroup: 'TWO_CANCER',
      transferOnly: true,
    },
    quota: 5,
    reportTo: ['city'],
    fundAccountId: accounts.RELIEF_FUND.id,
    grantAmountFen: 1000000,
    description:
      '低收入妇女“两癌”救助：低保、特困、易返贫致贫（含低保边缘）或支出型困难妇女，经二级以上医院确诊宫颈浸润癌IIB期及以上或乳腺浸润癌，一次性救助1万元，终身一次，只能银行转账。',
  });
  const drought = await relief.createProgramme(programme, {
    code: 'DROUGHT',
    name: '抗旱救助',
    kind: 'cash',
    year: y,
    rules: {
      incomePerHeadMaxFen: 100000,
      requiredTags: [],
      anyOfTags: [],
      requireTwoCancerDiagnosis: false,
      oncePerLifetime: false,
      transferOnly: false,
    },
    quota: null,
    reportTo: [],
    fundAccountId: accounts.RELIEF_FUND.id,
    grantAmountFen: 40000,
    description: '旱灾中生活困难的妇女及受灾村组。',
  });
  await relief.createProgramme(programme, {
    code: 'SPRING_BUD',
    name: '春蕾计划',
    kind: 'sponsorship',
    year: y,
    rules: {
      incomePerHeadMaxFen: null,
      requiredTags: [],
      anyOfTags: [],
      gender: 'female',
      requireTwoCancerDiagnosis: false,
      oncePerLifetime: false,
      transferOnly: false,
    },
    quota: null,
    reportTo: [],
    fundAccountId: accounts.SPRING_BUD_FUND.id,
    grantAmountFen: null,
    description: '结对助学：为家庭困难的女童寻找资助人，每学期发放资助款。',
  });

  // 摸底调查: 35 poor mothers with 668 yuan per head (members × 668 yuan of household income).
  const applications: string[] = [];
  for (const [i, name] of MOTHERS.entries()) {
    const village = ctx.org(VILLAGES[i % VILLAGES.length]);
    const members = 2 + (i % 4);
    const actor = VILLAGES[i % VILLAGES.length] === '大山村' || VILLAGES[i % VILLAGES.length] === '石桥村' ? niufo : programme;
    const a = await relief.createApplication(actor, {
      programmeId: poor.id,
      name,
      idNumber: demoIdNumber(
        `${1966 + (i % 20)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(3 + (i % 25)).padStart(2, '0')}`,
        100 + i * 2,
      ),
      phone: `1398130${String(1000 + i).padStart(4, '0')}`,
      residenceOrgId: village.id,
      householdMembers: members,
      householdIncomeFen: 66800 * members,
      tags: i % 3 === 0 ? ['低保'] : i % 3 === 1 ? ['单亲母亲'] : ['重病'],
      paymentMethod: 'cash',
      appliedOn: `${y}-03-10`,
    });
    applications.push(a.id);
  }
  for (const id of applications) {
    await relief.transition(programme, id, { action: 'verify', date: `${y}-03-20` });
    await relief.transition(programme, id, { action: 'approve', date: `${y}-03-25` });
  }
  await relief.reportUp(programme, {
    programmeId: poor.id,
    level: 'province',
    applicationIds: applications.slice(0, 10),
    submittedOn: `${y}-04-10`,
    note: '贫困母亲救助行动（省妇联）',
  });
  await relief.reportUp(programme, {
    programmeId: poor.id,
    level: 'city',
    applicationIds: applications.slice(10),
    submittedOn: `${y}-04-12`,
    note: '贫困母亲救助行动（市妇联、市扶贫办）',
  });

  // The money and the medical supplies raised for them.
  const donate = (
    account: string,
    donorName: string,
    body: { amountFen?: number; quantity?: number },
    donatedOn: string,
    programmeCode: string,
    donorKind: 'organisation' | 'anonymous' = 'organisation',
  ) =>
    funds.recordDonation(finance, {
      source: 'donation',
      donorKind,
      donorName: donorKind === 'anonymous' ? null : donorName,
      accountId: accounts[account].id,
      programmeCode,
      donatedOn,
      ...body,
    });
  await donate('RELIEF_FUND', '川力实业有限公司', { amountFen: 800000 }, `${y}-04-20`, 'POOR_MOTHER');
  await donate('RELIEF_FUND', '巾帼之友协会', { amountFen: 400000 }, `${y}-04-25`, 'POOR_MOTHER');
  await donate('RELIEF_FUND', '', { amountFen: 200000 }, `${y}-04-28`, 'POOR_MOTHER', 'anonymous');
  await donate('GOODS_MEDICAL', '自贡康源医药有限公司', { quantity: 100 }, `${y}-05-05`, 'POOR_MOTHER');

  // Granted and paid: 400 yuan to each mother through the ledger, and the medical kits (3 each, 2 for the last five).
  for (const [i, id] of applications.entries()) {
    await relief.transition(programme, id, { action: 'grant', grantAmountFen: 40000, date: `${y}-05-10` });
    await relief.pay(finance, id, { paidOn: `${y}-05-20` });
    const detail = await relief.getApplication(programme, id);
    await funds.recordDisbursement(finance, {
      accountId: accounts.GOODS_MEDICAL.id,
      programmeCode: 'POOR_MOTHER',
      recipientKind: 'person',
      recipientPersonId: detail.personId,
      method: 'in_kind',
      quantity: i < 30 ? 3 : 2,
      paidOn: `${y}-05-20`,
      approvedBy: chairId,
      purpose: '贫困母亲医疗保健包',
    });
  }

  // Drought relief: 400 yuan to 潘会芬 of 大山村, half a tonne of fertiliser (500 yuan) to the village.
  const dashan = ctx.org('大山村');
  const pan = await relief.createApplication(niufo, {
    programmeId: drought.id,
    name: '潘会芬',
    idNumber: demoIdNumber('1968-04-02', 122),
    phone: '13981301234',
    residenceOrgId: dashan.id,
    householdMembers: 4,
    householdIncomeFen: 240000,
    tags: ['低保'],
    paymentMethod: 'cash',
    appliedOn: `${y}-07-20`,
    note: '大山村受灾贫困母亲',
  });
  await donate('RELIEF_FUND', '区红十字会', { amountFen: 40000 }, `${y}-07-22`, 'DROUGHT');
  await donate('GOODS_FERTILISER', '自贡丰收农资有限公司', { quantity: 500 }, `${y}-07-22`, 'DROUGHT');
  await relief.transition(programme, pan.id, { action: 'verify', date: `${y}-07-24` });
  await relief.transition(programme, pan.id, { action: 'approve', date: `${y}-07-25` });
  await relief.transition(programme, pan.id, { action: 'grant', grantAmountFen: 40000, date: `${y}-07-28` });
  await relief.pay(finance, pan.id, { paidOn: `${y}-08-01` });
  await funds.recordDisbursement(finance, {
    accountId: accounts.GOODS_FERTILISER.id,
    programmeCode: 'DROUGHT',
    recipientKind: 'village',
    recipientOrgId: dashan.id,
    method: 'in_kind',
    quantity: 500,
    paidOn: `${y}-08-01`,
    approvedBy: chairId,
    purpose: '抗旱救灾化肥（半吨）',
  });

  // 两癌救助: one application that meets every rule and one that does not (no hardship status, cash).
  const li = await relief.createApplication(niufo, {
    programmeId: twoCancer.id,
    name: '李桂兰',
    idNumber: demoIdNumber('1972-09-16', 146),
    residenceOrgId: ctx.org('石桥村').id,
    householdMembers: 3,
    householdIncomeFen: 420000,
    tags: ['低保'],
    diagnosis: { cancer: 'cervical', invasive: true, stage: 'IIB', hospital: '自贡市第一人民医院', diagnosedOn: `${y}-09-02` },
    paymentMethod: 'bank_transfer',
    bankCard: '6228480402564890018',
    appliedOn: `${y}-09-10`,
  });
  await relief.transition(programme, li.id, { action: 'verify', date: `${y}-09-15` });
  await relief.createApplication(programme, {
    programmeId: twoCancer.id,
    name: '王淑芬',
    idNumber: demoIdNumber('1975-02-11', 168),
    residenceOrgId: ctx.org('东兴社区').id,
    householdMembers: 3,
    householdIncomeFen: 960000,
    tags: [],
    diagnosis: { cancer: 'breast', invasive: true, stage: null, hospital: '自贡市第四人民医院', diagnosedOn: `${y}-10-08` },
    paymentMethod: 'cash',
    appliedOn: `${y}-10-15`,
  });
}
