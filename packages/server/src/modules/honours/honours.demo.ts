import type { HolderKind, HonourLevel } from '@jinguo/domain';
import type { Executor } from '../../db/database.js';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import { addYears, holderKeyOf } from './honours.excel.js';
import * as repo from './honours.repository.js';
import { demoName } from '../../platform/demo.js';

/**
 * The demo district's honours, after the reference summary: 巾帼文明示范岗 held now by 1 province, 9 city and
 * 10 district units plus 区妇幼保健院 at national level (each counted at its highest title), of which 4 units
 * were named city-level this year through nominations reviewed and publicised in the system; one title revoked
 * at re-review; 10 city-level 好家长; 最美家庭 and 五好文明家庭; leader families' 廉洁家庭 pledges.
 */
export async function seedHonoursDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const at = clock.now().toISOString();
  const root = ctx.org('510399').id;
  const chair = ctx.user('chair').id;
  const campaigns = new Map((await repo.listCampaigns(db)).map((c) => [c.code, c]));
  const post = campaigns.get('WOMEN_CIVILIZED_POST')!;
  const inTree = (name: string) => {
    try {
      return ctx.org(name).id;
    } catch {
      return null;
    }
  };
  let cert = 0;
  const award = async (
    trx: Executor,
    code: string,
    holderName: string,
    level: HonourLevel,
    awardedOn: string,
    extra: { nominationId?: string; revokedOn?: string; reason?: string } = {},
  ) => {
    const c = campaigns.get(code)!;
    const holderOrgId = c.holderKind === 'unit' ? inTree(holderName) : null;
    const cycle = (JSON.parse(c.rules) as { reviewCycleYears?: number }).reviewCycleYears;
    const id = newId();
    await repo.insertAward(trx, {
      id,
      ownerOrgId: root,
      campaignId: c.id,
      nominationId: extra.nominationId ?? null,
      level,
      year: Number(awardedOn.slice(0, 4)),
      awardedOn,
      certificateNo: `${{ district: '区', city: '市', province: '省', national: '全国' }[level]}${c.name}〔${awardedOn.slice(0, 4)}〕${++cert}号`,
      holderKind: c.holderKind as HolderKind,
      holderName,
      holderOrgId,
      holderKey: holderKeyOf(c.holderKind, holderName, holderOrgId),
      status: extra.revokedOn ? 'revoked' : 'active',
      revokedOn: extra.revokedOn ?? null,
      revokeReason: extra.reason ?? null,
      nextReviewDue:
        cycle && !extra.revokedOn ? addYears(awardedOn, cycle * Math.ceil((2026 - Number(awardedOn.slice(0, 4)) + 1) / cycle)) : null,
      createdBy: chair,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  };

  await db.transaction().execute(async (trx) => {
    // Each unit's path up the levels; its highest title is the one it is counted at.
    const history: [string, [HonourLevel, string][]][] = [
      [
        '区妇幼保健院',
        [
          ['district', '2014-03-08'],
          ['city', '2017-03-08'],
          ['province', '2020-03-08'],
          ['national', '2024-03-08'],
        ],
      ],
      [
        '区实验小学',
        [
          ['district', '2016-03-08'],
          ['city', '2019-03-08'],
          ['province', '2023-03-08'],
        ],
      ],
      [
        '区人民法院',
        [
          ['district', '2015-03-08'],
          ['city', '2019-03-08'],
        ],
      ],
      [
        '区卫生健康局',
        [
          ['district', '2016-03-08'],
          ['city', '2020-03-08'],
        ],
      ],
      [
        '区市场监督管理局',
        [
          ['district', '2017-03-08'],
          ['city', '2021-03-08'],
        ],
      ],
      [
        '牛佛镇中心学校',
        [
          ['district', '2018-03-08'],
          ['city', '2022-03-08'],
        ],
      ],
      [
        '区疾病预防控制中心',
        [
          ['district', '2019-03-08'],
          ['city', '2024-03-08'],
        ],
      ],
      ['区教育局', [['district', '2020-03-08']]],
      ['区民政局', [['district', '2020-03-08']]],
      ['区财政局', [['district', '2021-03-08']]],
      ['区人力资源和社会保障局', [['district', '2021-03-08']]],
      ['东城幼儿园', [['district', '2022-03-08']]],
      ['区法律援助中心', [['district', '2022-03-08']]],
      ['区司法局公共法律服务中心', [['district', '2023-03-08']]],
      ['区医疗保障局', [['district', '2024-03-08']]],
      ['区农业农村局', [['district', '2025-03-08']]],
      ['区总工会', [['district', '2025-03-08']]],
    ];
    for (const [holder, titles] of history)
      for (const [level, date] of titles) await award(trx, 'WOMEN_CIVILIZED_POST', holder, level, date);
    // Dynamic management: a district title revoked at its re-review.
    await award(trx, 'WOMEN_CIVILIZED_POST', '区交通运输局', 'district', '2018-03-08', {
      revokedOn: '2025-06-30',
      reason: '复审不合格：女职工占比已低于50%',
    });

    // This year's four city-level titles, each through a nomination reviewed, publicised and awarded here.
    const thisYear: [string, string, number, number][] = [
      ['川力实业有限公司', '2022-03-08', 46, 80],
      ['市肿瘤医院', '2023-03-08', 120, 190],
      ['区税务局', '2024-03-01', 38, 62],
      ['永嘉小学', '2023-03-08', 41, 55],
    ];
    for (const [holder, districtOn, women, members] of thisYear) {
      await award(trx, 'WOMEN_CIVILIZED_POST', holder, 'district', districtOn);
      const nominationId = newId();
      const holderOrgId = inTree(holder);
      await repo.insertNomination(trx, {
        id: nominationId,
        ownerOrgId: root,
        campaignId: post.id,
        level: 'city',
        year: 2026,
        holderKind: 'unit',
        holderName: holder,
        holderOrgId,
        holderKey: holderKeyOf('unit', holder, holderOrgId),
        holderGender: null,
        womenCount: women,
        memberCount: members,
        leaderFemale: 1,
        deeds: '岗位建功成绩突出，女职工比例高，岗长为女性。',
        nominatedOn: '2026-03-20',
        status: 'awarded',
        reviewOrgId: null,
        noticeStart: '2026-04-01',
        noticeEnd: '2026-04-05',
        decisionReason: null,
        awardId: null,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      });
      await repo.insertReview(trx, {
        id: newId(),
        nominationId,
        ownerOrgId: root,
        reviewerOrgId: root,
        decision: 'approve',
        comment: '符合申报条件，同意推荐',
        reviewedBy: chair,
        reviewedAt: '2026-03-25T02:00:00.000Z',
      });
      const awardId = await award(trx, 'WOMEN_CIVILIZED_POST', holder, 'city', '2026-04-28', { nominationId });
      await repo.updateNomination(trx, nominationId, { awardId });
    }

    // Work in progress: 牛佛镇 nominates a post for the district title; its own review is due.
    const niufo = ctx.org('牛佛镇').id;
    await repo.insertNomination(trx, {
      id: newId(),
      ownerOrgId: niufo,
      campaignId: post.id,
      level: 'district',
      year: 2026,
      holderKind: 'unit',
      holderName: '牛佛镇卫生院妇产科',
      holderOrgId: null,
      holderKey: holderKeyOf('unit', '牛佛镇卫生院妇产科', null),
      holderGender: null,
      womenCount: 14,
      memberCount: 16,
      leaderFemale: 1,
      deeds: '开展“两癌”筛查动员，服务农村妇女。',
      nominatedOn: '2026-11-10',
      status: 'in_review',
      reviewOrgId: niufo,
      noticeStart: null,
      noticeEnd: null,
      decisionReason: null,
      awardId: null,
      createdBy: ctx.user('niufo').id,
      createdAt: at,
      updatedAt: at,
    });

    for (let i = 0; i < 10; i++) await award(trx, 'GOOD_PARENT', demoName(i, i % 4 === 3 ? 'male' : 'female', 51), 'city', '2026-06-01');
    for (let i = 0; i < 6; i++) await award(trx, 'MOST_BEAUTIFUL_FAMILY', `${demoName(i, 'female', 62)}家庭`, 'district', '2026-05-15');
    for (let i = 0; i < 3; i++) await award(trx, 'FIVE_GOOD_FAMILY', `${demoName(i, 'female', 73)}家庭`, 'district', '2026-05-15');
    for (let i = 0; i < 2; i++) await award(trx, 'MARCH8_RED_BANNER', demoName(i, 'female', 84), 'city', '2026-03-05');

    // 廉洁家庭 pledges signed by the families of leaders at deputy-section level and above.
    const integrity = campaigns.get('INTEGRITY_FAMILY')!;
    const units = [
      '区委办公室',
      '区政府办公室',
      '区委组织部',
      '区教育局',
      '区财政局',
      '区民政局',
      '区卫生健康局',
      '区交通运输局',
      '区住房和城乡建设局',
      '区农业农村局',
      '区审计局',
      '区统计局',
    ];
    const positions = ['局长', '副局长', '主任', '副主任'];
    const rows = Array.from({ length: 86 }, (_, i) => ({
      id: newId(),
      ownerOrgId: root,
      campaignId: integrity.id,
      signerName: demoName(i, i % 3 === 0 ? 'female' : 'male', 95),
      signerPosition: positions[i % positions.length],
      signerUnit: units[i % units.length],
      signedOn: `2026-07-${String(1 + (i % 10)).padStart(2, '0')}`,
      note: '家属共同签订',
      createdBy: chair,
      createdAt: at,
    }));
    await repo.insertPledges(trx, rows);
  });
}
