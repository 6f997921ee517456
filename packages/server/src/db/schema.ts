import type { PlatformTables } from '../platform/platform.tables.js';
import type { OrgTables } from '../modules/org/org.tables.js';

/** The whole database as Kysely sees it: each module declares its own tables in <module>.tables.ts. */
export type Database = PlatformTables & OrgTables;
