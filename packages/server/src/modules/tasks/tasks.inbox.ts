import { daysBetween, permissionsOf } from '@jinguo/domain';
import { registerInboxProvider } from '../approvals/index.js';
import { listAnswersToDo } from './tasks.repository.js';

// 我的待办: the tasks her unit has still to answer (or to fix after a return). Only the units where she holds a role
// that answers tasks — a district officer's inbox does not fill with every township's pending answers.
registerInboxProvider({
  source: 'task',
  async list(db, { actor, today }) {
    const units = [...new Set(actor.grants.filter((g) => permissionsOf(g.role).includes('tasks.answer')).map((g) => g.orgUnitId))];
    const rows = await listAnswersToDo(db, units);
    return rows.map((r) => {
      const late = r.deadline < today ? daysBetween(r.deadline, today) : null;
      return {
        source: 'task' as const,
        id: r.id,
        title: `任务「${r.title}」`,
        link: `/tasks/${r.taskId}/answers/${r.id}`,
        kindLabel: '任务下发',
        unitName: r.unitName,
        since: r.createdAt,
        dueDate: r.deadline,
        daysOverdue: late,
        note: r.status === 'returned' ? `已退回：${r.returnReason ?? ''}` : late ? `已逾期${late}日` : `${r.deadline}前填报`,
      };
    });
  },
});
