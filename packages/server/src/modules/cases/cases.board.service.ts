import type { FastifyReply } from 'fastify';
import {
  addDays,
  CASE_CHANNEL_LABELS,
  CASE_STATUS_LABELS,
  deadlineLabel,
  maskIdNumber,
  maskPhone,
  nextCaseDeadline,
  REFERRAL_STATUS_LABELS,
  RISK_LEVEL_LABELS,
  RISK_RANK,
  type CaseListQuery,
} from '@jinguo/domain';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { sendExport, type ExportSpec } from '../../platform/excel.js';
import { notify } from '../../platform/notifications.js';
import { daysOverdue, presentCaseListItem, presentReferral } from './cases.present.js';
import { listEncryptedContacts } from '../people/index.js';
import * as repo from './cases.repository.js';
import type { CasesContext } from './cases.context.js';

/** Reminders start this many days before a deadline. */
const REMIND_DAYS_AHEAD = 3;

/** What is late, the list as Excel, the holiday calendar and the daily reminders. */
export function createBoardService(ctx: CasesContext) {
  const { db, clock, cipher, today, nowIso, calendar, entitledAssignee, recipientsFor, buildFilter, forgetCalendar } = ctx;
  return {
    /** What is late: cases past their statutory deadline, referrals past due, follow-up visits not made. */
    async overdueBoard(actor: Actor) {
      const scope = requirePermission(actor, 'cases.read');
      const t = today();
      const lateCases = await repo.listCasesDueBefore(db, scope, t);
      const lateFollowUps = (await repo.listFollowUpsDueBefore(db, t)).filter((c) => pathInScope(scope, c.ownerPath));
      const ids = [...new Set([...lateCases.map((c) => c.id), ...lateFollowUps.map((c) => c.id)])];
      const byId = new Map<string, ReturnType<typeof presentCaseListItem>>();
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const page = await repo.listCasesByIds(db, chunk);
        for (const r of page) byId.set(r.id, presentCaseListItem(r, t));
      }
      const kindOf = (status: string) =>
        status === 'registered'
          ? 'accept'
          : status === 'review_requested'
            ? 'reviewDecide'
            : status === 'rereview_requested'
              ? 'rereviewDecide'
              : 'handle';
      const cases = lateCases
        .map((c) => ({
          ...byId.get(c.id)!,
          deadlineLabel: deadlineLabel(kindOf(c.status), c.extensionDays),
          daysOverdue: daysOverdue(c.nextDueDate!, t),
        }))
        .sort((a, b) => RISK_RANK[b.riskLevel ?? 'none'] - RISK_RANK[a.riskLevel ?? 'none'] || b.daysOverdue - a.daysOverdue);
      const followUps = lateFollowUps
        .map((c) => ({ ...byId.get(c.id)!, nextFollowUpDate: c.nextFollowUpDate!, daysOverdue: daysOverdue(c.nextFollowUpDate!, t) }))
        .sort((a, b) => RISK_RANK[b.riskLevel ?? 'none'] - RISK_RANK[a.riskLevel ?? 'none'] || b.daysOverdue - a.daysOverdue);
      const referrals = (await repo.listOverdueReferrals(db, scope, t)).map((r) => ({
        ...presentReferral(r, t),
        ownerName: r.ownerName,
        daysOverdue: daysOverdue(r.dueDate, t),
      }));
      return { cases, referrals, followUps };
    },

    /** The case list as Excel: the same filters and scope; ID number and phone masked unless the caller may reveal. */
    async exportList(actor: Actor, q: CaseListQuery, reply: FastifyReply) {
      const filter = await buildFilter(actor, q);
      const reveal = can(actor, 'people.reveal');
      const t = today();
      type Row = ReturnType<typeof presentCaseListItem> & {
        idNumber: string | null;
        phone: string | null;
        statusLabel: string;
        riskLabel: string;
        channelLabel: string;
      };
      async function* rows(): AsyncIterable<Row> {
        for (let offset = 0; ; offset += 1000) {
          const page = await repo.listCases(db, filter, { limit: 1000, offset, sort: q.sort });
          const persons = reveal && page.length ? await listEncryptedContacts(db, [...new Set(page.map((r) => r.applicantPersonId))]) : [];
          const byId = new Map(persons.map((p) => [p.id, p]));
          for (const r of page) {
            const item = presentCaseListItem(r, t);
            const p = byId.get(r.applicantPersonId);
            yield {
              ...item,
              idNumber: p?.idNumberEnc ? cipher.decrypt(p.idNumberEnc) : r.applicantIdNumberMasked,
              phone: p?.phoneEnc ? cipher.decrypt(p.phoneEnc) : item.applicantPhoneMasked,
              statusLabel: CASE_STATUS_LABELS[item.status],
              riskLabel: item.riskLevel ? RISK_LEVEL_LABELS[item.riskLevel] : '',
              channelLabel: CASE_CHANNEL_LABELS[item.channel],
            };
          }
          if (page.length < 1000) return;
        }
      }
      const spec: ExportSpec<Row> = {
        kind: 'cases.list',
        title: '信访事项列表',
        entityType: 'case',
        revealPermission: 'people.reveal',
        columns: [
          { key: 'caseNo', header: '编号', width: 12 },
          { key: 'receivedDate', header: '收到日期', format: 'date' },
          { key: 'channelLabel', header: '渠道' },
          { key: 'categoryLabel', header: '类别', width: 16 },
          { key: 'applicantName', header: '申请人' },
          { key: 'idNumber', header: '身份证号', width: 22, mask: maskIdNumber },
          { key: 'phone', header: '联系电话', width: 16, mask: maskPhone },
          { key: 'summary', header: '诉求摘要', width: 40 },
          { key: 'statusLabel', header: '状态' },
          { key: 'riskLabel', header: '风险等级' },
          { key: 'ownerName', header: '承办单位', width: 16 },
          { key: 'assigneeName', header: '承办人' },
          { key: 'nextDueDate', header: '当前期限', format: 'date' },
        ],
      };
      return sendExport(reply, { db, clock }, { actor, spec, rows: rows(), filters: { ...q, page: undefined, pageSize: undefined } });
    },

    async listHolidays(actor: Actor, year?: number) {
      if (!can(actor, 'cases.read') && !can(actor, 'settings.manage')) throw new ForbiddenError();
      return repo.listHolidays(db, year ? `${year}-01-01` : undefined, year ? `${year}-12-31` : undefined);
    },

    /** Edits the holiday calendar; open cases' stored deadlines are recomputed in the same transaction. */
    async setHoliday(actor: Actor, date: string, row: { kind: 'holiday' | 'workday'; name: string } | null) {
      requirePermission(actor, 'settings.manage');
      let recomputed = 0;
      await db.transaction().execute(async (trx) => {
        if (row) await repo.upsertHoliday(trx, { date, ...row });
        else {
          const r = await repo.deleteHoliday(trx, date);
          if (Number(r.numDeletedRows) === 0) throw new NotFoundError('节假日');
        }
        const cal = await calendar(trx);
        for (const c of await repo.listOpenCaseDates(trx)) {
          const due = nextCaseDeadline(c, cal)?.due ?? null;
          if (due !== c.nextDueDate) {
            await repo.updateCase(trx, c.id, { nextDueDate: due });
            recomputed++;
          }
        }
        await appendAudit(trx, clock, auditActor(actor), {
          action: row ? 'update' : 'delete',
          entityType: 'holiday',
          entityId: date,
          detail: { date, ...(row ?? {}), deadlinesRecomputed: recomputed },
        });
      });
      forgetCalendar();
      return { recomputed };
    },

    /**
     * The daily job: in-app reminders to the assignee and their leaders for deadlines within 3 days or
     * missed, follow-up visits due, and escalation of overdue referrals to the federation. Idempotent per day.
     */
    async runDaily(): Promise<{ reminders: number; escalated: number }> {
      const t = today();
      const soon = addDays(t, REMIND_DAYS_AHEAD + 1);
      let reminders = 0;
      let escalated = 0;
      const system = { actorId: null, actorName: 'system', ip: null };
      await db.transaction().execute(async (trx) => {
        for (const c of await repo.listCasesDueBefore(trx, null, soon)) {
          const late = c.nextDueDate! < t;
          const title = late ? `已超期：${c.caseNo}（期限${c.nextDueDate}）` : `临近期限：${c.caseNo}（${c.nextDueDate}前）`;
          for (const userId of await recipientsFor(trx, c)) {
            if (
              await notify(trx, clock, {
                userId,
                title,
                body: `状态：${CASE_STATUS_LABELS[c.status]}`,
                link: `/cases/${c.id}`,
                dedupKey: `case-due:${c.id}:${c.nextDueDate}:${late ? 'late' : 'soon'}:${userId}`,
              })
            )
              reminders++;
          }
        }
        for (const c of await repo.listFollowUpsDueBefore(trx, addDays(t, 1))) {
          const assignee = await entitledAssignee(trx, c);
          const userIds = assignee ? [assignee] : await recipientsFor(trx, c);
          for (const userId of userIds) {
            if (
              await notify(trx, clock, {
                userId,
                title: `回访到期：${c.caseNo}（${c.nextFollowUpDate}）`,
                body: c.priority >= 3 ? '高风险家庭，请按期入户回访' : null,
                link: `/cases/${c.id}`,
                dedupKey: `case-follow:${c.id}:${c.nextFollowUpDate}:${userId}`,
              })
            )
              reminders++;
          }
        }
        for (const r of await repo.listOverdueReferrals(trx, null, t)) {
          const c = await repo.findCase(trx, r.caseId);
          for (const userId of await recipientsFor(trx, { assigneeUserId: c?.assigneeUserId ?? null, ownerPath: r.ownerPath })) {
            if (
              await notify(trx, clock, {
                userId,
                title: `转介超期未办结：${r.caseNo} ${r.agencyName}`,
                body: `答复期限${r.dueDate}，状态：${REFERRAL_STATUS_LABELS[r.status]}`,
                link: `/cases/${r.caseId}`,
                dedupKey: `referral-late:${r.id}:${userId}`,
              })
            )
              reminders++;
          }
          if (!r.escalatedAt) {
            await repo.updateReferral(trx, r.id, { escalatedAt: nowIso() });
            await appendAudit(trx, clock, system, {
              action: 'referral.escalate',
              entityType: 'case_referral',
              entityId: r.id,
              orgUnitId: r.ownerOrgId,
              detail: { caseNo: r.caseNo, agency: r.agencyName, dueDate: r.dueDate },
            });
            escalated++;
          }
        }
      });
      return { reminders, escalated };
    },
  };
}
