import type { Degree, EducationLevel, StaffCategory, StudyMode, StudyStatus, TrainingLevel } from '@jinguo/domain';
import { newId } from '../../platform/ids.js';
import type { DemoContext } from '../module.js';
import * as repo from './staffdev.repository.js';
import type { StaffMembersTable } from './staffdev.tables.js';

/**
 * The demo district's own staff and what they were sent to in 2026 (and 2025, for the register's history), after
 * the reference: 选送部门人员参加全国、省、市、区的各类业务培训, 鼓励职工加强学历教育, and one 妇儿工委办 cadre sent to
 * the national training class of the State Council's committee (国务院妇儿工委干部培训班).
 */

type Person = {
  key: string;
  name: string;
  unit: string;
  category: StaffCategory;
  position: string;
  birthYear: number;
  education: EducationLevel;
};
const STAFF: Person[] = [
  { key: 'chair', name: '王丽华', unit: '510399', category: 'federation', position: '主席', birthYear: 1972, education: 'bachelor' },
  { key: 'vice', name: '周小红', unit: '510399', category: 'federation', position: '副主席', birthYear: 1978, education: 'bachelor' },
  { key: 'rights', name: '李敏', unit: '510399', category: 'federation', position: '权益部部长', birthYear: 1982, education: 'bachelor' },
  {
    key: 'programme',
    name: '张晓燕',
    unit: '510399',
    category: 'federation',
    position: '发展部干事',
    birthYear: 1988,
    education: 'bachelor',
  },
  { key: 'finance', name: '刘芳', unit: '510399', category: 'federation', position: '财务', birthYear: 1985, education: 'associate' },
  { key: 'org', name: '陈静', unit: '510399', category: 'federation', position: '组宣部部长', birthYear: 1980, education: 'bachelor' },
  { key: 'stats', name: '杨雪', unit: '510399', category: 'federation', position: '统计员', birthYear: 1992, education: 'associate' },
  { key: 'wcc', name: '黄丽', unit: '510399', category: 'wcc_office', position: '妇儿工委办主任', birthYear: 1979, education: 'bachelor' },
  {
    key: 'wcc2',
    name: '林晓',
    unit: '510399',
    category: 'wcc_office',
    position: '妇儿工委办干事',
    birthYear: 1994,
    education: 'associate',
  },
  {
    key: 'niufo',
    name: '赵秀英',
    unit: '牛佛镇',
    category: 'grassroots',
    position: '牛佛镇妇联主席',
    birthYear: 1976,
    education: 'high_school',
  },
  {
    key: 'dongcheng',
    name: '孙红梅',
    unit: '东城街道',
    category: 'grassroots',
    position: '东城街道妇联主席',
    birthYear: 1983,
    education: 'associate',
  },
];

type TrainingSeed = [person: string, title: string, organiser: string, level: TrainingLevel, start: string, end: string, hours: number];
const TRAININGS: TrainingSeed[] = [
  ['wcc', '国务院妇儿工委干部培训班', '国务院妇女儿童工作委员会办公室', 'national', '2026-09-14', '2026-09-19', 40],
  ['chair', '全国妇联系统县级妇联主席培训班', '全国妇联', 'national', '2026-05-18', '2026-05-23', 40],
  ['rights', '全省妇联系统维权干部业务培训班', '省妇联', 'province', '2026-04-13', '2026-04-16', 32],
  ['org', '全省妇联组织建设工作培训班', '省妇联', 'province', '2026-06-08', '2026-06-10', 24],
  ['programme', '全市妇联项目管理培训', '市妇联', 'city', '2026-03-24', '2026-03-25', 16],
  ['finance', '全市妇联财务人员业务培训', '市妇联', 'city', '2026-07-07', '2026-07-08', 16],
  ['stats', '全市“两纲”统计监测业务培训', '市妇儿工委办', 'city', '2026-08-11', '2026-08-12', 16],
  ['wcc2', '全市“两纲”统计监测业务培训', '市妇儿工委办', 'city', '2026-08-11', '2026-08-12', 16],
  ['niufo', '区委党校基层干部培训班', '区委党校', 'district', '2026-10-12', '2026-10-14', 24],
  ['dongcheng', '区委党校基层干部培训班', '区委党校', 'district', '2026-10-12', '2026-10-14', 24],
  ['vice', '领导干部学习贯彻党的创新理论专题培训', '区委组织部', 'district', '2026-11-02', '2026-11-03', 12],
  ['rights', '全市妇联信访维权业务培训', '市妇联', 'city', '2025-05-20', '2025-05-21', 16],
  ['chair', '全省县级妇联主席培训班', '省妇联', 'province', '2025-09-08', '2025-09-12', 32],
];

type DegreeSeed = [
  person: string,
  degree: Degree,
  school: string,
  major: string,
  mode: StudyMode,
  start: string,
  status: StudyStatus,
  done: string | null,
];
const DEGREES: DegreeSeed[] = [
  ['stats', 'bachelor', '西南大学', '统计学', 'correspondence', '2025-03-01', 'studying', null],
  ['programme', 'master', '四川大学', '公共管理（MPA）', 'in_service', '2024-09-01', 'studying', null],
  ['wcc2', 'bachelor', '四川师范大学', '社会工作', 'self_study', '2023-04-01', 'graduated', '2026-06-30'],
];

type CertificateSeed = [person: string, name: string, issuer: string, issued: string];
const CERTIFICATES: CertificateSeed[] = [
  ['rights', '社会工作者职业水平证书（中级）', '人力资源和社会保障部', '2026-06-20'],
  ['org', '心理咨询师（三级）', '省心理咨询师协会', '2026-10-15'],
  ['finance', '会计专业技术资格（中级）', '财政部', '2025-10-18'],
];

export async function seedStaffdevDemo(ctx: DemoContext): Promise<void> {
  const { db, clock } = ctx;
  const at = clock.now().toISOString();
  const by = ctx.user('organisation').id;
  const people = new Map<string, StaffMembersTable>();
  for (const p of STAFF)
    people.set(p.key, {
      id: newId(),
      ownerOrgId: ctx.org(p.unit).id,
      name: p.name,
      gender: 'female',
      category: p.category,
      position: p.position,
      birthYear: p.birthYear,
      education: p.education,
      note: null,
      active: 1,
      createdBy: by,
      createdAt: at,
      updatedAt: at,
    });
  const of = (key: string) => people.get(key)!;
  await db.transaction().execute(async (trx) => {
    await repo.insertStaff(trx, [...people.values()]);
    await repo.insertTrainings(
      trx,
      TRAININGS.map(([person, title, organiser, level, startDate, endDate, hours]) => ({
        id: newId(),
        staffId: of(person).id,
        ownerOrgId: of(person).ownerOrgId,
        title,
        organiser,
        level,
        startDate,
        endDate,
        hours,
        note: null,
        createdBy: by,
        createdAt: at,
        updatedAt: at,
      })),
    );
    for (const [person, degree, school, major, mode, startDate, status, completedOn] of DEGREES)
      await repo.insertDegree(trx, {
        id: newId(),
        staffId: of(person).id,
        ownerOrgId: of(person).ownerOrgId,
        degree,
        school,
        major,
        mode,
        startDate,
        status,
        completedOn,
        createdBy: by,
        createdAt: at,
        updatedAt: at,
      });
    await repo.insertCertificates(
      trx,
      CERTIFICATES.map(([person, name, issuer, issuedOn]) => ({
        id: newId(),
        staffId: of(person).id,
        ownerOrgId: of(person).ownerOrgId,
        name,
        issuer,
        issuedOn,
        expiresOn: null,
        createdBy: by,
        createdAt: at,
      })),
    );
  });
}
