import { levelForKind, type AgencyType, type OrgKind, type Role } from '@jinguo/domain';
import type { Db, Executor } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/passwords.js';
import { insertUnit, type OrgUnitRow } from './org.repository.js';
import { insertRoleAssignment, insertUser } from './users.repository.js';

/** Every demo account's password (printed at every demo start; change it in a real install). */
export const DEMO_PASSWORD = 'Jinguo-Demo-2026';
export const DEMO_DISTRICT_CODE = '510399';

const TOWNS = ['牛佛镇', '永安镇', '仙市镇', '何市镇', '沿滩镇', '黄市镇', '联络镇', '富全镇', '永嘉镇', '邓关镇', '兴隆镇', '王井镇'];
const STREETS = ['东城街道', '西城街道', '南湖街道', '北岸街道'];
const VILLAGES: Record<string, string[]> = {
  牛佛镇: ['大山村', '石桥村'],
  永安镇: ['永红村', '新民村'],
  仙市镇: ['仙滩村', '金花村'],
  何市镇: ['何家村', '桂湖村'],
  沿滩镇: ['沿江村', '高峰村'],
  黄市镇: ['黄桷村', '双河村'],
  联络镇: ['联合村', '团结村'],
  富全镇: ['富民村', '全胜村'],
  永嘉镇: ['永嘉村', '嘉禾村'],
  邓关镇: ['关口村', '盐井村'],
  兴隆镇: ['兴旺村', '隆盛村'],
  王井镇: ['王家村', '井坝村'],
};
const COMMUNITIES: Record<string, string[]> = {
  东城街道: ['东兴社区', '春华社区'],
  西城街道: ['西苑社区', '锦绣社区'],
  南湖街道: ['南湖社区', '湖畔社区'],
  北岸街道: ['北岸社区', '滨江社区'],
};
export const DEPARTMENTS = [
  '区委办公室',
  '区政府办公室',
  '区委组织部',
  '区委宣传部',
  '区委统战部',
  '区委政法委',
  '区纪委监委',
  '区发展和改革局',
  '区教育局',
  '区科学技术局',
  '区经济和信息化局',
  '区公安分局',
  '区民政局',
  '区司法局',
  '区财政局',
  '区人力资源和社会保障局',
  '区自然资源局',
  '区生态环境局',
  '区住房和城乡建设局',
  '区交通运输局',
  '区农业农村局',
  '区水务局',
  '区商务局',
  '区文化广播电视和旅游局',
  '区卫生健康局',
  '区退役军人事务局',
  '区应急管理局',
  '区审计局',
  '区市场监督管理局',
  '区统计局',
  '区医疗保障局',
  '区信访局',
  '区乡村振兴局',
  '区税务局',
  '区人民法院',
  '区人民检察院',
  '区总工会',
  '团区委',
  '区残疾人联合会',
  '区科学技术协会',
  '区工商业联合会',
  '区融媒体中心',
  '区档案馆',
  '区红十字会',
  '区妇女儿童工作委员会办公室',
];
const AGENCIES: [string, AgencyType][] = [
  ['东城派出所', 'police'],
  ['牛佛派出所', 'police'],
  ['区人民法院妇女儿童维权合议庭', 'court'],
  ['区司法局公共法律服务中心', 'justice'],
  ['区法律援助中心', 'legal_aid'],
  ['区民政局社会救助服务中心', 'civil_affairs'],
  ['区妇幼保健院', 'health'],
  ['区疾病预防控制中心', 'health'],
];
const SCHOOLS = ['永嘉小学', '区实验小学', '牛佛镇中心学校', '东城幼儿园'];

/**
 * One demo account per business role. The three administrators (sysadmin, secadmin, auditor) are not here:
 * every installation, the demo included, creates them on first start with one-time passwords (db/bootstrap.ts).
 */
export const DEMO_USERS: { username: string; displayName: string; role: Role; unit: string }[] = [
  { username: 'chair', displayName: '王丽华（主席）', role: 'federation_leader', unit: DEMO_DISTRICT_CODE },
  { username: 'rights', displayName: '李敏（维权干事）', role: 'rights_officer', unit: DEMO_DISTRICT_CODE },
  { username: 'programme', displayName: '张晓燕（项目干事）', role: 'programme_officer', unit: DEMO_DISTRICT_CODE },
  { username: 'finance', displayName: '刘芳（财务）', role: 'finance_officer', unit: DEMO_DISTRICT_CODE },
  { username: 'organisation', displayName: '陈静（组织干事）', role: 'organisation_officer', unit: DEMO_DISTRICT_CODE },
  { username: 'statistician', displayName: '杨雪（统计员）', role: 'statistician', unit: DEMO_DISTRICT_CODE },
  { username: 'niufo', displayName: '赵秀英（牛佛镇妇联主席）', role: 'township_chair', unit: '牛佛镇' },
  { username: 'dongcheng', displayName: '孙红梅（东城街道妇联主席）', role: 'township_chair', unit: '东城街道' },
  { username: 'police', displayName: '周警官（东城派出所）', role: 'agency_user', unit: '东城派出所' },
  { username: 'court', displayName: '吴法官（维权合议庭）', role: 'agency_user', unit: '区人民法院妇女儿童维权合议庭' },
  { username: 'legalaid', displayName: '郑律师（法律援助中心）', role: 'agency_user', unit: '区法律援助中心' },
  { username: 'liaison', displayName: '冯科长（区卫生健康局）', role: 'department_liaison', unit: '区卫生健康局' },
];

/** The demo district's org tree under the root and one demo account per business role. */
export async function seedDemoOrg(db: Db, clock: Clock, root: OrgUnitRow): Promise<void> {
  const at = clock.now().toISOString();
  const byName = new Map<string, OrgUnitRow>();
  byName.set(DEMO_DISTRICT_CODE, root);
  let order = 0;
  const add = async (
    trx: Executor,
    parent: OrgUnitRow,
    name: string,
    kind: OrgKind,
    code: string | null,
    agencyType: AgencyType | null = null,
  ) => {
    const id = newId();
    const row: OrgUnitRow & { createdAt: string; updatedAt: string } = {
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      kind,
      level: levelForKind(kind),
      code,
      name,
      agencyType,
      active: 1,
      sortOrder: order++,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await insertUnit(trx, row);
    byName.set(name, row);
    return row;
  };
  await db.transaction().execute(async (trx) => {
    for (const [i, s] of STREETS.entries()) {
      const street = await add(trx, root, s, 'street', `${DEMO_DISTRICT_CODE}${String(i + 1).padStart(3, '0')}`);
      for (const [j, c] of COMMUNITIES[s].entries())
        await add(trx, street, c, 'community', `${street.code}${String(j + 1).padStart(3, '0')}`);
    }
    for (const [i, name] of TOWNS.entries()) {
      const town = await add(trx, root, name, 'township', `${DEMO_DISTRICT_CODE}${100 + i}`);
      for (const [j, v] of VILLAGES[name].entries()) await add(trx, town, v, 'village', `${town.code}${200 + j}`);
    }
    for (const d of DEPARTMENTS) await add(trx, root, d, 'department', null);
    for (const [a, type] of AGENCIES) await add(trx, root, a, 'agency', null, type);
    for (const s of SCHOOLS) await add(trx, root, s, 'school', null);
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    for (const u of DEMO_USERS) {
      const unit = byName.get(u.unit)!;
      const id = newId();
      await insertUser(trx, {
        id,
        username: u.username,
        displayName: u.displayName,
        passwordHash,
        mustChangePassword: 0,
        failedLogins: 0,
        lockedUntil: null,
        active: 1,
        orgUnitId: unit.id,
        passwordChangedAt: at,
        lastLoginAt: null,
        createdAt: at,
        updatedAt: at,
      });
      await insertRoleAssignment(trx, { id: newId(), userId: id, role: u.role, orgUnitId: unit.id, createdAt: at, createdBy: null });
    }
  });
}
