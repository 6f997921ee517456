import type { Executor } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import * as repo from './activities.repository.js';

/** The demo's publicity: reports in the media. */
export async function seedPublicity(trx: Executor, root: string, chair: string, at: string) {
  const items = [
    {
      outlet: '四川妇女',
      medium: 'magazine' as const,
      level: 'province' as const,
      title: '示例区妇联“美丽三八·阳光女人”系列活动展示新时期女性风采',
      publishedOn: '2026-03-25',
    },
    {
      outlet: '示例日报',
      medium: 'newspaper' as const,
      level: 'city' as const,
      title: '六十一个单位走进校园 为孩子们送去节日祝福',
      publishedOn: '2026-06-02',
    },
    {
      outlet: '妇运信息',
      medium: 'other' as const,
      level: 'city' as const,
      title: '示例区妇联技能培训助80名妇女实现二次就业',
      publishedOn: '2026-11-05',
    },
    {
      outlet: '示例区党政网',
      medium: 'website' as const,
      level: 'district' as const,
      title: '“关爱女性健康”行动惠及三千余名妇女',
      publishedOn: '2026-07-15',
      link: 'https://www.example.gov.cn/news/2026/0715.html',
    },
    {
      outlet: '示例区妇联微信公众号',
      medium: 'new_media' as const,
      level: 'district' as const,
      title: '北京专家与家长手拉手：家庭教育培训班圆满结束',
      publishedOn: '2026-04-12',
    },
  ];
  for (const p of items)
    await repo.insertPublicity(trx, {
      id: newId(),
      ownerOrgId: root,
      outlet: p.outlet,
      medium: p.medium,
      level: p.level,
      title: p.title,
      publishedOn: p.publishedOn,
      link: 'link' in p ? (p.link ?? null) : null,
      eventId: null,
      createdBy: chair,
      createdAt: at,
      updatedAt: at,
    });
}
