import { createSponsorshipContext, type SponsorshipDeps } from './sponsorship.context.js';
import { createMeetingService } from './sponsorship.meetings.service.js';
import { createPairingService } from './sponsorship.pairings.service.js';
import { createPaymentService } from './sponsorship.payments.service.js';
import { createStudentService } from './sponsorship.students.service.js';

export type SponsorshipService = ReturnType<typeof createSponsorshipService>;

/** 春蕾计划: students, sponsors, pairings, terms paid through the ledger, meetings. */
export function createSponsorshipService(deps: SponsorshipDeps) {
  const ctx = createSponsorshipContext(deps);
  return {
    ...createStudentService(ctx),
    ...createPairingService(ctx),
    ...createPaymentService(ctx),
    ...createMeetingService(ctx),
  };
}
