import { createAgencyService } from './cases.agency.service.js';
import { createBoardService } from './cases.board.service.js';
import { createConsentService } from './cases.consent.service.js';
import { createCasesContext, type CasesDeps } from './cases.context.js';
import { createHandlingService } from './cases.handling.service.js';
import { createHandoverService } from './cases.handovers.service.js';
import { createReferralService } from './cases.referrals.service.js';
import { createRegistrationService } from './cases.registration.service.js';

export { hashLinkToken } from './cases.context.js';

export type CasesService = ReturnType<typeof createCasesService>;

/** The cases service: its parts share one context (loading in scope, deadlines, events, the detail view). */
export function createCasesService(deps: CasesDeps) {
  const ctx = createCasesContext(deps);
  return {
    calendar: ctx.calendar,
    ...createRegistrationService(ctx),
    ...createHandlingService(ctx),
    ...createHandoverService(ctx),
    ...createConsentService(ctx),
    ...createReferralService(ctx),
    ...createAgencyService(ctx),
    ...createBoardService(ctx),
  };
}
