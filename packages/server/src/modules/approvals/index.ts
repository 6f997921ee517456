import type { JinguoModule } from '../module.js';
import { registerApprovalsRoutes } from './approvals.routes.js';
import { createApprovalsService } from './approvals.service.js';

/** The approval engine (审批) and 我的待办: one request per subject, ordered steps, every decision kept. */
export const approvalsModule: JinguoModule = {
  name: 'approvals',
  routes(app, deps) {
    registerApprovalsRoutes(app, { approvals: createApprovalsService(deps) });
  },
};

// The front door: a module opens requests inside its own transaction, reacts to the outcome through the one hook it
// registers per kind, and adds its sources to 我的待办.
export { createRequestInTransaction, type NewRequest } from './approvals.engine.js';
export {
  registerApprovalKind,
  registerInboxProvider,
  type ApprovalKindDef,
  type ApprovalOutcome,
  type ApprovalSubject,
  type InboxProvider,
} from './approvals.kinds.js';
