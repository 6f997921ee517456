import { createHash } from 'node:crypto';
import ExcelJS from '../../platform/exceljs.js';
import {
  APPLICATION_STATUS_LABELS,
  formatChineseDate,
  formatFen,
  incomePerHeadFen,
  REPORT_LEVEL_LABELS,
  REPORT_UP_COLUMNS,
  type ReportLevel,
} from '@jinguo/domain';
import { auditActor, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ConflictError, fieldError, NotFoundError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as repo from './relief.repository.js';
import type { ReliefContext } from './relief.context.js';
import { parseTags, refuseTransition } from './relief.present.js';

/** Reporting approved candidates up to the city or province federation, and the files reported. */
export function createReportingService(ctx: ReliefContext) {
  const { db, dialect, clock, cipher, today, programmeFor, event } = ctx;
  return {
    // ---------- reporting up ----------

    /**
     * Reports approved candidates to the city or province federation: the fixed-layout workbook (full ID numbers,
     * as the receiving federation must check them; an audited export) is generated, kept with a submission record,
     * and the candidates move to "reported". Returns the submission.
     */
    async reportUp(
      actor: Actor,
      input: { programmeId: string; level: ReportLevel; applicationIds: string[]; submittedOn: string; note?: string | null },
    ) {
      const scope = requirePermission(actor, 'relief.approve');
      const programme = await programmeFor(scope, input.programmeId);
      const levels = JSON.parse(programme.reportTo) as ReportLevel[];
      if (!levels.includes(input.level)) throw fieldError('level', `本项目不向${REPORT_LEVEL_LABELS[input.level]}上报`);
      if (input.submittedOn > today()) throw fieldError('submittedOn', '上报日期不能晚于今天');
      const ids = [...new Set(input.applicationIds)];
      const rows = await repo.applicationsForReport(db, ids);
      const problems: string[] = [];
      if (rows.length !== ids.length) throw fieldError('applicationIds', '所选申请不存在或无权访问');
      for (const r of rows) {
        if (!pathInScope(scope, r.ownerPath) || r.programmeId !== programme.id)
          throw fieldError('applicationIds', '所选申请不存在或无权访问');
        if (r.status !== 'approved' && r.status !== 'reported') problems.push(`${r.name}（${APPLICATION_STATUS_LABELS[r.status]}）`);
      }
      if (problems.length)
        throw new ConflictError(
          `只能上报已批准的对象：${problems.slice(0, 10).join('、')}${problems.length > 10 ? ` 等 ${problems.length} 人` : ''}`,
        );
      const already = (await repo.reportedLevels(db, ids)).filter((l) => l.level === input.level);
      if (already.length) {
        const names = rows.filter((r) => already.some((x) => x.applicationId === r.id)).map((r) => r.name);
        throw new ConflictError(`以下对象已上报${REPORT_LEVEL_LABELS[input.level]}：${names.slice(0, 10).join('、')}`);
      }
      const file = await buildReportWorkbook(
        programme.name,
        input.level,
        input.submittedOn,
        rows.map((r) => ({ ...r, idNumber: r.idNumberEnc ? cipher.decrypt(r.idNumberEnc) : '' })),
      );
      const sha = createHash('sha256').update(file).digest('hex');
      const id = newId();
      const at = clock.now().toISOString();
      const ownerOrgId = programme.ownerOrgId;
      const fileName = `${programme.year}年${programme.name}对象名单（上报${REPORT_LEVEL_LABELS[input.level]}）_${input.submittedOn}.xlsx`;
      await db.transaction().execute(async (trx) => {
        // Locked in id order, so two overlapping reports never wait on each other in a cycle.
        for (const r of [...rows].sort((x, y) => x.id.localeCompare(y.id))) {
          const locked = (await repo.lockApplication(trx, r.id, dialect === 'postgres'))!;
          if (locked.status !== 'approved' && locked.status !== 'reported') refuseTransition(locked.status, 'report');
        }
        await repo.insertSubmission(
          trx,
          {
            id,
            ownerOrgId,
            programmeId: programme.id,
            level: input.level,
            submittedOn: input.submittedOn,
            itemCount: rows.length,
            fileName,
            fileSha256: sha,
            fileContent: file,
            note: input.note ?? null,
            createdBy: actor.userId,
            createdAt: at,
          },
          rows.map((r) => ({
            submissionId: id,
            applicationId: r.id,
            level: input.level,
            householdIncomeFen: Number(r.householdIncomeFen),
            householdMembers: Number(r.householdMembers),
          })),
        );
        for (const r of rows) {
          if (r.status === 'approved')
            await repo.updateApplication(trx, r.id, { status: 'reported', reportedOn: input.submittedOn, updatedAt: at });
          await event(trx, r.id, 'report', r.status, 'reported', actor, `上报${REPORT_LEVEL_LABELS[input.level]}`);
        }
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'export',
          entityType: 'relief_submission',
          entityId: id,
          orgUnitId: ownerOrgId,
          detail: {
            kind: 'relief.reportUp',
            programmeId: programme.id,
            level: input.level,
            rows: rows.length,
            revealed: true,
            sha256: sha,
          },
        });
      });
      return (await repo.listSubmissions(db, scope, programme.id)).find((s) => s.id === id)!;
    },

    async listSubmissions(actor: Actor, programmeId?: string) {
      const scope = requirePermission(actor, 'relief.read');
      return repo.listSubmissions(db, scope, programmeId);
    },

    /** The reported workbook exactly as generated (holds full ID numbers: relief.approve only, audited). */
    async submissionFile(actor: Actor, id: string) {
      const scope = requirePermission(actor, 'relief.approve');
      const s = await repo.findSubmission(db, id);
      if (!s || !pathInScope(scope, s.ownerPath) || !s.fileContent) throw new NotFoundError('上报记录');
      await db.transaction().execute((trx) =>
        appendAudit(trx, clock, auditActor(actor), {
          action: 'export',
          entityType: 'relief_submission',
          entityId: id,
          orgUnitId: s.ownerOrgId,
          detail: { kind: 'relief.reportUp.download', rows: s.itemCount, revealed: true },
        }),
      );
      return { fileName: s.fileName, content: Buffer.from(s.fileContent) };
    },
  };
}

/** The fixed layout sent to the city or province: title, the columns of REPORT_UP_COLUMNS, a total line. */
async function buildReportWorkbook(
  programmeName: string,
  level: ReportLevel,
  date: string,
  rows: {
    townshipName: string;
    villageName: string | null;
    name: string;
    idNumber: string;
    householdMembers: number;
    householdIncomeFen: number;
    tags: string;
    phoneMasked: string | null;
  }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jinguo 巾帼';
  const ws = wb.addWorksheet('上报名单', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.mergeCells(1, 1, 1, REPORT_UP_COLUMNS.length);
  ws.getCell(1, 1).value = `${programmeName}对象名单`;
  ws.getCell(1, 1).font = { size: 16, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, REPORT_UP_COLUMNS.length);
  ws.getCell(2, 1).value = `报送：${REPORT_LEVEL_LABELS[level]}　　报送日期：${formatChineseDate(date)}　　共 ${rows.length} 人`;
  const header = ws.getRow(3);
  REPORT_UP_COLUMNS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  const widths = [6, 14, 12, 10, 22, 10, 16, 18, 20, 14];
  for (const [i, w] of widths.entries()) ws.getColumn(i + 1).width = w;
  let income = 0;
  let members = 0;
  rows.forEach((r, i) => {
    const m = Number(r.householdMembers);
    const inc = Number(r.householdIncomeFen);
    income += inc;
    members += m;
    const row = ws.addRow([
      i + 1,
      r.townshipName,
      r.villageName ?? '',
      r.name,
      r.idNumber,
      m,
      Number(formatFen(inc).replace(/,/g, '')),
      Number(formatFen(incomePerHeadFen(inc, m)).replace(/,/g, '')),
      parseTags(r.tags).join('、'),
      r.phoneMasked ?? '',
    ]);
    row.getCell(5).numFmt = '@';
    row.getCell(7).numFmt = '#,##0.00';
    row.getCell(8).numFmt = '#,##0.00';
  });
  const total = ws.addRow([
    '合计',
    '',
    '',
    `${rows.length}人`,
    '',
    members,
    Number(formatFen(income).replace(/,/g, '')),
    members ? Number(formatFen(Math.round(income / members)).replace(/,/g, '')) : 0,
    '',
    '',
  ]);
  total.font = { bold: true };
  total.getCell(7).numFmt = '#,##0.00';
  total.getCell(8).numFmt = '#,##0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
