import type { DemoContext } from '../module.js';
import { newId } from '../../platform/ids.js';
import * as repo from './associations.repository.js';
import type { AssociationMembersTable } from './associations.tables.js';
import { demoName } from '../../platform/demo.js';

/** The demo district's two group members (女企业家协会, 巾帼之友协会) and their members; their quarterly events are seeded by activities. */
export async function seedAssociationsDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const at = clock.now().toISOString();
  const root = ctx.org('510399').id;
  const chair = ctx.user('chair').id;
  const associations = [
    {
      name: '女企业家协会',
      kind: 'women_entrepreneurs' as const,
      foundedOn: '2008-03-08',
      contact: '周丽',
      description: '全区女企业家的联谊组织，开展季度平台活动、沙龙和专家讲座。',
      members: 18,
      orgs: 6,
      seed: 21,
    },
    {
      name: '巾帼之友协会',
      kind: 'friends_of_women' as const,
      foundedOn: '2010-03-08',
      contact: '何静',
      description: '关心支持妇女儿童事业的各界人士（含优秀男性领导、企业家）组成的联谊组织。',
      members: 16,
      orgs: 0,
      seed: 34,
    },
  ];
  const roles = ['会长', '副会长', '副会长', '秘书长', '常务理事', '理事', '理事'];
  await db.transaction().execute(async (trx) => {
    for (const a of associations) {
      const id = newId();
      await repo.insertAssociation(trx, {
        id,
        ownerOrgId: root,
        name: a.name,
        kind: a.kind,
        foundedOn: a.foundedOn,
        contactName: a.contact,
        description: a.description,
        active: 1,
        createdBy: chair,
        createdAt: at,
        updatedAt: at,
      });
      const rows: AssociationMembersTable[] = [];
      for (let i = 0; i < a.members; i++) {
        const gender = a.kind === 'women_entrepreneurs' || i % 3 !== 0 ? 'female' : 'male';
        rows.push({
          id: newId(),
          associationId: id,
          ownerOrgId: root,
          memberKind: 'person',
          name: demoName(i, gender, a.seed),
          unitName:
            a.kind === 'women_entrepreneurs'
              ? `示例区${['川力实业', '盛源商贸', '鑫达建材', '佳美服饰', '康宁医药', '金穗农业'][i % 6]}有限公司`
              : null,
          role: roles[i] ?? '会员',
          joinedOn: i < 8 ? a.foundedOn : `${2008 + i}-03-08`,
          leftOn: i === a.members - 1 ? '2026-06-30' : null,
          note: null,
          createdAt: at,
          updatedAt: at,
        });
      }
      for (let i = 0; i < a.orgs; i++)
        rows.push({
          id: newId(),
          associationId: id,
          ownerOrgId: root,
          memberKind: 'organisation',
          name: `示例区${['川力实业', '盛源商贸', '鑫达建材', '佳美服饰', '康宁医药', '金穗农业'][i]}有限公司`,
          unitName: null,
          role: '单位会员',
          joinedOn: '2015-03-08',
          leftOn: null,
          note: null,
          createdAt: at,
          updatedAt: at,
        });
      await repo.insertMembers(trx, rows);
    }
  });
}
