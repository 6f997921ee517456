import { dialectOf } from '../../db/database.js';
import type { DemoContext } from '../module.js';
import { createSponsorshipService } from './sponsorship.service.js';
import { demoActor } from '../../platform/demo.js';
import { ensureDemoAccounts, createFundsService } from '../funds/index.js';
import { programmeCatalogue } from '../relief/index.js';

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function girlId(birth: string, seq: number): string {
  const body = `510399${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * W[i];
  return body + '10X98765432'[sum % 11];
}

/**
 * 春蕾 2026 (reference summary): 5 girls sponsored, 1,200 yuan paid in all (240 yuan each for the autumn term),
 * and one pairing meeting. Three of the girls are under 14, so their guardians' consent is recorded first.
 */
export async function seedSponsorshipDemo(ctx: DemoContext): Promise<void> {
  const y = ctx.year;
  const deps = { db: ctx.db, dialect: dialectOf(ctx.db), clock: ctx.clock, cipher: ctx.cipher };
  const s = createSponsorshipService(deps);
  const funds = createFundsService({ ...deps, programmes: programmeCatalogue });
  const accounts = await ensureDemoAccounts(ctx);
  const programme = await demoActor(ctx, 'programme');
  const finance = await demoActor(ctx, 'finance');
  const chairId = ctx.user('chair').id;

  const girls = [
    {
      name: '陈雨欣',
      birth: '2015-03-08',
      residence: '永嘉村',
      school: '永嘉小学',
      stage: 'primary' as const,
      grade: '五年级',
      guardian: ['陈建华', '父亲'],
      members: 4,
      income: 1600000,
    },
    {
      name: '李思琪',
      birth: '2013-10-21',
      residence: '大山村',
      school: '牛佛镇中心学校',
      stage: 'junior' as const,
      grade: '七年级',
      guardian: ['李秀珍', '母亲'],
      members: 3,
      income: 1080000,
    },
    {
      name: '王梓涵',
      birth: '2011-06-15',
      residence: '石桥村',
      school: '牛佛镇中心学校',
      stage: 'junior' as const,
      grade: '九年级',
      guardian: ['王德明', '祖父'],
      members: 5,
      income: 1500000,
    },
    {
      name: '刘佳怡',
      birth: '2016-09-02',
      residence: '东兴社区',
      school: '区实验小学',
      stage: 'primary' as const,
      grade: '四年级',
      guardian: ['刘芬', '母亲'],
      members: 2,
      income: 960000,
    },
    {
      name: '张欣悦',
      birth: '2010-01-28',
      residence: '黄桷村',
      school: null,
      stage: 'senior' as const,
      grade: '高一',
      guardian: ['张玉兰', '外祖母'],
      members: 3,
      income: 1200000,
    },
  ];
  const students: string[] = [];
  for (const [i, g] of girls.entries()) {
    const age = y - Number(g.birth.slice(0, 4));
    const st = await s.createStudent(programme, {
      consent:
        age < 15
          ? {
              guardianName: g.guardian[0],
              relation: g.guardian[1],
              consentDate: `${y}-08-10`,
              method: 'written',
              note: '签署《春蕾计划个人信息处理监护人同意书》',
            }
          : null,
      name: g.name,
      idNumber: girlId(g.birth, 202 + i * 2),
      residenceOrgId: ctx.org(g.residence).id,
      schoolOrgId: g.school ? ctx.org(g.school).id : null,
      schoolName: g.school ? null : '区第一中学',
      stage: g.stage,
      grade: g.grade,
      guardianName: g.guardian[0],
      guardianRelation: g.guardian[1],
      guardianPhone: `1398131${String(2000 + i).padStart(4, '0')}`,
      householdMembers: g.members,
      householdIncomeFen: g.income,
    });
    students.push(st.id);
  }
  const chuanli = await s.createSponsor(programme, { kind: 'organisation', name: '川力实业有限公司', note: '一助二' });
  const entrepreneurs = await s.createSponsor(programme, { kind: 'organisation', name: '区女企业家协会' });
  const zhou = await s.createSponsor(programme, { kind: 'person', name: '周建国', phone: '13981319876' });
  const sponsorOf = [chuanli, chuanli, entrepreneurs, entrepreneurs, zhou];

  // The sponsors' money comes into the 春蕾 fund first (donations with receipts), then goes out term by term.
  await funds.recordDonation(finance, {
    source: 'donation',
    donorKind: 'organisation',
    donorName: '川力实业有限公司',
    accountId: accounts.SPRING_BUD_FUND.id,
    programmeCode: 'SPRING_BUD',
    amountFen: 48000,
    donatedOn: `${y}-08-20`,
    memo: '春蕾结对助学（2人）',
  });
  await funds.recordDonation(finance, {
    source: 'donation',
    donorKind: 'organisation',
    donorName: '区女企业家协会',
    accountId: accounts.SPRING_BUD_FUND.id,
    programmeCode: 'SPRING_BUD',
    amountFen: 48000,
    donatedOn: `${y}-08-25`,
    memo: '春蕾结对助学（2人）',
  });
  await funds.recordDonation(finance, {
    source: 'donation',
    donorKind: 'person',
    donorName: '周建国',
    accountId: accounts.SPRING_BUD_FUND.id,
    programmeCode: 'SPRING_BUD',
    amountFen: 24000,
    donatedOn: `${y}-08-28`,
    memo: '春蕾结对助学（1人）',
  });

  const pairings: string[] = [];
  for (const [i, id] of students.entries()) {
    const p = await s.createPairing(programme, {
      studentId: id,
      sponsorId: sponsorOf[i].id,
      startTerm: `${y}-2`,
      endTerm: `${y + 1}-1`,
      amountPerTermFen: 24000,
    });
    pairings.push(p.id);
    await s.payTerm(finance, p.id, { term: `${y}-2`, paidOn: `${y}-09-05`, approvedBy: chairId, method: 'cash' });
  }
  await s.createMeeting(programme, {
    title: '春蕾计划结对助学现场见面会',
    heldOn: `${y}-09-10`,
    place: '区妇联会议室',
    attendees: 36,
    pairingIds: pairings,
    note: '受助学生、监护人与资助人见面，学生代表发言',
  });
}
