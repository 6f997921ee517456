import type { CadrePostLevel, CadreRank, CadreUnitCategory, EducationLevel } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import { DEPARTMENTS } from '../org/index.js';
import * as repo from './cadres.repository.js';
import type { CadresTable } from './cadres.tables.js';
import { demoName } from '../../platform/demo.js';

/**
 * The demo district's cadres: 48 rotated in 2026 of whom 17 women (35.42%), the 50 women leaders at deputy-section
 * level and above (the 三八 letters went to them), the men on the roster beside them, cadres who left in earlier years
 * (so the roster of each year end differs), the reserve cadres, 12 women recommended (推优), and the district's
 * targets for women's shares.
 */

const TOWNS = ['牛佛镇', '永安镇', '仙市镇', '何市镇', '沿滩镇', '黄市镇', '联络镇', '富全镇', '永嘉镇', '邓关镇', '兴隆镇', '王井镇'];
const PARTY_UNITS = new Set(['区委办公室', '区委组织部', '区委宣传部', '区委统战部', '区委政法委', '区纪委监委', '区总工会', '团区委']);
const INSTITUTIONS = new Set(['区融媒体中心', '区档案馆', '区红十字会', '区科学技术协会', '区残疾人联合会', '区工商业联合会']);

function categoryOf(unitName: string): CadreUnitCategory {
  if (unitName.endsWith('镇') || unitName.endsWith('街道') || unitName.endsWith('人民政府')) return 'township';
  if (PARTY_UNITS.has(unitName) || unitName.includes('妇女儿童')) return 'party';
  if (INSTITUTIONS.has(unitName)) return 'institution';
  if (unitName.includes('法院') || unitName.includes('检察院')) return 'other';
  return 'government';
}
function postLevelOf(rank: CadreRank, i: number): CadrePostLevel {
  if (rank === 'county') return i % 3 === 0 ? 'chief' : 'deputy';
  if (rank === 'section_chief') return 'chief';
  if (rank === 'deputy_section') return 'deputy';
  return 'non_leading';
}
const EDUCATION_CYCLE: EducationLevel[] = ['bachelor', 'bachelor', 'postgraduate', 'bachelor', 'associate', 'bachelor', 'postgraduate'];

export async function seedCadresDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const at = clock.now().toISOString();
  const root = ctx.org('510399').id;
  const chair = ctx.user('chair').id;
  const ranks: CadreRank[] = ['section_chief', 'deputy_section', 'deputy_section', 'staff'];
  const cadres: CadresTable[] = [];
  const add = (
    i: number,
    gender: 'female' | 'male',
    rank: CadreRank,
    unitName: string,
    position: string,
    opts: { seed: number; servingSince: string; leftOn?: string; reserve?: boolean; birthYear?: number },
  ) => {
    const c: CadresTable = {
      id: newId(),
      ownerOrgId: root,
      name: demoName(i, gender, opts.seed),
      gender,
      unitName,
      position,
      rank,
      birthYear: opts.birthYear ?? 1966 + ((i * 7) % 30),
      partyMember: 1,
      note: null,
      active: opts.leftOn ? 0 : 1,
      education: EDUCATION_CYCLE[(i + opts.seed) % EDUCATION_CYCLE.length],
      postLevel: postLevelOf(rank, i),
      unitCategory: categoryOf(unitName),
      servingSince: opts.servingSince,
      leftOn: opts.leftOn ?? null,
      reserve: opts.reserve ? 1 : 0,
      createdBy: chair,
      createdAt: at,
      updatedAt: at,
    };
    cadres.push(c);
    return c;
  };
  const since = (i: number, from = 2016) => `${from + (i % (2026 - from))}-${String(1 + (i % 12)).padStart(2, '0')}-01`;

  // 48 rotated: 17 women, 31 men (the women first in the list only for readability).
  const rotated = [
    ...Array.from({ length: 17 }, (_, i) =>
      add(i, 'female', ranks[i % 4], DEPARTMENTS[i % DEPARTMENTS.length], ['科长', '副科长', '副主任', '科员'][i % 4], {
        seed: 7,
        servingSince: since(i, 2018),
        reserve: i % 4 === 3,
        birthYear: 1984 + (i % 12),
      }),
    ),
    ...Array.from({ length: 31 }, (_, i) =>
      add(i, 'male', ranks[(i + 1) % 4], DEPARTMENTS[(i + 17) % DEPARTMENTS.length], ['科长', '副科长', '副主任', '科员'][i % 4], {
        seed: 8,
        servingSince: since(i + 3, 2016),
        reserve: i % 3 === 0,
        birthYear: 1980 + (i % 16),
      }),
    ),
  ];
  // Women leaders at deputy-section level and above who were not rotated (the 三八 letters went to 50 of them);
  // several took up their posts in the last three years, so the women's share has grown.
  for (let i = 17; i < 50; i++)
    add(
      i,
      'female',
      i % 5 === 0 ? 'county' : i % 2 ? 'section_chief' : 'deputy_section',
      i % 4 === 0 ? `${TOWNS[i % TOWNS.length]}人民政府` : DEPARTMENTS[(i * 3) % DEPARTMENTS.length],
      i % 5 === 0 ? '副区长' : i % 2 ? '局长' : '副局长',
      { seed: 7, servingSince: i % 3 === 0 ? `${2024 + ((i / 3) % 3)}-03-01` : since(i, 2014) },
    );
  // The men leading the other departments and townships.
  for (let i = 0; i < 96; i++)
    add(
      i,
      'male',
      i % 6 === 0 ? 'county' : i % 2 ? 'section_chief' : 'deputy_section',
      i % 3 === 0 ? `${TOWNS[i % TOWNS.length]}人民政府` : DEPARTMENTS[(i * 5 + 2) % DEPARTMENTS.length],
      i % 6 === 0 ? '副区长' : i % 2 ? '局长' : '副局长',
      { seed: 11, servingSince: since(i, 2012), reserve: i % 9 === 0 },
    );
  // Cadres who left the roster in earlier years (retired, transferred): mostly men, as the roster was then.
  for (let i = 0; i < 24; i++)
    add(
      i,
      i % 6 === 0 ? 'female' : 'male',
      i % 4 === 0 ? 'county' : 'section_chief',
      DEPARTMENTS[(i * 7 + 1) % DEPARTMENTS.length],
      i % 4 === 0 ? '副区长' : '局长',
      {
        seed: 13,
        servingSince: `${2008 + (i % 6)}-09-01`,
        leftOn: `${2022 + (i % 4)}-${String(3 + (i % 9)).padStart(2, '0')}-15`,
        birthYear: 1962 + (i % 5),
      },
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
        hostUnit: i % 3 === 0 ? '市级部门' : `${TOWNS[i % TOWNS.length]}人民政府`,
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
            ? `${TOWNS[i]}妇联`
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
    const targets: [string, 'overall' | 'reserve' | 'rank' | 'postLevel', string | null, number][] = [
      ['女干部占干部总数的比例', 'overall', null, 3000],
      ['县处级干部中女干部比例', 'rank', 'county', 2000],
      ['正职干部中女干部比例', 'postLevel', 'chief', 2500],
      ['后备干部中女干部比例', 'reserve', null, 3000],
    ];
    for (const [label, dimension, key, bp] of targets)
      await repo.insertTarget(trx, {
        id: newId(),
        ownerOrgId: root,
        label,
        dimension,
        key,
        targetShareBp: bp,
        note: '按区委组织部《关于进一步做好培养选拔女干部工作的意见》',
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      });
  });
}
