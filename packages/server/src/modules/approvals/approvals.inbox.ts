import { APPROVAL_KIND_LABELS, approvalStepLabel, type InboxItem } from '@jinguo/domain';
import { can } from '../../platform/actor.js';
import { kindScopes, parseSteps, seatsOf } from './approvals.engine.js';
import { registerInboxProvider } from './approvals.kinds.js';
import * as repo from './approvals.repository.js';

function itemOf(r: repo.RequestRow, source: 'approval' | 'returned', note: string | null): InboxItem {
  return {
    source,
    id: r.id,
    title: r.title,
    link: `/approvals/${r.id}`,
    kindLabel: APPROVAL_KIND_LABELS[r.kind],
    unitName: r.ownerName,
    since: r.updatedAt,
    dueDate: null,
    daysOverdue: null,
    note,
  };
}

// The engine's own sources of 我的待办: requests at a step the caller decides (herself or as a deputy), and her
// requests sent back to fix. Registered once, when the service is loaded.

registerInboxProvider({
  source: 'approval',
  async list(db, { actor, today }) {
    if (!can(actor, 'approvals.read')) return [];
    const seats = await seatsOf(db, actor, today);
    const rows = await repo.listPendingAt(db, kindScopes(actor), seats);
    return rows
      .filter((r) => r.requestedBy !== actor.userId)
      .map((r): InboxItem => {
        const step = parseSteps(r.steps)[r.currentStep - 1]!;
        const deputy = seats.find((s) => s.orgUnitId === r.currentOrgId && s.role === r.currentRole && !s.onBehalfOf)
          ? null
          : seats.find((s) => s.orgUnitId === r.currentOrgId && s.role === r.currentRole)?.onBehalfOfName;
        return itemOf(
          r,
          'approval',
          `第${r.currentStep}步：${approvalStepLabel(step)}${deputy ? `（代理${deputy}）` : ''}；${r.requestedByName}提交：${r.summary}`,
        );
      });
  },
});

registerInboxProvider({
  source: 'returned',
  async list(db, { actor }) {
    if (!can(actor, 'approvals.read')) return [];
    const rows = await repo.listReturnedTo(db, actor.userId);
    return Promise.all(
      rows.map(async (r): Promise<InboxItem> => {
        const last = (await repo.listDecisions(db, r.id)).filter((d) => d.action === 'return').at(-1);
        return itemOf(r, 'returned', last ? `${last.byName}退回：${last.comment ?? ''}` : null);
      }),
    );
  },
});
