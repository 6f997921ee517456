import { createNoticeSchema, permissionsOf, type CreateNotice, type NoticeDetail, type TaskListQuery } from '@jinguo/domain';
import { auditActor, can, pathInScope, requirePermission, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { fieldError, ForbiddenError, NotFoundError } from '../../platform/errors.js';
import type { UploadSource } from '../../platform/excel.js';
import { newId } from '../../platform/ids.js';
import { notify } from '../../platform/notifications.js';
import { validate } from '../../platform/validate.js';
import type { TasksDeps } from './tasks.context.js';
import { listAttachments, openAttachment, storeAttachment } from './tasks.files.js';
import * as repo from './tasks.repository.js';
import { resolveTargets } from './tasks.service.js';

export type NoticesService = ReturnType<typeof createNoticesService>;

/**
 * The receipts a reader signs: those of the units where she holds a role herself. A district officer who opens a
 * notice sent to the district and its townships signs for the district, not for the townships below it.
 */
function ownReceipts<R extends { orgUnitId: string }>(actor: Actor, receipts: R[]): R[] {
  const units = new Set(actor.grants.filter((g) => permissionsOf(g.role).includes('tasks.read')).map((g) => g.orgUnitId));
  return receipts.filter((r) => units.has(r.orgUnitId));
}

/** 通知公告: announcements sent down the tree with attachments, a read receipt per unit, the units that have not read. */
export function createNoticesService(deps: TasksDeps) {
  const { db, clock } = deps;

  /** The sender's units see every receipt; a recipient sees the notice and only its own units' receipts. */
  async function loadNotice(actor: Actor, id: string) {
    const scope = requirePermission(actor, 'tasks.read');
    const notice = await repo.findNotice(db, id);
    if (!notice) throw new NotFoundError('通知公告');
    const senderView = pathInScope(scope, notice.ownerOrgPath);
    const receipts = await repo.listReceipts(db, id, senderView ? null : scope);
    if (!senderView && receipts.length === 0) throw new NotFoundError('通知公告');
    return { notice, scope, senderView, receipts };
  }

  async function detail(actor: Actor, id: string): Promise<NoticeDetail> {
    const { notice, senderView, receipts } = await loadNotice(actor, id);
    const writeScope = can(actor, 'tasks.write') ? requirePermission(actor, 'tasks.write') : null;
    return {
      id: notice.id,
      title: notice.title,
      body: notice.body,
      ownerOrgId: notice.ownerOrgId,
      ownerOrgName: notice.ownerOrgName,
      createdAt: notice.createdAt,
      files: await listAttachments(db, id),
      recipients: receipts.map((r) => ({ orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName, readAt: r.readAt, readByName: r.readByName })),
      unread: receipts.filter((r) => !r.readAt).map((r) => ({ orgUnitId: r.orgUnitId, orgUnitName: r.orgUnitName })),
      can: {
        manage: !!writeScope && pathInScope(writeScope, notice.ownerOrgPath),
        markRead: !senderView && ownReceipts(actor, receipts).some((r) => !r.readAt),
      },
    };
  }

  return {
    getNotice: detail,

    async listNotices(actor: Actor, q: TaskListQuery) {
      const scope = requirePermission(actor, 'tasks.read');
      const page = { page: q.page, pageSize: q.pageSize };
      const { items, total } =
        q.box === 'sent' ? await repo.listSentNotices(db, scope, page) : await repo.listReceivedNotices(db, scope, page);
      return {
        items: items.map((n) => ({
          id: n.id,
          title: n.title,
          ownerOrgName: n.ownerOrgName,
          createdAt: n.createdAt,
          recipients: Number(n.recipients ?? 0),
          read: Number(n.read ?? 0),
          readByMe: q.box === 'sent' ? null : Number(n.read ?? 0) === Number(n.recipients ?? 0),
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },

    /** Sends a notice down: a receipt row per recipient unit and an in-app notice to its people, one transaction. */
    async createNotice(actor: Actor, body: CreateNotice) {
      const scope = requirePermission(actor, 'tasks.write');
      const v = validate(createNoticeSchema, body);
      const owner = await repo.findUnitWithPath(db, v.ownerOrgId);
      if (!owner || !pathInScope(scope, owner.path)) throw fieldError('ownerOrgId', '发出单位不存在或不在您的工作范围内');
      const units = await resolveTargets(db, owner, v.targets);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertNotice(trx, {
          id,
          ownerOrgId: owner.id,
          title: v.title,
          body: v.body,
          createdBy: actor.userId,
          createdAt: clock.now().toISOString(),
        });
        await repo.insertReceipts(
          trx,
          units.map((u) => ({ id: newId(), noticeId: id, orgUnitId: u.id, readAt: null, readBy: null })),
        );
        for (const u of await repo.listResponsibleUsers(
          trx,
          units.map((x) => x.id),
          'tasks.read',
        ))
          await notify(trx, clock, {
            userId: u.userId,
            title: `通知公告：${v.title}`,
            body: `${owner.name}发布`,
            link: `/notices/${id}`,
            dedupKey: `notice:${id}:${u.userId}`,
          });
        await appendAudit(trx, clock, auditActor(actor), {
          action: 'notice.create',
          entityType: 'notice',
          entityId: id,
          orgUnitId: owner.id,
          detail: { title: v.title, recipients: units.length },
        });
      });
      return detail(actor, id);
    },

    /** The read receipt: the caller's recipient units (not yet read) are marked read by her, now. */
    async markRead(actor: Actor, id: string) {
      const { notice, senderView, receipts } = await loadNotice(actor, id);
      if (senderView) throw new ForbiddenError('发出单位不需要签收本单位的通知公告');
      const open = ownReceipts(actor, receipts)
        .filter((r) => !r.readAt)
        .map((r) => r.id);
      if (open.length)
        await db.transaction().execute(async (trx) => {
          const n = await repo.markReceiptsRead(trx, open, actor.userId, clock.now().toISOString());
          await appendAudit(trx, clock, auditActor(actor), {
            action: 'notice.read',
            entityType: 'notice',
            entityId: id,
            orgUnitId: notice.ownerOrgId,
            detail: { units: n },
          });
        });
      return detail(actor, id);
    },

    async addAttachment(actor: Actor, id: string, source: UploadSource) {
      const scope = requirePermission(actor, 'tasks.write');
      const { notice } = await loadNotice(actor, id);
      if (!pathInScope(scope, notice.ownerOrgPath)) throw new ForbiddenError('只有发出通知的单位可以添加附件');
      await storeAttachment(deps, actor, { type: 'notice', id, ownerOrgId: notice.ownerOrgId }, source);
      return detail(actor, id);
    },
    async openAttachment(actor: Actor, id: string, fileId: string) {
      await loadNotice(actor, id);
      return openAttachment(deps, id, fileId);
    },
  };
}
