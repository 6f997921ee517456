import type { JinguoModule } from '../module.js';
import { createNoticesService } from './notices.service.js';
import { registerTasksRoutes } from './tasks.routes.js';
import { createTasksService } from './tasks.service.js';
// 我的待办: the tasks a unit has to answer (registered with the approvals module's inbox).
import './tasks.inbox.js';

/**
 * 任务下发 and 通知公告: work sent down the tree. Notices live here rather than in a module of their own: they share
 * the choice of target units, the attachments and the permissions with tasks, and are two small files.
 */
export const tasksModule: JinguoModule = {
  name: 'tasks',
  routes(app, deps) {
    registerTasksRoutes(app, { tasks: createTasksService(deps), notices: createNoticesService(deps) });
  },
  daily: (deps) => createTasksService(deps).runDaily(),
  commands: [
    {
      name: 'tasks remind',
      usage: "tasks remind                  send today's task deadline reminders (what `serve` runs daily)",
      async run(_argv, rt) {
        const result = await createTasksService(rt.deps).runDaily();
        console.log(`task reminders sent: ${result.reminders}; late notices: ${result.late}`);
        return 0;
      },
    },
  ],
};

export { createTasksService } from './tasks.service.js';
