import {
  addDays,
  assessRisk,
  calendarFrom,
  civilDeadline,
  daysBetween,
  DEADLINE_RULES,
  RISK_QUESTIONS,
  shanghaiDate,
  type ActionKind,
  type CaseChannel,
  type RiskAnswers,
  type RiskLevel,
} from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import type { FieldCipher } from '../../platform/crypto.js';
import type { Clock } from '../../platform/clock.js';
import { makeIdNumber } from '../../platform/demo.js';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import * as repo from './cases.repository.js';
import { findOrCreatePerson } from '../people/index.js';

/**
 * The demo district's 2026 (the reference summary's figures): 78 petitions — 71 visits, 7 letters — all
 * accepted and closed (办结率 100%), 5 filed at the rights tribunal, with consultations by the retained legal
 * adviser, mediation, home visits, protection-order help, police warnings and answered referrals; plus two
 * matters diverted to the courts (诉访分离), which are not petitions. Names are fictional; ID numbers are
 * generated with a valid GB 11643 check character. Deterministic (seeded), one transaction.
 */

/** 2026 public holidays and 调休 working days as announced for the demo (an admin keeps the real calendar). */
export const DEMO_HOLIDAYS_2026: { date: string; kind: 'holiday' | 'workday'; name: string }[] = [
  ...['2026-01-01', '2026-01-02', '2026-01-03'].map((date) => ({ date, kind: 'holiday' as const, name: '元旦' })),
  { date: '2026-01-04', kind: 'workday', name: '元旦调休上班' },
  ...['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'].map(
    (date) => ({ date, kind: 'holiday' as const, name: '春节' }),
  ),
  { date: '2026-02-14', kind: 'workday', name: '春节调休上班' },
  { date: '2026-02-28', kind: 'workday', name: '春节调休上班' },
  ...['2026-04-04', '2026-04-05', '2026-04-06'].map((date) => ({ date, kind: 'holiday' as const, name: '清明节' })),
  ...['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'].map((date) => ({
    date,
    kind: 'holiday' as const,
    name: '劳动节',
  })),
  { date: '2026-05-09', kind: 'workday', name: '劳动节调休上班' },
  ...['2026-06-19', '2026-06-20', '2026-06-21'].map((date) => ({ date, kind: 'holiday' as const, name: '端午节' })),
  ...['2026-09-25', '2026-09-26', '2026-09-27'].map((date) => ({ date, kind: 'holiday' as const, name: '中秋节' })),
  ...['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((date) => ({
    date,
    kind: 'holiday' as const,
    name: '国庆节',
  })),
  { date: '2026-09-20', kind: 'workday', name: '国庆节调休上班' },
  { date: '2026-10-10', kind: 'workday', name: '国庆节调休上班' },
];

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '梁',
  '宋',
  '郑',
  '谢',
  '唐',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '潘',
  '袁',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
];
const FEMALE_GIVEN = [
  '秀英',
  '桂兰',
  '玉梅',
  '淑芬',
  '丽娟',
  '春燕',
  '海燕',
  '晓红',
  '凤英',
  '小琴',
  '雪梅',
  '翠华',
  '红梅',
  '建英',
  '美玲',
  '素珍',
  '金凤',
  '佳慧',
  '思雨',
  '文静',
  '玉兰',
  '婷婷',
  '慧敏',
  '丽萍',
  '晓燕',
  '小红',
  '春梅',
  '国芳',
  '秋菊',
  '月娥',
];
const MALE_GIVEN = ['建国', '志强', '永刚', '德明', '国华', '海涛', '光明', '文军', '振宇', '家富', '长青', '宏伟'];

type Plan = { category: string; count: number };
const CATEGORY_PLAN: Plan[] = [
  { category: 'domestic_violence', count: 18 },
  { category: 'marriage_family', count: 24 },
  { category: 'property', count: 12 },
  { category: 'labour', count: 8 },
  { category: 'personal_rights', count: 6 },
  { category: 'child_rights', count: 6 },
  { category: 'other', count: 4 },
];

const SUMMARIES: Record<string, string[]> = {
  domestic_violence: [
    '丈夫酒后多次殴打，要求制止家暴',
    '长期遭受丈夫辱骂恐吓，请求帮助',
    '丈夫限制人身自由并殴打，要求保护',
    '前夫离婚后仍骚扰威胁，请求帮助申请保护令',
  ],
  marriage_family: [
    '丈夫长期不履行家庭义务，要求调解',
    '离婚后子女抚养费拒不支付',
    '婆媳矛盾激化，请求调解',
    '丈夫在外与他人同居，咨询离婚及财产分割',
  ],
  property: [
    '出嫁后村里不分配土地征收补偿款',
    '离婚后宅基地房屋分割纠纷',
    '父亲去世后兄弟不让继承遗产',
    '外嫁女集体经济组织成员权益受侵害',
  ],
  labour: ['怀孕后被公司辞退，要求维权', '企业拖欠工资三个月', '产假期间工资被扣发', '用人单位不缴纳社会保险'],
  personal_rights: ['遭邻居殴打致伤，要求处理', '被他人在网上散布隐私信息', '在工作中遭受性骚扰，请求帮助'],
  child_rights: ['孩子在校遭受欺凌，请求帮助', '离异后对方不让探望子女', '留守儿童监护缺失，请求关爱帮扶'],
  other: ['咨询婚前财产公证事宜', '反映妇女议事会选举问题', '咨询妇女创业贷款政策'],
};

const OUTCOMES = ['supported', 'mediated', 'explained', 'referred_resolved'] as const;

type Ctx = { trx: Executor; cipher: FieldCipher; clock: Clock; rand: () => number };

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)];
}

export async function seedCasesDemo(ctx: DemoContext): Promise<void> {
  const { db, cipher, clock, year } = ctx;
  const rand = mulberry32(20260308);
  const today = shanghaiDate(clock.now()) < `${year}-12-31` ? shanghaiDate(clock.now()) : `${year}-12-31`;
  const root = await db
    .selectFrom('orgUnits')
    .select(['id', 'path', 'name'])
    .where('parentId', 'is', null)
    .orderBy('createdAt')
    .executeTakeFirstOrThrow();
  const district = root;
  const rights = ctx.user('rights');
  const niufoUser = ctx.user('niufo');
  const dongchengUser = ctx.user('dongcheng');
  const units = await db.selectFrom('orgUnits').select(['id', 'name', 'kind', 'parentId', 'path', 'code', 'agencyType']).execute();
  const byId = new Map(units.map((u) => [u.id, u]));
  const residences = units.filter((u) => u.kind === 'village' || u.kind === 'community');
  const agency = (name: string) => ctx.org(name);
  const tribunal = agency('区人民法院妇女儿童维权合议庭');
  const legalAid = agency('区法律援助中心');
  const justice = agency('区司法局公共法律服务中心');
  const civil = agency('区民政局社会救助服务中心');
  const policeNiufo = agency('牛佛派出所');
  const policeDongcheng = agency('东城派出所');

  if (!(await db.selectFrom('holidays').select('date').limit(1).executeTakeFirst())) {
    await db.insertInto('holidays').values(DEMO_HOLIDAYS_2026).execute();
  }
  const cal = calendarFrom(await repo.listHolidays(db));

  // Received dates: spread over the year's months up to today, oldest first, leaving time to close.
  const lastReceive = addDays(today, -9);
  const span = daysBetween(`${year}-01-05`, lastReceive);
  const categories = CATEGORY_PLAN.flatMap((p) => Array.from({ length: p.count }, () => p.category));
  for (let i = categories.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [categories[i], categories[j]] = [categories[j], categories[i]];
  }
  const total = categories.length; // 78
  const letterIdx = new Set([5, 17, 29, 38, 50, 61, 72]); // 7 letters, the other 71 visits
  const tribunalIdx = new Set<number>();
  categories.forEach((c, i) => {
    if (tribunalIdx.size < 5 && (c === 'property' || c === 'marriage_family') && i % 3 === 0) tribunalIdx.add(i);
  });
  for (let i = 0; tribunalIdx.size < 5; i++) if (categories[i] === 'property' || categories[i] === 'marriage_family') tribunalIdx.add(i);

  await db.transaction().execute(async (trx) => {
    const c: Ctx = { trx, cipher, clock, rand };
    for (let i = 0; i < total; i++) {
      const receivedDate = nextWorkday(addDays(`${year}-01-05`, Math.floor((span * i) / total) + Math.floor(rand() * 3)), cal);
      await seedOne(c, {
        i,
        category: categories[i],
        channel: letterIdx.has(i) ? 'letter' : 'visit',
        // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text
        receivedDate: receivedDate > lastReceive ? lastReceive : receivedDate,
        today,
        tribunal: tribunalIdx.has(i),
      });
    }
    // Two matters that belong in court (诉访分离): registered, then diverted; not counted as petitions.
    for (const [k, d] of [`${year}-04-13`, `${year}-09-08`].entries()) {
      await seedOne(c, {
        i: total + k,
        category: k === 0 ? 'property' : 'marriage_family',
        channel: 'visit',
        receivedDate: d,
        today,
        tribunal: false,
        divert: true,
      });
    }
  });

  function nextWorkday(d: string, calendar: typeof cal) {
    return civilDeadline(addDays(d, -1), 1, calendar);
  }

  async function seedOne(
    c: Ctx,
    p: { i: number; category: string; channel: CaseChannel; receivedDate: string; today: string; tribunal: boolean; divert?: boolean },
  ) {
    const { trx, rand } = c;
    const residence = residences[(p.i * 7 + Math.floor(rand() * 3)) % residences.length];
    const township = byId.get(residence.parentId!)!;
    // Cases from 牛佛镇 and 东城街道 are worked by their own federations; a share of the others by their township; the rest by the district.
    const townshipOwned = township.name === '牛佛镇' || township.name === '东城街道' || rand() < 0.3;
    const owner = townshipOwned ? township : { id: district.id, path: district.path, name: district.name };
    const assignee =
      township.name === '牛佛镇' && townshipOwned
        ? niufoUser.id
        : township.name === '东城街道' && townshipOwned
          ? dongchengUser.id
          : rights.id;
    const birth = `${1962 + Math.floor(rand() * 38)}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const name = SURNAMES[(p.i * 11) % SURNAMES.length] + FEMALE_GIVEN[(p.i * 7 + 3) % FEMALE_GIVEN.length];
    const person = await findOrCreatePerson(
      trx,
      { cipher: c.cipher, clock: c.clock },
      {
        name,
        gender: 'female',
        idNumber: makeIdNumber(`510399`, birth, 100 + p.i * 2, true),
        phone: `1${pick(rand, ['38', '39', '58', '59', '87', '89', '36', '51'])}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
        address: `${township.name}${residence.name}${1 + Math.floor(rand() * 9)}组${1 + Math.floor(rand() * 60)}号`,
        ethnicity: '汉族',
        residenceOrgId: residence.id,
        ownerOrgId: owner.id,
        tags:
          p.category === 'domestic_violence' && rand() < 0.3 ? ['单亲母亲'] : p.category === 'property' && rand() < 0.4 ? ['留守妇女'] : [],
        household:
          rand() < 0.5 ? { members: 2 + Math.floor(rand() * 4), annualIncomeFen: (8000 + Math.floor(rand() * 40000)) * 100 } : null,
      },
    );
    const dv = p.category === 'domestic_violence';
    let risk: RiskLevel | null = null;
    let answers: RiskAnswers | null = null;
    if (dv) {
      answers = {};
      const yesCount = Math.floor(rand() * 6);
      for (let k = 0; k < yesCount; k++) answers[pick(rand, RISK_QUESTIONS).key] = true;
      risk = assessRisk(answers).level;
    }
    const year = Number(p.receivedDate.slice(0, 4));
    const seq = await repo.allocateCaseSeq(trx, owner.id, year);
    const caseNo = `${year}-${String(seq).padStart(4, '0')}`;
    const acceptedDate = p.divert ? null : nextWorkday(addDays(p.receivedDate, Math.floor(rand() * 4)), cal);
    const handleDays = Math.min(8 + Math.floor(rand() * 45), Math.max(3, daysBetween(acceptedDate ?? p.receivedDate, p.today) - 1));
    const closedDate = acceptedDate ? addDays(acceptedDate, handleDays) : null;
    const id = newId();
    const at = c.clock.now().toISOString();
    const summary = pick(rand, SUMMARIES[p.category]);
    const outcome = p.tribunal ? 'referred_resolved' : dv ? pick(rand, ['supported', 'referred_resolved'] as const) : pick(rand, OUTCOMES);
    await repo.insertCase(trx, {
      id,
      ownerOrgId: owner.id,
      year,
      seq,
      caseNo,
      channel: p.channel,
      receivedDate: p.receivedDate,
      category: p.category,
      matterType: 'appeal_request',
      summary,
      narrativeEnc: dv
        ? c.cipher.encrypt(
            `${name}反映：${summary}。自述近一年来多次遭受对方殴打，最近一次发生在来访前一周，身上有淤青。本人希望对方停止暴力，暂不考虑离婚。（示例叙述，人物均为虚构）`,
          )
        : null,
      applicantPersonId: person.id,
      assigneeUserId: assignee,
      status: p.divert ? 'diverted' : 'closed',
      priority: 0,
      riskLevel: risk,
      riskAnswers: answers ? JSON.stringify(answers) : null,
      riskAssessedDate: risk ? p.receivedDate : null,
      nextFollowUpDate: null,
      nextDueDate: null,
      acceptedDate,
      acceptNotice: acceptedDate ? '已当面（书面）告知受理及办理途径' : null,
      notAcceptedReason: null,
      divertedDate: p.divert ? addDays(p.receivedDate, 2) : null,
      divertedTo: p.divert ? '区人民法院' : null,
      divertedReason: p.divert ? '已进入诉讼程序的民事纠纷，依法引导通过诉讼解决' : null,
      extensionDays: null,
      extensionReason: null,
      closedDate,
      outcome: closedDate ? outcome : null,
      reply: closedDate ? '经调查核实并协调有关部门，已依法依规作出处理，并向当事人书面答复。' : null,
      satisfaction: closedDate ? (rand() < 0.85 ? 'satisfied' : 'basically_satisfied') : null,
      daysToClose: closedDate && acceptedDate ? daysBetween(acceptedDate, closedDate) : null,
      closedOnTime: closedDate && acceptedDate ? (closedDate <= civilDeadline(acceptedDate, DEADLINE_RULES.handleDays, cal) ? 1 : 0) : null,
      reviewRequestedDate: null,
      reviewDecidedDate: null,
      reviewResult: null,
      rereviewRequestedDate: null,
      rereviewDecidedDate: null,
      rereviewResult: null,
      createdBy: assignee,
      createdAt: at,
      updatedAt: at,
    });
    const respondent = SURNAMES[(p.i * 13 + 5) % SURNAMES.length] + MALE_GIVEN[p.i % MALE_GIVEN.length];
    const party =
      p.category === 'labour'
        ? {
            name: `${pick(rand, ['兴川', '盐都', '华夏', '恒泰'])}${pick(rand, ['机械', '食品', '纺织', '商贸'])}有限公司`,
            role: 'respondent',
            relation: 'employer',
          }
        : p.category === 'property'
          ? { name: respondent, role: 'respondent', relation: rand() < 0.5 ? 'sibling' : 'other' }
          : p.category === 'child_rights'
            ? { name: name[0] + pick(rand, ['小雨', '浩然', '欣怡', '子涵']), role: 'child', relation: 'child' }
            : p.category === 'other'
              ? null
              : { name: respondent, role: 'respondent', relation: rand() < 0.85 ? 'spouse' : 'former_spouse' };
    if (party) await repo.insertParties(trx, [{ id: newId(), caseId: id, personId: null, ...party, note: null }]);

    const ev = async (date: string, transition: string, from: string | null, to: string, reason: string | null) =>
      repo.insertEvent(trx, {
        id: newId(),
        caseId: id,
        at,
        eventDate: date,
        transition,
        fromStatus: from,
        toStatus: to,
        reason,
        actorUserId: assignee,
      });
    const action = async (kind: ActionKind, date: string, note: string, extra: Partial<Parameters<typeof repo.insertAction>[1]> = {}) =>
      repo.insertAction(trx, {
        id: newId(),
        caseId: id,
        ownerOrgId: owner.id,
        kind,
        actionDate: date,
        byName: null,
        recordedBy: assignee,
        note,
        protectionOrderStatus: null,
        protectionOrderEmergency: 0,
        protectionOrderAppliedAt: null,
        protectionOrderDecidedDate: null,
        warningNo: null,
        policeOrgId: null,
        createdAt: at,
        ...extra,
      });

    await ev(p.receivedDate, 'register', null, 'registered', p.channel === 'letter' ? '来信登记' : '来访登记');
    if (p.divert) {
      await ev(
        addDays(p.receivedDate, 2),
        'divert',
        'registered',
        'diverted',
        '已进入诉讼程序的民事纠纷，依法引导通过诉讼解决（导入：区人民法院）',
      );
      return;
    }
    await ev(acceptedDate!, 'accept', 'registered', 'accepted', '已当面（书面）告知受理及办理途径');
    await action('consultation', acceptedDate!, '接待来访，了解情况，告知相关法律规定和办理途径。');
    const mid = addDays(acceptedDate!, Math.max(1, Math.floor(handleDays / 2)));
    await ev(acceptedDate!, 'start', 'accepted', 'in_progress', '开始办理');

    const legal =
      p.tribunal || p.category === 'property' || p.category === 'marriage_family'
        ? rand() < 0.55 || p.tribunal
        : p.category === 'labour' && rand() < 0.5;
    if (legal)
      await action('legal_consultation', addDays(acceptedDate!, 1), '请常年法律顾问到场，就权利义务、证据收集和诉讼途径提供法律咨询。', {
        byName: '常年法律顾问 何志远律师',
      });
    if (p.category === 'marriage_family' || (p.category === 'property' && !p.tribunal))
      await action('mediation', mid, '会同村（社区）妇联、人民调解员组织双方调解，达成调解意见。', { byName: '人民调解员' });

    const referrals: { agencyId: string; kind: 'service' | 'court_filing'; service: string; outcome: string }[] = [];
    if (dv) {
      const police =
        township.name === '牛佛镇'
          ? policeNiufo
          : township.name === '东城街道'
            ? policeDongcheng
            : rand() < 0.5
              ? policeNiufo
              : policeDongcheng;
      await action('home_visit', addDays(acceptedDate!, 2), '入户走访，核实家庭情况，对施暴方进行法治教育。');
      referrals.push({
        agencyId: police.id,
        kind: 'service',
        service: '请对施暴人依法出具告诫书并加强巡查',
        outcome: '已对施暴人出具家庭暴力告诫书，通知村（居）委会回访。',
      });
      if (risk === 'high' || rand() < 0.4)
        await action('police_warning', addDays(acceptedDate!, 3), '派出所对施暴人出具家庭暴力告诫书。', {
          warningNo: `自公（${police.name.slice(0, 2)}）告字〔${year}〕${10 + p.i}号`,
          policeOrgId: police.id,
        });
      if (risk === 'high') {
        const appliedAt = `${addDays(acceptedDate!, 2)}T02:00:00.000Z`;
        await action('protection_order', addDays(acceptedDate!, 2), '协助当事人向区人民法院申请人身安全保护令。', {
          protectionOrderStatus: 'applied',
          protectionOrderAppliedAt: appliedAt,
          protectionOrderEmergency: 1,
        });
        await action(
          'protection_order',
          addDays(acceptedDate!, 3),
          '法院作出人身安全保护令，禁止被申请人实施家庭暴力及骚扰、接触申请人。',
          { protectionOrderStatus: 'issued', protectionOrderDecidedDate: addDays(acceptedDate!, 3) },
        );
      }
      await action('follow_up', addDays(closedDate!, -1), '回访当事人，家庭暴力已停止，当事人情绪稳定。');
    }
    if (p.tribunal)
      referrals.push({
        agencyId: tribunal.id,
        kind: 'court_filing',
        service: '支持当事人起诉，请维权合议庭依法立案审理',
        outcome: '经审理，调解结案，当事人合法权益得到维护。',
      });
    else if (p.category === 'property' || (p.category === 'labour' && rand() < 0.6))
      referrals.push({
        agencyId: legalAid.id,
        kind: 'service',
        service: '请为当事人提供法律援助',
        outcome: '已指派律师提供法律援助，纠纷已处理完毕。',
      });
    if (p.category === 'labour' && referrals.length === 0)
      referrals.push({ agencyId: justice.id, kind: 'service', service: '请协助开展劳动争议调解', outcome: '经调解，用人单位已补发工资。' });
    if (p.category === 'child_rights' || (dv && rand() < 0.2))
      referrals.push({
        agencyId: civil.id,
        kind: 'service',
        service: '请评估家庭困难情况并落实临时救助',
        outcome: '已落实临时救助，并纳入关爱帮扶对象。',
      });

    for (const [k, r] of referrals.entries()) {
      // Every referral is answered and done by the day the case closes (a case closes only when its referrals have).
      const min = (a: string, b: string) => (a < b ? a : b);
      const sent = min(addDays(acceptedDate!, 1 + k), closedDate!);
      const answered = min(addDays(sent, 1 + Math.floor(rand() * 4)), closedDate!);
      // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text
      const done = addDays(closedDate!, -1) > answered ? addDays(closedDate!, -1) : answered;
      const consentId = newId();
      await repo.insertConsent(trx, {
        id: consentId,
        caseId: id,
        personId: person.id,
        agencyOrgId: r.agencyId,
        purpose: r.service,
        givenBy: name,
        givenDate: sent,
        method: 'written',
        recordedBy: assignee,
        recordedAt: at,
        withdrawnAt: null,
        withdrawnDate: null,
      });
      await repo.insertReferral(trx, {
        id: newId(),
        caseId: id,
        ownerOrgId: owner.id,
        agencyOrgId: r.agencyId,
        kind: r.kind,
        serviceRequested: r.service,
        noteForAgency: null,
        shareNarrative: 0,
        consentId,
        withoutConsentReason: null,
        sentDate: sent,
        dueDate: addDays(sent, 15),
        status: 'done',
        sentBy: assignee,
        answeredDate: answered,
        daysToAnswer: daysBetween(sent, answered),
        receiptNote: '已接收，指定专人办理。',
        declineReason: null,
        outcome: r.outcome,
        doneDate: done,
        handlerName: null,
        filedDate: r.kind === 'court_filing' ? answered : null,
        courtCaseNo: r.kind === 'court_filing' ? `（${year}）川0399民初${1200 + p.i * 7}号` : null,
        courtResult: r.kind === 'court_filing' ? '调解结案' : null,
        revokedReason: null,
        escalatedAt: null,
        linkTokenHash: null,
        linkIssuedAt: null,
        linkExpiresAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
    await ev(closedDate!, 'close', 'in_progress', 'closed', '经调查核实并协调有关部门，已依法依规作出处理，并向当事人书面答复。');
  }
}
