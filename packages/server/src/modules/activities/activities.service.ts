import { createActivitiesContext, type ActivitiesDeps } from './activities.context.js';
import { createCourseService } from './activities.courses.service.js';
import { createEventService } from './activities.events.service.js';
import { createPublicityService } from './activities.publicity.service.js';
import { createRosterService } from './activities.roster.service.js';
import { createTrainingService } from './activities.training.service.js';

export type ActivitiesService = ReturnType<typeof createActivitiesService>;

/** Events (with resource lines, rosters and photos), training (courses, sessions, trainees, outcomes), publicity. */
export function createActivitiesService(deps: ActivitiesDeps) {
  const ctx = createActivitiesContext(deps);
  return {
    ...createEventService(ctx),
    ...createRosterService(ctx),
    ...createCourseService(ctx),
    ...createTrainingService(ctx),
    ...createPublicityService(ctx),
  };
}
