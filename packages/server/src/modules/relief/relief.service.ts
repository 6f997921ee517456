import { createApplicationService } from './relief.applications.service.js';
import { createReliefContext, type ReliefDeps } from './relief.context.js';
import { createDecisionService } from './relief.decisions.service.js';
import { createReliefExcelService } from './relief.excel.service.js';
import { createProgrammeService } from './relief.programmes.service.js';
import { createReportingService } from './relief.reporting.service.js';

export type ReliefService = ReturnType<typeof createReliefService>;

/** The relief service: its parts share one context (loading in scope, verdicts, the detail view). */
export function createReliefService(deps: ReliefDeps) {
  const ctx = createReliefContext(deps);
  return {
    ...createProgrammeService(ctx),
    ...createApplicationService(ctx),
    ...createDecisionService(ctx),
    ...createReportingService(ctx),
    ...createReliefExcelService(ctx),
  };
}
