import type { CadreRank } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import { demoName } from '../activities/demo-names.js';
import type { DemoContext } from '../module.js';
import { DEPARTMENTS } from '../org/org.demo.js';
import * as repo from './cadres.repository.js';
import type { CadresTable } from './cadres.tables.js';

/** The demo district's cadres: 48 rotated in 2026 of whom 17 women (35.42%), more women leaders on the roster, and 12 women recommended (推优). */
export async function seedCadresDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const at = clock.now().toISOString();
  const root = ctx.org('510399').id;
  const chair = ctx.user('chair').id;
  const ranks: CadreRank[] = ['section_chief', 'deputy_section', 'deputy_section', 'staff'];
  const towns = ['牛佛镇', '永安镇', '仙市镇', '何市镇', '沿滩镇', '黄市镇', '联络镇', '富全镇', '永嘉镇', '邓关镇', '兴隆镇', '王井镇'];
  const cadres: CadresTable[] = [];
  const add = (i: number, gender: 'female' | 'male', rank: CadreRank, unitName: string, position: string) => {
    const c: CadresTable = {
      id: newId(),
      ownerOrgId: root,
      name: demoName(i, gender, gender === 'female' ? 7 : 8),
      gender,
      unitName,
      position,
      rank,
      birthYear: 1972 + (i % 20),
      partyMember: 1,
      note: null,
      active: 1,
      createdBy: chair,
      createdAt: at,
      updatedAt: at,
    };
    cadres.push(c);
    return c;
  };
  // 48 rotated: 17 women, 31 men (the women first in the list only for readability).
  const rotated = [
    ...Array.from({ length: 17 }, (_, i) =>
      add(i, 'female', ranks[i % 4], DEPARTMENTS[i % DEPARTMENTS.length], ['科长', '副科长', '副主任', '科员'][i % 4]),
    ),
    ...Array.from({ length: 31 }, (_, i) =>
      add(i, 'male', ranks[(i + 1) % 4], DEPARTMENTS[(i + 17) % DEPARTMENTS.length], ['科长', '副科长', '副主任', '科员'][i % 4]),
    ),
  ];
  // Women leaders at deputy-section level and above who were not rotated (the 三八 letters went to 50 of them).
  for (let i = 17; i < 50; i++)
    add(
      i,
      'female',
      i % 5 === 0 ? 'county' : i % 2 ? 'section_chief' : 'deputy_section',
      DEPARTMENTS[(i * 3) % DEPARTMENTS.length],
      i % 5 === 0 ? '副区长' : i % 2 ? '局长' : '副局长',
    );

  await db.transaction().execute(async (trx) => {
    await repo.insertCadres(trx, cadres);
    const rotationId = newId();
    await repo.insertRotation(trx, {
      id: rotationId,
      ownerOrgId: root,
      title: '2026年度干部上挂下派',
      startDate: '2026-03-01',
      endDate: '2027-02-28',
      description: '配合区委组织部，选派机关干部到乡镇（街道）挂职，乡镇干部到区级部门跟班学习。',
      createdBy: chair,
      createdAt: at,
      updatedAt: at,
    });
    await repo.insertRotationMembers(
      trx,
      rotated.map((c, i) => ({
        id: newId(),
        rotationId,
        cadreId: c.id,
        ownerOrgId: root,
        direction: i % 3 === 0 ? ('up' as const) : ('down' as const),
        hostUnit: i % 3 === 0 ? '市级部门' : `${towns[i % towns.length]}人民政府`,
        createdAt: at,
      })),
    );
    await repo.insertRecommendations(
      trx,
      Array.from({ length: 12 }, (_, i) => ({
        id: newId(),
        ownerOrgId: root,
        candidateName: demoName(i, 'female', 9),
        unitName:
          i < 6
            ? `${towns[i]}妇联`
            : ['东城街道春华社区', '西城街道锦绣社区', '区女企业家协会', '区实验小学', '区妇幼保健院', '南湖街道湖畔社区'][i - 6],
        recommendedOn: `2026-${String(4 + (i % 6)).padStart(2, '0')}-15`,
        status: i < 5 ? ('activist' as const) : ('recommended' as const),
        statusDate: i < 5 ? '2026-10-20' : null,
        note: null,
        cadreId: null,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      })),
    );
  });
}
