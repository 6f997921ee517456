import { checkResidentIdNumber, evaluateEligibility, HARDSHIP_STATUSES, PAYMENT_METHOD_LABELS, type PaymentMethod } from '@jinguo/domain';
import type { Db } from '../../db/database.js';
import type { Actor, Scope } from '../../platform/actor.js';
import { pathInScope } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { cells, ImportRejected, type CellParser, type ImportError, type ImportSpec } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import type { ReliefApplicationsTable, ReliefProgrammesTable } from './relief.tables.js';
import * as repo from './relief.repository.js';
import { newApplicationRow } from './relief.rows.js';
import { listPeopleTags, findOrCreatePersonsBulk } from '../people/index.js';

export type ScreeningRow = {
  township: string;
  village: string | null;
  name: string;
  idNumber: string;
  phone: string | null;
  householdMembers: number;
  householdIncomeFen: number;
  tags: string[] | null;
  paymentMethod: PaymentMethod | null;
  bankCard: string | null;
  note: string | null;
};

export type ScreeningContext = {
  db: Db;
  cipher: FieldCipher;
  clock: Clock;
  actor: Actor;
  scope: Scope;
  programme: ReliefProgrammesTable;
  today: string;
  batch: string;
  /** Townships (and their villages) by name inside the caller's scope, and the known tags: loaded once per import. */
  lookup?: Promise<{ townships: Map<string, { id: string; path: string; villages: Map<string, string> }>; tags: Set<string> }>;
};

const bankCard: CellParser<string> = (t, raw) => {
  // A card number typed into a number cell has lost its last digits already (Excel keeps 15).
  if (typeof raw === 'number' && t.length > 15) return { error: '请将该列设为文本格式后重新填写（数字格式会丢失末几位）' };
  const s = t.replace(/\s/g, '');
  return /^\d{12,19}$/.test(s) ? { value: s } : { error: '应为12–19位数字' };
};

const tagList: CellParser<string[]> = (t) => {
  const tags = [
    ...new Set(
      t
        .split(/[、,，;；\s]+/)
        .map((x) => x.trim())
        .filter(Boolean),
    ),
  ];
  if (tags.some((x) => [...x].length > 20)) return { error: '每项不能超过20个字符' };
  return { value: tags };
};

async function loadLookup(ctx: ScreeningContext) {
  const units = await ctx.db
    .selectFrom('orgUnits')
    .select(['id', 'parentId', 'path', 'kind', 'name'])
    .where('kind', 'in', ['township', 'street', 'village', 'community'])
    .where('active', '=', 1)
    .execute();
  const townships = new Map<string, { id: string; path: string; villages: Map<string, string> }>();
  for (const u of units)
    if ((u.kind === 'township' || u.kind === 'street') && pathInScope(ctx.scope, u.path))
      townships.set(u.name, { id: u.id, path: u.path, villages: new Map() });
  const byId = new Map([...townships.values()].map((t) => [t.id, t]));
  for (const u of units)
    if ((u.kind === 'village' || u.kind === 'community') && u.parentId && byId.has(u.parentId))
      byId.get(u.parentId)!.villages.set(u.name, u.id);
  const tags = new Set<string>([...(await listPeopleTags(ctx.db)).map((t) => t.tag), ...HARDSHIP_STATUSES]);
  return { townships, tags };
}

function rulesOf(p: ReliefProgrammesTable) {
  return JSON.parse(p.rules) as { transferOnly?: boolean };
}

/**
 * 摸底调查 import: one row per candidate (the person, her household and income, her situation), into one
 * programme. Each row goes through the person registry (deduplicated on the ID number) and gets its verdict.
 */
export const screeningImport: ImportSpec<ScreeningRow, ScreeningContext> = {
  kind: 'relief.screening',
  title: '摸底调查登记表',
  notes: [
    '每行登记一名候选对象；同一文件中同一身份证号只能出现一次',
    '乡镇（街道）与村（社区）须填写系统中的名称，且在您的工作范围内',
    '困难情形可填：低保、特困、低保边缘、易返贫致贫、支出型困难、残疾、单亲母亲、重病等，多项用顿号分隔',
    '发放方式可填：银行转账、现金（两癌救助只能银行转账，须填写银行卡号）',
  ],
  columns: [
    { key: 'township', header: '乡镇（街道）', required: true, example: '牛佛镇', parse: cells.text(50) },
    { key: 'village', header: '村（社区）', example: '大山村', parse: cells.text(50) },
    { key: 'name', header: '姓名', required: true, example: '张秀英', parse: cells.text(50) },
    {
      key: 'idNumber',
      header: '身份证号',
      required: true,
      example: '510399198005120023',
      parse: cells.idNumber(),
      note: '18位，末位可为X；请保持文本格式',
      width: 22,
    },
    { key: 'phone', header: '联系电话', example: '13800138000', parse: cells.phone() },
    {
      key: 'householdMembers',
      header: '家庭人口',
      required: true,
      example: '4',
      parse: cells.integer({ min: 1, max: 30 }),
      note: '含本人，1–30',
    },
    {
      key: 'householdIncomeFen',
      header: '家庭年收入（元）',
      required: true,
      example: '2672',
      parse: cells.yuan({ max: 10_000_000 }),
      note: '全家全年收入，元，最多两位小数',
    },
    { key: 'tags', header: '困难情形', example: '低保', parse: tagList, note: '多项用顿号分隔' },
    {
      key: 'paymentMethod',
      header: '发放方式',
      example: '现金',
      parse: cells.oneOf({ bank_transfer: PAYMENT_METHOD_LABELS.bank_transfer, cash: PAYMENT_METHOD_LABELS.cash }),
    },
    { key: 'bankCard', header: '银行卡号', example: '', parse: bankCard, note: '银行转账时必填', width: 24 },
    { key: 'note', header: '备注', example: '', parse: cells.text(200) },
  ],
  async validateRow(v, ctx) {
    ctx.lookup ??= loadLookup(ctx);
    const { townships, tags } = await ctx.lookup;
    const problems: { column: string; message: string }[] = [];
    const town = townships.get(v.township);
    if (!town) problems.push({ column: 'township', message: `未知的乡镇（街道）“${v.township}”，或不在您的工作范围内` });
    else if (v.village && !town.villages.has(v.village))
      problems.push({ column: 'village', message: `“${v.township}”下没有村（社区）“${v.village}”` });
    const unknown = (v.tags ?? []).filter((t) => !tags.has(t));
    if (unknown.length) problems.push({ column: 'tags', message: `未知的困难情形：${unknown.join('、')}` });
    const transferOnly = !!rulesOf(ctx.programme).transferOnly;
    const method = v.paymentMethod ?? (transferOnly ? 'bank_transfer' : 'cash');
    if (transferOnly && method !== 'bank_transfer') problems.push({ column: 'paymentMethod', message: '本项目只能银行转账发放' });
    if (method === 'bank_transfer' && !v.bankCard) problems.push({ column: 'bankCard', message: '银行转账须填写银行卡号' });
    const id = checkResidentIdNumber(v.idNumber, ctx.today);
    if (id.ok && id.birthDate > ctx.today) problems.push({ column: 'idNumber', message: '出生日期晚于今天' });
    return problems;
  },
  async commit(trx, rows, ctx) {
    const errors: ImportError[] = [];
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const seen = firstRow.get(r.values.idNumber);
      if (seen) errors.push({ row: r.rowNumber, column: '身份证号', message: `与第${seen}行重复` });
      else firstRow.set(r.values.idNumber, r.rowNumber);
    }
    if (errors.length) throw new ImportRejected(errors);
    ctx.lookup ??= loadLookup(ctx);
    const { townships } = await ctx.lookup;
    const programme = ctx.programme;
    const transferOnly = !!rulesOf(programme).transferOnly;
    const rules = JSON.parse(programme.rules);
    const lifetimeIds = rules.oncePerLifetime
      ? await repo.programmeIdsInLifetimeGroup(trx, repo.lifetimeGroupOf(programme.code, programme.rules))
      : [];
    const at = ctx.clock.now().toISOString();
    let created = 0;
    let createdPersons = 0;
    let eligible = 0;
    // A chunk at a time: the registry, the checks, the verdicts and the inserts of 2,000 rows, so a 50,000-row
    // file never holds all its rows' records at once (the one transaction still makes it all or nothing).
    for (let c = 0; c < rows.length; c += 2000) {
      const chunk = rows.slice(c, c + 2000);
      // The person registry in bulk (same dedup and encryption as findOrCreatePerson).
      const bulk = await findOrCreatePersonsBulk(
        trx,
        { cipher: ctx.cipher, clock: ctx.clock, actor: ctx.actor, source: `relief.screening:${programme.code}` },
        chunk.map((r) => {
          const v = r.values;
          const town = townships.get(v.township)!;
          const id = checkResidentIdNumber(v.idNumber, ctx.today) as { ok: true; gender: 'female' | 'male'; birthDate: string };
          return {
            name: v.name,
            gender: id.gender,
            birthDate: id.birthDate,
            idNumber: v.idNumber,
            phone: v.phone,
            residenceOrgId: v.village ? town.villages.get(v.village)! : town.id,
            ownerOrgId: town.id,
            tags: v.tags ?? [],
            household: { members: v.householdMembers, annualIncomeFen: v.householdIncomeFen },
          };
        }),
      );
      createdPersons += bulk.created;
      const personIds = bulk.ids;
      const open = new Set<string>();
      for (let i = 0; i < personIds.length; i += 500)
        for (const o of await repo.openApplicationsOfPersons(trx, programme.id, personIds.slice(i, i + 500))) open.add(o.personId);
      chunk.forEach((r, i) => {
        if (open.has(personIds[i])) errors.push({ row: r.rowNumber, column: '身份证号', message: `${r.values.name}已在本项目中登记` });
      });
      // Once a row is refused nothing will be committed: keep checking, stop writing.
      if (errors.length) continue;
      const lifetime = new Map<string, number>();
      for (let i = 0; lifetimeIds.length && i < personIds.length; i += 500)
        for (const l of await repo.lifetimeApplicationsOfPersons(trx, lifetimeIds, personIds.slice(i, i + 500)))
          lifetime.set(l.personId, Number(l.n));
      const brief = new Map<string, { tags: string; householdId: string | null; birthDate: string | null; gender: string }>();
      for (let i = 0; i < personIds.length; i += 500)
        for (const b of await repo.personsBrief(trx, personIds.slice(i, i + 500))) brief.set(b.id, b);
      const apps: ReliefApplicationsTable[] = [];
      chunk.forEach((row, i) => {
        const personId = personIds[i];
        const v = row.values;
        const town = townships.get(v.township)!;
        const person = brief.get(personId)!;
        const tags = [...new Set([...(JSON.parse(person.tags) as string[]), ...(v.tags ?? [])])];
        const method: PaymentMethod = v.paymentMethod ?? (transferOnly ? 'bank_transfer' : 'cash');
        const verdict = evaluateEligibility(rules, {
          appliedOn: ctx.today,
          birthDate: person.birthDate,
          gender: person.gender === 'female' || person.gender === 'male' ? person.gender : null,
          householdIncomeFen: v.householdIncomeFen,
          householdMembers: v.householdMembers,
          tags,
          diagnosis: null,
          paymentMethod: method,
          hasBankCard: !!v.bankCard,
          priorLifetimeApplications: lifetime.get(personId) ?? 0,
        });
        if (verdict.eligible) eligible++;
        apps.push(
          newApplicationRow(ctx.cipher, {
            id: newId(),
            ownerOrgId: town.id,
            villageOrgId: v.village ? town.villages.get(v.village)! : null,
            programmeId: programme.id,
            personId,
            householdId: person.householdId,
            appliedOn: ctx.today,
            householdIncomeFen: v.householdIncomeFen,
            householdMembers: v.householdMembers,
            tags,
            diagnosis: null,
            paymentMethod: method,
            bankCard: v.bankCard,
            verdict,
            source: 'import',
            importBatch: ctx.batch,
            note: v.note,
            createdBy: ctx.actor.userId,
            at,
          }),
        );
      });
      await repo.insertApplicationsBulk(trx, apps);
      await repo.insertEventsBulk(
        trx,
        apps.map((a) => ({
          id: newId(),
          applicationId: a.id,
          action: 'submit',
          fromStatus: null,
          toStatus: 'submitted',
          reason: '摸底调查导入',
          actorId: ctx.actor.userId,
          at,
        })),
      );
      created += apps.length;
    }
    if (errors.length) throw new ImportRejected(errors);
    return { created, persons: createdPersons, eligible };
  },
};
