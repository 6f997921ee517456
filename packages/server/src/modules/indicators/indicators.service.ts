import { createCatalogueService } from './indicators.catalogue.service.js';
import { createIndicatorsContext } from './indicators.context.js';
import { createEntryService } from './indicators.entry.service.js';
import { createEvaluationService } from './indicators.evaluation.service.js';
import { createReviewService } from './indicators.review.service.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../platform/clock.js';

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;

/**
 * The 两纲 catalogue, the values member units report (draft → submitted → approved | returned; reopen), their
 * review, and the evaluation against the targets with the roll-up from townships.
 */
export function createIndicatorsService(deps: { db: Db; clock: Clock }) {
  const ctx = createIndicatorsContext(deps);
  return {
    listRegions: ctx.listRegions,
    ...createCatalogueService(ctx),
    ...createEntryService(ctx),
    ...createReviewService(ctx),
    ...createEvaluationService(ctx),
    /** For the Excel module: the caller's submit scope and the regions they see. */
    submitScopeOf: ctx.submitScopeOf,
    loadRegion: ctx.loadRegion,
    ensureRegionVisible: ctx.ensureRegionVisible,
  };
}
