// The answers and values the role × route matrix's tables share (test code only). A module of its own, so that a
// module's table (role-matrix.table.modules-*.ts), which role-matrix.table.ts imports, can use them while
// role-matrix.table.ts is still loading.
import type { Want } from './role-matrix.table.js';

/** Refused on its content after authorisation and scope: a bad value (400) or a wrong state (409). */
export const REFUSED = [400, 409] as const;
export const FUTURE = '2099-01-01';
export const UNKNOWN_ID = '01900000-0000-7000-8000-00000000abcd';
export const PAST = '2026-11-01';
export const bad = (field: string): Want => ({ status: 400, field });
export const notFound = (message: RegExp): Want => ({ status: 404, message });
