import type { Executor } from '../../db/database.js';
import type { Scope } from '../../platform/actor.js';

/**
 * The programmes money may be earmarked for (donations, accounts, payments carry a programme code). The ledger checks
 * codes against a catalogue it is given — relief's, wired in modules/index.ts — so it needs to know nothing of relief:
 * relief pays through the ledger's front door, and the ledger never imports relief (no cycle).
 */
export type ProgrammeCatalogue = {
  /** The programme with this code that serves the unit (its own or one above it), or undefined. */
  findFor(db: Executor, code: string, unitPath: string): Promise<{ name: string; transferOnly: boolean } | undefined>;
  /** Programme names by code as the scope sees its programmes (for receipts and the fund summary). */
  namesByCode(db: Executor, scope: Scope): Promise<Map<string, string>>;
};
