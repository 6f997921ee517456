import {
  addDays,
  isValidCreditCode,
  maskIdNumber,
  maskPhone,
  matchSeekerToVacancy,
  type NotHiredReason,
  type WorkHours,
} from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import { searchTraineeRecords } from '../activities/index.js';
import type { DemoContext } from '../module.js';
import { findOrCreatePerson } from '../people/index.js';
import * as employersRepo from './employers.repository.js';
import type { PlacementEmployersTable, PlacementSeekersTable, PlacementVacanciesTable } from './placement.tables.js';
import * as repo from './referrals.repository.js';
import * as seekersRepo from './seekers.repository.js';
import { demoName, makeIdNumber } from '../../platform/demo.js';

/**
 * The demo district's 职介所 in 2026, consistent with the training records: the women it placed or sent out are
 * among the 80 trainees the activities demo records as re-employed (their "training taken" links them), so the
 * summary's "帮助80名妇女实现二次就业" stays 80 — a woman trained, then placed, counts once. Besides them: trainees
 * who found nothing yet (referred, not hired, or waiting), and laid-off women who registered in November.
 */

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** A 统一社会信用代码 from its first 17 characters: the check character that makes it valid. */
function creditCode(base17: string): string {
  for (const c of CODE_CHARS) if (isValidCreditCode(base17 + c)) return base17 + c;
  throw new Error(`no check character for ${base17}`);
}

type EmployerSeed = { key: string; name: string; code: string; industry: string; address: string; contact: string; phone: string };
const EMPLOYERS: EmployerSeed[] = [
  {
    key: 'insurance',
    name: '中国平安人寿保险股份有限公司示例中心支公司',
    code: '91510300MA6200001',
    industry: '保险',
    address: '示例区东城街道人民路88号',
    contact: '何经理',
    phone: '13908130001',
  },
  {
    key: 'housekeeping',
    name: '示例区巾帼家政服务有限公司',
    code: '91510399MA6200002',
    industry: '居民服务',
    address: '示例区西城街道锦绣路12号',
    contact: '罗女士',
    phone: '13908130002',
  },
  {
    key: 'eldercare',
    name: '示例区康宁养老服务中心',
    code: '52510399MJ6200003',
    industry: '养老服务',
    address: '示例区南湖街道湖畔路6号',
    contact: '邓院长',
    phone: '13908130003',
  },
  {
    key: 'farm',
    name: '示例区绿源果蔬种植专业合作社',
    code: '93510399MA6200004',
    industry: '农业',
    address: '示例区牛佛镇石桥村',
    contact: '刘社长',
    phone: '13908130004',
  },
  {
    key: 'market',
    name: '示例区惠民超市有限公司',
    code: '91510399MA6200005',
    industry: '零售',
    address: '示例区北岸街道滨江路20号',
    contact: '周店长',
    phone: '13908130005',
  },
  {
    key: 'ningbo',
    name: '宁波市甬江家政服务有限公司',
    code: '91330200MA2800006',
    industry: '居民服务',
    address: '浙江省宁波市海曙区中山西路100号',
    contact: '陈经理',
    phone: '13957400006',
  },
];

type VacancySeed = {
  key: string;
  employer: string;
  title: string;
  skills: string[];
  hours: WorkHours;
  positions: number;
  wage: [number, number];
  location: string | null;
  locationText: string;
  published: string;
  age?: [number, number];
};
const VACANCIES: VacancySeed[] = [
  {
    key: 'sales',
    employer: 'insurance',
    title: '保险代理人',
    skills: ['营销'],
    hours: 'flexible',
    positions: 6,
    wage: [200000, 500000],
    location: '东城街道',
    locationText: '东城街道人民路',
    published: '2026-03-20',
  },
  {
    key: 'maid',
    employer: 'housekeeping',
    title: '家政服务员',
    skills: ['家政服务'],
    hours: 'full_time',
    positions: 10,
    wage: [280000, 380000],
    location: '东城街道',
    locationText: '东城街道（城区）',
    published: '2026-04-01',
  },
  {
    key: 'nanny',
    employer: 'housekeeping',
    title: '育婴员',
    skills: ['育婴'],
    hours: 'full_time',
    positions: 5,
    wage: [350000, 450000],
    location: '西城街道',
    locationText: '西城街道',
    published: '2026-09-01',
    age: [22, 55],
  },
  {
    key: 'carer',
    employer: 'eldercare',
    title: '养老护理员',
    skills: ['养老护理'],
    hours: 'full_time',
    positions: 10,
    wage: [260000, 320000],
    location: '南湖街道',
    locationText: '南湖街道湖畔路',
    published: '2026-06-10',
  },
  {
    key: 'grower',
    employer: 'farm',
    title: '果蔬种植工',
    skills: ['种植'],
    hours: 'part_time',
    positions: 10,
    wage: [150000, 220000],
    location: '牛佛镇',
    locationText: '牛佛镇石桥村',
    published: '2026-04-25',
  },
  {
    key: 'cashier',
    employer: 'market',
    title: '收银员',
    skills: ['收银'],
    hours: 'full_time',
    positions: 3,
    wage: [220000, 260000],
    location: '北岸街道',
    locationText: '北岸街道滨江路',
    published: '2026-10-15',
  },
  {
    key: 'ningbo',
    employer: 'ningbo',
    title: '家政服务员（宁波）',
    skills: ['家政服务'],
    hours: 'full_time',
    positions: 15,
    wage: [500000, 650000],
    location: null,
    locationText: '浙江省宁波市',
    published: '2026-06-01',
  },
];

/** Which trainees (by session topic) found which work: the training course's six sessions and their re-employed women. */
const PLAN: { topic: string; skill: string; hired: { vacancy: string; n: number }[]; exported?: number }[] = [
  { topic: '科学种养（一）', skill: '种植', hired: [{ vacancy: 'grower', n: 5 }] },
  { topic: '庭院经济', skill: '养殖', hired: [{ vacancy: 'sales', n: 3 }] },
  { topic: '家政服务（一）', skill: '家政服务', hired: [{ vacancy: 'maid', n: 3 }], exported: 12 },
  { topic: '科学种养（二）', skill: '种植', hired: [{ vacancy: 'grower', n: 4 }] },
  { topic: '家政服务（二）', skill: '家政服务', hired: [{ vacancy: 'maid', n: 6 }] },
  {
    topic: '育婴与养老护理',
    skill: '养老护理',
    hired: [
      { vacancy: 'carer', n: 8 },
      { vacancy: 'nanny', n: 4 },
    ],
  },
];

const RESIDENCES = [
  '大山村',
  '石桥村',
  '永红村',
  '新民村',
  '仙滩村',
  '何家村',
  '沿江村',
  '黄桷村',
  '东兴社区',
  '春华社区',
  '锦绣社区',
  '湖畔社区',
];
const NOT_HIRED: NotHiredReason[] = ['employer_declined', 'wage', 'location', 'seeker_declined', 'hours', 'skills'];

export async function seedPlacementDemo(ctx: DemoContext): Promise<void> {
  const { db, clock, cipher } = ctx;
  const at = clock.now().toISOString();
  const root = ctx.org('510399');
  const scope = { permission: 'placement.read' as const, paths: [root.path] };
  const chair = ctx.user('programme').id;
  // Looked up before the transaction: on SQLite a query outside it would wait for it to finish.
  const reemployed = await searchTraineeRecords(db, scope, { outcome: 'reemployed', category: 'skills', limit: 500 });
  const notYet = await searchTraineeRecords(db, scope, { outcome: 'none', category: 'skills', limit: 500 });
  if (reemployed.length === 0) return;

  await db.transaction().execute(async (trx) => {
    const employerIds = new Map<string, string>();
    const employerRows: PlacementEmployersTable[] = EMPLOYERS.map((e) => {
      const id = newId();
      employerIds.set(e.key, id);
      return {
        id,
        ownerOrgId: root.id,
        name: e.name,
        creditCode: creditCode(e.code),
        industry: e.industry,
        address: e.address,
        contactName: e.contact,
        contactPhoneEnc: cipher.encrypt(e.phone),
        contactPhoneMasked: maskPhone(e.phone),
        note: e.key === 'insurance' ? '与区妇联签订合作协议，为下岗妇女提供就业机会' : null,
        active: 1,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      };
    });
    await employersRepo.insertEmployers(trx, employerRows);
    const vacancies = new Map<string, PlacementVacanciesTable>();
    for (const v of VACANCIES)
      vacancies.set(v.key, {
        id: newId(),
        ownerOrgId: root.id,
        employerId: employerIds.get(v.employer)!,
        title: v.title,
        skills: JSON.stringify(v.skills),
        hours: v.hours,
        positions: v.positions,
        wageMinFen: v.wage[0],
        wageMaxFen: v.wage[1],
        locationOrgId: v.location ? ctx.org(v.location).id : null,
        locationText: v.locationText,
        ageMin: v.age?.[0] ?? null,
        ageMax: v.age?.[1] ?? null,
        publishedOn: v.published,
        closesOn: null,
        status: 'open',
        description: null,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      });
    await employersRepo.insertVacancies(trx, [...vacancies.values()]);

    let seq = 0;
    const register = async (
      t: { traineeId: string; name: string; courseTitle: string; sessionDate: string } | null,
      name: string,
      skills: string[],
      opts: { registeredOn: string; owner: string; category: PlacementSeekersTable['category']; acceptsOutside?: boolean },
    ) => {
      const i = seq++;
      const birth = `${1974 + (i % 20)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
      const idNumber = makeIdNumber('510399', birth, 600 + 2 * i, true);
      const phone = `139${String(81300000 + i * 37).padStart(8, '0')}`;
      const residence = ctx.org(RESIDENCES[i % RESIDENCES.length]).id;
      const person = await findOrCreatePerson(
        trx,
        { cipher, clock, actor: null },
        { name, gender: 'female', idNumber, phone, residenceOrgId: residence, ownerOrgId: opts.owner },
      );
      const row: PlacementSeekersTable = {
        id: newId(),
        ownerOrgId: opts.owner,
        personId: person.id,
        name,
        gender: 'female',
        birthDate: birth,
        idNumberMasked: maskIdNumber(idNumber),
        phoneMasked: maskPhone(phone),
        category: opts.category,
        education: i % 3 === 0 ? 'below' : 'high_school',
        hours: 'full_time',
        placeOrgIds: JSON.stringify([]),
        acceptsOutside: opts.acceptsOutside ? 1 : 0,
        expectedWageFen: 250000 + (i % 4) * 20000,
        wishes: null,
        registeredOn: opts.registeredOn,
        status: 'seeking',
        statusDate: opts.registeredOn,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      };
      await seekersRepo.insertSeekers(trx, [row]);
      await seekersRepo.replaceSkills(trx, row.id, opts.owner, skills);
      if (t)
        await seekersRepo.insertTrainings(trx, [
          {
            id: newId(),
            seekerId: row.id,
            ownerOrgId: opts.owner,
            traineeId: t.traineeId,
            title: t.courseTitle,
            organiser: '区妇联',
            completedOn: t.sessionDate,
            createdAt: at,
          },
        ]);
      return { row, skills };
    };

    const refer = async (
      s: { row: PlacementSeekersTable; skills: string[] },
      vacancyKey: string,
      referredOn: string,
      outcome: { hiredOn: string } | { notHired: NotHiredReason; on: string } | null,
    ) => {
      const v = vacancies.get(vacancyKey)!;
      const match = matchSeekerToVacancy(
        {
          skills: s.skills,
          hours: s.row.hours,
          places: [],
          acceptsOutside: false,
          expectedWageFen: s.row.expectedWageFen,
          birthDate: s.row.birthDate,
        },
        {
          skills: JSON.parse(v.skills),
          hours: v.hours,
          location: v.locationOrgId ? { id: v.locationOrgId, path: '', name: v.locationText } : null,
          locationText: v.locationText,
          wageMinFen: v.wageMinFen,
          wageMaxFen: v.wageMaxFen,
          ageMin: v.ageMin,
          ageMax: v.ageMax,
        },
        referredOn,
      );
      const hired = outcome && 'hiredOn' in outcome;
      await repo.insertReferrals(trx, [
        {
          id: newId(),
          ownerOrgId: s.row.ownerOrgId,
          seekerId: s.row.id,
          vacancyId: v.id,
          employerId: v.employerId,
          referredOn,
          score: match.score,
          reasons: JSON.stringify(match.reasons),
          status: !outcome ? 'referred' : hired ? 'hired' : 'not_hired',
          outcomeOn: !outcome ? null : 'hiredOn' in outcome ? outcome.hiredOn : outcome.on,
          monthlyWageFen: hired ? (v.wageMinFen ?? 0) + 20000 : null,
          notHiredReason: outcome && 'notHired' in outcome ? outcome.notHired : null,
          note: null,
          createdBy: chair,
          createdAt: at,
          updatedAt: at,
        },
      ]);
      if (hired)
        await seekersRepo.updateSeeker(trx, s.row.id, {
          status: 'employed',
          statusDate: (outcome as { hiredOn: string }).hiredOn,
          updatedAt: at,
        });
    };

    // The re-employed trainees the 职介所 placed or sent out: registered a few days after their session.
    const exportedSeekers: { row: PlacementSeekersTable; skills: string[] }[] = [];
    for (const p of PLAN) {
      const group = reemployed.filter((t) => t.topic === p.topic);
      let k = 0;
      for (const h of p.hired)
        for (let n = 0; n < h.n && k < group.length; n++, k++) {
          const t = group[k];
          const s = await register(t, t.name, [p.skill], {
            registeredOn: t.sessionDate,
            owner: root.id,
            category: k % 2 ? 'rural' : 'laid_off',
          });
          await refer(s, h.vacancy, addDays(t.outcomeDate ?? t.sessionDate, -7), { hiredOn: t.outcomeDate ?? t.sessionDate });
        }
      for (let n = 0; n < (p.exported ?? 0) && k < group.length; n++, k++) {
        const t = group[k];
        exportedSeekers.push(
          await register(t, t.name, [p.skill], { registeredOn: t.sessionDate, owner: root.id, category: 'rural', acceptsOutside: true }),
        );
      }
    }

    // 劳务输出: twelve women of the first housekeeping class to Ningbo, 300 yuan travel support each.
    const batchId = newId();
    const departure = '2026-07-01';
    await repo.insertBatch(trx, {
      id: batchId,
      ownerOrgId: root.id,
      title: '2026年家政服务劳务输出（宁波）',
      destination: '浙江省宁波市',
      employerId: employerIds.get('ningbo')!,
      departureDate: departure,
      supportPerPersonFen: 30000,
      note: '与宁波市甬江家政服务有限公司签订用工协议，统一组织出行，岗前培训后上岗。',
      createdBy: chair,
      createdAt: at,
      updatedAt: at,
    });
    const members = exportedSeekers.map((s) => ({
      id: newId(),
      batchId,
      seekerId: s.row.id,
      ownerOrgId: root.id,
      status: 'departed' as const,
      supportFen: 30000,
      createdAt: at,
      updatedAt: at,
    }));
    await repo.insertMembers(trx, members);
    for (const s of exportedSeekers)
      await seekersRepo.updateSeeker(trx, s.row.id, { status: 'employed', statusDate: departure, updatedAt: at });
    await repo.insertFollowUps(
      trx,
      members.flatMap((m, i) => [
        {
          id: newId(),
          memberId: m.id,
          batchId,
          ownerOrgId: root.id,
          months: 1,
          doneOn: '2026-08-03',
          result: 'working' as const,
          monthlyWageFen: 550000,
          note: null,
          createdBy: chair,
          createdAt: at,
        },
        {
          id: newId(),
          memberId: m.id,
          batchId,
          ownerOrgId: root.id,
          months: 3,
          doneOn: '2026-10-08',
          result: i === 3 ? ('returned' as const) : i === 7 ? ('changed_job' as const) : ('working' as const),
          monthlyWageFen: i === 3 ? null : 580000,
          note: i === 3 ? '家中老人生病返乡照料' : null,
          createdBy: chair,
          createdAt: at,
        },
      ]),
    );

    // Trainees who have not found work yet: six referred and not hired (with the reason), four waiting for an answer.
    for (const [i, t] of notYet.slice(0, 10).entries()) {
      const skill = t.topic.startsWith('家政') ? '家政服务' : t.topic.startsWith('育婴') ? '育婴' : '种植';
      const s = await register(t, t.name, [skill], { registeredOn: t.sessionDate, owner: root.id, category: 'laid_off' });
      const key = skill === '家政服务' ? 'maid' : skill === '育婴' ? 'nanny' : 'grower';
      // A month after the class, or when the vacancy opened if later (dates compare as text).
      const dates = [addDays(t.sessionDate, 30), vacancies.get(key)!.publishedOn].sort();
      if (i < 6) await refer(s, key, dates[1], { notHired: NOT_HIRED[i], on: addDays(dates[1], 10) });
      else await refer(s, key, '2026-11-20', null);
    }
    // Laid-off women who registered in November at 东城街道 and are still looking.
    const street = ctx.org('东城街道').id;
    for (let i = 0; i < 8; i++)
      await register(null, demoName(i, 'female', 21), i % 2 ? ['收银', '营销'] : ['保洁', '餐饮服务'], {
        registeredOn: `2026-11-${String(3 + i * 2).padStart(2, '0')}`,
        owner: street,
        category: 'laid_off',
      });
  });
}
