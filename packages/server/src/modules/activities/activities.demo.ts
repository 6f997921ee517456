import type { ActivityType, ParticipantGroup, ResourceCategory } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import * as repo from './activities.repository.js';
import type { ActivityEventsTable } from './activities.tables.js';
import { proportional, spread } from '../../platform/demo.js';
import { DEPARTMENTS } from '../org/index.js';
import { seedPublicity } from './activities.publicity.demo.js';
import { seedTraining } from './activities.training.demo.js';

/**
 * The demo district's 2026 events and training, after the reference summary. Every figure the summary states is
 * the sum of individual records: the 六一 totals are spread over one event per township, street and department
 * (12 + 4 + 45), the 80 re-employed women are 80 trainees with that outcome, and so on.
 */

const STREET_CODES = ['510399001', '510399002', '510399003', '510399004'];
const TOWN_CODES = Array.from({ length: 12 }, (_, i) => `510399${100 + i}`);

type EventSeed = {
  type: ActivityType;
  title: string;
  startDate: string;
  endDate?: string;
  owner: string;
  venue?: string;
  targetGroup?: string;
  participants: number;
  groups?: Partial<Record<ParticipantGroup, number>>;
  partners?: string[];
  unitsVisited?: number;
  visited?: string[];
  goodDeeds?: number;
  performances?: number;
  association?: string;
  description?: string;
  resources?: { category: ResourceCategory; item: string; quantity: number; fen: number }[];
};

export async function seedActivitiesDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const at = clock.now().toISOString();
  const root = ctx.org('510399').id;
  const chair = ctx.user('chair').id;
  // Looked up before the transaction: on SQLite a query outside it would wait for it to finish.
  const associations = new Map(
    (await db.selectFrom('associations').select(['id', 'name']).where('ownerOrgId', '=', root).execute()).map((a) => [a.name, a.id]),
  );

  const events: EventSeed[] = [
    {
      type: 'womens_day',
      title: '“美丽存折一卡通”慰问女领导干部',
      startDate: '2026-03-02',
      owner: root,
      targetGroup: '全区副科级以上女领导干部',
      participants: 50,
      description: '向全区副科级女领导干部发一封慰问信，送一张美丽存折，为女干部送去美丽、温馨与呵护。',
      resources: [
        { category: 'letter', item: '三八节慰问信', quantity: 50, fen: 0 },
        { category: 'gift', item: '美丽存折', quantity: 50, fen: 0 },
      ],
    },
    {
      type: 'meeting',
      title: '区妇联第八届三次执委扩大会',
      startDate: '2026-03-03',
      owner: root,
      venue: '区委会议中心',
      targetGroup: '区妇联执委、各级妇联主席',
      participants: 68,
      description: '以“创业绩·展风采”为主题，在全区妇联组织中开展评比表彰。',
    },
    {
      type: 'outing',
      title: '“联谊·交流”安泰自驾游联谊活动暨《职场礼仪》讲座',
      startDate: '2026-03-06',
      owner: root,
      venue: '安泰生态园',
      targetGroup: '县级、正科级女领导干部，女企业家，巾帼之友',
      participants: 43,
      groups: { cadres: 21, entrepreneurs: 14, other: 8 },
      partners: ['平安保险公司'],
      association: '巾帼之友协会',
      description: '邀请平安保险公司专业讲师作《职场礼仪》讲座，举办“相约三八”联欢活动（协会第一季度平台活动）。',
    },
    {
      type: 'meeting',
      title: '承办全市两纲工作现场会',
      startDate: '2026-04-16',
      owner: root,
      venue: '区会堂',
      targetGroup: '各区县妇联主席、妇儿工委办干部',
      participants: 55,
      description: '组织参观“两纲”示范点，交流经验。',
    },
    {
      type: 'other',
      title: '女企业家沙龙：妇女创业与企业发展',
      startDate: '2026-05-20',
      owner: root,
      venue: '区工商联会议室',
      participants: 26,
      groups: { entrepreneurs: 26 },
      association: '女企业家协会',
      description: '协会第二季度平台活动。',
    },
    {
      type: 'lecture',
      title: '《企业经营管理战略及企业发展》专题讲座',
      startDate: '2026-09-18',
      owner: root,
      venue: '区会堂',
      targetGroup: '女企业家、企业经营者',
      participants: 86,
      groups: { entrepreneurs: 86 },
      association: '女企业家协会',
      description: '邀请MBA培训专家组专家陈志云教授主讲（协会第三季度平台活动）。',
    },
    {
      type: 'other',
      title: '巾帼之友协会年终联谊会',
      startDate: '2026-11-20',
      owner: root,
      venue: '区文化馆',
      participants: 60,
      association: '巾帼之友协会',
      description: '协会第四季度平台活动。',
    },
    // 关爱女性健康: breast screening by the provincial experts in four batches (3,220 women in all).
    ...[
      { date: '2026-04-22', owner: '510399100', venue: '牛佛镇卫生院', n: 850 },
      { date: '2026-05-13', owner: '510399001', venue: '东城街道社区卫生服务中心', n: 790 },
      { date: '2026-06-17', owner: '510399104', venue: '沿滩镇卫生院', n: 820 },
      { date: '2026-07-08', owner: '510399002', venue: '西城街道社区卫生服务中心', n: 760 },
    ].map(
      (b, i): EventSeed => ({
        type: 'health_screening',
        title: `“关爱女性健康”乳腺疾病免费普查（第${i + 1}批）`,
        startDate: b.date,
        owner: ctx.org(b.owner).id,
        venue: b.venue,
        targetGroup: '35—64岁妇女',
        participants: b.n,
        groups: { women: b.n },
        partners: ['区卫生健康局', '省生殖卫生学院'],
      }),
    ),
    {
      type: 'campaign_launch',
      title: '“贫困母亲救助行动”倡议启动',
      startDate: '2026-03-20',
      owner: root,
      participants: 120,
      description: '以“小康路上不让一个姐妹掉队”为主题在全区各级妇联组织中发出倡议。',
    },
  ];

  // 六一: one record per organising unit; the district totals are their sums.
  const sixOne = [...TOWN_CODES.map((c) => ctx.org(c)), ...STREET_CODES.map((c) => ctx.org(c)), ...DEPARTMENTS.map((d) => ctx.org(d))];
  const places = 16; // 12 townships + 4 streets visit the schools and kindergartens
  const visits = spread(32, places);
  const gifts = spread(380, sixOne.length);
  const giftFen = proportional(700000, gifts);
  const books = spread(280, places);
  const bookFen = proportional(320000, books);
  const aids = spread(35, 35); // one teaching aid from each of the first 35 departments
  const aidFen = proportional(300000, aids);
  const cashFen = proportional(
    1320000,
    sixOne.map((_, i) => (i < places ? 3 : 1)),
  );
  sixOne.forEach((unit, i) => {
    const isPlace = i < places;
    const dept = i - places;
    const resources: EventSeed['resources'] = [{ category: 'gift', item: '儿童节慰问品', quantity: gifts[i], fen: giftFen[i] }];
    if (isPlace) resources.push({ category: 'book', item: '少儿读物', quantity: books[i], fen: bookFen[i] });
    if (!isPlace && dept < 35) resources.push({ category: 'teaching_aid', item: '教具', quantity: aids[dept], fen: aidFen[dept] });
    resources.push({ category: 'cash', item: '六一慰问金', quantity: 1, fen: cashFen[i] });
    events.push({
      type: 'childrens_day',
      title: `${unit.name}“六一”儿童节慰问活动`,
      startDate: `2026-05-${String(26 + (i % 6)).padStart(2, '0')}`.replace('2026-05-31', '2026-06-01'),
      owner: unit.id,
      targetGroup: '辖区中小学生、幼儿',
      participants: isPlace ? 60 + (i % 5) * 10 : 15 + (i % 4) * 5,
      unitsVisited: isPlace ? visits[i] : 0,
      goodDeeds: i < 25 ? 1 : 0,
      performances: isPlace ? 1 : dept < 14 ? 1 : 0,
      resources,
    });
  });

  await db.transaction().execute(async (trx) => {
    for (const e of events) {
      const id = newId();
      const row: ActivityEventsTable = {
        id,
        ownerOrgId: e.owner,
        type: e.type,
        title: e.title,
        startDate: e.startDate,
        endDate: e.endDate ?? null,
        partnerUnits: JSON.stringify(e.partners ?? []),
        venue: e.venue ?? null,
        targetGroup: e.targetGroup ?? null,
        participantMode: 'count',
        participantCount: e.participants,
        groupCounts: JSON.stringify(e.groups ?? {}),
        unitsVisited: e.unitsVisited ?? 0,
        visitedUnitNames: JSON.stringify(e.visited ?? []),
        goodDeeds: e.goodDeeds ?? 0,
        performances: e.performances ?? 0,
        associationId: e.association ? (associations.get(e.association) ?? null) : null,
        description: e.description ?? null,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      };
      await repo.insertEvent(trx, row);
      await repo.replaceResources(
        trx,
        id,
        (e.resources ?? []).map((r, i) => ({
          id: newId(),
          eventId: id,
          ownerOrgId: e.owner,
          category: r.category,
          item: r.item,
          quantity: r.quantity,
          valueFen: r.fen,
          note: null,
          sortOrder: i,
        })),
      );
    }
    await seedTraining(trx, ctx, at);
    await seedPublicity(trx, root, chair, at);
  });
}
