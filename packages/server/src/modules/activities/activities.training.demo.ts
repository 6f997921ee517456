import type { ParticipantGroup, TraineeOutcome, TrainingCategory } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import * as repo from './activities.repository.js';
import { demoName } from '../../platform/demo.js';

/** The demo's training: the courses, their sessions and trainees (80 re-employed, as the summary says). */
type SessionSeed = {
  topic: string;
  date: string;
  hours: number;
  teacher?: string;
  venue?: string;
  count?: number;
  groups?: Partial<Record<ParticipantGroup, number>>;
  trainees?: { n: number; reemployed: number; outcomeDate: string };
};

export async function seedTraining(trx: Executor, ctx: DemoContext, at: string) {
  const root = ctx.org('510399').id;
  const courses: {
    title: string;
    category: TrainingCategory;
    owner: string;
    start: string;
    end: string;
    partner?: string;
    description?: string;
    sessions: SessionSeed[];
  }[] = [
    {
      title: '农村妇女、城镇下岗失业妇女实用技能培训',
      category: 'skills',
      owner: root,
      start: '2026-03-16',
      end: '2026-10-30',
      partner: '区农民职业技能培训学校商贸服务分校、妇联职介所',
      description: '面向农村妇女、城镇下岗失业妇女开展科学种养、庭院经济、家政服务等培训。',
      // 6 sessions, 150 trainees, 80 re-employed afterwards (followed up with dates).
      sessions: [
        {
          topic: '科学种养（一）',
          date: '2026-03-16',
          hours: 24,
          venue: '商贸服务分校',
          trainees: { n: 25, reemployed: 12, outcomeDate: '2026-05-10' },
        },
        {
          topic: '庭院经济',
          date: '2026-04-20',
          hours: 24,
          venue: '商贸服务分校',
          trainees: { n: 25, reemployed: 13, outcomeDate: '2026-06-15' },
        },
        {
          topic: '家政服务（一）',
          date: '2026-05-18',
          hours: 32,
          venue: '妇联职介所',
          trainees: { n: 25, reemployed: 15, outcomeDate: '2026-07-01' },
        },
        {
          topic: '科学种养（二）',
          date: '2026-06-22',
          hours: 24,
          venue: '牛佛镇农技站',
          trainees: { n: 25, reemployed: 12, outcomeDate: '2026-08-20' },
        },
        {
          topic: '家政服务（二）',
          date: '2026-09-07',
          hours: 32,
          venue: '妇联职介所',
          trainees: { n: 25, reemployed: 15, outcomeDate: '2026-10-20' },
        },
        {
          topic: '育婴与养老护理',
          date: '2026-10-19',
          hours: 32,
          venue: '商贸服务分校',
          trainees: { n: 25, reemployed: 13, outcomeDate: '2026-11-18' },
        },
      ],
    },
    {
      title: '市党政领导干部和经营管理人才MBA高级研修班',
      category: 'management',
      owner: root,
      start: '2026-03-28',
      end: '2026-09-26',
      partner: '区委组织部',
      description: '为期半年，邀请国内著名专家、教授主讲经营管理战略及领导艺术；区妇联全体人员全过程参加。',
      sessions: [
        '战略管理',
        '领导艺术',
        '组织行为学',
        '人力资源管理',
        '市场营销',
        '财务管理',
        '公共管理',
        '危机管理',
        '团队建设',
        '沟通与协调',
        '创新管理',
        '企业文化',
      ].map((topic, i) => ({
        topic,
        date: `2026-${String(4 + Math.floor(i / 2)).padStart(2, '0')}-${i % 2 === 0 ? '11' : '25'}`,
        hours: 6,
        teacher: '特聘教授',
        venue: '区委党校',
        count: 46,
      })),
    },
    {
      title: '“北京专家与家长手拉手”家庭教育培训班',
      category: 'family_education',
      owner: root,
      start: '2026-04-08',
      end: '2026-04-10',
      partner: '区教育局',
      description: '邀请北京才人堂教育研究中心研究员高桂云教授主讲。',
      sessions: [
        {
          topic: '家庭教育与儿童心理素质',
          date: '2026-04-08',
          hours: 3,
          teacher: '高桂云',
          venue: '区会堂',
          count: 186,
          groups: { parents: 186 },
        },
        { topic: '家校共育', date: '2026-04-09', hours: 3, teacher: '高桂云', venue: '永嘉小学', count: 168, groups: { parents: 168 } },
        {
          topic: '做智慧的父母',
          date: '2026-04-10',
          hours: 3,
          teacher: '高桂云',
          venue: '区实验小学',
          count: 161,
          groups: { parents: 161 },
        },
      ],
    },
    {
      title: '结核病控制项目健康促进培训班',
      category: 'health',
      owner: root,
      start: '2026-05-26',
      end: '2026-06-09',
      partner: '区卫生健康局',
      sessions: [
        {
          topic: '结核病防治知识（区疾控中心）',
          date: '2026-05-26',
          hours: 4,
          venue: '区疾病预防控制中心',
          count: 160,
          groups: { cadres: 42, village_doctors: 58, women: 60 },
        },
        {
          topic: '结核病防治知识（牛佛镇）',
          date: '2026-06-09',
          hours: 4,
          venue: '牛佛镇',
          count: 160,
          groups: { cadres: 36, village_doctors: 52, women: 72 },
        },
      ],
    },
  ];

  let nameSeed = 0;
  for (const c of courses) {
    const courseId = newId();
    await repo.insertCourse(trx, {
      id: courseId,
      ownerOrgId: c.owner,
      title: c.title,
      category: c.category,
      startDate: c.start,
      endDate: c.end,
      partner: c.partner ?? null,
      description: c.description ?? null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    });
    for (const s of c.sessions) {
      const sessionId = newId();
      const roster = !!s.trainees;
      await repo.insertSession(trx, {
        id: sessionId,
        courseId,
        ownerOrgId: c.owner,
        topic: s.topic,
        sessionDate: s.date,
        endDate: null,
        hours: s.hours,
        teacher: s.teacher ?? null,
        venue: s.venue ?? null,
        attendeeMode: roster ? 'roster' : 'count',
        attendeeCount: roster ? s.trainees!.n : (s.count ?? 0),
        groupCounts: JSON.stringify(s.groups ?? {}),
        createdAt: at,
        updatedAt: at,
      });
      if (s.trainees) {
        nameSeed++;
        await repo.insertTrainees(
          trx,
          Array.from({ length: s.trainees.n }, (_, i) => {
            const outcome: TraineeOutcome | null =
              i < s.trainees!.reemployed ? 'reemployed' : i < s.trainees!.reemployed + 2 ? 'none' : null;
            return {
              id: newId(),
              sessionId,
              courseId,
              ownerOrgId: c.owner,
              personId: null,
              name: demoName(i, 'female', nameSeed),
              gender: 'female' as const,
              idNumberEnc: null,
              idNumberBidx: null,
              idNumberMasked: null,
              phoneEnc: null,
              phoneMasked: null,
              attended: 1,
              outcome,
              outcomeDate: outcome === 'reemployed' ? s.trainees!.outcomeDate : null,
              outcomeNote: outcome === 'reemployed' ? '经妇联职介所推荐上岗' : null,
              createdAt: at,
              updatedAt: at,
            };
          }),
        );
      }
    }
  }
}
