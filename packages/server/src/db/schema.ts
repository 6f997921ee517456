import type { PlatformTables } from '../platform/platform.tables.js';
import type { OrgTables } from '../modules/org/org.tables.js';
import type { PeopleTables } from '../modules/people/people.tables.js';
import type { CasesTables } from '../modules/cases/cases.tables.js';
import type { ReliefTables } from '../modules/relief/relief.tables.js';
import type { SponsorshipTables } from '../modules/sponsorship/sponsorship.tables.js';
import type { FundsTables } from '../modules/funds/funds.tables.js';
import type { ActivitiesTables } from '../modules/activities/activities.tables.js';
import type { HonoursTables } from '../modules/honours/honours.tables.js';
import type { CadresTables } from '../modules/cadres/cadres.tables.js';
import type { AssociationsTables } from '../modules/associations/associations.tables.js';
import type { IndicatorsTables } from '../modules/indicators/indicators.tables.js';
import type { ReportsTables } from '../modules/reports/reports.tables.js';
import type { PlacementTables } from '../modules/placement/placement.tables.js';
import type { StaffdevTables } from '../modules/staffdev/staffdev.tables.js';
import type { ParentSchoolsTables } from '../modules/parentschools/parentschools.tables.js';
import type { BudgetTables } from '../modules/budget/budget.tables.js';
import type { ChildrenTables } from '../modules/children/children.tables.js';
import type { ApprovalsTables } from '../modules/approvals/approvals.tables.js';
import type { TasksTables } from '../modules/tasks/tasks.tables.js';

/** The whole database as Kysely sees it: each module declares its own tables in <module>.tables.ts. */
export type Database = PlatformTables &
  OrgTables &
  PeopleTables &
  CasesTables &
  ReliefTables &
  SponsorshipTables &
  FundsTables &
  ActivitiesTables &
  HonoursTables &
  CadresTables &
  AssociationsTables &
  IndicatorsTables &
  ReportsTables &
  PlacementTables &
  StaffdevTables &
  ParentSchoolsTables &
  BudgetTables &
  ChildrenTables &
  ApprovalsTables &
  TasksTables;
