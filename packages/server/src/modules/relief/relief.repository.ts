// Relief's queries (the only Kysely for its tables), one file per concern; callers import them all from here.
export * from './relief.programmes.repository.js';
export * from './relief.applications.repository.js';
export * from './relief.submissions.repository.js';
export * from './relief.facts.repository.js';
